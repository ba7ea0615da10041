//! Model values for unit tests, written as literals: a series from (period, value) pairs and a
//! chart around series. Shared by the chart, label and status tests.

use crate::diag::Pos;
use crate::edition::period::Period;
use crate::edition::{Chart, Point, Series, SeriesKind, Unit};

/// A series with a value, or a gap (`None`), per period ("2014", "2014/2015", …).
pub fn series<P: AsRef<str>>(label: &str, kind: SeriesKind, points: &[(P, Option<f64>)]) -> Series {
    Series {
        label: label.into(),
        kind,
        points: points
            .iter()
            .map(|(p, v)| Point {
                period: Period::parse(p.as_ref()).unwrap(),
                value: *v,
                pos: Pos::FILE,
                value_pos: Pos::FILE,
            })
            .collect(),
        pos: Pos::FILE,
        form: Default::default(),
    }
}

/// A series with a value for every period.
pub fn measured<P: AsRef<str>>(label: &str, kind: SeriesKind, points: &[(P, f64)]) -> Series {
    let points: Vec<(&str, Option<f64>)> =
        points.iter().map(|(p, v)| (p.as_ref(), Some(*v))).collect();
    series(label, kind, &points)
}

/// A chart without title, bounds, note or source.
pub fn chart(unit: Unit, series: Vec<Series>) -> Chart {
    Chart {
        title: None,
        unit,
        y_min: None,
        y_max: None,
        note: None,
        source: None,
        series,
        pos: Pos::FILE,
    }
}
