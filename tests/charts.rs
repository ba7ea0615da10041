//! The charts of the example annexes as printed: text at least 7.5 pt (read from the PDF), no
//! label over another label, a marker or a line, no chart without a measurement.

mod common;

use common::*;
use kamerbrief::chart;
use kamerbrief::edition::SeriesKind;
use kamerbrief::render::inputs::placed_charts;

const EXAMPLES: [&str; 2] = ["content/po-2017", "content/vo-2016"];

#[test]
fn example_charts_keep_their_labels_apart() {
    let mut labels = 0;
    for ed in EXAMPLES {
        let e = model::load(&root().join(ed));
        for ind in e.indicators() {
            let (placed, _) = placed_charts(ind);
            for (i, c, size) in placed {
                let d = chart::draw(c, size);
                let bad = d.collisions();
                assert!(bad.is_empty(), "{ed} {} chart {}: {bad:?}", ind.id, i + 1);
                labels += d.labels.len();
                // The newest value of each realisation keeps its label.
                let unit_label = |v: f64| match c.unit {
                    kamerbrief::edition::Unit::Percent => {
                        format!("{}%", kamerbrief::locale::number(v))
                    }
                    kamerbrief::edition::Unit::Count => kamerbrief::locale::number(v),
                };
                for s in c
                    .series
                    .iter()
                    .filter(|s| s.kind == SeriesKind::Realisation)
                {
                    if let Some((_, v)) = s.values().last() {
                        let text = unit_label(v);
                        assert!(
                            d.labels.iter().any(|l| l.text == text),
                            "{ed} {}: latest value {text} of `{}` lost its label",
                            ind.id,
                            s.label
                        );
                    }
                }
            }
        }
    }
    assert!(labels > 60, "only {labels} labels drawn");
}

#[test]
fn no_chart_without_a_measurement() {
    let e = model::load(&root().join("content/vo-2016"));
    let ind = e.indicators().find(|i| i.number == 14).unwrap();
    assert!(
        !ind.charts.is_empty(),
        "vo 14 has a chart with only a target"
    );
    assert!(placed_charts(ind).0.is_empty());
    let files = kamerbrief::render::dashboard_inputs(&e);
    let json: serde_json::Value =
        serde_json::from_slice(&files.files[&format!("indicators/{}.json", ind.id)]).unwrap();
    assert_eq!(json["charts"].as_array().unwrap().len(), 0);
    // Its streefwaarde goes into the status line instead.
    assert_eq!(json["status"]["show"], true);
    assert!(
        json["status"]["explanation"]
            .as_str()
            .unwrap()
            .starts_with("Nog geen meting; de streefwaarde is"),
        "{json}"
    );
    // Every chart drawn for the examples has a measurement.
    for ed in EXAMPLES {
        let e = model::load(&root().join(ed));
        let files = kamerbrief::render::dashboard_inputs(&e);
        for ind in e.indicators() {
            let json: serde_json::Value =
                serde_json::from_slice(&files.files[&format!("indicators/{}.json", ind.id)])
                    .unwrap();
            let measured = ind
                .charts
                .iter()
                .filter(|c| {
                    c.series
                        .iter()
                        .any(|s| s.kind == SeriesKind::Realisation && s.values().next().is_some())
                })
                .count();
            assert_eq!(
                json["charts"].as_array().unwrap().len(),
                measured,
                "{}",
                ind.id
            );
        }
    }
}

/// Words of the PDF with their box heights, from `pdftotext -bbox`.
fn words(pdf: &std::path::Path) -> Vec<(String, f64)> {
    let html = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    html.lines()
        .filter_map(|l| {
            let l = l.trim();
            let attr = |name: &str| -> Option<f64> {
                let at = l.find(&format!("{name}=\""))? + name.len() + 2;
                l[at..at + l[at..].find('"')?].parse().ok()
            };
            let text = l.strip_prefix("<word ")?;
            let word = &text[text.find('>')? + 1..text.rfind("</word>")?];
            Some((word.replace("&amp;", "&"), attr("yMax")? - attr("yMin")?))
        })
        .collect()
}

#[test]
fn chart_text_is_at_least_7_5_pt_as_printed() {
    for ed in EXAMPLES {
        let name = ed.rsplit('/').next().unwrap();
        let dir = scratch(&format!("charts-pt-{name}"));
        let pdf = dir.join("out.pdf");
        build(ed, &pdf);
        let ws = words(&pdf);
        // The box height of a word is the font's ascender + descender times its size: calibrate
        // on the 9,5 pt "Doelstelling" headings.
        let body = ws
            .iter()
            .find(|(w, _)| w == "Doelstelling")
            .expect("a Doelstelling heading")
            .1;
        let per_pt = body / 9.5;
        // Every text of every chart SVG, as words.
        let e = model::load(&root().join(ed));
        let files = kamerbrief::render::dashboard_inputs(&e);
        let mut chart_words = std::collections::BTreeSet::new();
        for (path, bytes) in &files.files {
            if !path.ends_with(".svg") {
                continue;
            }
            let svg = String::from_utf8_lossy(bytes);
            for piece in svg.split("<text").skip(1) {
                let text = &piece[piece.find('>').unwrap() + 1..piece.find("</text>").unwrap()];
                chart_words.extend(text.split_whitespace().map(|w| w.replace("&amp;", "&")));
            }
        }
        assert!(chart_words.len() > 40, "{chart_words:?}");
        let mut seen = 0;
        let mut smallest = f64::INFINITY;
        for (w, h) in &ws {
            if chart_words.contains(w) {
                seen += 1;
                smallest = smallest.min(h / per_pt);
            }
        }
        eprintln!("{ed}: {seen} chart words, smallest {smallest:.2} pt");
        assert!(seen > 100, "{ed}: only {seen} chart words found in the PDF");
        assert!(
            smallest >= 7.5 - 0.05,
            "{ed}: chart text printed at {smallest:.2} pt"
        );
    }
}
