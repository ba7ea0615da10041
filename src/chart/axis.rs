//! Axis ranges and tick labels, decided from the data before anything is drawn.

use crate::edition::period::{Period, PeriodKind};
use crate::edition::{Chart, Unit};
use crate::locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XKind {
    Years,
    SchoolYears,
    /// Measurement dates: the axis is scaled to the dates, ticks carry day and month.
    Dates,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Axes {
    pub x_kind: XKind,
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
    pub unit: Unit,
    /// A tick at each period that has data, with its label, left to right.
    pub ticks: Vec<(f64, String)>,
}

impl Axes {
    pub fn for_chart(chart: &Chart) -> Axes {
        let periods: Vec<Period> = chart
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.period))
            .collect();
        let count = |kind| periods.iter().filter(|p| p.kind() == kind).count();
        let x_kind = if !periods.is_empty() && count(PeriodKind::SchoolYear) == periods.len() {
            XKind::SchoolYears
        } else if count(PeriodKind::Date) > 0 {
            XKind::Dates
        } else {
            XKind::Years
        };
        let xs = periods.iter().map(Period::x);
        let (lo, hi) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), x| {
            (a.min(x), b.max(x))
        });
        let (lo, hi) = if lo.is_finite() {
            (lo, hi)
        } else {
            (2015.0, 2015.0)
        };
        // Half a year of air for years; for dates a tenth of the span (at least a quarter year).
        let pad = match x_kind {
            XKind::Dates => ((hi - lo) * 0.1).max(0.25),
            _ => 0.5,
        };
        let mut sorted = periods.clone();
        sorted.sort_by(|a, b| a.x().total_cmp(&b.x()));
        let mut ticks: Vec<(f64, String)> = Vec::new();
        for p in sorted {
            if ticks.last().is_none_or(|(x, _)| (p.x() - x).abs() > 1e-9) {
                ticks.push((p.x(), tick_label(&p)));
            }
        }
        // Values drawn: the points, a range's upper edge, a level without a year.
        let values = chart.series.iter().flat_map(|s| {
            s.values()
                .map(|(_, v)| v)
                .chain(s.form.upper.iter().map(|(_, v)| *v))
                .chain(s.form.value)
        });
        let (vmin, vmax) = values.fold((0.0_f64, f64::NEG_INFINITY), |(a, b), v| {
            (a.min(v), b.max(v))
        });
        let (y_min, y_max) = match chart.unit {
            Unit::Percent => (
                chart.y_min.unwrap_or(vmin.min(0.0)),
                chart.y_max.unwrap_or(100.0),
            ),
            Unit::Count => (
                chart.y_min.unwrap_or(vmin.min(0.0)),
                chart.y_max.unwrap_or_else(|| nice_ceiling(vmax * 1.1)),
            ),
        };
        let y_max = if y_max > y_min { y_max } else { y_min + 1.0 };
        Axes {
            x_kind,
            x_min: lo - pad,
            x_max: hi + pad,
            y_min,
            y_max,
            unit: chart.unit,
            ticks,
        }
    }

    /// The label under an integer position of the x axis, "" between years.
    pub fn x_label(&self, x: f64) -> String {
        if (x - x.round()).abs() > 1e-6 {
            return String::new();
        }
        let year = x.round() as i32;
        match self.x_kind {
            XKind::Years | XKind::Dates => year.to_string(),
            XKind::SchoolYears => format!("{}/{}", year - 1, year),
        }
    }

    pub fn y_label(&self, y: f64) -> String {
        match self.unit {
            Unit::Percent => format!("{}%", locale::number(y)),
            Unit::Count => locale::format_number(y, 0),
        }
    }

    /// How many year ticks fit in `plot_width` SVG units: school-year labels ("2014/2015") are
    /// more than twice as wide as years. Plotters then picks a step of 1, 2 or 5 years.
    pub fn x_label_count(&self, plot_width: u32) -> usize {
        let span = (self.x_max - self.x_min).round() as usize;
        let label_width = match self.x_kind {
            XKind::Years => 44,
            XKind::SchoolYears | XKind::Dates => 74,
        };
        span.min(plot_width as usize / label_width).max(2)
    }
}

/// A period under the x axis: "2015", "2014/2015", "1 sep. 2017".
pub fn tick_label(p: &Period) -> String {
    match p {
        Period::Date(d) => {
            use chrono::Datelike;
            const SHORT: [&str; 12] = [
                "jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.",
                "nov.", "dec.",
            ];
            let month = SHORT[d.month0() as usize];
            format!("{} {month} {}", d.day(), d.year())
        }
        other => other.to_string(),
    }
}

/// 1, 2, 2.5 or 5 times a power of ten, at least `v`.
// `!(v > 0.0)` on purpose: NaN takes this branch too.
#[allow(clippy::neg_cmp_op_on_partial_ord)]
pub fn nice_ceiling(v: f64) -> f64 {
    if !(v > 0.0) {
        return 1.0;
    }
    let exp = v.log10().floor();
    let base = 10f64.powf(exp);
    for m in [1.0, 2.0, 2.5, 5.0, 10.0] {
        if m * base >= v {
            return m * base;
        }
    }
    10.0 * base
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_ceilings() {
        assert_eq!(nice_ceiling(6609.9), 10000.0);
        assert_eq!(nice_ceiling(4973.0 * 1.1), 10000.0);
        assert_eq!(nice_ceiling(190.0), 200.0);
        assert_eq!(nice_ceiling(0.0), 1.0);
        assert_eq!(nice_ceiling(24.0), 25.0);
    }

    fn chart(points: &[&str]) -> Chart {
        use crate::diag::Pos;
        use crate::edition::{Point, Series, SeriesKind};
        Chart {
            title: None,
            unit: Unit::Percent,
            y_min: None,
            y_max: None,
            note: None,
            source: None,
            series: vec![Series {
                label: "r".into(),
                kind: SeriesKind::Realisation,
                points: points
                    .iter()
                    .map(|p| Point {
                        period: Period::parse(p).unwrap(),
                        value: Some(10.0),
                        pos: Pos::FILE,
                        value_pos: Pos::FILE,
                    })
                    .collect(),
                pos: Pos::FILE,
                form: Default::default(),
            }],
            pos: Pos::FILE,
        }
    }

    #[test]
    fn ticks_sit_at_the_periods_with_data() {
        // vo zittenblijvers: data in 2013 and 2015, not ticks at 2014/2016/2018/2020.
        let a = Axes::for_chart(&chart(&["2013", "2015", "2020"]));
        let labels: Vec<&str> = a.ticks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["2013", "2015", "2020"]);
        assert_eq!((a.x_min, a.x_max), (2012.5, 2020.5));
        let a = Axes::for_chart(&chart(&["2013/2014", "2015/2016"]));
        assert_eq!(a.x_kind, XKind::SchoolYears);
        assert_eq!(a.ticks[1], (2016.0, "2015/2016".to_string()));
    }

    #[test]
    fn dates_on_a_date_axis() {
        // po 9: one date is not put on a 2017–2018 year axis.
        let a = Axes::for_chart(&chart(&["2017-09-01"]));
        assert_eq!(a.x_kind, XKind::Dates);
        assert_eq!(a.ticks.len(), 1);
        assert_eq!(a.ticks[0].1, "1 sep. 2017");
        assert!(a.x_min < a.ticks[0].0 && a.ticks[0].0 < a.x_max);
        let a = Axes::for_chart(&chart(&["2017-08-01", "2018-01-01"]));
        let labels: Vec<&str> = a.ticks.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["1 aug. 2017", "1 jan. 2018"]);
    }
}
