//! A figures table matched with an edition: each row is found by indicator id, chart, series
//! label and period, and its value read the way the spreadsheet shows it. The result is the
//! list of figures that differ from the YAML, or every row that cannot be used, located.
//!
//! Spreadsheet pitfalls handled here: a cell formatted as a percentage (0,56 shown as 56 %)
//! reads as 56; float noise (7.0000000000000009) reads as the value shown; a Dutch decimal
//! comma in a text cell ("5,9") reads as 5.9; an empty value cell is "no measurement" only
//! where the period already is a gap (`~`); extra and reordered columns are found by their
//! header name.

use super::cells::{period_of, value_of};
use super::table::{Cell, Place, Table, TableError};
use crate::edition::period::Period;
use crate::edition::{Edition, Indicator, Unit};
use crate::locale;
use std::collections::HashMap;
use std::path::PathBuf;

/// The columns import needs; the others (`indicator`, `title`, `kind`, …) are read by people.
const NEEDED: [&str; 5] = ["id", "chart", "series", "period", "value"];

/// A figure in the table that differs from the YAML.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub indicator: String,
    pub yaml_file: PathBuf,
    /// 0-based chart and series positions in the indicator.
    pub chart: usize,
    pub series: usize,
    pub period: Period,
    /// `None` when the period is new to the series; `Some(None)` when it is a gap (`~`).
    pub old: Option<Option<f64>>,
    pub new: f64,
    /// Where the value is in the table.
    pub place: Place,
}

struct Columns {
    id: usize,
    chart: usize,
    series: usize,
    period: usize,
    value: usize,
}

fn columns(table: &Table) -> Result<Columns, Vec<TableError>> {
    let mut found: HashMap<&str, usize> = HashMap::new();
    let mut errors = Vec::new();
    for (c, name) in table.header.iter().enumerate() {
        let name = name.trim().to_lowercase();
        if let Some(n) = NEEDED.iter().find(|n| **n == name)
            && found.insert(n, c).is_some()
        {
            errors.push(
                TableError::new(
                    table.place(table.header_row, Some(c)),
                    format!("the header row names the column `{n}` twice"),
                )
                .with_hint("keep one column of that name"),
            );
        }
    }
    for n in NEEDED {
        if !found.contains_key(n) {
            errors.push(
                TableError::new(
                    table.place(table.header_row, None),
                    format!("the header row has no column `{n}`"),
                )
                .with_hint(format!(
                    "import needs the columns {} as `kamerbrief export` writes them; others are ignored",
                    NEEDED.join(", ")
                )),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Columns {
        id: found["id"],
        chart: found["chart"],
        series: found["series"],
        period: found["period"],
        value: found["value"],
    })
}

/// The figures of `table` that differ from `edition`, or every row that cannot be used.
pub fn match_rows(edition: &Edition, table: &Table) -> Result<Vec<Edit>, Vec<TableError>> {
    let cols = columns(table)?;
    let mut edits = Vec::new();
    let mut errors = Vec::new();
    let mut seen: HashMap<(String, usize, usize, Period), u32> = HashMap::new();
    let empty = Cell::Empty;
    for (row, cells) in &table.rows {
        let cell = |c: usize| cells.get(c).unwrap_or(&empty);
        let at = |c: usize| table.place(*row, Some(c));
        match match_row(edition, &cols, cell, at) {
            Ok(None) => {}
            Ok(Some(found)) => {
                let key = (
                    found.ind.id.clone(),
                    found.chart,
                    found.series,
                    found.period,
                );
                if let Some(first) = seen.insert(key, *row) {
                    errors.push(
                        TableError::new(
                            table.place(*row, None),
                            format!(
                                "this row repeats the figure of rij {first}: indicator `{}`, chart {}, series `{}`, {}",
                                found.ind.id,
                                found.chart + 1,
                                found.ind.charts[found.chart].series[found.series].label,
                                found.period
                            ),
                        )
                        .with_hint("keep one row per figure"),
                    );
                    seen.insert(
                        (
                            found.ind.id.clone(),
                            found.chart,
                            found.series,
                            found.period,
                        ),
                        first,
                    );
                    continue;
                }
                if let Some(edit) = found.edit {
                    edits.push(edit);
                }
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(edits)
    } else {
        errors.sort_by(|a, b| a.place.cmp(&b.place));
        Err(errors)
    }
}

struct Found<'a> {
    ind: &'a Indicator,
    chart: usize,
    series: usize,
    period: Period,
    edit: Option<Edit>,
}

fn match_row<'a>(
    edition: &'a Edition,
    cols: &Columns,
    cell: impl Fn(usize) -> &'a Cell,
    at: impl Fn(usize) -> Place,
) -> Result<Option<Found<'a>>, TableError>
where
{
    let id = cell(cols.id).text();
    let Some(ind) = edition.indicators().find(|i| i.id == id) else {
        let ids: Vec<&str> = edition.indicators().map(|i| i.id.as_str()).collect();
        let near = ids
            .iter()
            .map(|i| (crate::edition::yaml::edit_distance(&id, i), *i))
            .filter(|(d, _)| *d <= 3)
            .min();
        let hint = match near {
            Some((_, i)) => format!("did you mean `{i}`?"),
            None => "the ids are the names of the files in indicators/, as `kamerbrief export` writes them".into(),
        };
        let message = if id.is_empty() {
            "the id is empty".to_string()
        } else {
            format!("no indicator has the id `{id}`")
        };
        return Err(TableError::new(at(cols.id), message).with_hint(hint));
    };
    let chart_text = cell(cols.chart).text();
    let chart = chart_text
        .parse::<usize>()
        .ok()
        .filter(|c| (1..=ind.charts.len()).contains(c))
        .ok_or_else(|| {
            TableError::new(
                at(cols.chart),
                format!(
                    "indicator `{}` has no chart `{chart_text}`; it has {}",
                    ind.id,
                    match ind.charts.len() {
                        0 => "no charts".to_string(),
                        1 => "chart 1".to_string(),
                        n => format!("charts 1 to {n}"),
                    }
                ),
            )
            .with_hint(
                "write the chart's number in the indicator, as `kamerbrief export` writes it",
            )
        })?
        - 1;
    let the_chart = &ind.charts[chart];
    let label = cell(cols.series).text();
    let series = the_chart
        .series
        .iter()
        .position(|s| s.label == label)
        .ok_or_else(|| {
            let labels: Vec<String> = the_chart
                .series
                .iter()
                .map(|s| format!("`{}`", s.label))
                .collect();
            TableError::new(
                at(cols.series),
                format!(
                    "chart {} of indicator `{}` has no series `{label}`",
                    chart + 1,
                    ind.id
                ),
            )
            .with_hint(format!("its series are: {}", labels.join(", ")))
        })?;
    let the_series = &the_chart.series[series];
    let period = period_of(cell(cols.period)).map_err(|m| {
        TableError::new(at(cols.period), m).with_hint(
            "write a year (`2015`), a school year (`2014/2015`) or a date (`2017-09-01`)",
        )
    })?;
    if let Some(first) = the_series.points.first()
        && first.period.kind() != period.kind()
    {
        return Err(TableError::new(
            at(cols.period),
            format!(
                "{} is {}, but series `{}` has {} (`{}`)",
                super::period_as_written(&period),
                kind_words(&period).0,
                the_series.label,
                kind_words(&first.period).1,
                super::period_as_written(&first.period)
            ),
        )
        .with_hint(format!(
            "write the period as {} like the other points of the series",
            kind_words(&first.period).0
        )));
    }
    let value = value_of(cell(cols.value), the_chart.unit)
        .map_err(|(m, h)| TableError::new(at(cols.value), m).with_hint(h))?;
    let existing = the_series.points.iter().find(|p| p.period == period);
    let edit = |old| Edit {
        indicator: ind.id.clone(),
        yaml_file: ind.yaml_file.clone(),
        chart,
        series,
        period,
        old,
        new: value.unwrap_or_default(),
        place: at(cols.value),
    };
    let edit = match (existing, value) {
        (Some(p), Some(v)) if p.value == Some(v) => None,
        (Some(p), Some(_)) => Some(edit(Some(p.value))),
        (None, Some(_)) => Some(edit(None)),
        (Some(p), None) if p.value.is_none() => None,
        (Some(p), None) => {
            return Err(TableError::new(
                at(cols.value),
                format!(
                    "the value is empty, but the edition has {} for {period}",
                    amount(p.value.unwrap_or_default(), the_chart.unit)
                ),
            )
            .with_hint(format!(
                "write the value; to remove a measurement, write `~` for {} in {} by hand",
                super::period_as_written(&period),
                ind.yaml_file.display()
            )));
        }
        (None, None) => {
            return Err(TableError::new(
                at(cols.value),
                format!(
                    "the value is empty, and series `{}` has no point for {period}",
                    the_series.label
                ),
            )
            .with_hint("write the value, or leave the row out"));
        }
    };
    Ok(Some(Found {
        ind,
        chart,
        series,
        period,
        edit,
    }))
}

fn amount(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Percent => locale::percent_text(v),
        Unit::Count => locale::number(v),
    }
}

fn kind_words(p: &Period) -> (&'static str, &'static str) {
    match p {
        Period::Year(_) => ("a year", "years"),
        Period::SchoolYear(_) => ("a school year", "school years"),
        Period::Date(_) => ("a date", "dates"),
    }
}
