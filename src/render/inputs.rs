//! The contract between Rust and the templates: one typed struct per input file. Data is split
//! per indicator so that Typst's incremental compiler redoes only what a change touches.

use crate::chart;
use crate::edition::narrative::{Block, Inline};
use crate::edition::{Edition, Indicator, Layout, Sector};
use crate::locale;
use crate::status;
use serde::Serialize;
use std::collections::BTreeMap;

/// Files handed to Typst, by path relative to the data directory. Sorted: same model, same files.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct InputFiles {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl InputFiles {
    fn json(&mut self, path: String, value: &impl Serialize) {
        let bytes = serde_json::to_vec_pretty(value).expect("input structs always serialise");
        self.files.insert(path, bytes);
    }

    pub fn insert_json(&mut self, path: &str, value: &impl Serialize) {
        self.json(path.to_string(), value);
    }
}

#[derive(Serialize)]
pub struct DashboardInput {
    pub title: String,
    pub sector: Sector,
    pub year: i32,
    /// "8 december 2017"
    pub date: String,
    pub intro: Vec<Block>,
    pub goals: Vec<GoalInput>,
    /// "Overzicht van de indicatoren": one row per indicator.
    pub overview: Vec<OverviewRow>,
    /// False when edition.yaml says `overview: false`: the table is left out.
    pub show_overview: bool,
}

#[derive(Serialize)]
pub struct OverviewRow {
    pub number: u32,
    pub title: String,
    /// "38% in 2015/2016", or "–".
    pub latest: String,
    /// "100% in 2017/2018", or "–".
    pub target: String,
    pub status: &'static str,
}

#[derive(Serialize)]
pub struct StatusInput {
    pub label: &'static str,
    pub explanation: String,
    /// Whether the status line is printed: not with `status: false` in edition.yaml, and not
    /// for an indicator with nothing to judge (no measurement, no streefwaarde).
    pub show: bool,
}

#[derive(Serialize)]
pub struct GoalInput {
    pub number: usize,
    pub title: String,
    pub intro: Vec<Block>,
    /// Paths of the indicators' input files, in order.
    pub indicators: Vec<String>,
}

#[derive(Serialize)]
pub struct IndicatorInput {
    pub id: String,
    pub number: u32,
    pub title: String,
    pub sources: Vec<String>,
    pub note: Option<String>,
    pub layout: Layout,
    pub charts: Vec<ChartInput>,
    pub doelstelling: Option<DoelstellingInput>,
    pub beweging: Option<Vec<Block>>,
    pub acties: Option<Vec<Block>>,
    pub status: StatusInput,
    /// Charts stand two by two across the text width (layout `above` with two or more charts).
    pub side_by_side: bool,
    /// Charts with targets but no measurement, said in words instead of drawn as empty frames.
    pub unmeasured: Vec<UnmeasuredInput>,
}

#[derive(Serialize)]
pub struct UnmeasuredInput {
    pub title: Option<Vec<Inline>>,
    /// "Ambitie: 100 procent in 2020; nog geen meting."
    pub text: String,
}

#[derive(Serialize)]
pub struct DoelstellingInput {
    /// "Doelstelling" or "Doelstellingen".
    pub heading: &'static str,
    pub items: Vec<Vec<Block>>,
}

#[derive(Serialize)]
pub struct ChartInput {
    /// Path of the SVG, relative to the data directory.
    pub file: String,
    pub title: Option<Vec<Inline>>,
    pub note: Option<String>,
    pub source: Option<String>,
    pub alt: String,
    /// The printed width in points: the SVG is drawn at this size, so its text is printed at
    /// the size it was drawn.
    pub width: u32,
    /// The same chart drawn lower at the same width (`Size::compact`), for a page where only
    /// that fits below the indicator's heading.
    pub compact: String,
}

/// Everything the dashboard template reads: `edition.json`, `indicators/<id>.json` and the charts.
pub fn dashboard_inputs(edition: &Edition) -> InputFiles {
    let mut files = InputFiles::default();
    let mut goals = Vec::new();
    for goal in &edition.goals {
        let mut paths = Vec::new();
        for ind in &goal.indicators {
            let path = format!("indicators/{}.json", ind.id);
            let input = indicator_input(ind, edition.meta.show_status, &mut files);
            files.json(path.clone(), &input);
            paths.push(path);
        }
        goals.push(GoalInput {
            number: goal.number,
            title: goal.title.clone(),
            intro: goal.intro.clone(),
            indicators: paths,
        });
    }
    let input = DashboardInput {
        title: edition.meta.title.clone(),
        sector: edition.meta.sector,
        year: edition.meta.year,
        date: locale::format_date(edition.meta.date),
        intro: edition.intro.clone(),
        goals,
        overview: edition.indicators().map(overview_row).collect(),
        show_overview: edition.meta.show_overview,
    };
    files.json("edition.json".into(), &input);
    files
}

fn overview_row(ind: &Indicator) -> OverviewRow {
    let a = status::assess(ind);
    let cell = |p: Option<status::Point>| {
        p.map_or("–".to_string(), |p| {
            format!(
                "{} {}",
                status::short_value(a.unit, p.value),
                p.period.in_text()
            )
        })
    };
    OverviewRow {
        number: ind.number,
        title: ind.short_title.clone().unwrap_or_else(|| ind.title.clone()),
        latest: cell(a.latest),
        target: status::target_cell(&a),
        status: a.status.label(),
    }
}

fn indicator_input(ind: &Indicator, show_status: bool, files: &mut InputFiles) -> IndicatorInput {
    let (drawn, side_by_side) = placed_charts(ind);
    let charts = drawn
        .into_iter()
        .map(|(i, c, size)| {
            let file = format!("charts/{}-{}.svg", ind.id, i + 1);
            files
                .files
                .insert(file.clone(), chart::render_svg(c, size).into_bytes());
            // Outside `charts/`: the web page shows only the full drawings.
            let compact = format!("charts-compact/{}-{}.svg", ind.id, i + 1);
            let svg = chart::render_svg(c, size.compact()).into_bytes();
            files.files.insert(compact.clone(), svg);
            ChartInput {
                file,
                title: c.title.clone(),
                note: c.note.clone(),
                source: c.source.clone(),
                alt: chart::alt_text_for(c, Some(&ind.title)),
                width: size.width,
                compact,
            }
        })
        .collect();
    let doelstelling = ind.doelstelling.as_ref().map(|d| DoelstellingInput {
        heading: if d.items.len() > 1 {
            "Doelstellingen"
        } else {
            "Doelstelling"
        },
        items: d.items.clone(),
    });
    IndicatorInput {
        id: ind.id.clone(),
        number: ind.number,
        title: ind.title.clone(),
        sources: ind
            .sources
            .iter()
            .map(|s| s.value.trim().to_string())
            .collect(),
        note: ind.note.clone(),
        layout: ind.layout,
        charts,
        doelstelling,
        beweging: ind.beweging.clone(),
        acties: ind.acties.clone(),
        status: {
            let a = status::assess(ind);
            StatusInput {
                label: a.status.label(),
                show: show_status && a.has_basis(),
                explanation: a.explanation,
            }
        },
        side_by_side,
        unmeasured: ind
            .charts
            .iter()
            .filter(|c| !has_measurement(c))
            .map(|c| UnmeasuredInput {
                title: c.title.clone(),
                text: chart::unmeasured_text(c),
            })
            .collect(),
    }
}

/// The charts an indicator shows, each with its index and the size it is drawn and printed at,
/// and whether they stand side by side. A chart without a measured value would be an empty
/// frame: it is left out, and its target is said in the status line and the text instead.
pub fn placed_charts(ind: &Indicator) -> (Vec<(usize, &crate::edition::Chart, chart::Size)>, bool) {
    let measured: Vec<(usize, &crate::edition::Chart)> = ind
        .charts
        .iter()
        .enumerate()
        .filter(|(_, c)| has_measurement(c))
        .collect();
    let side_by_side = ind.layout == Layout::Above && measured.len() >= 2;
    let placed = measured
        .into_iter()
        .map(|(i, c)| (i, c, chart::Size::for_chart(c, ind.layout, side_by_side)))
        .collect();
    (placed, side_by_side)
}

/// Whether a chart has a measured value to show.
fn has_measurement(c: &crate::edition::Chart) -> bool {
    c.series
        .iter()
        .any(|s| s.kind == crate::edition::SeriesKind::Realisation && s.values().next().is_some())
}

impl InputFiles {
    /// Writes the files under `dir` (e.g. for `--emit-typst`, or the committed samples).
    pub fn write_to(&self, dir: &std::path::Path) -> std::io::Result<()> {
        for (path, bytes) in &self.files {
            let target = dir.join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(target, bytes)?;
        }
        Ok(())
    }
}
