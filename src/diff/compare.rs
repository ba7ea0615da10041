//! Two loaded editions → a [`Diff`].

use super::paragraphs;
use super::*;
use crate::edition::narrative::plain_text;
use crate::edition::period::Period;
use crate::edition::{Chart, Edition, Indicator, Layout, Series};
use crate::figures::period_as_written;

/// Compares two versions of an edition. `old` and `new` in the result are the edition names.
pub fn compare(old: &Edition, new: &Edition) -> Diff {
    let mut d = Diff {
        schema: SCHEMA,
        old: old.name.clone(),
        new: new.name.clone(),
        changes: 0,
        edition: Vec::new(),
        intro: paragraphs::plain(&old.intro, &new.intro, Section::Intro),
        goals: Vec::new(),
        indicators: Vec::new(),
    };
    field(
        &mut d.edition,
        Field::Title,
        text(&old.meta.title),
        text(&new.meta.title),
    );
    let date = |e: &Edition| text(&e.meta.date.format("%Y-%m-%d").to_string());
    field(&mut d.edition, Field::Date, date(old), date(new));

    for g in &new.goals {
        let mut diff = GoalDiff {
            id: g.id.clone(),
            number: g.number,
            title: g.title.clone(),
            change: Change::Changed,
            fields: Vec::new(),
            intro: Vec::new(),
        };
        match old.goals.iter().find(|o| o.id == g.id) {
            Some(o) => {
                field(
                    &mut diff.fields,
                    Field::Title,
                    text(&o.title),
                    text(&g.title),
                );
                diff.intro = paragraphs::plain(&o.intro, &g.intro, Section::Intro);
            }
            None => diff.change = Change::Added,
        }
        if diff.count() > 0 {
            d.goals.push(diff);
        }
    }
    for o in old
        .goals
        .iter()
        .filter(|o| !new.goals.iter().any(|g| g.id == o.id))
    {
        d.goals.push(GoalDiff {
            id: o.id.clone(),
            number: o.number,
            title: o.title.clone(),
            change: Change::Removed,
            fields: Vec::new(),
            intro: Vec::new(),
        });
    }

    let with_goal = |e: &'_ Edition| -> Vec<(String, Indicator)> {
        e.goals
            .iter()
            .flat_map(|g| g.indicators.iter().map(|i| (g.id.clone(), i.clone())))
            .collect()
    };
    let (before, after) = (with_goal(old), with_goal(new));
    for (goal, ind) in &after {
        let diff = match before.iter().find(|(_, o)| o.id == ind.id) {
            Some((old_goal, o)) => indicator(old, old_goal, o, new, goal, ind),
            None => whole(ind, Change::Added),
        };
        if diff.count() > 0 {
            d.indicators.push(diff);
        }
    }
    for (_, o) in before
        .iter()
        .filter(|(_, o)| !after.iter().any(|(_, i)| i.id == o.id))
    {
        d.indicators.push(whole(o, Change::Removed));
    }
    d.recount();
    d
}

fn text(s: &str) -> Option<FieldValue> {
    Some(FieldValue::Text(s.to_string()))
}

fn opt_text(s: Option<&str>) -> Option<FieldValue> {
    s.map(|s| FieldValue::Text(s.to_string()))
}

fn field(
    out: &mut Vec<FieldChange>,
    field: Field,
    old: Option<FieldValue>,
    new: Option<FieldValue>,
) {
    if old != new {
        out.push(FieldChange { field, old, new });
    }
}

fn whole(ind: &Indicator, change: Change) -> IndicatorDiff {
    IndicatorDiff {
        id: ind.id.clone(),
        number: ind.number,
        title: ind.title.clone(),
        change,
        fields: Vec::new(),
        charts: Vec::new(),
        series: Vec::new(),
        points: Vec::new(),
        text: Vec::new(),
    }
}

fn indicator(
    old_ed: &Edition,
    old_goal: &str,
    old: &Indicator,
    new_ed: &Edition,
    new_goal: &str,
    new: &Indicator,
) -> IndicatorDiff {
    let mut d = whole(new, Change::Changed);
    let f = &mut d.fields;
    field(
        f,
        Field::Number,
        Some(FieldValue::Number(old.number)),
        Some(FieldValue::Number(new.number)),
    );
    field(f, Field::Title, text(&old.title), text(&new.title));
    field(
        f,
        Field::ShortTitle,
        opt_text(old.short_title.as_deref()),
        opt_text(new.short_title.as_deref()),
    );
    let sources = |i: &Indicator| {
        Some(FieldValue::List(
            i.sources.iter().map(|s| s.value.clone()).collect(),
        ))
    };
    field(f, Field::Sources, sources(old), sources(new));
    field(
        f,
        Field::Note,
        opt_text(old.note.as_deref()),
        opt_text(new.note.as_deref()),
    );
    field(f, Field::Goal, text(old_goal), text(new_goal));
    let layout = |i: &Indicator| {
        text(match i.layout {
            Layout::Beside => "beside",
            Layout::Above => "above",
        })
    };
    field(f, Field::Layout, layout(old), layout(new));
    let forced = |i: &Indicator| {
        opt_text(
            i.status_rule
                .forced
                .as_ref()
                .map(|(s, reason)| format!("{}: {reason}", s.label()))
                .as_deref(),
        )
    };
    field(f, Field::StatusOverride, forced(old), forced(new));
    let tolerance = |i: &Indicator| opt_text(i.status_rule.tolerance.map(dutch_number).as_deref());
    field(f, Field::Tolerance, tolerance(old), tolerance(new));

    for c in 0..old.charts.len().max(new.charts.len()) {
        match (old.charts.get(c), new.charts.get(c)) {
            (Some(o), Some(n)) => chart(&mut d, c + 1, o, n),
            (None, Some(n)) => d.charts.push(chart_change(c + 1, n, Change::Added)),
            (Some(o), None) => d.charts.push(chart_change(c + 1, o, Change::Removed)),
            (None, None) => {}
        }
    }
    d.text = paragraphs::indicator(old_ed, old, new_ed, new);
    // Last, so it reads as the consequence of the changes above it.
    let status = |i: &Indicator| text(crate::status::assess(i).status.label());
    field(&mut d.fields, Field::Status, status(old), status(new));
    d
}

fn dutch_number(v: f64) -> String {
    crate::locale::number(v)
}

fn chart_title(c: &Chart) -> Option<String> {
    c.title.as_deref().map(|t| plain_text(t).trim().to_string())
}

fn chart_change(number: usize, c: &Chart, change: Change) -> ChartChange {
    ChartChange {
        chart: number,
        change,
        title: chart_title(c),
        fields: Vec::new(),
    }
}

fn chart(d: &mut IndicatorDiff, number: usize, old: &Chart, new: &Chart) {
    let mut change = chart_change(number, new, Change::Changed);
    let f = &mut change.fields;
    field(
        f,
        Field::Title,
        chart_title(old).map(FieldValue::Text),
        chart_title(new).map(FieldValue::Text),
    );
    let unit = |c: &Chart| text(crate::figures::unit_name(c.unit));
    field(f, Field::Unit, unit(old), unit(new));
    field(
        f,
        Field::Source,
        opt_text(old.source.as_deref()),
        opt_text(new.source.as_deref()),
    );
    field(
        f,
        Field::Note,
        opt_text(old.note.as_deref()),
        opt_text(new.note.as_deref()),
    );
    let bound = |v: Option<f64>| opt_text(v.map(dutch_number).as_deref());
    field(f, Field::YMin, bound(old.y_min), bound(new.y_min));
    field(f, Field::YMax, bound(old.y_max), bound(new.y_max));
    if !change.fields.is_empty() {
        d.charts.push(change);
    }

    // Series match by kind and label; a label used twice matches by occurrence.
    let keyed = |c: &Chart| -> Vec<((SeriesKind, String, usize), usize)> {
        let mut seen: Vec<(SeriesKind, &str)> = Vec::new();
        c.series
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let n = seen
                    .iter()
                    .filter(|k| **k == (s.kind, s.label.as_str()))
                    .count();
                seen.push((s.kind, &s.label));
                ((s.kind, s.label.clone(), n), i)
            })
            .collect()
    };
    let (before, after) = (keyed(old), keyed(new));
    let series_change = |s: &Series, change| SeriesChange {
        chart: number,
        label: s.label.clone(),
        kind: s.kind,
        change,
    };
    for (key, i) in &after {
        let s = &new.series[*i];
        match before.iter().find(|(k, _)| k == key) {
            Some((_, j)) => d.points.extend(points(number, new, &old.series[*j], s)),
            None => d.series.push(series_change(s, Change::Added)),
        }
    }
    for (key, j) in &before {
        if !after.iter().any(|(k, _)| k == key) {
            d.series
                .push(series_change(&old.series[*j], Change::Removed));
        }
    }
}

fn figure(p: (Period, f64)) -> Figure {
    Figure {
        period: period_as_written(&p.0),
        value: p.1,
    }
}

/// Changed, added and removed values of one series. Gaps (`~`) count as no value.
fn points(number: usize, chart: &Chart, old: &Series, new: &Series) -> Vec<PointChange> {
    let point = |role, was: Option<(Period, f64)>, now: Option<(Period, f64)>| {
        let change = match (was, now) {
            (Some(o), Some(n)) if o == n => return None,
            (Some(_), Some(_)) => Change::Changed,
            (None, Some(_)) => Change::Added,
            (Some(_), None) => Change::Removed,
            (None, None) => return None,
        };
        Some(PointChange {
            chart: number,
            series: new.label.clone(),
            kind: new.kind,
            role,
            change,
            unit: chart.unit,
            old: was.map(figure),
            new: now.map(figure),
        })
    };
    let (o, n): (Vec<_>, Vec<_>) = (old.values().collect(), new.values().collect());
    let by_period = |role, o: &[(Period, f64)], n: &[(Period, f64)]| -> Vec<PointChange> {
        let mut periods: Vec<Period> = o.iter().chain(n).map(|p| p.0).collect();
        periods.sort();
        periods.dedup();
        let find = |set: &[(Period, f64)], p: Period| set.iter().copied().find(|q| q.0 == p);
        periods
            .into_iter()
            .filter_map(|p| point(role, find(o, p), find(n, p)))
            .collect()
    };
    if new.kind == SeriesKind::Realisation {
        return by_period(Role::Realisation, &o, &n);
    }
    // A target path: the baseline is its first point, the streefwaarde its last (a path of one
    // point is only a streefwaarde); they are compared by role, so a moved year is one change.
    let baseline = |v: &[(Period, f64)]| {
        if v.len() >= 2 {
            v.first().copied()
        } else {
            None
        }
    };
    let interim = |v: &[(Period, f64)]| -> Vec<(Period, f64)> {
        if v.len() >= 3 {
            v[1..v.len() - 1].to_vec()
        } else {
            Vec::new()
        }
    };
    let mut out = Vec::new();
    out.extend(point(Role::Baseline, baseline(&o), baseline(&n)));
    out.extend(by_period(Role::Interim, &interim(&o), &interim(&n)));
    out.extend(point(
        Role::Streefwaarde,
        o.last().copied(),
        n.last().copied(),
    ));
    out
}
