//! Periods on a chart's x axis: calendar years, school years and dates.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    /// A calendar year: `2015`.
    Year(i32),
    /// A school year, by the calendar year it starts in: `2014/2015` is `SchoolYear(2014)`.
    SchoolYear(i32),
    /// A measurement date: `2017-09-01`.
    Date(NaiveDate),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PeriodKind {
    Year,
    SchoolYear,
    Date,
}

impl Period {
    pub fn kind(&self) -> PeriodKind {
        match self {
            Period::Year(_) => PeriodKind::Year,
            Period::SchoolYear(_) => PeriodKind::SchoolYear,
            Period::Date(_) => PeriodKind::Date,
        }
    }

    /// Position on a time axis in years. A school year sits at the calendar year it ends in,
    /// when its results are known, so "2017/2018" on a calendar axis lands on 2018.
    pub fn x(&self) -> f64 {
        match self {
            Period::Year(y) => f64::from(*y),
            Period::SchoolYear(start) => f64::from(*start + 1),
            Period::Date(d) => f64::from(d.year()) + f64::from(d.ordinal0()) / 365.0,
        }
    }

    /// Parses what a writer types as a period key. Integers arrive as text too.
    pub fn parse(text: &str) -> Result<Period, String> {
        let t = text.trim();
        if let Ok(year) = t.parse::<i32>() {
            return check_year(year).map(Period::Year);
        }
        if let Some((a, b)) = t.split_once('/') {
            return parse_school_year(a, b, t);
        }
        if let Ok(date) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            check_year(date.year())?;
            return Ok(Period::Date(date));
        }
        if let Some((a, b)) = t.split_once('-')
            && a.len() == 4
            && b.len() == 4
            && a.parse::<i32>().is_ok()
            && b.parse::<i32>().is_ok()
        {
            return Err(format!(
                "school year `{t}` is written with a hyphen; write `{a}/{b}`"
            ));
        }
        Err(format!(
            "`{t}` is not a period; write a year (`2015`), a school year (`2014/2015`) or a date (`2017-09-01`)"
        ))
    }
}

fn check_year(year: i32) -> Result<i32, String> {
    if (1900..=2100).contains(&year) {
        Ok(year)
    } else {
        Err(format!("year {year} is outside 1900–2100"))
    }
}

fn parse_school_year(a: &str, b: &str, whole: &str) -> Result<Period, String> {
    let (Ok(start), Ok(end)) = (a.trim().parse::<i32>(), b.trim().parse::<i32>()) else {
        return Err(format!(
            "`{whole}` is not a school year; write it as `2014/2015`"
        ));
    };
    check_year(start)?;
    if end != start + 1 {
        return Err(format!(
            "school year `{whole}` must span two consecutive years, e.g. `{start}/{}`",
            start + 1
        ));
    }
    Ok(Period::SchoolYear(start))
}

impl Period {
    /// The period after its preposition in running text: "in 2015", "in 2014/2015",
    /// "op 1 september 2017".
    pub fn in_text(&self) -> String {
        match self {
            Period::Date(_) => format!("op {self}"),
            _ => format!("in {self}"),
        }
    }
}

impl fmt::Display for Period {
    /// The label printed in the document: "2015", "2014/2015", "1 september 2017".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::SchoolYear(s) => write!(f, "{s}/{}", s + 1),
            Period::Date(d) => f.write_str(&crate::locale::format_date(*d)),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_take_op_and_years_take_in() {
        assert_eq!(Period::Year(2015).in_text(), "in 2015");
        assert_eq!(Period::SchoolYear(2014).in_text(), "in 2014/2015");
        let d = NaiveDate::from_ymd_opt(2017, 9, 1).unwrap();
        assert_eq!(Period::Date(d).in_text(), "op 1 september 2017");
    }

    #[test]
    fn parses_every_kind() {
        assert_eq!(Period::parse("2015"), Ok(Period::Year(2015)));
        assert_eq!(Period::parse("2014/2015"), Ok(Period::SchoolYear(2014)));
        assert_eq!(
            Period::parse("2017-09-01"),
            Ok(Period::Date(NaiveDate::from_ymd_opt(2017, 9, 1).unwrap()))
        );
    }

    #[test]
    fn rejects_with_a_fix() {
        let e = Period::parse("2014-2015").unwrap_err();
        assert!(e.contains("write `2014/2015`"), "{e}");
        assert!(
            Period::parse("2014/2016")
                .unwrap_err()
                .contains("consecutive")
        );
        assert!(
            Period::parse("vorig jaar")
                .unwrap_err()
                .contains("not a period")
        );
        assert!(Period::parse("20155").unwrap_err().contains("outside"));
    }

    #[test]
    fn labels_and_positions() {
        assert_eq!(Period::SchoolYear(2014).to_string(), "2014/2015");
        assert_eq!(Period::SchoolYear(2017).x(), 2018.0);
        let d = Period::parse("2017-09-01").unwrap();
        assert_eq!(d.to_string(), "1 september 2017");
        assert!(d.x() > 2017.6 && d.x() < 2017.7);
    }
}
