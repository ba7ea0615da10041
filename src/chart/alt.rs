//! The text alternative of a chart, in Dutch, generated from the same data as the drawing.

use crate::edition::narrative::plain_text;
use crate::edition::{Chart, Unit};
use crate::locale;

/// "Lijndiagram. Realisatie: 21 procent in 2013/2014, 38 procent in 2015/2016. Ambitie: 100
/// procent in 2017/2018."
pub fn alt_text(chart: &Chart) -> String {
    let mut out = String::from("Lijndiagram");
    if let Some(title) = &chart.title {
        out.push_str(": ");
        out.push_str(plain_text(title).trim());
    }
    out.push('.');
    for series in &chart.series {
        let points: Vec<String> = series
            .points
            .iter()
            .map(|p| match p.value {
                Some(v) => format!("{} {}", value(chart.unit, v), p.period.in_text()),
                None => format!("geen meting {}", p.period.in_text()),
            })
            .collect();
        out.push_str(&format!(
            " {}: {}.",
            locale::capitalize(series.label.trim()),
            points.join(", ")
        ));
    }
    out
}

fn value(unit: Unit, v: f64) -> String {
    match unit {
        Unit::Percent => locale::percent_text(v),
        Unit::Count => locale::number(v),
    }
}
