//! Rules for chart data: order of periods, value ranges, axes, series count.

use crate::diag::{Diagnostic, Diagnostics};
use crate::edition::period::PeriodKind;
use crate::edition::{Chart, Indicator, SeriesKind, Unit};
use crate::locale;

/// The most points one chart may hold (all its series together). Real charts have a few dozen;
/// past a few hundred the chart cannot be read, nor its alt text said.
pub const MAX_POINTS_PER_CHART: usize = 200;

/// The largest magnitude a value, axis bound or tolerance may have: far beyond any count of
/// pupils, schools or euros, and small enough to draw and print exactly.
pub const MAX_VALUE: f64 = 1e12;

/// Why `v` cannot be charted, if it cannot.
fn unusable(v: f64) -> Option<&'static str> {
    if v.is_nan() {
        Some("is not a number (`.nan`)")
    } else if v.is_infinite() {
        Some("is infinite (`.inf`)")
    } else if v.abs() > MAX_VALUE {
        Some("is too large to chart (at most 1.000.000.000.000)")
    } else {
        None
    }
}

/// Numbers that cannot be drawn or printed: NaN, infinities, absurd magnitudes; axis bounds
/// that are not; more points than a chart can show. Errors, at the value where it has a place.
fn check_numbers(ind: &Indicator, chart: &Chart, diags: &mut Diagnostics) {
    let file = &ind.yaml_file;
    for series in &chart.series {
        for p in &series.points {
            if let Some(why) = p.value.and_then(unusable) {
                diags.push(
                    Diagnostic::error(
                        file,
                        p.value_pos,
                        format!("the value for {} {why}", p.period),
                    )
                    .with_hint(
                        "write the measured value, or `~` for a period without a measurement",
                    ),
                );
            }
        }
    }
    for (key, bound) in [("y_min", chart.y_min), ("y_max", chart.y_max)] {
        if let Some(why) = bound.and_then(unusable) {
            diags.push(
                Diagnostic::error(file, chart.pos, format!("`{key}` of this chart {why}"))
                    .with_hint(format!(
                        "write a number for `{key}`, or remove it to let the axis fit the data"
                    )),
            );
        }
    }
    if let (Some(min), Some(max)) = (chart.y_min, chart.y_max)
        && min >= max
    {
        diags.push(
            Diagnostic::error(
                file,
                chart.pos,
                format!(
                    "`y_min: {}` is not below `y_max: {}`",
                    locale::number(min),
                    locale::number(max)
                ),
            )
            .with_hint("the axis runs from `y_min` up to a larger `y_max`"),
        );
    }
    let points: usize = chart.series.iter().map(|s| s.points.len()).sum();
    if points > MAX_POINTS_PER_CHART {
        diags.push(
            Diagnostic::error(
                file,
                chart.pos,
                format!("this chart has {points} points; a chart can show at most {MAX_POINTS_PER_CHART}"),
            )
            .with_hint("show fewer periods (e.g. one per year), or split the chart"),
        );
    }
}

/// A status tolerance that is not a finite number (`.inf`) cannot be compared with.
pub fn check_tolerance(ind: &Indicator, diags: &mut Diagnostics) {
    if let Some(t) = ind.status_rule.tolerance
        && t >= 0.0
        && let Some(why) = unusable(t)
    {
        diags.push(
            Diagnostic::error(
                &ind.yaml_file,
                ind.status_rule.pos,
                format!("the status tolerance {why}"),
            )
            .with_hint("write the tolerance in the chart's unit, e.g. `tolerance: 2`"),
        );
    }
}

pub fn check_chart(ind: &Indicator, index: usize, chart: &Chart, diags: &mut Diagnostics) {
    let file = &ind.yaml_file;
    check_numbers(ind, chart, diags);
    if chart.series.len() > 3 {
        diags.push(
            Diagnostic::warning(
                file,
                chart.pos,
                format!(
                    "chart has {} series; more than 3 lines cannot be told apart",
                    chart.series.len()
                ),
            )
            .with_hint("split the chart in two"),
        );
    }
    let mut points = chart.series.iter().flat_map(|s| s.points.iter());
    let first_kind: Option<PeriodKind> = points.next().map(|p| p.period.kind());
    // Located at the first point of another kind than the chart's first point.
    if let Some(odd) = points.find(|p| Some(p.period.kind()) != first_kind) {
        diags.push(
            Diagnostic::warning(
                file,
                odd.pos,
                format!(
                    "chart {} mixes calendar years, school years or dates on one axis",
                    index + 1
                ),
            )
            .with_hint("use one kind of period per chart, e.g. only school years (`2016/2017`)"),
        );
    }
    // One warning per chart, at its first value above the axis.
    let above = chart.y_max.and_then(|max| {
        chart
            .series
            .iter()
            .flat_map(|s| s.points.iter())
            .find_map(|p| p.value.filter(|v| *v > max).map(|v| (p, v, max)))
    });
    if let Some((p, v, max)) = above {
        diags.push(
            Diagnostic::warning(
                file,
                p.value_pos,
                format!(
                    "value {} for {} lies above the axis maximum `y_max: {}`",
                    locale::number(v),
                    p.period,
                    locale::number(max)
                ),
            )
            .with_hint("raise `y_max` or remove it"),
        );
    }
    for series in &chart.series {
        for w in series.points.windows(2) {
            if w[1].period == w[0].period {
                diags.push(
                    Diagnostic::warning(
                        file,
                        w[1].pos,
                        format!(
                            "period {} appears twice in series `{}`",
                            w[1].period, series.label
                        ),
                    )
                    .with_hint("keep one value per period"),
                );
            } else if w[1].period.x() < w[0].period.x() {
                diags.push(
                    Diagnostic::warning(
                        file,
                        w[1].pos,
                        format!(
                            "period {} comes after {} in series `{}`",
                            w[1].period, w[0].period, series.label
                        ),
                    )
                    .with_hint("list the periods in time order"),
                );
            }
        }
        if chart.unit == Unit::Percent {
            for p in &series.points {
                if let Some(v) = p
                    .value
                    .filter(|v| v.is_finite() && !(0.0..=100.0).contains(v))
                {
                    diags.push(Diagnostic::warning(file, p.value_pos, format!("{} is not a percentage between 0 and 100", locale::number(v)))
                        .with_hint("correct the value, or set `unit: count` for a number that is not a percentage"));
                }
            }
        }
        if series.kind == SeriesKind::Realisation && series.values().count() == 0 {
            diags.push(
                Diagnostic::warning(
                    file,
                    series.pos,
                    format!("series `{}` has no measured values", series.label),
                )
                .with_hint("add values, or remove the series"),
            );
        }
    }
}
