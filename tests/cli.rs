//! The command line: located errors, exit codes, the no-argument build, writing nothing on check.

mod common;

use common::*;

#[test]
fn check_reports_a_yaml_type_error_with_file_line_and_column() {
    let dir = scratch("yaml-type-error");
    let ed = dir.join("mini");
    copy_dir(&root().join("tests/fixtures/mini"), &ed);
    let file = ed.join("indicators/leesplan.yaml");
    let text = std::fs::read_to_string(&file)
        .unwrap()
        .replace("2015/2016: 38", "2015/2016: achtendertig");
    std::fs::write(&file, text).unwrap();
    let o = kamerbrief(&["check", "mini"], &dir);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("mini/indicators/leesplan.yaml:12:22: error: `achtendertig` is not a number"),
        "{err}"
    );
}

#[test]
fn check_reports_every_error_not_only_the_first() {
    let dir = scratch("several-errors");
    let ed = dir.join("mini");
    copy_dir(&root().join("tests/fixtures/mini"), &ed);
    std::fs::write(
        ed.join("indicators/scholing.yaml"),
        "number: 3\ntitle: Scholing\nsouces: [DUO]\n",
    )
    .unwrap();
    let md = ed.join("indicators/leesplan.md");
    let text = std::fs::read_to_string(&md)
        .unwrap()
        .replace("procent.[^bron]", "procent.[^bron] en[^weg]");
    std::fs::write(&md, text).unwrap();
    let o = kamerbrief(&["check", "mini"], &dir);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("mini/indicators/scholing.yaml:3:1: error: unknown field `souces`"),
        "{err}"
    );
    assert!(
        err.contains("did you mean `sources`?"),
        "the hint names the right key: {err}"
    );
    assert!(err.contains("mini/indicators/leesplan.md:7:"), "{err}");
    assert!(
        err.contains("footnote `[^weg]` is used but not defined"),
        "{err}"
    );
}

#[test]
fn build_without_a_path_builds_every_edition_under_content() {
    let dir = scratch("build-all");
    copy_dir(
        &root().join("tests/fixtures/mini"),
        &dir.join("content/mini"),
    );
    copy_dir(
        &root().join("tests/fixtures/edge"),
        &dir.join("content/edge"),
    );
    let o = kamerbrief(&["build"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    for name in ["mini", "edge"] {
        let pdf = dir.join("out").join(format!("{name}.pdf"));
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"), "{name}");
    }
}

#[test]
fn check_writes_nothing_and_a_failed_build_keeps_the_old_pdf() {
    let dir = scratch("keep-old");
    let ed = dir.join("mini");
    copy_dir(&root().join("tests/fixtures/mini"), &ed);
    let o = kamerbrief(&["check", "mini"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!dir.join("out").exists(), "check must not write");
    let o = kamerbrief(&["build", "mini"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = dir.join("out/mini.pdf");
    let before = std::fs::read(&pdf).unwrap();
    std::fs::write(ed.join("edition.yaml"), "kind: dashboard\nsector: po\n").unwrap();
    let o = kamerbrief(&["build", "mini"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("out/mini.pdf is unchanged"));
    assert_eq!(std::fs::read(&pdf).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary files left: {leftovers:?}");
}

#[test]
fn unwritable_output_is_exit_code_3() {
    let dir = scratch("unwritable");
    // A regular file where the output directory should be.
    std::fs::write(dir.join("blocker"), "x").unwrap();
    let out = dir.join("blocker/sub/x.pdf");
    let o = kamerbrief(
        &["build", "tests/fixtures/mini", "-o", out.to_str().unwrap()],
        &root(),
    );
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("cannot write"));
}
