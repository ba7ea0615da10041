//! The text alternative of a chart, in Dutch, generated from the same data as the drawing. It
//! stands alone: a listener hears what is measured and in what unit, every value, which point is
//! the baseline and which the streefwaarde, and how the measurements moved.

use crate::edition::narrative::plain_text;
use crate::edition::period::Period;
use crate::edition::{Chart, Series, SeriesKind, Unit};
use crate::locale;

/// The alt text with what the chart measures taken from its own title only. Prefer
/// [`alt_text_for`], which falls back to the indicator's title.
pub fn alt_text(chart: &Chart) -> String {
    alt_text_for(chart, None)
}

/// "Lijndiagram: Aandeel scholen met een leesplan, in procenten. Realisatie: 21 procent in
/// 2013/2014, 38 procent in 2015/2016. Ambitie: basiswaarde 21 procent in 2013/2014,
/// streefwaarde 100 procent in 2017/2018. Realisatie steeg van 21 procent in 2013/2014 naar 38
/// procent in 2015/2016."
///
/// What is measured is the chart's title, else `indicator_title`.
pub fn alt_text_for(chart: &Chart, indicator_title: Option<&str>) -> String {
    let mut out = String::from(kind(chart));
    let what = chart
        .title
        .as_ref()
        .map(|t| plain_text(t).trim().to_string())
        .or_else(|| indicator_title.map(|t| t.trim().to_string()))
        .filter(|t| !t.is_empty());
    if let Some(what) = what {
        out.push_str(": ");
        out.push_str(what.trim_end_matches('.'));
    }
    out.push_str(match chart.unit {
        Unit::Percent => ", in procenten.",
        Unit::Count => ", in aantallen.",
    });
    for series in &chart.series {
        out.push(' ');
        out.push_str(&locale::capitalize(series.label.trim()));
        out.push_str(": ");
        out.push_str(&series_values(chart.unit, series));
        out.push('.');
    }
    if let Some(m) = movement(chart) {
        out.push(' ');
        out.push_str(&m);
    }
    out
}

/// "Lijndiagram" only where a line of measurements is drawn; single measurements are points.
fn kind(chart: &Chart) -> &'static str {
    let line = chart.series.iter().any(|s| {
        s.kind == SeriesKind::Realisation
            && s.points
                .windows(2)
                .any(|w| w[0].value.is_some() && w[1].value.is_some())
    });
    if line { "Lijndiagram" } else { "Puntdiagram" }
}

fn series_values(unit: Unit, series: &Series) -> String {
    let measured: Vec<(Period, f64)> = series.values().collect();
    if series.kind == SeriesKind::Target {
        let n = measured.len();
        let base = measured.first().map(|&(_, v)| v);
        let mut parts: Vec<String> = measured
            .iter()
            .enumerate()
            .map(|(i, &(p, v))| {
                let role = if i + 1 == n {
                    "streefwaarde "
                } else if i == 0 {
                    "basiswaarde "
                } else {
                    "tussendoel "
                };
                let shown = match series.form.upper_at(p) {
                    Some(up) => format!("{} tot {}", locale::number(v), value(unit, up)),
                    None => value(unit, v),
                };
                // A relative target is said as written: the change from the baseline.
                let written = match base {
                    Some(b) if series.form.relative && i > 0 => {
                        let d = v - b;
                        let sign = if d < 0.0 { "−" } else { "+" };
                        format!(
                            " ({sign}{} ten opzichte van de basiswaarde)",
                            locale::number(d.abs())
                        )
                    }
                    _ => String::new(),
                };
                format!("{role}{shown} {}{written}", p.in_text())
            })
            .collect();
        if let Some(v) = series.form.value {
            parts.push(format!("streefwaarde {} zonder jaartal", value(unit, v)));
        }
        if let Some(t) = &series.form.text {
            parts.push(format!("streefwaarde in woorden: {t}"));
        }
        return parts.join(", ");
    }
    series
        .points
        .iter()
        .map(|p| match p.value {
            Some(v) => format!("{} {}", value(unit, v), p.period.in_text()),
            None => format!("geen meting {}", p.period.in_text()),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// How the first measured series moved, in one clause: "Realisatie steeg van 21 procent in
/// 2013/2014 naar 38 procent in 2015/2016."
fn movement(chart: &Chart) -> Option<String> {
    let series = chart
        .series
        .iter()
        .find(|s| s.kind == SeriesKind::Realisation && s.values().nth(1).is_some())?;
    let (p0, v0) = series.values().next()?;
    let (p1, v1) = series.values().last()?;
    let from = format!("{} {}", value(chart.unit, v0), p0.in_text());
    let to = format!("{} {}", value(chart.unit, v1), p1.in_text());
    let verb = if v1 > v0 {
        format!("steeg van {from} naar {to}")
    } else if v1 < v0 {
        format!("daalde van {from} naar {to}")
    } else {
        format!("bleef {} van {p0} tot {p1}", value(chart.unit, v0))
    };
    Some(format!(
        "{} {verb}.",
        locale::capitalize(series.label.trim())
    ))
}

fn value(unit: Unit, v: f64) -> String {
    match unit {
        Unit::Percent => locale::percent_text(v),
        Unit::Count => locale::number(v),
    }
}

/// A chart without measurements, in words: its targets with their periods. "Ambitie: 100
/// procent in 2020; nog geen meting."
pub fn unmeasured_text(chart: &Chart) -> String {
    let parts: Vec<String> = chart
        .series
        .iter()
        .filter(|s| s.values().next().is_some())
        .map(|s| {
            let values: Vec<String> = s
                .values()
                .map(|(p, v)| format!("{} {}", value(chart.unit, v), p.in_text()))
                .collect();
            format!(
                "{}: {}",
                locale::capitalize(s.label.trim()),
                values.join(", ")
            )
        })
        .collect();
    if parts.is_empty() {
        "Nog geen meting.".into()
    } else {
        format!("{}; nog geen meting.", parts.join("; "))
    }
}
