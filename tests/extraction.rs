//! Text extraction by tools that read only the fonts' ToUnicode CMaps and ignore /ActualText:
//! a typed hyphen ("PO-Raad") must come out as U+002D and a hyphenation hyphen at a line end as
//! U+00AD, which needs a glyph of its own for each (see fonts/README.md). The PDF is read back
//! with qpdf (objects as JSON, streams decoded to files) and its text shown through the CMaps
//! alone; poppler's pdftotext, which also reads /ActualText, is checked beside it.

mod common;
#[path = "extraction/content.rs"]
mod content;
#[path = "extraction/pdf.rs"]
mod pdf;
#[path = "extraction/text.rs"]
mod text;

use common::*;
use std::path::Path;
use text::extract;

const SHY: char = '\u{ad}';

/// The edition's own text (Markdown and YAML), whitespace collapsed: where typed hyphens come
/// from.
fn source_text(edition: &Path) -> String {
    fn walk(dir: &Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                out.push_str(&text);
                out.push('\n');
            }
        }
    }
    let mut out = String::new();
    walk(edition, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The last word of a line and the first of the next, as they stand.
fn line_ends(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(2)
        .map(|w| {
            let last = w[0].split_whitespace().last().unwrap_or("").to_string();
            let next = w[1].split_whitespace().next().unwrap_or("").to_string();
            (last, next)
        })
        .collect()
}

/// Checks one edition; returns (typed hyphens, hyphenated line ends) seen through the CMaps.
fn check_edition(name: &str, typed: &str) -> (usize, usize) {
    let dir = scratch(&format!("extraction-{name}"));
    let pdf = dir.join(format!("{name}.pdf"));
    build(&format!("content/{name}"), &pdf);
    let source = source_text(&root().join("content").join(name));
    let extracted = extract(&pdf, &dir);
    let text = extracted.lines.join("\n");
    // Kept beside the PDF for whoever reads a failure.
    std::fs::write(dir.join("cmap-text.txt"), &text).unwrap();

    assert!(
        text.contains(typed),
        "{name}: {typed:?} does not extract through the fonts' CMaps alone; it reads {:?}",
        text.lines()
            .find(|l| l.contains(&typed.replace('-', "\u{ad}"))
                || l.contains(&typed.replace('-', "")))
    );
    // A hyphenation hyphen is a soft hyphen, and only ever ends a line.
    let mut soft = 0;
    for (last, next) in line_ends(&text) {
        if let Some(head) = last.strip_suffix(SHY) {
            soft += 1;
            let joined = format!("{head}{next}");
            let word = joined.trim_matches(|c: char| !c.is_alphanumeric());
            assert!(
                !source.contains(&format!("{head}-{next}")),
                "{name}: {head:?} + {next:?} is a typed hyphen, extracted as a soft one"
            );
            assert!(!word.is_empty(), "{name}: a soft hyphen ends {last:?}");
        } else if let Some(head) = last.strip_suffix('-') {
            // A typed hyphen at a line end is one that the edition typed.
            let head = head.trim_start_matches(|c: char| !c.is_alphanumeric());
            let next = next.trim_end_matches(|c: char| !c.is_alphanumeric());
            // Typst sets a hyphen that needs /ActualText in a text object of its own: alone, it
            // is a hyphenation hyphen whose glyph the CMap reads as a typed one.
            assert!(
                !head.is_empty(),
                "{name}: a line ends in a hyphen set on its own, before {next:?}: a hyphenation \
                 hyphen that extracts as a typed one"
            );
            assert!(
                source.contains(&format!("{head}-{next}"))
                    || source.contains(&format!("{head}- {next}")),
                "{name}: the line end {head}-/{next} extracts as a typed hyphen; the edition has no \
                 {head}-{next}"
            );
        }
    }
    let inside = text
        .lines()
        .flat_map(|l| l.split_whitespace())
        .filter(|w| w.trim_end_matches(SHY).contains(SHY))
        .collect::<Vec<_>>();
    assert!(
        inside.is_empty(),
        "{name}: soft hyphens inside words: {inside:?}"
    );
    let typed_count = text.matches('-').count();

    // No hyphen needs /ActualText to be read right any more: the CMaps say it all.
    let replaced: Vec<&String> = extracted
        .actual_texts
        .iter()
        .filter(|t| t.contains(['-', SHY]))
        .collect();
    assert!(
        replaced.is_empty(),
        "{name}: hyphens still read through /ActualText: {replaced:?}"
    );

    // Poppler (which reads /ActualText too) agrees.
    let poppler = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(poppler.contains(typed), "{name}: pdftotext lost {typed:?}");
    let poppler_soft = poppler.matches("\u{ad}\n").count();
    assert_eq!(
        poppler_soft, soft,
        "{name}: pdftotext and the CMaps disagree on the hyphenated line ends"
    );
    (typed_count, soft)
}

#[test]
fn typed_hyphens_and_hyphenation_hyphens_extract_apart_through_the_cmaps_alone() {
    let (typed, soft) = check_edition("po-2017", "PO-Raad");
    // po-2017 hyphenates about 140 line ends and types dozens of hyphens.
    assert!(soft > 50, "po-2017: only {soft} hyphenated line ends");
    assert!(typed > 20, "po-2017: only {typed} typed hyphens");
    let (typed, soft) = check_edition("vo-2016", "VO-raad");
    assert!(soft > 20, "vo-2016: only {soft} hyphenated line ends");
    assert!(typed > 10, "vo-2016: only {typed} typed hyphens");
}
