//! The Kamerbrief, the narrative annex and the package, built by the real binary.

mod common;
#[path = "publish/pdf.rs"]
#[allow(dead_code)] // its page renderer is for tests/publish.rs
mod pdf;

use common::*;
use std::path::{Path, PathBuf};

fn page_text(pdf: &Path, page: usize) -> String {
    let p = page.to_string();
    normalize(&tool(
        "pdftotext",
        &["-f", &p, "-l", &p, pdf.to_str().unwrap(), "-"],
    ))
}

/// (depth, title) of every bookmark, in order.
fn bookmarks(pdf: &Path) -> Vec<(usize, String)> {
    let json = tool(
        "qpdf",
        &["--json", "--json-key=outlines", pdf.to_str().unwrap()],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    fn walk(items: &serde_json::Value, depth: usize, out: &mut Vec<(usize, String)>) {
        for item in items.as_array().into_iter().flatten() {
            out.push((depth, item["title"].as_str().unwrap_or("").to_string()));
            walk(&item["kids"], depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(&v["outlines"], 0, &mut out);
    out
}

/// The page label of every page ("1", "B2-3"), from qpdf.
fn page_labels(pdf: &Path) -> Vec<String> {
    let json = tool(
        "qpdf",
        &["--json", "--json-key=pages", pdf.to_str().unwrap()],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let prefix = p["label"]["/P"].as_str().unwrap_or("");
            let prefix = prefix.strip_prefix("u:").unwrap_or(prefix);
            format!("{prefix}{}", p["label"]["/St"].as_u64().unwrap_or(1))
        })
        .collect()
}

/// Builds the example letter with its annexes and package, in a scratch copy of content/.
fn build_example_letter() -> PathBuf {
    build_example_letter_in("letter-example")
}

fn build_example_letter_in(name: &str) -> PathBuf {
    let dir = scratch(name);
    let o = kamerbrief(
        &[
            "build",
            "content/brief-2019",
            "--package",
            "-o",
            dir.join("brief-2019.pdf").to_str().unwrap(),
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    dir
}

#[test]
fn the_example_letter_reads_like_a_kamerstuk() {
    let dir = build_example_letter();
    let pdf = dir.join("brief-2019.pdf");
    let first = page_text(&pdf, 1);
    for line in [
        "Vergaderjaar 2018–2019",
        "31 293",
        "Primair Onderwijs",
        "31 289",
        "Voortgezet Onderwijs",
        "Nr. 489",
        "BRIEF VAN DE MINISTER VOOR BASIS- EN VOORTGEZET ONDERWIJS EN MEDIA",
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
        "Den Haag, 10 juli 2019",
    ] {
        assert!(
            contains_loose(&first, line),
            "first page lacks `{line}`:\n{first}"
        );
    }
    let pages = page_count(&pdf);
    assert!((2..=8).contains(&pages), "{pages} pages");
    for page in 1..=pages {
        let text = page_text(&pdf, page);
        let footer = format!("Tweede Kamer, vergaderjaar 2018–2019, 31 293, nr. 489 {page}");
        assert!(
            text.trim_end().ends_with(&footer),
            "page {page} lacks footer `{footer}`:\n{text}"
        );
    }
    let all = pdf_text(&pdf);
    assert!(
        contains_loose(
            &all,
            "De Minister voor Basis- en Voortgezet Onderwijs en Media, A. Slob"
        ),
        "signature"
    );
    // Four footnotes, numbered in order at the page bottom.
    let mut at = 0;
    for (k, start) in [
        (1, "Kamerstukken 31 293 en 31 289, nr. 383"),
        (2, "Kamerstuk 31 293, nr. 395"),
        (4, "Kamerstuk 35 000 VIII, nr. 68"),
    ] {
        at = find_loose(&all, &format!("{k}{start}"), at)
            .unwrap_or_else(|| panic!("footnote {k} `{start}` missing or out of order"));
    }
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(
        info.contains("Title:           Tweede Kamer, vergaderjaar 2018–2019, 31 293, nr. 489"),
        "{info}"
    );
    let raw = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).into_owned();
    assert!(
        raw.contains("<pdfuaid:part>1</pdfuaid:part>")
            && raw.contains("<pdfaid:part>2</pdfaid:part>")
    );
    tool("qpdf", &["--check", pdf.to_str().unwrap()]);
}

#[test]
fn the_package_has_a_bookmark_per_part_and_restarts_numbering() {
    let dir = build_example_letter();
    let pdf = dir.join("brief-2019-pakket.pdf");
    let marks = bookmarks(&pdf);
    let parts: Vec<&str> = marks
        .iter()
        .filter(|(d, _)| *d == 0)
        .map(|(_, t)| t.as_str())
        .collect();
    assert_eq!(
        parts,
        [
            "BRIEF VAN DE MINISTER VOOR BASIS- EN VOORTGEZET ONDERWIJS EN MEDIA",
            "Bijlage 1: Extra inspanningen achterblijvende ambities",
            "Bijlage 2: Dashboard bestuursakkoord po 2017",
            "Bijlage 3: Dashboard sectorakkoord vo",
        ]
    );
    assert!(
        marks.iter().any(|(d, t)| *d == 1 && t == "Voortgang"),
        "{marks:?}"
    );
    assert!(
        marks.iter().any(|(d, t)| *d == 2 && t.starts_with("1) ")),
        "indicators are bookmarked: {marks:?}"
    );
    // Every part has its own page numbers: the letter's pages, then the annexes' from 1 again.
    let letter_pages = page_count(&dir.join("brief-2019.pdf"));
    let next = page_text(&pdf, letter_pages + 1);
    assert!(
        next.contains("Bijlage 1") && next.trim_end().ends_with(" 1"),
        "{next}"
    );
    let sum: usize = ["bijlage-2019", "po-2017", "vo-2016"]
        .iter()
        .map(|n| page_count(&root().join("out").join(format!("{n}.pdf"))))
        .sum();
    assert_eq!(
        page_count(&pdf),
        letter_pages + sum,
        "the package is the letter plus its annexes"
    );
    // Every page has a label of its own, and it names the number the page prints.
    let labels = page_labels(&pdf);
    let mut expected: Vec<String> = (1..=letter_pages).map(|n| n.to_string()).collect();
    for (annex, name) in ["bijlage-2019", "po-2017", "vo-2016"].iter().enumerate() {
        let pages = page_count(&root().join("out").join(format!("{name}.pdf")));
        expected.extend((1..=pages).map(|n| format!("B{}-{n}", annex + 1)));
    }
    assert_eq!(labels, expected);
    for (i, label) in labels.iter().enumerate() {
        let printed = label.rsplit('-').next().unwrap();
        // The footer, in the bottom margin.
        let p = (i + 1).to_string();
        let text = tool(
            "pdftotext",
            &[
                "-f",
                &p,
                "-l",
                &p,
                "-x",
                "0",
                "-y",
                "775",
                "-W",
                "596",
                "-H",
                "67",
                pdf.to_str().unwrap(),
                "-",
            ],
        );
        assert!(
            text.split_whitespace().last() == Some(printed),
            "page {} labelled {label} prints another number:\n{text}",
            i + 1
        );
    }
    // The annexes written beside the letter are the package's parts: headed as the letter
    // numbers them, with plain page labels.
    let po = root().join("out/po-2017.pdf");
    assert!(page_text(&po, 1).starts_with("Bijlage 2: Dashboard bestuursakkoord po 2017"));
    assert_eq!(page_labels(&po)[..2], ["1", "2"]);
    // The letter ends with the list of its annexes.
    let letter_text = pdf_text(&dir.join("brief-2019.pdf"));
    let list = "Bijlagen • Bijlage 1: Extra inspanningen achterblijvende ambities • Bijlage 2: \
                Dashboard bestuursakkoord po 2017 • Bijlage 3: Dashboard sectorakkoord vo";
    let at = find_loose(&letter_text, list, 0).unwrap_or_else(|| panic!("{letter_text}"));
    assert!(
        at > find_loose(&letter_text, "A. Slob", 0).unwrap(),
        "after the signature"
    );
    let raw = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).into_owned();
    assert!(raw.contains("<pdfuaid:part>1</pdfuaid:part>"));
    let a = std::fs::read(&pdf).unwrap();
    let o = kamerbrief(
        &[
            "build",
            "content/brief-2019",
            "--package",
            "-o",
            dir.join("again.pdf").to_str().unwrap(),
        ],
        &root(),
    );
    assert!(o.status.success());
    assert!(
        a == std::fs::read(dir.join("again-pakket.pdf")).unwrap(),
        "same package, same bytes"
    );
}

#[test]
fn the_narrative_annex_numbers_its_sections() {
    let dir = scratch("annex");
    let pdf = dir.join("bijlage.pdf");
    build("tests/fixtures/bijlage", &pdf);
    let text = pdf_text(&pdf);
    let mut at = 0;
    for h in [
        "Bijlage 1: Extra inspanningen achterblijvende ambities",
        "1. Kwaliteitszorg en verbetercultuur",
        "2. Knelpunten",
        "2.1. Tijd",
        "2.2. Geld",
        "1Kamerstuk 31 293, nr. 489.",
    ] {
        at = find_loose(&text, h, at)
            .unwrap_or_else(|| panic!("`{h}` missing or out of order:\n{text}"));
    }
    assert!(contains_loose(
        &text,
        "• ruim 100 besturen kregen drie dagen begeleiding;"
    ));
}

#[test]
fn example_boxes_and_lists_in_a_letter() {
    let dir = scratch("letter-fixture");
    for name in ["brief", "bijlage", "mini"] {
        let o = std::process::Command::new("cp")
            .args([
                "-r",
                root().join("tests/fixtures").join(name).to_str().unwrap(),
                dir.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(o.status.success());
    }
    let o = kamerbrief(&["build", "brief"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    for name in ["brief", "bijlage", "mini"] {
        assert!(
            dir.join("out").join(format!("{name}.pdf")).is_file(),
            "{name} built with the letter"
        );
    }
    assert!(
        !dir.join("out/brief-pakket.pdf").exists(),
        "no package without --package"
    );
    let text = pdf_text(&dir.join("out/brief.pdf"));
    assert!(contains_loose(
        &text,
        "1. een verbetercultuur die doorwerkt in de klas; 2. implementatie op maat;"
    ));
    assert!(contains_loose(
        &text,
        "Opbrengstgericht werken in de klas (basisonderwijs) Een basisschool in Rotterdam"
    ));
    assert!(contains_loose(
        &text,
        "«Leerlingen weten nu beter waar ze staan.»"
    ));
    // The parliamentary year is printed with an en dash even when typed with a hyphen.
    assert!(contains_loose(&text, "Vergaderjaar 2018–2019"));
}

#[test]
fn letter_errors_are_located() {
    let dir = scratch("letter-errors");
    let o = std::process::Command::new("cp")
        .args([
            "-r",
            root().join("tests/fixtures/brief").to_str().unwrap(),
            dir.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    let yaml = dir.join("brief/edition.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    let check = |yaml_text: String| {
        std::fs::write(&yaml, yaml_text).unwrap();
        let o = kamerbrief(&["check", "brief"], &dir);
        assert_eq!(o.status.code(), Some(1));
        stderr(&o)
    };
    let err = check(text.replace("date: 2019-07-10\n", ""));
    assert!(
        err.contains("brief/edition.yaml:1:1: error: missing key `date`"),
        "{err}"
    );
    let err = check(text.replace("[bijlage, mini]", "[bijlage, onbekend]"));
    assert!(
        err.contains("brief/edition.yaml:14:20: error: annex `onbekend` is not an edition"),
        "{err}"
    );
    let md = dir.join("brief/brief.md");
    let body = std::fs::read_to_string(&md)
        .unwrap()
        .replace("### Voortgang primair", "#### Voortgang primair")
        .replace("evaluatie.", "evaluatie.[^nergens]");
    std::fs::write(&md, body).unwrap();
    let err = check(text.replace("2018-2019", "2018-2018"));
    assert!(
        err.contains("brief/edition.yaml:2:21: error: `2018-2018` is not a parliamentary year"),
        "{err}"
    );
    assert!(
        err.contains("brief/brief.md:12:1: error: heading level 4 follows level 2"),
        "{err}"
    );
    assert!(
        err.contains("footnote `[^nergens]` is used but not defined"),
        "{err}"
    );
}

#[test]
fn a_signatory_function_typed_with_its_comma_prints_one() {
    let dir = scratch("letter-signatory-comma");
    for name in ["brief", "bijlage", "mini"] {
        copy_dir(&root().join("tests/fixtures").join(name), &dir.join(name));
    }
    let yaml = dir.join("brief/edition.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    let typed = "function: De Minister voor Basis- en Voortgezet Onderwijs en Media\n";
    assert!(text.contains(typed));
    std::fs::write(
        &yaml,
        text.replace(typed, &typed.replace("Media\n", "Media, \n")),
    )
    .unwrap();
    let o = kamerbrief(&["check", "--deny-warnings", "brief"], &dir);
    assert!(
        o.status.success(),
        "accepted without a warning: {}",
        stderr(&o)
    );
    let o = kamerbrief(&["build", "brief", "-o", "brief.pdf"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = pdf_text(&dir.join("brief.pdf"));
    assert!(
        contains_loose(&text, "Onderwijs en Media, A. Slob") && !text.contains(",,"),
        "{text}"
    );
}

/// The package is joined from its parts' PDFs, each laid out on its own: every link inside it
/// still goes to its own part, each footnote number to its note and each note back to its number.
#[test]
fn links_in_the_package_stay_in_their_part() {
    let dir = build_example_letter_in("letter-links");
    let pdf = dir.join("brief-2019-pakket.pdf");
    let mut ends = vec![page_count(&dir.join("brief-2019.pdf"))];
    for name in ["bijlage-2019", "po-2017", "vo-2016"] {
        let pages = page_count(&root().join("out").join(format!("{name}.pdf")));
        ends.push(ends.last().unwrap() + pages);
    }
    let part_of = |page: usize| ends.iter().position(|&end| page <= end).unwrap();
    let links = pdf::links(&pdf);
    let inside: Vec<_> = links.iter().filter(|l| l.uri.is_none()).collect();
    let (mut notes, mut backs) = (0, 0);
    for l in &inside {
        let dest = l
            .dest_page
            .unwrap_or_else(|| panic!("a link without a page: {l:?}"));
        assert_eq!(
            part_of(dest),
            part_of(l.page),
            "a link leaves its part: {l:?}"
        );
        let text = l.contents.as_deref().unwrap_or("");
        if text.starts_with("Voetnoot ") {
            notes += 1;
            assert!(dest == l.page || dest == l.page + 1, "{l:?}");
        } else if let Some(rest) = text.strip_prefix("Terug naar voetnoot ") {
            // A note's number at the foot of the page says where it goes back to.
            backs += 1;
            assert!(rest.ends_with(" in de tekst"), "{l:?}");
            assert!(dest == l.page || dest + 1 == l.page, "{l:?}");
        } else {
            assert!(
                !text.chars().all(|c| c.is_ascii_digit()),
                "a link described by a bare number: {l:?}"
            );
        }
    }
    // As many footnotes as the parts have on their own, every one linked both ways.
    let alone: usize = std::iter::once(dir.join("brief-2019.pdf"))
        .chain(
            ["bijlage-2019", "po-2017", "vo-2016"]
                .iter()
                .map(|n| root().join("out").join(format!("{n}.pdf"))),
        )
        .map(|p| {
            pdf::links(&p)
                .iter()
                .filter(|l| {
                    l.contents
                        .as_deref()
                        .is_some_and(|c| c.starts_with("Voetnoot "))
                })
                .count()
        })
        .sum();
    assert!(notes > 20, "{notes} footnote links");
    assert_eq!((notes, backs), (alone, alone));
}
