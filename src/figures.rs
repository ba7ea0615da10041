//! Every data point of a dashboard edition as one tidy table, for `kamerbrief export`: one row
//! per point, in the order of the annex (indicator, chart, series, period).
//!
//! Columns (see docs/corrections.md): `indicator`, `id`, `title`, `chart`, `chart_title`,
//! `series`, `kind`, `period`, `value`, `unit`, `source`. A period without a measurement (`~`)
//! is a row with an empty `value`, so the table has exactly one row per point written.

use crate::diag::Diagnostics;
use crate::edition::narrative::plain_text;
use crate::edition::period::Period;
use crate::edition::{Document, Edition, SeriesKind, Unit};
use crate::pipeline;
use std::path::{Path, PathBuf};

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

/// Why nothing was exported.
#[derive(Debug)]
pub enum ExportError {
    /// The edition has errors.
    Invalid(Diagnostics),
    /// The edition is a letter or narrative annex: it has no figures.
    NotDashboard { dir: PathBuf, kind: &'static str },
    /// The CSV could not be written.
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Invalid(d) => write!(f, "the edition has {} error(s)", d.errors().count()),
            ExportError::NotDashboard { dir, kind } => write!(
                f,
                "{} is {kind}; export is for dashboard editions (`kind: dashboard`), which have figures",
                dir.display()
            ),
            ExportError::Write { path, error } => {
                write!(f, "cannot write {}: {error}", path.display())
            }
        }
    }
}

/// What an export wrote.
#[derive(Debug)]
pub struct Exported {
    pub rows: usize,
    pub bytes: usize,
    /// Warnings of the edition (it was valid).
    pub warnings: Diagnostics,
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

/// The rows as CSV bytes, header first.
pub fn to_csv(rows: &[Row], style: Style) -> Vec<u8> {
    let mut bytes = Vec::new();
    if style == Style::Dutch {
        // Without a byte order mark Excel reads UTF-8 as Windows-1252 ("EnquÃªtes").
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    let delimiter = if style == Style::Dutch { b';' } else { b',' };
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(bytes);
    // Writing to a Vec cannot fail.
    w.write_record(COLUMNS).expect("write to memory");
    for r in rows {
        w.write_record([
            r.indicator.to_string(),
            r.id.clone(),
            r.title.clone(),
            r.chart.to_string(),
            r.chart_title.clone(),
            r.series.clone(),
            kind_name(r.kind).to_string(),
            period_as_written(&r.period),
            r.value
                .map(|v| value_as_written(v, style))
                .unwrap_or_default(),
            unit_name(r.unit).to_string(),
            r.source.clone(),
        ])
        .expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

/// Loads and checks the edition in `dir` and writes its figures to `out` atomically: a failed
/// export leaves a previous file untouched.
pub fn export(dir: &Path, out: &Path, style: Style) -> Result<Exported, ExportError> {
    let (doc, warnings) = pipeline::check_document(dir).map_err(ExportError::Invalid)?;
    let edition = match doc {
        Document::Dashboard(e) => e,
        Document::Letter(_) => return Err(not_dashboard(dir, "a letter")),
        Document::Annex(_) => return Err(not_dashboard(dir, "a narrative annex")),
    };
    let rows = rows(&edition);
    let bytes = to_csv(&rows, style);
    // `-o -`: standard output.
    let written = if out == Path::new("-") {
        std::io::Write::write_all(&mut std::io::stdout().lock(), &bytes)
    } else {
        crate::output::write_atomic(out, &bytes)
    };
    written.map_err(|error| ExportError::Write {
        path: out.to_path_buf(),
        error,
    })?;
    Ok(Exported {
        rows: rows.len(),
        bytes: bytes.len(),
        warnings,
    })
}

fn not_dashboard(dir: &Path, kind: &'static str) -> ExportError {
    ExportError::NotDashboard {
        dir: dir.to_path_buf(),
        kind,
    }
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

    #[test]
    fn fields_with_separators_are_quoted() {
        let row = Row {
            indicator: 3,
            id: "x".into(),
            title: "Een, twee; drie".into(),
            chart: 1,
            chart_title: String::new(),
            series: "realisatie".into(),
            kind: SeriesKind::Realisation,
            period: Period::SchoolYear(2014),
            value: Some(5.9),
            unit: Unit::Percent,
            source: "A; B".into(),
        };
        let gap = Row {
            value: None,
            ..row.clone()
        };
        let plain = String::from_utf8(to_csv(&[row.clone(), gap], Style::Plain)).unwrap();
        let lines: Vec<&str> = plain.lines().collect();
        assert_eq!(lines[0], COLUMNS.join(","));
        assert_eq!(
            lines[1],
            "3,x,\"Een, twee; drie\",1,,realisatie,realisation,2014/2015,5.9,percent,A; B"
        );
        assert_eq!(
            lines[2],
            "3,x,\"Een, twee; drie\",1,,realisatie,realisation,2014/2015,,percent,A; B"
        );
        let dutch = String::from_utf8(to_csv(&[row], Style::Dutch)).unwrap();
        assert!(dutch.starts_with('\u{feff}'));
        assert!(dutch.contains("3;x;\"Een, twee; drie\";1;;"), "{dutch}");
        assert!(dutch.contains(";2014/2015;5,9;percent;\"A; B\""), "{dutch}");
    }
}
