//! Charts on the page: the SVG the PDF shows, set inline so that it scales with the page and
//! carries its text alternative as `<title>`/`<desc>`, and its figures as a data table.

use crate::edition::narrative::plain_text;
use crate::edition::{Chart, Indicator};
use crate::locale;
use crate::render::InputFiles;
use crate::status;
use serde_json::{Value, json};

/// Completes each chart of an indicator's input with its inline SVG, a label, an anchor and
/// its figures as a table.
pub fn complete(ind: &mut Value, model: Option<&Indicator>, inputs: &InputFiles) {
    let id = ind["id"].as_str().unwrap_or_default().to_string();
    let number = ind["number"].clone();
    let title = ind["title"].as_str().unwrap_or_default().to_string();
    let Some(charts) = ind["charts"].as_array_mut() else {
        return;
    };
    for (k, c) in charts.iter_mut().enumerate() {
        let file = c["file"].as_str().unwrap_or_default().to_string();
        let nth = chart_number(&file, &id).unwrap_or(k + 1);
        let chart = model.and_then(|m| m.charts.get(nth - 1));
        let anchor = format!("grafiek-{id}-{nth}");
        let caption = chart
            .and_then(|ch| ch.title.as_ref())
            .map(|t| plain_text(t).trim().to_string())
            .filter(|t| !t.is_empty());
        let label = caption
            .clone()
            .unwrap_or_else(|| format!("Grafiek bij indicator {number}: {title}"));
        if let Some(svg) = inputs.files.get(&file) {
            c["svg"] = inline_svg(&String::from_utf8_lossy(svg));
        }
        c["anchor"] = json!(anchor);
        c["label"] = json!(label);
        if let Some(chart) = chart {
            let caption = match caption {
                Some(t) => format!("Cijfers bij de grafiek: {t}"),
                None => format!("Cijfers bij de grafiek van indicator {number}"),
            };
            c["table"] = table(chart, &caption);
        }
    }
}

/// `charts/<id>-<n>.svg` → n.
fn chart_number(file: &str, id: &str) -> Option<usize> {
    file.strip_prefix("charts/")?
        .strip_prefix(id)?
        .strip_prefix('-')?
        .strip_suffix(".svg")?
        .parse()
        .ok()
        .filter(|&n| n > 0)
}

/// Splits a standalone SVG document into the attributes the page's own `<svg>` element needs
/// and the drawing inside it. The drawing is our chart stage's output (its text escaped by
/// plotters), so it is the one piece of markup the templates insert unescaped.
pub fn inline_svg(svg: &str) -> Value {
    let start = svg.find("<svg").unwrap_or(0);
    let open_end = svg[start..].find('>').map_or(svg.len(), |i| start + i + 1);
    let close = svg
        .rfind("</svg>")
        .filter(|&c| c >= open_end)
        .unwrap_or(svg.len());
    let open = &svg[start..open_end];
    let attr = |name: &str| -> Option<String> {
        let key = format!(" {name}=\"");
        let from = open.find(&key)? + key.len();
        let len = open[from..].find('"')?;
        Some(open[from..from + len].to_string())
    };
    let width = attr("width");
    let height = attr("height");
    let viewbox =
        attr("viewBox").or_else(|| Some(format!("0 0 {} {}", width.clone()?, height.clone()?)));
    json!({
        "viewbox": viewbox,
        "width": width,
        "height": height,
        "inner": svg[open_end..close].trim(),
    })
}

/// The chart's figures: a row per period, a column per series; a period a series does not
/// have is "–", a period written as `~` is "geen meting".
pub fn table(chart: &Chart, caption: &str) -> Value {
    let mut periods: Vec<_> = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.period))
        .collect();
    periods.sort_by(|a, b| a.x().total_cmp(&b.x()).then(a.cmp(b)));
    periods.dedup();
    let columns: Vec<String> = chart
        .series
        .iter()
        .map(|s| locale::capitalize(s.label.trim()))
        .collect();
    let rows: Vec<Value> = periods
        .iter()
        .map(|period| {
            let cells: Vec<String> = chart
                .series
                .iter()
                .map(|s| match s.points.iter().find(|p| p.period == *period) {
                    Some(p) => p
                        .value
                        .map_or("geen meting".into(), |v| status::short_value(chart.unit, v)),
                    None => "–".into(),
                })
                .collect();
            json!({"period": period.to_string(), "cells": cells})
        })
        .collect();
    json!({
        "caption": caption,
        "columns": columns,
        "rows": rows,
    })
}
