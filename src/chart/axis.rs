//! Axis ranges and tick labels, decided from the data before anything is drawn.

use crate::edition::period::{Period, PeriodKind};
use crate::edition::{Chart, Unit};
use crate::locale;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XKind {
    Years,
    SchoolYears,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Axes {
    pub x_kind: XKind,
    pub x_min: f64,
    pub x_max: f64,
    pub y_min: f64,
    pub y_max: f64,
    pub unit: Unit,
}

impl Axes {
    pub fn for_chart(chart: &Chart) -> Axes {
        let periods: Vec<Period> = chart
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.period))
            .collect();
        let school = periods
            .iter()
            .filter(|p| p.kind() == PeriodKind::SchoolYear)
            .count();
        // School-year labels only when the axis is all school years; otherwise calendar years.
        let x_kind = if school > 0 && school == periods.len() {
            XKind::SchoolYears
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
        let values = chart.series.iter().flat_map(|s| s.values().map(|(_, v)| v));
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
            x_min: lo.floor() - 0.5,
            x_max: hi.ceil() + 0.5,
            y_min,
            y_max,
            unit: chart.unit,
        }
    }

    /// The label under an integer position of the x axis, "" between years.
    pub fn x_label(&self, x: f64) -> String {
        if (x - x.round()).abs() > 1e-6 {
            return String::new();
        }
        let year = x.round() as i32;
        match self.x_kind {
            XKind::Years => year.to_string(),
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
            XKind::SchoolYears => 74,
        };
        span.min(plot_width as usize / label_width).max(2)
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
}
