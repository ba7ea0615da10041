//! Ready to publish: what a careful reader and a screen-reader user meet in the example PDFs —
//! links, the package, typesetting and structure — measured on the real output.

mod common;

use common::*;
use std::path::{Path, PathBuf};

#[path = "publish/pdf.rs"]
mod pdf;
use pdf::{links, render_gray};

fn build_to(edition: &str, dir: &Path) -> PathBuf {
    let pdf = dir.join(format!("{}.pdf", edition.rsplit('/').next().unwrap()));
    build(edition, &pdf);
    pdf
}

#[test]
fn bare_addresses_are_links_and_every_web_link_is_underlined() {
    let dir = scratch("publish-links");
    let expected = [
        ("content/po-2017", "https://www.functiemix.nl"),
        ("content/po-2017", "https://www.scholenopdekaart.nl"),
        (
            "content/po-2017",
            "https://www.onderwijsinspectie.nl/onderwerpen/peil-onderwijs/natuur-en-techniek",
        ),
        ("content/vo-2016", "https://bijscholingvmbo.nl/"),
        ("content/vo-2016", "https://www.burgerschapindeschool.nl"),
        ("content/vo-2016", "https://www.onderwijsjeugd.nl"),
        ("content/brief-2019", "https://www.tweedekamer.nl"),
    ];
    for edition in ["content/po-2017", "content/vo-2016", "content/brief-2019"] {
        let pdf = build_to(edition, &dir);
        let found = links(&pdf);
        for (_, uri) in expected.iter().filter(|(e, _)| *e == edition) {
            assert!(
                found.iter().any(|l| l.uri.as_deref() == Some(uri)),
                "{edition}: no link to {uri}: {found:?}"
            );
        }
        // Underlined: under each web link runs a line nearly as wide as the link.
        let dpi = 144;
        let scale = f64::from(dpi) / 72.0;
        for link in found.iter().filter(|l| l.uri.is_some()) {
            let page = render_gray(&pdf, link.page, dpi, &dir);
            for &[x0, y0, x1, y1] in &link.rects {
                let (left, right) = ((x0 * scale) as usize + 2, (x1 * scale) as usize - 2);
                let top = page.height - (y1 * scale) as usize;
                let bottom = (page.height - (y0 * scale) as usize + 3).min(page.height - 1);
                let underlined = (top..=bottom).any(|y| {
                    let dark = (left..right).filter(|&x| page.dark(x, y)).count();
                    dark * 10 >= (right - left) * 9
                });
                assert!(
                    underlined,
                    "{edition} page {}: link to {:?} is not underlined",
                    link.page, link.uri
                );
            }
        }
    }
}

/// A note's number at the foot of the page links back to where the note is called, and says so
/// to a screen reader ("Terug naar voetnoot 3 in de tekst", as the web edition says), not "3".
#[test]
fn footnote_back_links_say_where_they_go() {
    let dir = scratch("publish-backlinks");
    for edition in ["content/po-2017", "content/vo-2016"] {
        let pdf = build_to(edition, &dir);
        tool("qpdf", &["--check", pdf.to_str().unwrap()]);
        let found = links(&pdf);
        let calls: Vec<_> = found
            .iter()
            .filter_map(|l| Some((l.contents.as_deref()?.strip_prefix("Voetnoot ")?, l)))
            .collect();
        assert!(calls.len() >= 10, "{edition}: {} footnotes", calls.len());
        for (number, call) in &calls {
            let says = format!("Terug naar voetnoot {number} in de tekst");
            let back: Vec<_> = found
                .iter()
                .filter(|l| l.contents.as_deref() == Some(says.as_str()))
                .collect();
            assert_eq!(back.len(), 1, "{edition}: no single `{says}`: {found:?}");
            assert_eq!(back[0].dest_page, Some(call.page), "{edition}: {says}");
        }
        let bare: Vec<_> = found
            .iter()
            .filter(|l| {
                l.contents
                    .as_deref()
                    .is_some_and(|c| c.chars().all(|ch| ch.is_ascii_digit()))
            })
            .collect();
        assert!(
            bare.is_empty(),
            "{edition}: links that only say a number: {bare:?}"
        );
    }
}

#[test]
fn an_unchanged_annex_is_not_written_again_and_a_changed_one_is() {
    let dir = fixture_letter("publish-skip");
    let build = |args: &[&str]| {
        let o = kamerbrief(args, &dir);
        assert!(o.status.success(), "{}", stderr(&o));
        stderr(&o)
    };
    let first = build(&["build", "brief", "--package"]);
    for out in [
        "out/brief.pdf",
        "out/bijlage.pdf",
        "out/mini.pdf",
        "out/brief-pakket.pdf",
    ] {
        assert!(first.contains(&format!("wrote {out}")), "{first}");
    }
    let mini = std::fs::read(dir.join("out/mini.pdf")).unwrap();
    let package = std::fs::read(dir.join("out/brief-pakket.pdf")).unwrap();
    let second = build(&["build", "brief", "--package"]);
    // Only the letter is laid out; the unchanged annexes go into the package as they are on
    // disk, and the package comes out the same.
    assert!(second.contains("laid out 1 of 3 parts"), "{second}");
    assert_eq!(
        std::fs::read(dir.join("out/brief-pakket.pdf")).unwrap(),
        package
    );
    for out in ["out/bijlage.pdf", "out/mini.pdf"] {
        assert!(
            second.contains(&format!("{out} is unchanged"))
                && !second.contains(&format!("wrote {out}")),
            "{second}"
        );
    }
    assert!(
        second.contains("wrote out/brief.pdf") && second.contains("wrote out/brief-pakket.pdf")
    );
    assert_eq!(std::fs::read(dir.join("out/mini.pdf")).unwrap(), mini);
    // A changed input rebuilds that annex only.
    edit(
        &dir.join("mini/indicators/leesplan.yaml"),
        "2016/2017: 44",
        "2016/2017: 47",
    );
    let third = build(&["build", "brief", "--package"]);
    assert!(third.contains("wrote out/mini.pdf"), "{third}");
    assert!(third.contains("out/bijlage.pdf is unchanged"), "{third}");
    assert!(third.contains("laid out 2 of 3 parts"), "{third}");
    assert!(pdf_text(&dir.join("out/mini.pdf")).contains("47 procent"));
    // The package, made with the unchanged annex from disk, is the one a build from nothing makes.
    let package = std::fs::read(dir.join("out/brief-pakket.pdf")).unwrap();
    assert!(pdf_text(&dir.join("out/brief-pakket.pdf")).contains("47 procent"));
    std::fs::remove_dir_all(dir.join("out")).unwrap();
    let fresh = build(&["build", "brief", "--package"]);
    assert!(fresh.contains("laid out 3 parts"), "{fresh}");
    assert!(std::fs::read(dir.join("out/brief-pakket.pdf")).unwrap() == package);
    // A file changed on disk since the last build is written again.
    std::fs::write(dir.join("out/bijlage.pdf"), b"not a pdf").unwrap();
    let fourth = build(&["build", "brief"]);
    assert!(fourth.contains("wrote out/bijlage.pdf"), "{fourth}");
    // -o names the letter's file, and the run says where the annexes went.
    let fifth = build(&["build", "brief", "-o", "elders/brief.pdf"]);
    assert!(fifth.contains("wrote elders/brief.pdf"), "{fifth}");
    assert!(fifth.contains("its annexes went to out/"), "{fifth}");
    assert!(!dir.join("elders/mini.pdf").exists());
}

/// The fixture letter with extra text appended to its body, built; returns the PDF.
fn letter_with(name: &str, extra: &str) -> PathBuf {
    let dir = scratch(name);
    copy_dir(&root().join("tests/fixtures/brief"), &dir.join("brief"));
    let yaml = dir.join("brief/edition.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    let cut = text.find("annexes:").unwrap();
    std::fs::write(&yaml, format!("{}annexes: []\n", &text[..cut])).unwrap();
    let md = dir.join("brief/brief.md");
    let body = std::fs::read_to_string(&md).unwrap();
    let (text, notes) = body.split_at(body.find("[^tussen]:").unwrap());
    std::fs::write(&md, format!("{text}{extra}\n\n{notes}")).unwrap();
    let o = kamerbrief(&["build", "brief", "-o", "brief.pdf"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    dir.join("brief.pdf")
}

#[test]
fn no_line_breaks_inside_dates_numbers_and_references() {
    // The same phrases after a growing run of words, so that a line ends at every place in them.
    let phrases = "op 26 april 2019 met indicator 8, dossier 31 293, nr. 489 en 5,9 procent";
    let mut extra = String::from("## Proef\n\n");
    for k in 0..40 {
        extra.push_str(&"ab ".repeat(k));
        extra.push_str(phrases);
        extra.push_str(".\n\n");
    }
    let pdf = letter_with("publish-nbsp", &extra);
    let lines: Vec<String> = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"])
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    let mut seen = 0;
    for pair in lines.windows(2) {
        let (end, start) = (pair[0].as_str(), pair[1].as_str());
        if !start.starts_with(|c: char| c.is_alphanumeric() || c == ',') {
            continue;
        }
        let last = end.rsplit(' ').next().unwrap_or("");
        let first = start.split(' ').next().unwrap_or("");
        let number = |w: &str| {
            w.trim_end_matches(',')
                .chars()
                .all(|c| c.is_ascii_digit() || c == ',')
                && !w.is_empty()
        };
        let broken = (last == "26" && first == "april")
            || (last == "april" && first.starts_with("2019"))
            || (last == "indicator" && number(first))
            || (last == "31" && first.starts_with("293"))
            || (last == "nr." && number(first))
            || (number(last) && first.starts_with("procent"));
        assert!(!broken, "a line break inside a phrase: `{end}` / `{start}`");
        seen += usize::from(end.contains("april") || end.contains("procent"));
    }
    assert!(seen > 10, "the test text was set: {lines:?}");
}

#[test]
fn letter_headings_differ_by_level_and_boxes_are_named_groups() {
    let extra = "### Derde niveau\n\nTekst onder het derde niveau.\n\n#### Vierde niveau\n\n\
                 Tekst onder het vierde niveau.\n\n> **Kort voorbeeld:** een school in Zwolle.";
    let pdf = letter_with("publish-structure", extra);
    // The heights of the words of the two headings, from their bounding boxes.
    let bbox = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let height = |word: &str| -> f64 {
        let line = bbox
            .lines()
            .find(|l| l.ends_with(&format!(">{word}</word>")))
            .unwrap_or_else(|| panic!("{word} not found"));
        let attr = |name: &str| -> f64 {
            let at = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            line[at..].split('"').next().unwrap().parse().unwrap()
        };
        attr("yMax") - attr("yMin")
    };
    let (h3, h4) = (height("Derde"), height("Vierde"));
    assert!(h3 > h4 * 1.05, "### and #### look alike: {h3} / {h4}");
    // The tag tree: addressee and place-and-date are paragraphs of their own; a box is a group
    // whose caption is its title, also when written on one line.
    let tree = tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]);
    let lines: Vec<&str> = tree.lines().map(str::trim).collect();
    let para_of = |text: &str| {
        let i = lines
            .iter()
            .position(|l| l.contains(text))
            .unwrap_or_else(|| panic!("{text} not tagged:\n{tree}"));
        lines[..i]
            .iter()
            .rposition(|l| l.starts_with("P "))
            .unwrap()
    };
    assert_ne!(
        para_of("Aan de Voorzitter"),
        para_of("Den Haag"),
        "addressee and place read as one paragraph:\n{tree}"
    );
    for title in ["Opbrengstgericht werken in de klas", "Kort voorbeeld:"] {
        let i = lines.iter().position(|l| l.contains(title)).unwrap();
        let caption = lines[..i]
            .iter()
            .rposition(|l| l.starts_with("Caption"))
            .unwrap();
        assert!(
            i - caption <= 3,
            "box title `{title}` is not a caption:\n{tree}"
        );
        assert!(
            lines[caption - 1].starts_with("Div"),
            "box is not a group:\n{tree}"
        );
    }
}

#[test]
fn an_annex_with_errors_fails_the_letter_and_nothing_is_written() {
    let dir = fixture_letter("publish-broken-annex");
    edit(
        &dir.join("mini/indicators/leesplan.yaml"),
        "2016/2017: 44",
        "2016/2017: veertig",
    );
    // A letter is only as good as its annexes: `check` fails on it, so `build` writes nothing.
    let o = kamerbrief(&["build", "brief", "--package"], &dir);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("mini/indicators/leesplan.yaml:13:22: error"),
        "{err}"
    );
    for absent in ["out/brief-pakket.pdf", "out/mini.pdf", "out/brief.pdf"] {
        assert!(!dir.join(absent).exists(), "{absent}: {err}");
    }
    let o = kamerbrief(&["check", "brief"], &dir);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}

#[test]
fn export_to_a_dash_writes_standard_output() {
    let dir = scratch("publish-export-stdout");
    let o = kamerbrief(
        &[
            "export",
            root().join("content/po-2017").to_str().unwrap(),
            "-o",
            "-",
        ],
        &dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(csv.starts_with("indicator,id,title,chart,"), "{csv}");
    assert!(csv.lines().count() > 20);
    assert!(
        stderr(&o).contains("wrote standard output"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.join("-").exists(), "no file named `-`");
}
