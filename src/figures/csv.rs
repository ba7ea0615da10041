//! The figures table as CSV: written by `export`, read back by `import`.

use super::table::{Cell, Place, Table, TableError};
use super::{COLUMNS, Row, Style, kind_name, period_as_written, unit_name, value_as_written};

/// The rows as CSV bytes, header first.
pub fn to_csv(rows: &[Row], style: Style) -> Vec<u8> {
    let mut bytes = Vec::new();
    if style == Style::Dutch {
        // Without a byte order mark Excel reads UTF-8 as Windows-1252 ("EnquÃªtes").
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    let delimiter = if style == Style::Dutch { b';' } else { b',' };
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(bytes);
    // Writing to a Vec cannot fail.
    w.write_record(COLUMNS).expect("write to memory");
    for r in rows {
        w.write_record([
            r.indicator.to_string(),
            r.id.clone(),
            r.title.clone(),
            r.chart.to_string(),
            r.chart_title.clone(),
            r.series.clone(),
            kind_name(r.kind).to_string(),
            period_as_written(&r.period),
            r.value
                .map(|v| value_as_written(v, style))
                .unwrap_or_default(),
            unit_name(r.unit).to_string(),
            r.source.clone(),
        ])
        .expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

/// Reads a CSV written by `export` (plain or `--dutch`; the separator is taken from the header
/// line) or by a spreadsheet program. Every cell is text.
pub fn read_csv(bytes: &[u8], file: &str) -> Result<Table, TableError> {
    let place = |row| Place {
        file: file.to_string(),
        sheet: None,
        row,
        col: None,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        TableError::new(place(line as u32), "the file is not UTF-8 text")
            .with_hint("save the CSV as UTF-8 (in Excel: “CSV UTF-8”), or import the .xlsx itself")
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header = None;
    let mut header_row = 1;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as u32);
            TableError::new(place(line), format!("this line is not valid CSV: {e}"))
        })?;
        let line = record.position().map_or(0, |p| p.line() as u32);
        let cells: Vec<String> = record.iter().map(str::to_string).collect();
        if header.is_none() {
            header_row = line;
            header = Some(cells);
            continue;
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cells = cells
            .into_iter()
            .map(|c| {
                if c.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(c)
                }
            })
            .collect();
        rows.push((line, cells));
    }
    Ok(Table {
        file: file.to_string(),
        sheet: None,
        header_row,
        header: header.ok_or_else(|| {
            TableError::new(place(1), "the file is empty").with_hint(format!(
                "the first line names the columns: {}",
                COLUMNS.join(",")
            ))
        })?,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edition::period::Period;
    use crate::edition::{SeriesKind, Unit};

    /// A row whose title and source hold both separators.
    fn sample_row() -> Row {
        Row {
            indicator: 3,
            id: "x".into(),
            title: "Een, twee; drie".into(),
            chart: 1,
            chart_title: String::new(),
            series: "realisatie".into(),
            kind: SeriesKind::Realisation,
            period: Period::SchoolYear(2014),
            value: Some(5.9),
            unit: Unit::Percent,
            source: "A; B".into(),
        }
    }

    #[test]
    fn fields_with_separators_are_quoted() {
        let row = sample_row();
        let gap = Row {
            value: None,
            ..row.clone()
        };
        let plain = String::from_utf8(to_csv(&[row.clone(), gap], Style::Plain)).unwrap();
        let lines: Vec<&str> = plain.lines().collect();
        assert_eq!(lines[0], COLUMNS.join(","));
        assert_eq!(
            lines[1],
            "3,x,\"Een, twee; drie\",1,,realisatie,realisation,2014/2015,5.9,percent,A; B"
        );
        assert_eq!(
            lines[2],
            "3,x,\"Een, twee; drie\",1,,realisatie,realisation,2014/2015,,percent,A; B"
        );
        let dutch = String::from_utf8(to_csv(&[row], Style::Dutch)).unwrap();
        assert!(dutch.starts_with('\u{feff}'));
        assert!(dutch.contains("3;x;\"Een, twee; drie\";1;;"), "{dutch}");
        assert!(dutch.contains(";2014/2015;5,9;percent;\"A; B\""), "{dutch}");
    }

    #[test]
    fn plain_and_dutch_csv_read_back_with_their_lines() {
        let row = sample_row();
        let gap = Row {
            value: None,
            period: Period::SchoolYear(2015),
            ..row.clone()
        };
        for (style, value) in [(Style::Plain, "5.9"), (Style::Dutch, "5,9")] {
            let bytes = to_csv(&[row.clone(), gap.clone()], style);
            let t = read_csv(&bytes, "c.csv").unwrap();
            assert_eq!(t.header, COLUMNS);
            assert_eq!(t.header_row, 1);
            assert_eq!(t.rows.len(), 2);
            assert_eq!(t.rows[0].0, 2);
            assert_eq!(t.rows[0].1[2], Cell::Text("Een, twee; drie".into()));
            assert_eq!(t.rows[0].1[8], Cell::Text(value.into()));
            assert_eq!(t.rows[1].1[8], Cell::Empty);
            assert_eq!(t.rows[1].1[7], Cell::Text("2015/2016".into()));
        }
    }

    #[test]
    fn a_csv_that_is_not_utf8_is_refused_with_its_line() {
        let e = read_csv(b"id,value\nx,\xe9\n", "c.csv").unwrap_err();
        assert_eq!(e.place.row, 2);
        assert!(e.message.contains("UTF-8"));
    }
}
