//! The figures table: every data point of a dashboard edition as one tidy table, in both
//! directions. `kamerbrief export` writes it (one row per point, in the order of the annex:
//! indicator, chart, series, period) as CSV ([`csv`]) or as an accessible spreadsheet
//! ([`sheet`]); `kamerbrief import` reads such a table back ([`table`], [`import`]) and writes
//! the changed figures into the YAML in place ([`yaml_edit`], [`apply`]), reporting them with
//! the change model of [`crate::diff`].
//!
//! Columns (see docs/corrections.md): `indicator`, `id`, `title`, `chart`, `chart_title`,
//! `series`, `kind`, `period`, `value`, `unit`, `source`. A period without a measurement (`~`)
//! is a row with an empty `value`, so the table has exactly one row per point written.

pub mod apply;
pub mod cells;
pub mod csv;
pub mod export;
pub mod import;
pub mod sheet;
pub mod table;
pub mod yaml_edit;

pub use export::{ExportError, Exported, Format, export};

use crate::edition::narrative::plain_text;
use crate::edition::period::Period;
use crate::edition::{Edition, SeriesKind, Unit};

/// The CSV header, in column order.
pub const COLUMNS: [&str; 11] = [
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

/// One data point with everything needed to read it on its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The indicator's number in the annex.
    pub indicator: u32,
    pub id: String,
    pub title: String,
    /// 1-based position of the chart in the indicator.
    pub chart: usize,
    /// The chart's caption as plain text (footnote marks left out); empty without a caption.
    pub chart_title: String,
    pub series: String,
    pub kind: SeriesKind,
    pub period: Period,
    /// `None` for a period written as `~` (no measurement).
    pub value: Option<f64>,
    pub unit: Unit,
    /// The chart's own source, else the indicator's sources joined by "; ".
    pub source: String,
}

/// Field separator and decimal mark.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Style {
    /// `,` between fields, a decimal point: for scripts and English spreadsheets.
    #[default]
    Plain,
    /// `;` between fields, a decimal comma and a UTF-8 byte order mark: for Dutch Excel.
    Dutch,
}

/// A period as a writer types it in the YAML: `2015`, `2014/2015`, `2017-09-01`.
pub fn period_as_written(period: &Period) -> String {
    match period {
        Period::Year(y) => y.to_string(),
        Period::SchoolYear(s) => format!("{s}/{}", s + 1),
        Period::Date(d) => d.format("%Y-%m-%d").to_string(),
    }
}

/// A value exactly as written, without float noise: the shortest decimal that reads back as the
/// same number (5.9 → "5.9", 6009 → "6009"). `Dutch` uses a decimal comma and never groups
/// thousands, so spreadsheets read it as a number.
pub fn value_as_written(value: f64, style: Style) -> String {
    let plain = format!("{value}");
    match style {
        Style::Plain => plain,
        Style::Dutch => plain.replace('.', ","),
    }
}

pub fn unit_name(unit: Unit) -> &'static str {
    match unit {
        Unit::Percent => "percent",
        Unit::Count => "count",
    }
}

pub fn kind_name(kind: SeriesKind) -> &'static str {
    match kind {
        SeriesKind::Realisation => "realisation",
        SeriesKind::Target => "target",
    }
}

/// Every point of the edition, gaps included, in annex order.
pub fn rows(edition: &Edition) -> Vec<Row> {
    let mut out = Vec::new();
    for ind in edition.indicators() {
        let sources = ind
            .sources
            .iter()
            .map(|s| s.value.as_str())
            .collect::<Vec<_>>()
            .join("; ");
        for (c, chart) in ind.charts.iter().enumerate() {
            let chart_title = chart
                .title
                .as_deref()
                .map(|t| plain_text(t).trim().to_string())
                .unwrap_or_default();
            let source = chart.source.clone().unwrap_or_else(|| sources.clone());
            for series in &chart.series {
                for point in &series.points {
                    out.push(Row {
                        indicator: ind.number,
                        id: ind.id.clone(),
                        title: ind.title.clone(),
                        chart: c + 1,
                        chart_title: chart_title.clone(),
                        series: series.label.clone(),
                        kind: series.kind,
                        period: point.period,
                        value: point.value,
                        unit: chart.unit,
                        source: source.clone(),
                    });
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_print_as_written() {
        for (v, plain, dutch) in [
            (5.9, "5.9", "5,9"),
            (6009.0, "6009", "6009"),
            (94.4, "94.4", "94,4"),
            (0.17, "0.17", "0,17"),
            (62000.0, "62000", "62000"),
            (-1.5, "-1.5", "-1,5"),
        ] {
            assert_eq!(value_as_written(v, Style::Plain), plain);
            assert_eq!(value_as_written(v, Style::Dutch), dutch);
        }
    }

    #[test]
    fn periods_as_written() {
        for text in ["2015", "2014/2015", "2017-09-01"] {
            assert_eq!(period_as_written(&Period::parse(text).unwrap()), text);
        }
    }
}
