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
    let kinds: Vec<PeriodKind> = chart
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.period.kind()))
        .collect();
    if kinds.windows(2).any(|w| w[0] != w[1]) {
        diags.push(
            Diagnostic::warning(
                file,
                chart.pos,
                format!(
                    "chart {} mixes calendar years, school years or dates on one axis",
                    index + 1
                ),
            )
            .with_hint("use one kind of period per chart, e.g. only school years (`2016/2017`)"),
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
                    diags.push(Diagnostic::warning(file, p.pos, format!("{} is not a percentage between 0 and 100", locale::number(v)))
                        .with_hint("correct the value, or set `unit: count` for a number that is not a percentage"));
                }
            }
        }
        if let (Some(max), true) = (chart.y_max, series.values().count() > 0) {
            if let Some((period, v)) = series.values().find(|(_, v)| *v > max) {
                diags.push(
                    Diagnostic::warning(
                        file,
                        series.pos,
                        format!(
                            "value {} for {period} lies above the axis maximum `y_max: {}`",
                            locale::number(v),
                            locale::number(max)
                        ),
                    )
                    .with_hint("raise `y_max` or remove it"),
                );
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
