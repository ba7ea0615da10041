//! Nothing a writer types, and no output path, can harm the output or the machine: outputs are
//! refused where they would overwrite an input or something that is not a regular file; only
//! web links reach a PDF; symbols print with the fallback fonts; the smaller promises of issue 15.

mod common;

use common::*;
use std::path::Path;
use std::process::Command;

fn mini(dir: &Path) -> std::path::PathBuf {
    let ed = dir.join("mini");
    copy_dir(&root().join("tests/fixtures/mini"), &ed);
    ed
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

#[test]
fn an_output_onto_an_input_file_a_directory_or_a_pipe_is_refused_and_nothing_changes() {
    let dir = scratch("safety-outputs");
    let ed = mini(&dir);
    let yaml = std::fs::read(ed.join("edition.yaml")).unwrap();
    for (args, what) in [
        (
            vec!["build", "mini", "-o", "mini/edition.yaml"],
            "inside the edition directory",
        ),
        (
            vec!["export", "mini", "-o", "mini/indicators/leesplan.yaml"],
            "inside the edition directory",
        ),
        (vec!["build", "mini", "-o", "mini"], "is a directory"),
        // `watch` refuses before it starts watching (else this test would never end).
        (
            vec!["watch", "mini", "-o", "mini/uit.pdf"],
            "inside the edition directory",
        ),
        (
            vec!["build", "mini", "--emit-typst", "mini/typst"],
            "inside the edition directory",
        ),
        (
            vec!["build", "mini", "--emit-typst", "mini/edition.yaml"],
            "is not a directory",
        ),
    ] {
        let o = kamerbrief(&args, &dir);
        assert_eq!(o.status.code(), Some(3), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(what), "{args:?}: {}", stderr(&o));
    }
    assert_eq!(std::fs::read(ed.join("edition.yaml")).unwrap(), yaml);
    assert!(ed.join("indicators/leesplan.yaml").is_file());
    assert!(!ed.join("typst").exists() && !ed.join("uit.pdf").exists());
    // A named pipe stays a pipe (a device such as /dev/null is refused the same way; see the
    // unit tests of src/output.rs, which do not write to it).
    let fifo = dir.join("pijp.pdf");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let o = kamerbrief(&["build", "mini", "-o", "pijp.pdf"], &dir);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a regular file"), "{}", stderr(&o));
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
}

#[test]
fn a_long_output_name_is_written() {
    let dir = scratch("safety-long-name");
    mini(&dir);
    let name = format!("{}.pdf", "a".repeat(246)); // 250 bytes
    let o = kamerbrief(&["build", "mini", "-o", &name], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dir.join(&name).is_file());
}

#[test]
fn a_bad_source_date_epoch_is_an_error_that_names_it() {
    let dir = scratch("safety-epoch");
    mini(&dir);
    for value in ["gisteren", "-5", "99999999999999"] {
        let o = Command::new(env!("CARGO_BIN_EXE_kamerbrief"))
            .args(["build", "mini", "-o", "x.pdf"])
            .current_dir(&dir)
            .env("SOURCE_DATE_EPOCH", value)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(3), "{value}");
        let err = stderr(&o);
        assert!(err.contains("SOURCE_DATE_EPOCH is"), "{value}: {err}");
        assert!(!dir.join("x.pdf").exists());
    }
}

#[test]
fn symbols_print_with_the_fallback_fonts_comments_do_not_and_braces_can_be_literal() {
    let dir = scratch("safety-symbols");
    let ed = mini(&dir);
    write(
        &ed.join("indicators/scholing.md"),
        "## Doelstelling\n\nMinstens ≥ 80 procent → ✓. <!-- TODO cijfer checken -->\n\n\
         ## Welke acties worden ondernomen?\n\nZie de acties bij indicator 1.\n",
    );
    let md = ed.join("indicators/leesplan.md");
    let text = std::fs::read_to_string(&md).unwrap().replace(
        "Tekens blijven tekst:",
        "Een accolade: {{waarde} blijft tekst. Tekens blijven tekst:",
    );
    write(&md, &text);
    let o = kamerbrief(&["build", "mini", "-o", "x.pdf"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = dir.join("x.pdf");
    let text = pdf_text(&pdf);
    assert!(text.contains("Minstens ≥ 80 procent → ✓."), "{text}");
    assert!(
        text.contains("Een accolade: {waarde} blijft tekst."),
        "{text}"
    );
    assert!(!text.contains("TODO"), "{text}");
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    assert!(fonts.contains("NotoSansMath"), "{fonts}");
    assert!(fonts.contains("NotoSansSymbols2"), "{fonts}");
}

#[test]
fn no_script_link_reaches_a_pdf_not_even_from_a_chart_title() {
    let dir = scratch("safety-links");
    let ed = mini(&dir);
    let yaml = ed.join("indicators/ict-gebruik.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap().replace(
        "title: Basis- en didactische vaardigheden",
        "title: \"Basis- en [didactische](JavaScript:alert(1)) vaardigheden\"",
    );
    write(&yaml, &text);
    let o = kamerbrief(&["build", "mini", "-o", "x.pdf"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let plain = dir.join("plain.pdf");
    tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            dir.join("x.pdf").to_str().unwrap(),
            plain.to_str().unwrap(),
        ],
    );
    let bytes = String::from_utf8_lossy(&std::fs::read(&plain).unwrap()).to_lowercase();
    assert!(
        !bytes.contains("javascript"),
        "a script link reached the PDF"
    );
    assert!(pdf_text(&dir.join("x.pdf")).contains("Basis- en didactische vaardigheden"));
    // In narrative the same link is a located error, and nothing is built.
    let md = ed.join("indicators/scholing.md");
    let text = std::fs::read_to_string(&md).unwrap().replace(
        "bekwaamheid bij.",
        "bekwaamheid bij, [zie](&#106;avascript:alert(1)).",
    );
    write(&md, &text);
    let o = kamerbrief(&["build", "mini", "-o", "y.pdf"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("mini/indicators/scholing.md:3:37: error: link `javascript:alert(1)`"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.join("y.pdf").exists());
}

#[test]
fn a_letter_is_built_only_when_its_annexes_check() {
    let dir = scratch("safety-letter");
    copy_dir(&root().join("tests/fixtures/brief"), &dir.join("brief"));
    copy_dir(&root().join("tests/fixtures/bijlage"), &dir.join("bijlage"));
    let ed = mini(&dir);
    let o = kamerbrief(&["check", "brief"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    write(
        &ed.join("toelichting.md"),
        "Tekst met een voetnoot.[^weg]\n",
    );
    for cmd in ["check", "build"] {
        let o = kamerbrief(&[cmd, "brief"], &dir);
        assert_eq!(o.status.code(), Some(1), "{cmd}: {}", stderr(&o));
        assert!(
            stderr(&o).contains("mini/toelichting.md:1:24: error: footnote `[^weg]`"),
            "{cmd}: {}",
            stderr(&o)
        );
    }
}
