//! A figures table as read from a file, before it is matched with an edition: rows of cells
//! with their place in the file (sheet, row, column), whatever the file format.

use chrono::NaiveDate;
use std::fmt;

/// One cell as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number cell. `percent`: the cell is formatted as a percentage, so 0.56 is shown as
    /// "56 %".
    Number {
        value: f64,
        percent: bool,
    },
    /// A date cell (a spreadsheet turned `2017-09-01` into a date).
    Date(NaiveDate),
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, for columns that hold text (ids, labels, periods): a whole number
    /// prints without decimals (a period typed as `2015` becomes the number 2015).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number { value, .. } => format!("{value}"),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

/// A table read from a file: a header row, then data rows.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The file name as the user gave it, for messages.
    pub file: String,
    /// The sheet the table was read from; `None` for CSV.
    pub sheet: Option<String>,
    /// The row number (1-based, as the spreadsheet shows it) of the header row.
    pub header_row: u32,
    pub header: Vec<String>,
    /// Data rows with their row number; rows without any value are left out.
    pub rows: Vec<(u32, Vec<Cell>)>,
}

impl Table {
    /// Where a cell is: row and 0-based column.
    pub fn place(&self, row: u32, col: Option<usize>) -> Place {
        Place {
            file: self.file.clone(),
            sheet: self.sheet.clone(),
            row,
            col,
        }
    }
}

/// A place in a spreadsheet, printed the way the spreadsheet names it:
/// "cijfers.xlsx: blad Cijfers, rij 14, kolom I".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Place {
    pub file: String,
    pub sheet: Option<String>,
    pub row: u32,
    /// 0-based column; `None` for the row as a whole.
    pub col: Option<usize>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Row 0: the file as a whole.
        let mut parts = Vec::new();
        if let Some(sheet) = &self.sheet {
            parts.push(format!("blad {sheet}"));
        }
        if self.row > 0 {
            parts.push(format!("rij {}", self.row));
            if let Some(c) = self.col {
                parts.push(format!("kolom {}", column_name(c)));
            }
        }
        write!(f, "{}", self.file)?;
        if !parts.is_empty() {
            write!(f, ": {}", parts.join(", "))?;
        }
        Ok(())
    }
}

/// A located problem in a figures table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    pub place: Place,
    pub message: String,
    pub hint: Option<String>,
}

impl TableError {
    pub fn new(place: Place, message: impl Into<String>) -> Self {
        TableError {
            place,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: error: {}", self.place, self.message)?;
        if let Some(h) = &self.hint {
            write!(f, "\n  = help: {h}")?;
        }
        Ok(())
    }
}

/// The spreadsheet name of a 0-based column: A, B, …, Z, AA, AB, …
pub fn column_name(col: usize) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(8), "I");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn places_print_sheet_row_and_column() {
        let p = Place {
            file: "cijfers.xlsx".into(),
            sheet: Some("Cijfers".into()),
            row: 14,
            col: Some(8),
        };
        assert_eq!(p.to_string(), "cijfers.xlsx: blad Cijfers, rij 14, kolom I");
        let csv = Place {
            sheet: None,
            col: None,
            ..p
        };
        assert_eq!(csv.to_string(), "cijfers.xlsx: rij 14");
        let whole = Place {
            file: "c.ods".into(),
            sheet: None,
            row: 0,
            col: None,
        };
        assert_eq!(whole.to_string(), "c.ods");
    }
}
