//! Progress at a glance: is an indicator on course for its streefwaarde? Computed from the data,
//! by a rule simple enough for a policy team to check against the chart:
//!
//! 1. The target path runs through the target series' points (baseline first, streefwaarde
//!    last), straight between them; before the baseline it is the baseline, after the last
//!    point it is the streefwaarde.
//! 2. The latest measured value of the realisation is compared with the path at its period.
//!    Lower is better when the streefwaarde lies below the baseline (zittenblijvers).
//! 3. "doel bereikt" when the latest value meets the streefwaarde; "doel niet gehaald" when the
//!    latest value is for the target period (or later) and does not meet it; "op koers" when it
//!    falls short of the path by no more than the tolerance; otherwise "achter op koers".
//!    The tolerance is a tenth of the distance from baseline to streefwaarde, in the chart's
//!    unit (percentage points for percentages): 7,9 for 21 → 100 procent, 0,2 for 5,9 → 3,9
//!    procent; a whole number for counts. An indicator may set its own.
//! 4. "geen nieuwe data" when the indicator is flagged so; "niet te beoordelen" without a
//!    measurement, without a target series, with a target of one point that is not reached, or
//!    when nothing was measured after the baseline ("alleen de nulmeting").
//! 5. A team may set the status by hand (`status: {override: …, reason: …}`); the reason is
//!    required and shown with it.

use crate::edition::period::Period;
use crate::edition::{Chart, Indicator, Series, SeriesKind, Unit};
use crate::locale;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    #[serde(rename = "doel bereikt")]
    Reached,
    #[serde(rename = "op koers")]
    OnCourse,
    #[serde(rename = "achter op koers")]
    Behind,
    /// The target period has been measured and the streefwaarde was not met.
    #[serde(rename = "doel niet gehaald")]
    Missed,
    #[serde(rename = "geen nieuwe data")]
    NoNewData,
    #[serde(rename = "niet te beoordelen")]
    NotAssessable,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Reached => "doel bereikt",
            Status::OnCourse => "op koers",
            Status::Behind => "achter op koers",
            Status::Missed => "doel niet gehaald",
            Status::NoNewData => "geen nieuwe data",
            Status::NotAssessable => "niet te beoordelen",
        }
    }
}

/// The status of one indicator with the figures it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub status: Status,
    pub unit: Unit,
    pub latest: Option<Point>,
    pub baseline: Option<Point>,
    pub target: Option<Point>,
    /// The upper edge of a range streefwaarde ("80–85 procent"), judged on `target`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target_upper: Option<f64>,
    /// The target path's value at the latest measurement's period.
    pub expected: Option<f64>,
    /// Why, in Dutch, for the reader and the policy team.
    pub explanation: String,
    /// Set when the status was set by hand.
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Point {
    pub period: Period,
    pub value: f64,
}

/// The streefwaarde as in a table: "100% in 2017/2018", "80–85% in 2020", or "–".
pub fn target_cell(a: &Assessment) -> String {
    a.target.map_or("–".to_string(), |p| {
        let value = match a.target_upper {
            Some(up) => format!("{}–{}", locale::number(p.value), short_value(a.unit, up)),
            None => short_value(a.unit, p.value),
        };
        format!("{value} {}", p.period.in_text())
    })
}

/// The value with its unit as in a table: "38%", "6.009".
pub fn short_value(unit: Unit, v: f64) -> String {
    match unit {
        Unit::Percent => format!("{}%", locale::number(v)),
        Unit::Count => locale::number(v),
    }
}

/// The value as in running text: "38 procent", "6.009".
pub fn text_value(unit: Unit, v: f64) -> String {
    match unit {
        Unit::Percent => locale::percent_text(v),
        Unit::Count => locale::number(v),
    }
}

/// A difference between two values as in running text: "7,9 procentpunt", "1.200".
pub fn difference_text(unit: Unit, d: f64) -> String {
    match unit {
        Unit::Percent => format!("{} procentpunt", locale::number(d.abs())),
        Unit::Count => locale::number(d.abs()),
    }
}

fn is_no_new_data(note: Option<&String>) -> bool {
    note.is_some_and(|n| n.to_lowercase().contains("geen nieuwe data"))
}

/// The chart and series the status is judged on (and that bound numbers refer to by default):
/// the first chart with measurements and a target; a target is paired with the realisation
/// series in the same position.
pub fn basis(ind: &Indicator) -> Option<(&Chart, &Series, Option<&Series>)> {
    let measured = |s: &&Series| s.kind == SeriesKind::Realisation && s.values().next().is_some();
    let with_target = ind.charts.iter().find_map(|c| {
        let reals: Vec<&Series> = c.series.iter().filter(measured).collect();
        let target = c.series.iter().find(|s| s.kind == SeriesKind::Target)?;
        let nth = c
            .series
            .iter()
            .filter(|s| s.kind == SeriesKind::Target)
            .position(|s| std::ptr::eq(s, target))?;
        let real = reals.get(nth).or(reals.first())?;
        Some((c, *real, Some(target)))
    });
    with_target.or_else(|| {
        ind.charts
            .iter()
            .find_map(|c| c.series.iter().find(measured).map(|s| (c, s, None)))
    })
}

/// The target path's value at `x`.
pub fn path_value(target: &[Point], x: f64) -> Option<f64> {
    let first = target.first()?;
    let last = target.last()?;
    if x <= first.period.x() {
        return Some(first.value);
    }
    if x >= last.period.x() {
        return Some(last.value);
    }
    target
        .windows(2)
        .find(|w| x >= w[0].period.x() && x <= w[1].period.x())
        .map(|w| {
            let (x0, x1) = (w[0].period.x(), w[1].period.x());
            w[0].value + (w[1].value - w[0].value) * (x - x0) / (x1 - x0)
        })
}

pub fn assess(ind: &Indicator) -> Assessment {
    let mut a = judge(ind);
    if let Some((status, reason)) = &ind.status_rule.forced {
        a.explanation = format!("Status vastgesteld door het beleidsteam: {reason}");
        a.status = *status;
        a.reason = Some(reason.clone());
    }
    a
}

/// The first target series of any chart, for an indicator without measurements: its streefwaarde
/// still goes into the status line.
fn any_target(ind: &Indicator) -> Option<(&Chart, &Series)> {
    ind.charts.iter().find_map(|c| {
        c.series
            .iter()
            .find(|s| {
                s.kind == SeriesKind::Target
                    && (s.values().next().is_some()
                        || s.form.value.is_some()
                        || s.form.text.is_some())
            })
            .map(|s| (c, s))
    })
}

fn points(series: &Series) -> Vec<Point> {
    series
        .values()
        .map(|(period, value)| Point { period, value })
        .collect()
}

/// The default tolerance: a tenth of the distance from baseline to streefwaarde; a whole number
/// for a count (half a school cannot be short).
fn default_tolerance(unit: Unit, base: f64, end: f64) -> f64 {
    let t = (end - base).abs() * 0.1;
    match unit {
        Unit::Percent => t,
        Unit::Count => t.round(),
    }
}

/// A figure as the explanation prints it: percentages to one decimal, counts whole.
fn rounded(unit: Unit, v: f64) -> f64 {
    match unit {
        Unit::Percent => (v * 10.0).round() / 10.0,
        Unit::Count => v.round(),
    }
}

fn judge(ind: &Indicator) -> Assessment {
    let no_new_flag = is_no_new_data(ind.note.as_ref());
    let Some((chart, real, target)) = basis(ind) else {
        let status = if no_new_flag {
            Status::NoNewData
        } else {
            Status::NotAssessable
        };
        let mut a = Assessment {
            status,
            unit: Unit::Percent,
            latest: None,
            baseline: None,
            target: None,
            target_upper: None,
            expected: None,
            explanation: String::new(),
            reason: None,
        };
        // A target without a measurement: the streefwaarde is said, nothing is judged.
        if let Some((chart, t)) = any_target(ind) {
            let path = points(t);
            a.unit = chart.unit;
            a.baseline = path.first().copied().filter(|_| path.len() > 1);
            a.target = path.last().copied();
            if let Some(end) = a.target {
                a.explanation = format!(
                    "Nog geen meting; de streefwaarde is {}.",
                    goal_text(chart.unit, t, &path, end)
                );
            } else if let Some(why) = unjudged_target(chart.unit, t) {
                a.explanation = format!("Nog geen meting. {why}");
            }
        }
        return a;
    };
    let unit = chart.unit;
    let latest = real
        .values()
        .last()
        .map(|(period, value)| Point { period, value });
    let path: Vec<Point> = target.map(points).unwrap_or_default();
    let mut a = Assessment {
        status: Status::NotAssessable,
        unit,
        latest,
        baseline: path.first().copied(),
        target: path.last().copied(),
        target_upper: None,
        expected: None,
        explanation: String::new(),
        reason: None,
    };
    let no_new = no_new_flag || is_no_new_data(chart.note.as_ref());
    let (Some(latest), Some(end), Some(base)) = (latest, a.target, a.baseline) else {
        a.status = if no_new {
            Status::NoNewData
        } else {
            Status::NotAssessable
        };
        a.explanation = if latest.is_none() {
            "Geen meting.".into()
        } else if let Some(why) = target.and_then(|t| unjudged_target(unit, t)) {
            why
        } else {
            "Geen streefwaarde met jaartal.".into()
        };
        return a;
    };
    a.target_upper = target.and_then(|t| t.form.upper_at(end.period));
    let lower_is_better = end.value < base.value;
    let meets = |v: f64, goal: f64| {
        if lower_is_better {
            v <= goal
        } else {
            v >= goal
        }
    };
    let v = text_value(unit, latest.value);
    let when = latest.period.in_text();
    let goal = match target {
        Some(t) => goal_text(unit, t, &path, end),
        None => format!("{} {}", text_value(unit, end.value), end.period.in_text()),
    };
    if meets(latest.value, end.value) {
        a.status = Status::Reached;
        a.explanation = format!("{v} {when} haalt de streefwaarde van {goal}.");
    } else if path.len() < 2 {
        a.status = Status::NotAssessable;
        a.explanation =
            format!("Alleen een streefwaarde ({goal}), geen pad om {v} {when} mee te vergelijken.");
    } else if latest.period.x() <= base.period.x() {
        // Nothing measured after the baseline: no movement to judge yet.
        a.status = Status::NotAssessable;
        a.explanation =
            format!("Er is alleen de nulmeting ({v} {when}); de streefwaarde is {goal}.");
    } else if latest.period.x() >= end.period.x() {
        // The target period is measured, and the streefwaarde is not met.
        a.status = Status::Missed;
        a.expected = Some(end.value);
        a.explanation = format!("{v} {when}; de streefwaarde was {goal}.");
    } else {
        let expected = path_value(&path, latest.period.x()).unwrap_or(end.value);
        let tolerance = ind
            .status_rule
            .tolerance
            .unwrap_or_else(|| default_tolerance(unit, base.value, end.value));
        let on_course = if lower_is_better {
            latest.value <= expected + tolerance
        } else {
            latest.value >= expected - tolerance
        };
        a.expected = Some(expected);
        a.status = if on_course {
            Status::OnCourse
        } else {
            Status::Behind
        };
        a.explanation = format!(
            "{v} {when}; het pad naar {goal} vraagt daar {} (marge {}).",
            text_value(unit, rounded(unit, expected)),
            difference_text(unit, rounded(unit, tolerance))
        );
    }
    if no_new {
        a.status = Status::NoNewData;
    }
    a
}

/// The streefwaarde as the documents write it: "100 procent in 2017/2018", "80 tot 85 procent in
/// 2020" (a range, judged on its lower edge), "8.209 in 2019/2020 (+2.200 ten opzichte van
/// 2014/2015)" (relative to the baseline).
pub fn goal_text(unit: Unit, target: &Series, path: &[Point], end: Point) -> String {
    let when = end.period.in_text();
    if let Some(up) = target.form.upper_at(end.period) {
        return format!(
            "{} tot {} {when}",
            locale::number(end.value),
            text_value(unit, up)
        );
    }
    let plain = format!("{} {when}", text_value(unit, end.value));
    match path.first() {
        Some(base) if target.form.relative && path.len() > 1 => {
            let d = end.value - base.value;
            let sign = if d < 0.0 { "−" } else { "+" };
            format!(
                "{plain} ({sign}{} ten opzichte van {})",
                difference_text(unit, d),
                base.period
            )
        }
        _ => plain,
    }
}

/// Why a target without a path cannot be judged: it has no year, or it is in words.
fn unjudged_target(unit: Unit, target: &Series) -> Option<String> {
    if let Some(text) = &target.form.text {
        return Some(format!(
            "De streefwaarde is in woorden gesteld („{text}”), niet in een getal met jaartal."
        ));
    }
    target.form.value.map(|v| {
        format!(
            "De streefwaarde van {} heeft geen jaartal.",
            text_value(unit, v)
        )
    })
}

impl Assessment {
    /// Whether there is anything to say: a measurement, a streefwaarde or a status set by hand.
    /// Without any of these an indicator gets no status line.
    pub fn has_basis(&self) -> bool {
        // The explanation is empty only when there is nothing at all to say.
        !self.explanation.is_empty()
    }
}

#[cfg(test)]
#[path = "status_tests.rs"]
mod tests;
