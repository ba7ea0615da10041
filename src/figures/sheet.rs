//! The figures table as an accessible spreadsheet (.xlsx with rust_xlsxwriter, .ods with
//! spreadsheet-ods), and spreadsheets read back with calamine.
//!
//! Following the guidance for releasing statistics in spreadsheets: a cover sheet
//! ("Toelichting": title, edition, date, what each sheet holds, how values are written), then one
//! table per sheet ("Cijfers") with a header row, numbers stored as numbers, periods as text, no
//! merged cells and no blank rows.

use super::table::{Cell, Place, Table, TableError};
use super::{COLUMNS, Row, kind_name, period_as_written, unit_name};
use crate::edition::{Edition, Sector};
use crate::locale;
use chrono::{Datelike, NaiveDate};
use std::io::Cursor;

/// The name of the sheet with the figures.
pub const FIGURES_SHEET: &str = "Cijfers";
/// The name of the cover sheet.
pub const COVER_SHEET: &str = "Toelichting";

/// The cover sheet's lines, one per row in column A.
pub fn cover_lines(edition: &Edition, rows: usize) -> Vec<String> {
    let sector = match edition.meta.sector {
        Sector::Po => "primair onderwijs",
        Sector::Vo => "voortgezet onderwijs",
    };
    vec![
        format!("Achterliggende cijfers: {}", edition.meta.title),
        format!(
            "Editie: {} ({sector}, {})",
            edition.name, edition.meta.year
        ),
        format!("Datum: {}", locale::format_date(edition.meta.date)),
        format!("Blad {COVER_SHEET}: deze toelichting."),
        format!(
            "Blad {FIGURES_SHEET}: alle cijfers van het dashboard in één tabel, één rij per meetpunt ({rows} rijen), in de volgorde van het dashboard (indicator, grafiek, reeks, periode)."
        ),
        "Kolommen van het blad Cijfers: indicator (het nummer in het dashboard), id (de vaste naam van de indicator), title, chart (het nummer van de grafiek bij de indicator), chart_title, series (de naam van de reeks), kind, period, value, unit, source.".into(),
        "Kolom value: het cijfer zoals in het dashboard, opgeslagen als getal. Bij unit percent is het een percentage van 0 tot 100 (38 betekent 38 procent); bij unit count een aantal.".into(),
        "Een lege cel in kolom value betekent: voor die periode is er geen meting.".into(),
        "Kolom period: een jaar (2015), een schooljaar (2014/2015) of een datum (2017-09-01), opgeslagen als tekst.".into(),
        "Kolom kind: realisation is een gemeten waarde; target is een punt op het pad naar de streefwaarde (het eerste punt is de basiswaarde, het laatste de streefwaarde).".into(),
        "Gemaakt met kamerbrief export; een gecorrigeerd bestand wordt teruggelezen met kamerbrief import.".into(),
    ]
}

/// One figure row as cells in COLUMNS order: numbers as numbers, everything else as text;
/// `None` for an empty value (no measurement).
fn row_cells(r: &Row) -> [Option<Cell>; 11] {
    let text = |s: &str| Some(Cell::Text(s.to_string()));
    let number = |v: f64| {
        Some(Cell::Number {
            value: v,
            percent: false,
        })
    };
    [
        number(f64::from(r.indicator)),
        text(&r.id),
        text(&r.title),
        number(r.chart as f64),
        text(&r.chart_title),
        text(&r.series),
        text(kind_name(r.kind)),
        text(&period_as_written(&r.period)),
        r.value.and_then(number),
        text(unit_name(r.unit)),
        text(&r.source),
    ]
}

/// Column widths in characters, for reading without resizing.
const WIDTHS: [f64; 11] = [
    10.0, 28.0, 50.0, 7.0, 40.0, 36.0, 12.0, 11.0, 9.0, 9.0, 50.0,
];

/// The workbook as .xlsx bytes.
pub fn to_xlsx(edition: &Edition, rows: &[Row]) -> std::io::Result<Vec<u8>> {
    use rust_xlsxwriter::{
        DocProperties, ExcelDateTime, Format, Table as XTable, TableColumn, Workbook,
    };
    let err = |e: rust_xlsxwriter::XlsxError| std::io::Error::other(e.to_string());
    let mut wb = Workbook::new();
    let date = edition.meta.date;
    // The edition's date, not the clock: the same edition gives the same bytes.
    let created = ExcelDateTime::from_ymd(date.year() as u16, date.month() as u8, date.day() as u8)
        .map_err(err)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(format!("Achterliggende cijfers: {}", edition.meta.title))
            .set_author("Ministerie van Onderwijs, Cultuur en Wetenschap")
            .set_creation_datetime(&created),
    );
    let title = Format::new().set_bold().set_font_size(14);
    // Long lines wrap within the column, so the cover reads without scrolling sideways.
    let wrapped = Format::new().set_text_wrap();
    let cover = wb.add_worksheet();
    cover.set_name(COVER_SHEET).map_err(err)?;
    cover.set_column_width(0, 100).map_err(err)?;
    for (i, line) in cover_lines(edition, rows.len()).iter().enumerate() {
        let format = if i == 0 { &title } else { &wrapped };
        // Spreadsheets do not all grow a row for wrapped text: give it its lines' height.
        let lines = line.chars().count().div_ceil(90).max(1);
        if i > 0 && lines > 1 {
            cover
                .set_row_height(i as u32, 15.0 * lines as f64)
                .map_err(err)?;
        }
        cover
            .write_string_with_format(i as u32, 0, line, format)
            .map_err(err)?;
    }
    let sheet = wb.add_worksheet();
    sheet.set_name(FIGURES_SHEET).map_err(err)?;
    for (c, w) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(c as u16, *w).map_err(err)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, cell) in row_cells(r).into_iter().enumerate() {
            match cell {
                Some(Cell::Number { value, .. }) => {
                    sheet.write_number(row, c as u16, value).map_err(err)?;
                }
                Some(Cell::Text(t)) if !t.is_empty() => {
                    sheet.write_string(row, c as u16, t).map_err(err)?;
                }
                _ => {}
            }
        }
    }
    // The header row, the autofilter and the name come with a worksheet table, which screen
    // readers announce as one.
    let columns: Vec<TableColumn> = COLUMNS
        .iter()
        .map(|h| TableColumn::new().set_header(*h))
        .collect();
    let table = XTable::new().set_name(FIGURES_SHEET).set_columns(&columns);
    sheet
        .add_table(
            0,
            0,
            rows.len().max(1) as u32,
            COLUMNS.len() as u16 - 1,
            &table,
        )
        .map_err(err)?;
    sheet.set_freeze_panes(1, 0).map_err(err)?;
    wb.save_to_buffer().map_err(err)
}

/// The workbook as .ods bytes.
pub fn to_ods(edition: &Edition, rows: &[Row]) -> std::io::Result<Vec<u8>> {
    use spreadsheet_ods::{Length, Sheet, WorkBook};
    let err = |e: spreadsheet_ods::OdsError| std::io::Error::other(e.to_string());
    let mut wb = WorkBook::new_empty();
    let mut cover = Sheet::new(COVER_SHEET);
    cover.set_col_width(0, Length::Cm(25.0));
    for (i, line) in cover_lines(edition, rows.len()).into_iter().enumerate() {
        cover.set_value(i as u32, 0, line);
    }
    wb.push_sheet(cover);
    let mut sheet = Sheet::new(FIGURES_SHEET);
    for (c, w) in WIDTHS.iter().enumerate() {
        sheet.set_col_width(c as u32, Length::Cm(w * 0.2));
    }
    for (c, h) in COLUMNS.iter().enumerate() {
        sheet.set_value(0, c as u32, *h);
    }
    sheet.set_header_rows(0, 0);
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, cell) in row_cells(r).into_iter().enumerate() {
            match cell {
                Some(Cell::Number { value, .. }) => sheet.set_value(row, c as u32, value),
                Some(Cell::Text(t)) if !t.is_empty() => sheet.set_value(row, c as u32, t),
                _ => {}
            }
        }
    }
    wb.push_sheet(sheet);
    spreadsheet_ods::write_ods_buf(&mut wb, Vec::new()).map_err(err)
}

/// Reads the figures table from an .xlsx or .ods file: the sheet named "Cijfers", else the
/// first sheet with a header row naming the `id` and `value` columns. Rows above the header
/// row are passed over.
pub fn read_sheet(bytes: &[u8], file: &str) -> Result<Table, TableError> {
    use calamine::Reader;
    let whole = Place {
        file: file.to_string(),
        sheet: None,
        row: 0,
        col: None,
    };
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        TableError::new(whole.clone(), format!("cannot read the spreadsheet: {e}"))
            .with_hint("save it as .xlsx or .ods, or export it as CSV")
    })?;
    let names = book.sheet_names();
    let mut order: Vec<&String> = names.iter().filter(|n| *n == FIGURES_SHEET).collect();
    order.extend(names.iter().filter(|n| *n != FIGURES_SHEET));
    for name in order {
        let Ok(range) = book.worksheet_range(name) else {
            continue;
        };
        let Some(start) = range.start() else {
            continue;
        };
        let grid: Vec<(u32, Vec<Cell>)> = range
            .rows()
            .enumerate()
            .map(|(i, row)| {
                let r = start.0 + i as u32;
                let mut cells = vec![Cell::Empty; start.1 as usize];
                cells.extend(row.iter().map(cell_of));
                (r, cells)
            })
            .collect();
        let Some(h) = grid.iter().position(|(_, cells)| is_header(cells)) else {
            continue;
        };
        let percent = percent_cells(&mut book, bytes, name);
        let header = grid[h].1.iter().map(Cell::text).collect();
        let rows = grid[h + 1..]
            .iter()
            .filter(|(_, cells)| !cells.iter().all(Cell::is_empty))
            .map(|(r, cells)| {
                let cells = cells
                    .iter()
                    .enumerate()
                    .map(|(c, cell)| match cell {
                        Cell::Number { value, .. } if percent(*r, c as u32) => Cell::Number {
                            value: *value,
                            percent: true,
                        },
                        other => other.clone(),
                    })
                    .collect();
                (r + 1, cells)
            })
            .collect();
        return Ok(Table {
            file: file.to_string(),
            sheet: Some(name.clone()),
            header_row: grid[h].0 + 1,
            header,
            rows,
        });
    }
    Err(TableError::new(
        whole,
        "no sheet has a header row with the columns `id`, `chart`, `series`, `period` and `value`",
    )
    .with_hint(format!(
        "name the figures sheet `{FIGURES_SHEET}` with the header row of `kamerbrief export`: {}",
        COLUMNS.join(", ")
    )))
}

fn is_header(cells: &[Cell]) -> bool {
    let names: Vec<String> = cells.iter().map(|c| c.text().to_lowercase()).collect();
    ["id", "value"].iter().all(|n| names.iter().any(|h| h == n))
}

fn cell_of(d: &calamine::Data) -> Cell {
    use calamine::Data;
    match d {
        Data::Empty => Cell::Empty,
        Data::Int(i) => Cell::Number {
            value: *i as f64,
            percent: false,
        },
        Data::Float(f) => Cell::Number {
            value: *f,
            percent: false,
        },
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => excel_date(dt.as_f64())
            .map(Cell::Date)
            .unwrap_or(Cell::Text(dt.as_f64().to_string())),
        Data::DateTime(dt) => Cell::Text(dt.as_f64().to_string()),
        Data::DateTimeIso(s) => NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d")
            .map(Cell::Date)
            .unwrap_or_else(|_| Cell::Text(s.clone())),
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e}")),
    }
}

/// An Excel serial date (days since 1899-12-30) as a date.
fn excel_date(serial: f64) -> Option<NaiveDate> {
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_days(chrono::Days::new(serial.floor().max(0.0) as u64))
}

/// Which cells of a sheet are formatted as percentages (0,56 shown as 56 %), by 0-based row
/// and column. xlsx keeps this in the cell's number format, which calamine reads; calamine
/// does not read the styles of .ods, whose cells carry it as their value type
/// (`office:value-type="percentage"`), which spreadsheet-ods reads.
fn percent_cells<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Sheets<RS>,
    bytes: &[u8],
    name: &str,
) -> Box<dyn Fn(u32, u32) -> bool> {
    use calamine::Reader;
    if let calamine::Sheets::Ods(_) = book {
        let Ok(ods) = spreadsheet_ods::read_ods_buf(bytes) else {
            return Box::new(|_, _| false);
        };
        let Some(sheet) = ods.iter_sheets().find(|s| s.name() == name).cloned() else {
            return Box::new(|_, _| false);
        };
        return Box::new(move |r, c| {
            matches!(sheet.value(r, c), spreadsheet_ods::Value::Percentage(_))
        });
    }
    let Ok(styles) = book.worksheet_style(name) else {
        return Box::new(|_, _| false);
    };
    Box::new(move |r, c| {
        styles
            .get((r, c))
            .and_then(|s| s.number_format.as_ref())
            .is_some_and(|f| is_percent_format(&f.format_code))
    })
}

/// A number format shows a percentage when it has a `%` outside quoted text and escapes.
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if !quoted => {
                chars.next();
            }
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats_are_told_from_literal_percent_signs() {
        assert!(is_percent_format("0%"));
        assert!(is_percent_format("0.00%"));
        assert!(is_percent_format("0\\ %"));
        assert!(!is_percent_format("General"));
        assert!(!is_percent_format("0\"%\""));
        assert!(!is_percent_format("0\\%"));
    }

    #[test]
    fn excel_serial_dates() {
        assert_eq!(excel_date(42979.0), NaiveDate::from_ymd_opt(2017, 9, 1));
    }
}
