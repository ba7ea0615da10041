//! The YAML files as written, before checks: serde types with unknown keys refused.

use super::model::{Layout, SeriesKind, Unit};
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// Only the `kind` of an edition.yaml, to choose how to read the rest.
#[derive(Deserialize)]
pub struct KindProbe {
    pub kind: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DashboardFile {
    #[allow(dead_code)]
    pub kind: String,
    pub sector: super::model::Sector,
    pub year: Spanned<i32>,
    pub title: String,
    pub date: Spanned<String>,
    #[serde(default)]
    pub intro: Option<Spanned<String>>,
    /// The edition this one was rolled forward from (`kamerbrief new`), beside it.
    #[serde(default)]
    pub previous: Option<Spanned<String>>,
    /// `status: false` leaves the status line out of every indicator.
    #[serde(default)]
    pub status: Option<bool>,
    /// `overview: false` leaves the overview table out.
    #[serde(default)]
    pub overview: Option<bool>,
    pub goals: Vec<GoalEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalEntry {
    pub id: Spanned<String>,
    pub title: String,
    pub indicators: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorFile {
    /// Optional: the order in edition.yaml numbers the indicators; a written number that
    /// disagrees is a warning.
    #[serde(default)]
    pub number: Option<Spanned<u32>>,
    pub title: String,
    /// For the overview table, when the title is long.
    #[serde(default)]
    pub short_title: Option<String>,
    #[serde(default)]
    pub status: Option<Spanned<StatusEntry>>,
    #[serde(default)]
    pub sources: Vec<Spanned<String>>,
    #[serde(default)]
    pub note: Option<Spanned<String>>,
    #[serde(default)]
    pub layout: Layout,
    #[serde(default)]
    pub charts: Vec<Spanned<ChartEntry>>,
}

/// How the status of an indicator is judged, when the default rule does not fit.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusEntry {
    #[serde(default)]
    pub tolerance: Option<Spanned<f64>>,
    #[serde(default, rename = "override")]
    pub forced: Option<crate::status::Status>,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartEntry {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub unit: Unit,
    #[serde(default)]
    pub y_min: Option<f64>,
    #[serde(default)]
    pub y_max: Option<f64>,
    #[serde(default)]
    pub note: Option<Spanned<String>>,
    #[serde(default)]
    pub source: Option<String>,
    pub series: Vec<Spanned<SeriesEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeriesEntry {
    pub label: String,
    pub kind: SeriesKind,
    /// May be left out for a target written as `value:` or `text:` only.
    #[serde(default)]
    pub points: Points,
    /// Target kinds (see docs/edition-format.md, "Target kinds").
    #[serde(default)]
    pub upper: Option<Spanned<Points>>,
    #[serde(default)]
    pub relative: Option<Spanned<bool>>,
    #[serde(default)]
    pub value: Option<Spanned<f64>>,
    #[serde(default)]
    pub text: Option<Spanned<String>>,
}

/// `period: value` pairs in the order written (a map would sort or drop duplicates).
#[derive(Default)]
pub struct Points(pub Vec<(Spanned<PeriodKey>, Spanned<Option<f64>>)>);

impl<'de> Deserialize<'de> for Points {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Points;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of period to value, e.g. `2015: 46`")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Points, A::Error> {
                let mut out = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    out.push(entry);
                }
                Ok(Points(out))
            }
        }
        d.deserialize_map(V)
    }
}

/// A period key as typed: YAML reads `2015` as a number and `2014/2015` as text.
pub struct PeriodKey(pub String);

impl<'de> Deserialize<'de> for PeriodKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = PeriodKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a period: a year, a school year like 2014/2015, or a date like 2017-09-01",
                )
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PeriodKey, E> {
                Ok(PeriodKey(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PeriodKey, E> {
                Ok(PeriodKey(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<PeriodKey, E> {
                Ok(PeriodKey(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PeriodKey, E> {
                Ok(PeriodKey(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}
