//! Template edge cases, each an indicator in tests/fixtures/edge or tests/fixtures/mini.

mod common;

use common::model;
use common::*;

#[test]
fn edge_cases_typeset() {
    let dir = scratch("edge");
    let pdf = dir.join("edge.pdf");
    let o = build("tests/fixtures/edge", &pdf);
    // Empty sections are warnings, not errors: the build goes on and says so.
    let err = stderr(&o);
    assert!(
        err.contains(
            "lege-secties.md:5:1: warning: section `Welke beweging is zichtbaar?` is empty"
        ),
        "{err}"
    );
    let e = model::load(&root().join("tests/fixtures/edge"));
    let text = pdf_text(&pdf);
    let mut at = 0;
    for ind in e.indicators() {
        at = find_loose(&text, &format!("{}) {}", ind.number, ind.title), at)
            .unwrap_or_else(|| panic!("indicator {} missing: {}", ind.number, ind.title));
    }
    // Indicator without chart: its sections are all there, and no status line (nothing to judge).
    assert!(contains_loose(
        &text,
        "1) Indicator zonder grafiek Bron: DUO, 2016 Doelstelling Een doel."
    ));
    // Three series: every legend label.
    for label in ["algemeen didactisch", "differentiatie", "ambitie"] {
        assert!(contains_loose(&text, label), "legend {label}");
    }
    // Two charts with their own source and note.
    assert!(contains_loose(&text, "Bron: Bron A, 2016"));
    assert!(contains_loose(&text, "(NB: geen nieuwe data)"));
    // Empty sections leave no empty heading behind.
    let lege = find_loose(&text, "4) Indicator met lege secties", 0).unwrap();
    let next = find_loose(&text, "5) Aandeel besturen", lege).unwrap();
    assert!(
        !text[lege..next].contains("Welke beweging"),
        "{}",
        &text[lege..next]
    );
    // The 200-word paragraph keeps its 5 footnotes, numbered 1..5 at the page bottom.
    for k in 1..=5 {
        assert!(
            contains_loose(&text, &format!("{k}Voetnoot {k} bij de lange alinea")),
            "footnote {k}"
        );
    }
    assert_eq!(model::footnotes(&e).len(), 5);
}

#[test]
fn narrative_metacharacters_print_literally() {
    let dir = scratch("mini");
    let pdf = dir.join("mini.pdf");
    build("tests/fixtures/mini", &pdf);
    let text = pdf_text(&pdf);
    assert!(
        text.contains(r"Tekens blijven tekst: #set, $x$, @ref, <b>, *ster*, x en \."),
        "{text}"
    );
    // Footnotes across intro, narrative and a chart title are numbered through the document.
    assert!(contains_loose(
        &text,
        "1Een indicator is een bewegingsmelder"
    ));
    assert!(contains_loose(&text, "4Telling van DUO."));
    // Several doelstellingen: plural heading and bullets.
    assert!(contains_loose(
        &text,
        "Doelstellingen • Alle leraren hebben voldoende ICT-basisvaardigheden."
    ));
    // Counts with a thousands separator in the chart.
    assert!(text.contains("8.101") && text.contains("6.009"));
}

/// The sample inputs next to the templates are what the tool makes from the fixtures, so a
/// designer working with the Typst CLI sees the real contract. Regenerate with
/// `UPDATE_SAMPLES=1 cargo test --release --test templates`.
#[test]
fn committed_samples_are_current() {
    use kamerbrief::edition::Document;
    use kamerbrief::render::documents::{document_inputs, package_inputs};
    let load = |name: &str| {
        kamerbrief::pipeline::check_document(&root().join("tests/fixtures").join(name))
            .unwrap()
            .0
    };
    let Document::Letter(letter) = load("brief") else {
        panic!("brief is a letter")
    };
    let samples = [
        ("dashboard", document_inputs(&load("mini")).0),
        (
            "letter",
            document_inputs(&Document::Letter(letter.clone())).0,
        ),
        ("annex", document_inputs(&load("bijlage")).0),
        (
            "package",
            package_inputs(&letter, &[load("bijlage"), load("mini")]),
        ),
    ];
    let mut stale = Vec::new();
    for (name, inputs) in samples {
        let dir = root().join("typst-templates/samples").join(name);
        if std::env::var_os("UPDATE_SAMPLES").is_some() {
            let _ = std::fs::remove_dir_all(&dir);
            inputs.write_to(&dir).unwrap();
        }
        for (path, bytes) in &inputs.files {
            if std::fs::read(dir.join(path)).unwrap_or_default() != *bytes {
                stale.push(format!("{name}/{path}"));
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale samples {stale:?}: run UPDATE_SAMPLES=1 cargo test --release --test templates"
    );
}
