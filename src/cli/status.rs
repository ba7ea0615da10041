//! `kamerbrief status <EDITION> [--json]`: the overview table in the terminal, or as JSON for
//! the letter drafters.

use super::Exit;
use super::report::{failure, print_diagnostics};
use kamerbrief::pipeline::{self, Failure};
use kamerbrief::status::{self, Assessment};
use serde::Serialize;
use std::path::Path;

#[derive(Serialize)]
struct Row<'a> {
    number: u32,
    id: &'a str,
    title: &'a str,
    #[serde(flatten)]
    assessment: Assessment,
}

pub fn run(dir: &Path, json: bool) -> Exit {
    let (edition, warnings) = match pipeline::check(dir) {
        Ok(ok) => ok,
        Err(diags) => return failure(&Failure::Invalid(diags)),
    };
    print_diagnostics(&warnings);
    let rows: Vec<Row> = edition
        .indicators()
        .map(|i| Row {
            number: i.number,
            id: &i.id,
            title: i.short_title.as_deref().unwrap_or(&i.title),
            assessment: status::assess(i),
        })
        .collect();
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&rows).expect("rows serialise")
        );
        return Exit::Ok;
    }
    let cell = |r: &Row, p: Option<status::Point>| {
        p.map_or("–".to_string(), |p| {
            format!(
                "{} {}",
                status::short_value(r.assessment.unit, p.value),
                p.period.in_text()
            )
        })
    };
    println!(
        "{:>3}  {:<44}  {:<22}  {:<22}  Status",
        "Nr.", "Indicator", "Laatste meting", "Streefwaarde"
    );
    for r in &rows {
        let title: String = if r.title.chars().count() > 44 {
            r.title.chars().take(43).chain(['…']).collect()
        } else {
            r.title.to_string()
        };
        println!(
            "{:>3}  {:<44}  {:<22}  {:<22}  {}",
            r.number,
            title,
            cell(r, r.assessment.latest),
            status::target_cell(&r.assessment),
            r.assessment.status.label()
        );
    }
    Exit::Ok
}
