//! Chart entries in an indicator's YAML → the chart model, with periods checked.

use super::markdown::{self, FootnoteResolver};
use super::model::{Chart, Point, Series};
use super::narrative::Inline;
use super::period::Period;
use super::raw::{ChartEntry, SeriesEntry};
use super::yaml::pos_of;
use crate::diag::{Diagnostic, Diagnostics, Pos};
use serde_saphyr::Spanned;
use std::path::Path;

pub fn build_chart(
    raw: Spanned<ChartEntry>,
    file: &Path,
    footnotes: &mut FootnoteResolver<'_>,
    diags: &mut Diagnostics,
) -> Chart {
    let pos = pos_of(&raw);
    let entry = raw.value;
    let title = entry
        .title
        .as_deref()
        .map(|t| title_inlines(t, file, pos, footnotes, diags));
    if entry.series.is_empty() {
        diags.push(
            Diagnostic::error(file, pos, "a chart needs at least one series")
                .with_hint("add a series under `series:`, or remove the chart"),
        );
    }
    let series = entry
        .series
        .into_iter()
        .map(|s| build_series(s, file, diags))
        .collect();
    Chart {
        title,
        unit: entry.unit,
        y_min: entry.y_min,
        y_max: entry.y_max,
        note: entry
            .note
            .map(|n| super::indicator::checked_note(n, file, diags)),
        source: entry.source,
        series,
        pos,
    }
}

/// A chart title is one line of Markdown; it may carry a footnote defined in the indicator's
/// Markdown file.
fn title_inlines(
    text: &str,
    file: &Path,
    pos: Pos,
    footnotes: &mut FootnoteResolver<'_>,
    diags: &mut Diagnostics,
) -> Vec<Inline> {
    let mut inlines = markdown::parse_inline(text);
    for label in markdown::footnote_labels(&inlines) {
        if !footnotes.defs.contains_key(&label) {
            diags.push(
                Diagnostic::error(
                    file,
                    pos,
                    format!("chart title uses footnote `[^{label}]`, which is not defined"),
                )
                .with_hint(format!(
                    "define `[^{label}]: …` in `{}`",
                    footnotes.file.display()
                )),
            );
        }
    }
    footnotes.inlines(&mut inlines, diags);
    inlines
}

fn build_series(raw: Spanned<SeriesEntry>, file: &Path, diags: &mut Diagnostics) -> Series {
    let pos = pos_of(&raw);
    let entry = raw.value;
    let mut points = Vec::with_capacity(entry.points.0.len());
    for (key, value) in entry.points.0 {
        match Period::parse(&key.value.0) {
            Ok(period) => points.push(Point {
                period,
                value_pos: pos_of(&value),
                value: value.value,
                pos: pos_of(&key),
            }),
            Err(message) => diags.push(Diagnostic::error(file, pos_of(&key), message)),
        }
    }
    if points.is_empty() {
        diags.push(
            Diagnostic::error(file, pos, format!("series `{}` has no points", entry.label))
                .with_hint("add `period: value` lines under `points:`"),
        );
    }
    Series {
        label: entry.label,
        kind: entry.kind,
        points,
        pos,
    }
}
