//! The two real example editions, built by the real binary and read back from the PDF.

mod common;

use common::model;
use common::*;
use std::path::Path;

fn first_words(s: &str, n: usize) -> String {
    s.split_whitespace().take(n).collect::<Vec<_>>().join(" ")
}

/// Indicator headings "N) Title" appear in order, after their goal "N. Title".
fn assert_headings_in_order(text: &str, e: &kamerbrief::edition::Edition) {
    let mut at = find_loose(text, "Toelichting op het dashboard", 0).expect("intro heading");
    for g in &e.goals {
        at = find_loose(text, &format!("{}. {}", g.number, g.title), at)
            .unwrap_or_else(|| panic!("goal {} `{}` missing or out of order", g.number, g.title));
        for ind in &g.indicators {
            at = find_loose(text, &format!("{}) {}", ind.number, ind.title), at).unwrap_or_else(
                || {
                    panic!(
                        "indicator {} `{}` missing or out of order",
                        ind.number, ind.title
                    )
                },
            );
        }
    }
}

fn assert_sources(text: &str, e: &kamerbrief::edition::Edition) -> usize {
    let mut n = 0;
    for ind in e.indicators() {
        let sources = ind
            .sources
            .iter()
            .map(|s| s.value.clone())
            .chain(ind.charts.iter().filter_map(|c| c.source.clone()));
        for s in sources {
            assert!(
                contains_loose(text, &format!("Bron: {}", s.trim())),
                "source line `Bron: {s}` of indicator {} missing",
                ind.number
            );
            n += 1;
        }
    }
    n
}

/// Footnote entries 1..n appear in order and each footnote text has exactly one number.
fn assert_footnotes_continuous(text: &str, notes: &[String]) {
    let mut remaining: Vec<String> = notes.iter().map(|n| first_words(n, 4)).collect();
    let mut from = 0;
    for k in 1..=notes.len() {
        let mut best: Option<(usize, usize)> = None;
        for (i, t) in remaining.iter().enumerate() {
            let needle = format!("{k}{t}");
            let mut start = from;
            while let Some(p) = find_loose(text, &needle, start) {
                let before = text[..p].chars().next_back();
                if !before.is_some_and(|c| c.is_ascii_digit()) {
                    if best.is_none_or(|(bp, _)| p < bp) {
                        best = Some((p, i));
                    }
                    break;
                }
                start = p + 1;
            }
        }
        let (p, i) = best.unwrap_or_else(|| {
            panic!("footnote {k} not found in order after byte {from}; left: {remaining:?}")
        });
        remaining.remove(i);
        from = p + 1;
    }
    assert!(remaining.is_empty());
}

fn alt_texts(pdf: &Path, scratch_dir: &Path) -> Vec<String> {
    let qdf = scratch_dir.join("qdf.pdf");
    tool(
        "qpdf",
        &[
            "--qdf",
            "--object-streams=disable",
            pdf.to_str().unwrap(),
            qdf.to_str().unwrap(),
        ],
    );
    let bytes = std::fs::read(&qdf).unwrap();
    let s = String::from_utf8_lossy(&bytes);
    let mut out: Vec<String> = Vec::new();
    for part in s.split("/Alt ").skip(1) {
        let text = if let Some(hex) = part.strip_prefix("<feff") {
            let hex = &hex[..hex.find('>').unwrap()];
            let units: Vec<u16> = (0..hex.len() / 4)
                .map(|i| u16::from_str_radix(&hex[i * 4..i * 4 + 4], 16).unwrap())
                .collect();
            String::from_utf16_lossy(&units)
        } else if let Some(lit) = part.strip_prefix('(') {
            pdf_literal(lit)
        } else {
            continue;
        };
        if !out.contains(&text) {
            out.push(text);
        }
    }
    out
}

/// A PDF literal string up to its closing parenthesis: escapes and balanced parentheses.
fn pdf_literal(s: &str) -> String {
    let (mut out, mut depth, mut chars) = (String::new(), 0, s.chars());
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '(' => {
                depth += 1;
                out.push(c)
            }
            ')' if depth == 0 => break,
            ')' => {
                depth -= 1;
                out.push(c)
            }
            _ => out.push(c),
        }
    }
    out
}

fn check_example(name: &str, expected_footnotes: usize, pages: std::ops::RangeInclusive<usize>) {
    let dir = scratch(&format!("example-{name}"));
    let pdf = dir.join(format!("{name}.pdf"));
    build(&format!("content/{name}"), &pdf);
    let e = model::load(&root().join("content").join(name));
    let text = pdf_text(&pdf);

    assert_headings_in_order(&text, &e);
    assert!(
        assert_sources(&text, &e) >= 10,
        "the seeds have sources for 14 indicators"
    );
    let notes = model::footnotes(&e);
    assert_eq!(notes.len(), expected_footnotes, "footnotes in the edition");
    assert_footnotes_continuous(&text, &notes);
    let n = page_count(&pdf);
    assert!(pages.contains(&n), "{n} pages, expected {pages:?}");

    // Every chart with a measurement is a figure with Dutch alt text generated from its data,
    // naming what is measured and its unit.
    let charts: usize = e
        .indicators()
        .map(|i| kamerbrief::render::inputs::placed_charts(i).0.len())
        .sum();
    let alts: Vec<String> = alt_texts(&pdf, &dir)
        .into_iter()
        .filter(|a| a.starts_with("Lijndiagram") || a.starts_with("Puntdiagram"))
        .collect();
    assert_eq!(alts.len(), charts, "alt texts: {alts:#?}");
    assert!(
        alts.iter().all(|a| a.contains(": ")
            && (a.contains(", in procenten.") || a.contains(", in aantallen."))),
        "{alts:#?}"
    );
    assert!(
        alts.iter()
            .all(|a| a.contains(" procent in ") || a.contains(" in ") || a.contains(" op ")),
        "{alts:#?}"
    );

    // Standards, language, fonts, structure.
    let raw = String::from_utf8_lossy(&std::fs::read(&pdf).unwrap()).into_owned();
    assert!(
        raw.contains("<pdfaid:part>2</pdfaid:part>"),
        "declares PDF/A-2"
    );
    assert!(
        raw.contains("<pdfuaid:part>1</pdfuaid:part>"),
        "declares PDF/UA-1"
    );
    assert!(raw.contains("/Lang(nl"), "document language nl");
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Title:") && l.contains(&e.meta.title)),
        "{info}"
    );
    assert!(info.contains("Tagged:          yes"), "{info}");
    let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in &rows {
        assert!(row.contains("NotoSans"), "only the shipped family: {row}");
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {row}");
    }
    tool("qpdf", &["--check", pdf.to_str().unwrap()]);

    // Same edition, same bytes.
    let again = dir.join("again.pdf");
    build(&format!("content/{name}"), &again);
    assert!(
        std::fs::read(&pdf).unwrap() == std::fs::read(&again).unwrap(),
        "two builds differ"
    );
}

#[test]
fn po_2017_annex() {
    check_example("po-2017", 21, 10..=32);
}

#[test]
fn vo_2016_annex() {
    check_example("vo-2016", 10, 10..=32);
}

#[test]
fn source_date_epoch_sets_the_pdf_date() {
    let dir = scratch("epoch");
    let pdf = dir.join("po.pdf");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_kamerbrief"))
        .args(["build", "content/po-2017", "-o", pdf.to_str().unwrap()])
        .current_dir(root())
        .env("SOURCE_DATE_EPOCH", "1562716800") // 10 July 2019, 00:00 UTC
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let info = tool("pdfinfo", &["-isodates", pdf.to_str().unwrap()]);
    assert!(info.contains("2019-07-10T00:00:00"), "{info}");
    let plain = dir.join("plain.pdf");
    build("content/po-2017", &plain);
    let info = tool("pdfinfo", &["-isodates", plain.to_str().unwrap()]);
    assert!(
        info.contains("2017-12-08T00:00:00"),
        "edition date by default: {info}"
    );
}
