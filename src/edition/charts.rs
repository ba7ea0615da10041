//! Chart entries in an indicator's YAML → the chart model, with periods checked.

use super::markdown::{self, FootnoteResolver};
use super::model::{Chart, Point, Series, SeriesKind, TargetForm};
use super::narrative::Inline;
use super::period::Period;
use super::raw::{ChartEntry, Points, SeriesEntry};
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
            .map(|n| super::note::checked_note(n, file, diags)),
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
    let form = target_form(
        entry.kind,
        entry.upper,
        entry.relative,
        entry.value,
        entry.text,
        file,
        diags,
    );
    if form.relative {
        // "+2.200" against the baseline (the first point) → the value on the chart's axis.
        let base = points.first().and_then(|p| p.value);
        for p in points.iter_mut().skip(1) {
            if let (Some(b), Some(v)) = (base, p.value) {
                p.value = Some(b + v);
            }
        }
    }
    if points.is_empty() && form.value.is_none() && form.text.is_none() {
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
        form,
    }
}

/// The target kinds written on a series; only a target series may carry them.
fn target_form(
    kind: SeriesKind,
    upper: Option<Spanned<Points>>,
    relative: Option<Spanned<bool>>,
    value: Option<Spanned<f64>>,
    text: Option<Spanned<String>>,
    file: &Path,
    diags: &mut Diagnostics,
) -> TargetForm {
    let mut form = TargetForm::default();
    let only_target = |key: &str, at: Pos, diags: &mut Diagnostics| {
        if kind != SeriesKind::Target {
            diags.push(
                Diagnostic::error(file, at, format!("`{key}` belongs to a target series"))
                    .with_hint("set `kind: target` on this series, or remove the key"),
            );
            false
        } else {
            true
        }
    };
    if let Some(u) = upper
        && only_target("upper", pos_of(&u), diags)
    {
        for (key, v) in u.value.0 {
            match (Period::parse(&key.value.0), v.value) {
                (Ok(period), Some(v)) => form.upper.push((period, v)),
                (Ok(_), None) => {}
                (Err(message), _) => diags.push(Diagnostic::error(file, pos_of(&key), message)),
            }
        }
    }
    if let Some(r) = relative
        && only_target("relative", pos_of(&r), diags)
    {
        form.relative = r.value;
    }
    if let Some(v) = value
        && only_target("value", pos_of(&v), diags)
    {
        form.value = Some(v.value);
    }
    if let Some(t) = text
        && only_target("text", pos_of(&t), diags)
    {
        form.text = Some(t.value.trim().to_string()).filter(|t| !t.is_empty());
    }
    form
}
