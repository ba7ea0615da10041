//! `kamerbrief export`: every figure of the example editions in the CSV exactly once, as written.

mod common;

use common::*;
use std::collections::BTreeMap;
use std::path::Path;

const HEADER: [&str; 11] = [
    "indicator",
    "id",
    "title",
    "chart",
    "chart_title",
    "series",
    "kind",
    "period",
    "value",
    "unit",
    "source",
];

/// (indicator id, series label, period, value as written; empty for `~`) → how often.
type Figures = BTreeMap<(String, String, String, String), usize>;

fn unquote(s: &str) -> String {
    s.trim().trim_matches(|c| c == '"' || c == '\'').to_string()
}

/// The figures as typed in the indicator YAML files, read as text (not through the tool):
/// `period: value` lines under `points:`, and `points: {period: value, …}`.
fn figures_in_yaml(edition: &Path) -> Figures {
    let mut out = Figures::new();
    let mut add = |id: &str, label: &str, period: &str, value: &str| {
        let value = if value.trim() == "~" {
            String::new()
        } else {
            value.trim().to_string()
        };
        *out.entry((id.to_string(), label.to_string(), unquote(period), value))
            .or_default() += 1;
    };
    for entry in std::fs::read_dir(edition.join("indicators")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("yaml") {
            continue;
        }
        let id = path.file_stem().unwrap().to_str().unwrap().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let (mut label, mut points_indent) = (String::new(), None::<usize>);
        for line in text.lines() {
            let indent = line.len() - line.trim_start().len();
            let t = line.trim();
            if let Some(pi) = points_indent {
                if indent > pi && !t.is_empty() && !t.starts_with('#') {
                    let (period, value) = t.split_once(": ").expect("period: value");
                    add(&id, &label, period, value);
                    continue;
                }
                points_indent = None;
            }
            if let Some(l) = t
                .strip_prefix("- label:")
                .or_else(|| t.strip_prefix("label:"))
            {
                label = unquote(l);
            } else if t == "points:" {
                points_indent = Some(indent);
            } else if let Some(flow) = t.strip_prefix("points: {") {
                for pair in flow.trim_end_matches('}').split(',') {
                    let (period, value) = pair.split_once(':').unwrap();
                    add(&id, &label, period, value);
                }
            }
        }
    }
    out
}

fn read(file: &Path, delimiter: u8) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_path(file)
        .unwrap();
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r.records().map(Result::unwrap).collect();
    (header, rows)
}

fn export(edition: &str, out: &Path, extra: &[&str]) {
    let mut args = vec!["export", edition, "-o", out.to_str().unwrap()];
    args.extend(extra);
    let o = kamerbrief(&args, &root());
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn every_figure_exactly_once_as_written() {
    let dir = scratch("export-csv");
    for name in ["po-2017", "vo-2016"] {
        let edition = format!("content/{name}");
        let csv_file = dir.join(format!("{name}.csv"));
        export(&edition, &csv_file, &[]);
        let (header, rows) = read(&csv_file, b',');
        assert_eq!(header, HEADER);

        let model = model::load(&root().join(&edition));
        let points: usize = model
            .indicators()
            .flat_map(|i| &i.charts)
            .flat_map(|c| &c.series)
            .map(|s| s.points.len())
            .sum();
        assert_eq!(rows.len(), points, "{name}: one row per point");

        let mut in_csv = Figures::new();
        for r in &rows {
            let key = (
                r[1].to_string(),
                r[5].to_string(),
                r[7].to_string(),
                r[8].to_string(),
            );
            *in_csv.entry(key).or_default() += 1;
        }
        let in_yaml = figures_in_yaml(&root().join(&edition));
        assert_eq!(
            in_yaml.values().sum::<usize>(),
            points,
            "{name}: the YAML walk sees every point"
        );
        assert_eq!(in_csv, in_yaml, "{name}");

        // The other columns agree with the model, row by row in annex order.
        let mut rows = rows.iter();
        for ind in model.indicators() {
            for (c, chart) in ind.charts.iter().enumerate() {
                for series in &chart.series {
                    for _ in &series.points {
                        let r = rows.next().unwrap();
                        assert_eq!(r[0], ind.number.to_string());
                        assert_eq!(r[2], ind.title);
                        assert_eq!(r[3], (c + 1).to_string());
                        let kind = if series.kind == kamerbrief::edition::SeriesKind::Target {
                            "target"
                        } else {
                            "realisation"
                        };
                        assert_eq!(r[6], *kind);
                        let unit = if chart.unit == kamerbrief::edition::Unit::Count {
                            "count"
                        } else {
                            "percent"
                        };
                        assert_eq!(r[9], *unit);
                        let sources: Vec<&str> =
                            ind.sources.iter().map(|s| s.value.as_str()).collect();
                        assert_eq!(
                            r[10],
                            chart.source.clone().unwrap_or_else(|| sources.join("; "))
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn dutch_variant_uses_semicolons_and_decimal_commas() {
    let dir = scratch("export-csv-dutch");
    let (plain, dutch) = (dir.join("plain.csv"), dir.join("nl.csv"));
    export("content/vo-2016", &plain, &[]);
    export("content/vo-2016", &dutch, &["--dutch"]);
    let bytes = std::fs::read(&dutch).unwrap();
    assert!(
        bytes.starts_with("\u{feff}indicator;id;".as_bytes()),
        "BOM and `;`"
    );
    let (header, nl_rows) = read(&dutch, b';');
    assert_eq!(header, HEADER);
    let (_, rows) = read(&plain, b',');
    assert_eq!(nl_rows.len(), rows.len());
    let mut decimals = 0;
    for (nl, en) in nl_rows.iter().zip(&rows) {
        assert_eq!(nl[8], en[8].replace('.', ","));
        assert!(!nl[8].contains('.'), "{:?}", nl);
        decimals += usize::from(nl[8].contains(','));
        for i in [0, 1, 2, 3, 5, 6, 7, 9, 10] {
            assert_eq!(nl[i], en[i]);
        }
    }
    assert!(decimals > 0, "vo-2016 has values such as 5.9");
    assert!(nl_rows.iter().any(|r| &r[8] == "5,9"));
}

#[test]
fn a_letter_has_no_figures_to_export() {
    let dir = scratch("export-csv-letter");
    let out = dir.join("x.csv");
    let o = kamerbrief(
        &["export", "content/brief-2019", "-o", out.to_str().unwrap()],
        &root(),
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("export is for dashboard editions"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
}
