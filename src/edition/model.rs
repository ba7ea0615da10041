//! The typed model of an edition: what the rest of the pipeline works on.

use super::narrative::{Block, Inline};
use super::period::Period;
use crate::diag::Pos;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Any edition the tool builds.
#[derive(Debug, Clone)]
pub enum Document {
    Dashboard(Edition),
    Letter(Letter),
    Annex(Annex),
}

impl Document {
    pub fn name(&self) -> &str {
        match self {
            Document::Dashboard(e) => &e.name,
            Document::Letter(l) => &l.name,
            Document::Annex(a) => &a.name,
        }
    }
}

/// The progress letter to the Tweede Kamer.
#[derive(Debug, Clone)]
pub struct Letter {
    pub dir: PathBuf,
    pub name: String,
    pub file: PathBuf,
    /// "2018–2019", always with an en dash.
    pub parliamentary_year: String,
    pub dossiers: Vec<Dossier>,
    /// The Kamerstuk number: "Nr. 489".
    pub number: u32,
    /// "BRIEF VAN DE MINISTER VOOR …"
    pub letter_type: String,
    pub addressee: String,
    pub place: String,
    pub date: NaiveDate,
    pub signatory: Signatory,
    /// Names of editions under the same content directory, in order.
    pub annexes: Vec<Located<String>>,
    pub body: Vec<Block>,
    pub texts: Vec<NarrativeFile>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dossier {
    /// "31 293"
    pub number: String,
    /// "Primair Onderwijs"
    pub title: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    /// "De Minister voor Basis- en Voortgezet Onderwijs en Media"
    pub function: String,
    /// "A. Slob"
    pub name: String,
}

impl Letter {
    /// The directory that holds the letter's edition and its annexes (`content/`), also when
    /// the letter was named as `.` or `..`.
    pub fn content_dir(&self) -> PathBuf {
        match (self.dir.file_name(), self.dir.parent()) {
            (Some(_), Some(p)) if p.as_os_str().is_empty() => PathBuf::from("."),
            (Some(_), Some(p)) => p.to_path_buf(),
            _ => self
                .dir
                .canonicalize()
                .ok()
                .and_then(|d| d.parent().map(Path::to_path_buf))
                .unwrap_or_else(|| self.dir.join("..")),
        }
    }
}

/// A narrative annex ("Bijlage 1: …"): numbered sections, lists, footnotes, no charts.
#[derive(Debug, Clone)]
pub struct Annex {
    pub dir: PathBuf,
    pub name: String,
    pub file: PathBuf,
    pub title: String,
    pub date: NaiveDate,
    pub body: Vec<Block>,
    pub texts: Vec<NarrativeFile>,
}

/// A dashboard annex: goals with indicators.
#[derive(Debug, Clone)]
pub struct Edition {
    /// The edition directory.
    pub dir: PathBuf,
    /// The directory name, e.g. `po-2017`: names the output file.
    pub name: String,
    pub meta: Meta,
    pub intro: Vec<Block>,
    pub goals: Vec<Goal>,
    /// Every Markdown file read, with its text: for checks that point into the source.
    pub texts: Vec<NarrativeFile>,
}

#[derive(Debug, Clone)]
pub struct NarrativeFile {
    pub path: PathBuf,
    pub text: String,
    /// The indicator this file narrates, if it is an indicator's file.
    pub indicator: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Meta {
    pub sector: Sector,
    pub year: i32,
    pub title: String,
    pub date: NaiveDate,
    /// Where `date: TODO` is written (left so by `kamerbrief new`): still to set.
    pub date_unset: Option<Pos>,
    /// The edition this one follows (`previous:`), for the to-do list of `check`.
    pub previous: Option<Located<String>>,
    pub file: PathBuf,
    /// Print each indicator's status line (`status: false` in edition.yaml leaves them out).
    pub show_status: bool,
    /// Print the overview table (`overview: false` leaves it out).
    pub show_overview: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sector {
    Po,
    Vo,
}

#[derive(Debug, Clone)]
pub struct Goal {
    pub id: String,
    pub number: usize,
    pub title: String,
    pub intro: Vec<Block>,
    pub indicators: Vec<Indicator>,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub id: String,
    /// The place in edition.yaml, continuous across goals: 1, 2, 3 …
    pub number: u32,
    /// A `number:` still written in the indicator's YAML, with where it is written.
    pub written_number: Option<Located<u32>>,
    /// Where edition.yaml lists the indicator.
    pub listed_at: Pos,
    pub title: String,
    pub short_title: Option<String>,
    pub status_rule: StatusRule,
    pub sources: Vec<Located<String>>,
    pub note: Option<String>,
    pub note_pos: Pos,
    pub layout: Layout,
    pub charts: Vec<Chart>,
    pub doelstelling: Option<Doelstelling>,
    pub beweging: Option<Vec<Block>>,
    pub acties: Option<Vec<Block>>,
    /// The YAML and Markdown files, for messages.
    pub yaml_file: PathBuf,
    pub md_file: PathBuf,
}

/// Per-indicator settings of the status rule (see `crate::status`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StatusRule {
    /// Allowed shortfall against the target path, in the chart's unit.
    pub tolerance: Option<f64>,
    /// A status set by the policy team, with the reason they give.
    pub forced: Option<(crate::status::Status, String)>,
    pub pos: Pos,
}

/// One doelstelling (a paragraph or more), or several (printed as bullets under "Doelstellingen").
#[derive(Debug, Clone, PartialEq)]
pub struct Doelstelling {
    pub items: Vec<Vec<Block>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub pos: Pos,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Layout {
    /// Chart to the right of the doelstelling and beweging text.
    #[default]
    Beside,
    /// Chart on top, full width.
    Above,
}

#[derive(Debug, Clone)]
pub struct Chart {
    pub title: Option<Vec<Inline>>,
    pub unit: Unit,
    pub y_min: Option<f64>,
    pub y_max: Option<f64>,
    pub note: Option<String>,
    pub source: Option<String>,
    pub series: Vec<Series>,
    pub pos: Pos,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    #[default]
    Percent,
    Count,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SeriesKind {
    /// Measured values: a solid line with markers.
    Realisation,
    /// The path to the streefwaarde: a dotted line.
    Target,
}

#[derive(Debug, Clone)]
pub struct Series {
    pub label: String,
    pub kind: SeriesKind,
    pub points: Vec<Point>,
    pub pos: Pos,
    /// How a target is written, beyond a path of points (see `TargetForm`).
    pub form: TargetForm,
}

/// The forms a target takes in the documents besides a path from baseline to streefwaarde.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TargetForm {
    /// A range ("80–85 procent"): the upper edge per period; the points are the lower edge, on
    /// which the status is judged.
    pub upper: Vec<(Period, f64)>,
    /// The points after the first were written as changes from the first (the baseline):
    /// "+2.200". They are stored converted (absolute), and said as written.
    pub relative: bool,
    /// A streefwaarde without a year ("100 procent"): drawn as a level line, not judged.
    pub value: Option<f64>,
    /// A target in words ("substantieel"): said, not drawn, not judged.
    pub text: Option<String>,
}

impl TargetForm {
    /// The upper edge at a period, for a range target.
    pub fn upper_at(&self, period: Period) -> Option<f64> {
        self.upper
            .iter()
            .find(|(p, _)| *p == period)
            .map(|(_, v)| *v)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub period: Period,
    /// `None`: no measurement for this period, drawn as a gap.
    pub value: Option<f64>,
    /// Where the period is written.
    pub pos: Pos,
    /// Where the value is written, for messages about the value itself.
    pub value_pos: Pos,
}

impl Edition {
    pub fn indicators(&self) -> impl Iterator<Item = &Indicator> {
        self.goals.iter().flat_map(|g| g.indicators.iter())
    }
}

impl Series {
    /// Points that have a value, in order.
    pub fn values(&self) -> impl Iterator<Item = (Period, f64)> + '_ {
        self.points
            .iter()
            .filter_map(|p| p.value.map(|v| (p.period, v)))
    }
}
