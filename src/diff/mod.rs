//! What changed between two versions of a dashboard edition, for `kamerbrief diff`.
//!
//! Indicators and goals are matched by their stable `id`, charts by position, series by kind
//! and label, points by period. Narrative is compared per section and paragraph on the
//! Markdown as written, so a figure bound to data (`{waarde 2015/2016}`) that follows a
//! corrected value is reported once, as the value, not again as changed text.
//!
//! The result is plain data ([`Diff`], serialised as the JSON of `kamerbrief diff --json`,
//! documented in docs/corrections.md); [`text`] and [`note`] render it for people.

mod compare;
pub mod note;
mod paragraphs;
pub mod source;
pub mod text;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_narrative;
#[cfg(test)]
mod tests_output;
#[cfg(test)]
mod tests_rules;

pub use compare::compare;
pub use source::{LoadError, Spec, load_version};

use crate::edition::{SeriesKind, Unit};
use serde::Serialize;

/// The version of the JSON shape; raised when a field changes meaning or disappears.
pub const SCHEMA: u32 = 1;

/// Every difference between two versions of an edition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diff {
    pub schema: u32,
    /// The old and new version as given (a directory or `rev:path`).
    pub old: String,
    pub new: String,
    /// The number of reported changes; 0 when the versions are the same.
    pub changes: usize,
    /// The edition's `title` and `date`.
    pub edition: Vec<FieldChange>,
    /// Paragraphs of "Toelichting op het dashboard".
    pub intro: Vec<ParagraphChange>,
    pub goals: Vec<GoalDiff>,
    /// Indicators in the new version's order, removed ones after.
    pub indicators: Vec<IndicatorDiff>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Added,
    Removed,
    Changed,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GoalDiff {
    pub id: String,
    /// The goal's number (in the new version; in the old one if removed).
    pub number: usize,
    pub title: String,
    pub change: Change,
    pub fields: Vec<FieldChange>,
    pub intro: Vec<ParagraphChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorDiff {
    pub id: String,
    /// The number (in the new version; in the old one if removed).
    pub number: u32,
    pub title: String,
    pub change: Change,
    /// `number`, `title`, `short_title`, `sources`, `note`, `goal`.
    pub fields: Vec<FieldChange>,
    /// Charts added or removed, and chart captions, units, sources and notes changed.
    pub charts: Vec<ChartChange>,
    /// Series added to or removed from a chart that is in both versions.
    pub series: Vec<SeriesChange>,
    /// Figures changed, added or removed in series that are in both versions.
    pub points: Vec<PointChange>,
    /// Narrative paragraphs changed, added or removed.
    pub text: Vec<ParagraphChange>,
}

/// A field, with its old and new value (`null` when it was or is absent).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: Field,
    pub old: Option<FieldValue>,
    pub new: Option<FieldValue>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Title,
    Date,
    Number,
    ShortTitle,
    Sources,
    Note,
    /// The goal an indicator belongs to (its id).
    Goal,
    Unit,
    /// A chart's own source line.
    Source,
    /// The status computed from the data ("op koers", "achter op koers", …): a corrected
    /// figure can move it.
    Status,
    /// A status set by hand, with its reason ("op koers: De meetmethode is …").
    StatusOverride,
    /// The status rule's tolerance, in the chart's unit.
    Tolerance,
    /// Where the charts stand: `beside` or `above` the text.
    Layout,
    /// A chart's fixed axis bounds.
    YMin,
    YMax,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FieldValue {
    Number(u32),
    Text(String),
    List(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartChange {
    /// 1-based position (in the new version; in the old one if removed).
    pub chart: usize,
    pub change: Change,
    /// The caption as plain text, if any.
    pub title: Option<String>,
    /// For a changed chart: `title`, `unit`, `source`, `note`.
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesChange {
    pub chart: usize,
    pub label: String,
    pub kind: SeriesKind,
    pub change: Change,
}

/// What a point is to its series: a measurement, or a point of the target path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Realisation,
    /// The first point of a target series.
    Baseline,
    /// A point between the baseline and the streefwaarde.
    Interim,
    /// The last point of a target series.
    Streefwaarde,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PointChange {
    pub chart: usize,
    pub series: String,
    pub kind: SeriesKind,
    pub role: Role,
    pub change: Change,
    pub unit: Unit,
    pub old: Option<Figure>,
    pub new: Option<Figure>,
}

/// A value with its period, as written in the YAML (`2014/2015`, `2017-09-01`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    pub period: String,
    pub value: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    /// The toelichting or a goal's intro.
    Intro,
    Doelstelling,
    Beweging,
    Acties,
}

impl Section {
    /// The heading as printed in the annex.
    pub fn heading(self) -> &'static str {
        use crate::edition::sections::{ACTIES, BEWEGING, DOELSTELLING};
        match self {
            Section::Intro => "Inleiding",
            Section::Doelstelling => DOELSTELLING,
            Section::Beweging => BEWEGING,
            Section::Acties => ACTIES,
        }
    }
}

/// One paragraph (or list item, or quote) of a section, as plain text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParagraphChange {
    pub section: Section,
    /// 1-based position in the section (in the new version; in the old one if removed).
    pub paragraph: usize,
    pub change: Change,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl IndicatorDiff {
    /// Changes reported for this indicator; an added or removed one counts once.
    pub fn count(&self) -> usize {
        match self.change {
            Change::Added | Change::Removed => 1,
            Change::Changed => {
                self.fields.len()
                    + self.charts.len()
                    + self.series.len()
                    + self.points.len()
                    + self.text.len()
            }
        }
    }
}

impl GoalDiff {
    pub fn count(&self) -> usize {
        match self.change {
            Change::Added | Change::Removed => 1,
            Change::Changed => self.fields.len() + self.intro.len(),
        }
    }
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.changes == 0
    }

    fn recount(&mut self) {
        self.changes = self.edition.len()
            + self.intro.len()
            + self.goals.iter().map(GoalDiff::count).sum::<usize>()
            + self
                .indicators
                .iter()
                .map(IndicatorDiff::count)
                .sum::<usize>();
    }

    /// The JSON of `kamerbrief diff --json`.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a diff serialises")
    }
}

/// Loads both versions and compares them. Labels in the result are the arguments as given.
pub fn diff_versions(old: &str, new: &str) -> Result<Diff, LoadError> {
    let old_edition = load_version(old)?;
    let new_edition = load_version(new)?;
    let mut d = compare(&old_edition, &new_edition);
    d.old = old.to_string();
    d.new = new.to_string();
    Ok(d)
}
