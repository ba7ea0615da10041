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

/// The mini edition with `leesplan.yaml` replaced by `charts` (YAML under `charts:`), its
/// narrative's bound streefwaarde written out when the target has no year.
fn variant(name: &str, charts: &str) -> std::path::PathBuf {
    variant_keeping(name, charts, false)
}

fn variant_keeping(name: &str, charts: &str, keep_binds: bool) -> std::path::PathBuf {
    let dir = scratch(name);
    copy_dir(&root().join("tests/fixtures/mini"), &dir.join("mini"));
    let yaml = format!(
        "number: 1\ntitle: Aandeel scholen met een leesplan\nsources:\n  - Regioplan\ncharts:\n{charts}"
    );
    std::fs::write(dir.join("mini/indicators/leesplan.yaml"), yaml).unwrap();
    let md = dir.join("mini/indicators/leesplan.md");
    let text = std::fs::read_to_string(&md).unwrap();
    if keep_binds {
        return dir;
    }
    let text = text
        .replace("{streefwaarde}", "de streefwaarde")
        .replace("{streefjaar}", "2018")
        .replace("{basisjaar}", "2013/2014");
    std::fs::write(md, text).unwrap();
    dir
}

/// Builds the variant (PDF and Typst inputs) and returns the status and the first chart's alt
/// text and SVG.
fn status_alt_svg(dir: &std::path::Path) -> (serde_json::Value, String, String) {
    let o = kamerbrief(
        &["build", "mini", "--emit-typst", "typst", "--deny-warnings"],
        dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = kamerbrief(&["status", "mini", "--json"], dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let status: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let data = std::fs::read_dir(dir.join("typst"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.join("indicators/leesplan.json").exists())
        .unwrap_or_else(|| dir.join("typst/data"));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data.join("indicators/leesplan.json")).unwrap())
            .unwrap();
    let alt = json["charts"][0]["alt"].as_str().unwrap_or("").to_string();
    let svg = std::fs::read_to_string(data.join("charts/leesplan-1.svg")).unwrap_or_default();
    (status[0].clone(), alt, svg)
}

const MEASURED: &str = "      - label: realisatie\n        kind: realisation\n        points: {2013/2014: 37, 2016/2017: 52}\n";

#[test]
fn a_range_target_is_a_band_judged_on_its_lower_edge() {
    let dir = variant_keeping(
        "target-range",
        &format!(
            "  - series:\n{MEASURED}      - label: ambitie\n        kind: target\n        points: {{2013/2014: 37, 2019/2020: 80}}\n        upper: {{2019/2020: 85}}\n"
        ),
        true,
    );
    let (st, alt, svg) = status_alt_svg(&dir);
    // Path 37 → 80 over six school years asks 58,5 in 2016/2017; margin 4,3: behind.
    assert_eq!(st["status"], "achter op koers", "{st}");
    assert!(
        st["explanation"]
            .as_str()
            .unwrap()
            .contains("het pad naar 80 tot 85 procent in 2019/2020 vraagt daar 58,5 procent"),
        "{st}"
    );
    assert!(
        alt.contains("streefwaarde 80 tot 85 procent in 2019/2020"),
        "{alt}"
    );
    assert!(svg.contains(">\n80–85%\n<"), "the band's label: {svg}");
    assert!(svg.contains("<rect"), "the band is drawn");
    assert_eq!(st["target_upper"], 85.0);
    let text = pdf_text(&dir.join("out/mini.pdf"));
    assert!(
        contains_loose(&text, "80 tot 85 procent"),
        "{{streefwaarde}} of a range: {text}"
    );
    let o = kamerbrief(&["status", "mini"], &dir);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("80–85% in 2019/2020"),
        "the overview says the range"
    );
}

#[test]
fn a_relative_target_is_converted_for_the_chart_and_said_as_written() {
    let dir = variant(
        "target-relative",
        "  - unit: count\n    series:\n      - label: opleidingsplaatsen\n        kind: realisation\n        points: {2013/2014: 6009, 2016/2017: 6400}\n      - label: ambitie\n        kind: target\n        relative: true\n        points: {2013/2014: 6009, 2018/2019: 2200}\n      - label: ambitie vorig akkoord\n        kind: target\n        points: {2013/2014: 6009, 2016/2017: 7000}\n",
    );
    let (st, alt, svg) = status_alt_svg(&dir);
    assert_eq!(st["target"]["value"], 8209.0, "{st}");
    assert!(
        st["explanation"]
            .as_str()
            .unwrap()
            .contains("8.209 in 2018/2019 (+2.200 ten opzichte van 2013/2014)"),
        "{st}"
    );
    assert!(
        alt.contains("streefwaarde 8.209 in 2018/2019 (+2.200 ten opzichte van de basiswaarde)"),
        "{alt}"
    );
    // The previous agreement's target is a second target series with its own label.
    assert!(
        alt.contains(
            "Ambitie vorig akkoord: basiswaarde 6.009 in 2013/2014, streefwaarde 7.000 in 2016/2017"
        ),
        "{alt}"
    );
    assert!(
        svg.contains(">\n8.209\n<") && svg.contains(">\nambitie vorig akkoord\n<"),
        "{svg}"
    );
}

#[test]
fn targets_without_a_year_or_in_words_are_said_and_not_judged() {
    let dir = variant(
        "target-yearless",
        &format!(
            "  - series:\n{MEASURED}      - label: ambitie\n        kind: target\n        value: 100\n"
        ),
    );
    let (st, alt, svg) = status_alt_svg(&dir);
    assert_eq!(st["status"], "niet te beoordelen");
    assert_eq!(
        st["explanation"],
        "De streefwaarde van 100 procent heeft geen jaartal."
    );
    assert!(
        alt.contains("Ambitie: streefwaarde 100 procent zonder jaartal."),
        "{alt}"
    );
    assert!(
        svg.contains(">\n100%\n<") && svg.contains(">\nambitie\n<"),
        "a level line, labelled"
    );

    let dir = variant(
        "target-words",
        &format!(
            "  - series:\n{MEASURED}      - label: ambitie\n        kind: target\n        text: substantieel meer scholen\n"
        ),
    );
    let (st, alt, svg) = status_alt_svg(&dir);
    assert_eq!(st["status"], "niet te beoordelen");
    assert_eq!(
        st["explanation"],
        "De streefwaarde is in woorden gesteld („substantieel meer scholen”), niet in een getal met jaartal."
    );
    assert!(
        alt.contains("Ambitie: streefwaarde in woorden: substantieel meer scholen."),
        "{alt}"
    );
    assert!(
        !svg.contains(">\nambitie\n<"),
        "nothing drawn, no legend entry"
    );

    // Only a target series may carry these keys.
    let dir = variant(
        "target-misplaced",
        "  - series:\n      - label: realisatie\n        kind: realisation\n        points: {2013/2014: 37, 2016/2017: 52}\n        upper: {2016/2017: 60}\n",
    );
    let o = kamerbrief(&["check", "mini"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("leesplan.yaml:10:16: error: `upper` belongs to a target series"),
        "{}",
        stderr(&o)
    );
}
