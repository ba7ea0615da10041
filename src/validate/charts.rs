//! Rules for chart data: order of periods, value ranges, axes, series count.

use crate::diag::{Diagnostic, Diagnostics};
use crate::edition::period::PeriodKind;
use crate::edition::{Chart, Indicator, SeriesKind, Unit};
use crate::locale;

pub fn check_chart(ind: &Indicator, index: usize, chart: &Chart, diags: &mut Diagnostics) {
    let file = &ind.yaml_file;
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
                if let Some(v) = p.value.filter(|v| !(0.0..=100.0).contains(v)) {
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
