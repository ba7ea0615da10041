//! Reading a spreadsheet cell as what the spreadsheet shows: a period, or a value without
//! percent scaling or binary float noise.

use super::table::Cell;
use crate::edition::Unit;
use crate::edition::period::Period;
use crate::locale;

/// A period cell: text as typed in the YAML, a whole number as a year, a date cell as a date.
pub fn period_of(cell: &Cell) -> Result<Period, String> {
    match cell {
        Cell::Empty => Err("the period is empty".into()),
        Cell::Date(d) => Ok(Period::Date(*d)),
        Cell::Number { value, .. } if value.fract() == 0.0 => Period::parse(&format!("{value}")),
        other => Period::parse(&other.text()),
    }
}

/// The value as the spreadsheet shows it; `None` for an empty cell. Errors carry a hint.
pub fn value_of(cell: &Cell, unit: Unit) -> Result<Option<f64>, (String, String)> {
    let shown = match cell {
        Cell::Empty => return Ok(None),
        Cell::Text(t) if t.trim().is_empty() => return Ok(None),
        Cell::Number {
            value,
            percent: true,
        } => {
            if unit == Unit::Count {
                return Err((
                    format!(
                        "the cell is formatted as a percentage ({} %), but this chart counts",
                        locale::number(value * 100.0)
                    ),
                    "format the cell as a number".into(),
                ));
            }
            value * 100.0
        }
        Cell::Number { value, .. } => *value,
        Cell::Text(t) => parse_text_number(t).ok_or_else(|| {
            (
                format!("`{}` is not a number", t.trim()),
                "write a number such as `38` or `5,9`, or leave the cell empty for no measurement"
                    .to_string(),
            )
        })?,
        Cell::Date(d) => {
            return Err((
                format!("the value is a date ({d})"),
                "format the cell as a number".into(),
            ));
        }
    };
    if !shown.is_finite() {
        return Err((
            "the value is not a finite number".into(),
            "write a number".into(),
        ));
    }
    Ok(Some(as_shown(shown)))
}

/// A number in a text cell: `5.9`, Dutch `5,9` or `1.234,5`, with an optional `%`.
fn parse_text_number(t: &str) -> Option<f64> {
    let t = t
        .trim()
        .trim_end_matches('%')
        .trim_end()
        .replace(['\u{a0}', '\u{202f}', ' '], "");
    let t = if t.contains(',') {
        t.replace('.', "").replace(',', ".")
    } else {
        t
    };
    let t = t.replace('\u{2212}', "-");
    if t.is_empty()
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+'))
    {
        return None;
    }
    t.parse().ok()
}

/// The value a spreadsheet shows for a float: rounded to 15 significant digits, which drops
/// binary noise (7.0000000000000009 → 7, 0.56 × 100 → 56) and keeps every typed figure.
pub fn as_shown(v: f64) -> f64 {
    if v == 0.0 {
        return 0.0;
    }
    format!("{v:.14e}").parse().unwrap_or(v)
}

#[cfg(test)]
#[path = "cells_tests.rs"]
mod tests;
