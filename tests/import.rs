//! `kamerbrief import` and the spreadsheets of `kamerbrief export`: the round trip, a corrected
//! figure from preview to YAML, the spreadsheet pitfalls, located bad rows with nothing written,
//! and files saved by LibreOffice.

mod common;

use common::*;
use rust_xlsxwriter::{Format, Workbook};
use std::path::{Path, PathBuf};

/// A copy of content/ (the letter needs its annexes beside it) in a scratch directory.
fn content_copy(name: &str) -> PathBuf {
    let dir = scratch(name);
    copy_dir(&root().join("content"), &dir.join("content"));
    dir
}

fn run(args: &[&str], cwd: &Path) -> (i32, String, String) {
    let o = kamerbrief(args, cwd);
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr(&o),
    )
}

/// Every file under `dir` with its bytes, to see that nothing changed.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    files_under(dir)
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect()
}

/// A cell of a generated test spreadsheet.
#[derive(Clone)]
enum C {
    T(String),
    N(f64),
    /// A number formatted as a percentage (0.55 shown as 55 %).
    P(f64),
    Empty,
}

/// The export of `edition` as rows of cells read from its CSV (numbers where the xlsx export
/// has numbers), for building spreadsheets in the tests.
fn exported_rows(dir: &Path, edition: &str) -> Vec<Vec<C>> {
    let csv_file = dir.join("rows.csv");
    let (code, _, err) = run(&["export", edition, "-o", csv_file.to_str().unwrap()], dir);
    assert_eq!(code, 0, "{err}");
    let mut r = csv::Reader::from_path(&csv_file).unwrap();
    let mut rows = vec![
        r.headers()
            .unwrap()
            .iter()
            .map(|h| C::T(h.to_string()))
            .collect::<Vec<_>>(),
    ];
    for rec in r.records() {
        let rec = rec.unwrap();
        rows.push(
            rec.iter()
                .enumerate()
                .map(|(i, v)| match (i, v) {
                    (8, "") => C::Empty,
                    (0 | 3 | 8, v) => C::N(v.parse().unwrap()),
                    (_, v) => C::T(v.to_string()),
                })
                .collect(),
        );
    }
    rows
}

fn write_xlsx(rows: &[Vec<C>], sheet: &str, path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    let percent = Format::new().set_num_format("0%");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                C::T(t) => {
                    ws.write_string(r, c, t).unwrap();
                }
                C::N(n) => {
                    ws.write_number(r, c, *n).unwrap();
                }
                C::P(n) => {
                    ws.write_number_with_format(r, c, *n, &percent).unwrap();
                }
                C::Empty => {}
            }
        }
    }
    wb.save(path).unwrap();
}

/// Index of the row for (id, series, period) in exported rows.
fn find(rows: &[Vec<C>], id: &str, series: &str, period: &str) -> usize {
    let t = |c: &C| match c {
        C::T(s) => s.clone(),
        _ => String::new(),
    };
    rows.iter()
        .position(|r| t(&r[1]) == id && t(&r[5]) == series && t(&r[7]) == period)
        .unwrap_or_else(|| panic!("no row {id} {series} {period}"))
}

/// Lines of two texts that differ, as (old, new) pairs; the texts must have the same length
/// in lines.
fn changed_lines(old: &str, new: &str) -> Vec<(String, String)> {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    assert_eq!(a.len(), b.len(), "lines were added or removed:\n{new}");
    a.iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (x.to_string(), y.to_string()))
        .collect()
}

#[test]
fn an_unedited_export_imports_as_no_change_in_every_format() {
    let dir = content_copy("import-round-trip");
    for edition in ["content/po-2017", "content/vo-2016"] {
        let before = snapshot(&dir.join("content"));
        for (file, extra) in [
            ("c.csv", None),
            ("nl.csv", Some("--dutch")),
            ("c.xlsx", None),
            ("c.ods", None),
        ] {
            let mut args = vec!["export", edition, "-o", file];
            args.extend(extra);
            let (code, _, err) = run(&args, &dir);
            assert_eq!(code, 0, "{err}");
            let (code, out, err) = run(&["import", edition, file, "--json"], &dir);
            assert_eq!(code, 0, "{file}: {err}");
            let json: serde_json::Value = serde_json::from_str(&out).unwrap();
            assert_eq!(json["changes"], 0, "{edition} {file}: {out}");
            let (code, out, err) = run(&["import", edition, file, "--apply"], &dir);
            assert_eq!(code, 0, "{err}");
            assert!(out.contains(": no changes"), "{out}");
            assert_eq!(snapshot(&dir.join("content")), before, "{edition} {file}");
        }
    }
}

#[test]
fn the_spreadsheets_are_accessible_and_reproducible() {
    use calamine::{Data, Reader};
    let dir = scratch("import-sheets");
    for ext in ["xlsx", "ods"] {
        let a = dir.join(format!("a.{ext}"));
        let b = dir.join(format!("b.{ext}"));
        for f in [&a, &b] {
            let (code, _, err) = run(
                &["export", "content/po-2017", "-o", f.to_str().unwrap()],
                &root(),
            );
            assert_eq!(code, 0, "{err}");
        }
        let grid = |f: &Path| {
            let mut book = calamine::open_workbook_auto(f).unwrap();
            let names = book.sheet_names();
            names
                .iter()
                .map(|n| book.worksheet_range(n).unwrap())
                .collect::<Vec<_>>()
        };
        if ext == "xlsx" {
            assert_eq!(
                std::fs::read(&a).unwrap(),
                std::fs::read(&b).unwrap(),
                "{ext}: same edition, same bytes"
            );
        } else {
            // spreadsheet-ods writes its XML namespaces and styles in hash order: the same
            // cells, not always the same bytes (see docs/corrections.md).
            assert_eq!(grid(&a), grid(&b), "{ext}: same edition, same cells");
        }
        let mut book = calamine::open_workbook_auto(&a).unwrap();
        assert_eq!(book.sheet_names(), ["Toelichting", "Cijfers"], "{ext}");
        let cover = book.worksheet_range("Toelichting").unwrap();
        let cover_text: Vec<String> = cover.rows().map(|r| r[0].to_string()).collect();
        assert!(cover_text.iter().all(|l| !l.is_empty()), "no blank rows");
        let cover_text = cover_text.join("\n");
        for needle in [
            "Achterliggende cijfers: ",
            "Editie: po-2017",
            "Datum: ",
            "Blad Cijfers",
            "Kolom value",
            "Kolom period",
        ] {
            assert!(cover_text.contains(needle), "{ext}: {needle}\n{cover_text}");
        }
        let figures = book.worksheet_range("Cijfers").unwrap();
        assert_eq!(figures.start(), Some((0, 0)));
        let rows: Vec<&[Data]> = figures.rows().collect();
        let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
        assert_eq!(
            header,
            [
                "indicator",
                "id",
                "title",
                "chart",
                "chart_title",
                "series",
                "kind",
                "period",
                "value",
                "unit",
                "source"
            ]
        );
        let mut gaps = 0;
        for (i, row) in rows[1..].iter().enumerate() {
            assert!(
                matches!(row[1], Data::String(_)),
                "{ext} row {}: not blank",
                i + 2
            );
            assert!(
                matches!(row[0], Data::Float(_) | Data::Int(_)),
                "{ext}: indicator is a number"
            );
            assert!(
                matches!(row[3], Data::Float(_) | Data::Int(_)),
                "{ext}: chart is a number"
            );
            assert!(
                matches!(row[7], Data::String(_)),
                "{ext}: period is text: {:?}",
                row[7]
            );
            match &row[8] {
                Data::Float(_) | Data::Int(_) => {}
                Data::Empty => gaps += 1,
                other => panic!("{ext}: value {other:?} is not a number"),
            }
        }
        assert_eq!(gaps, 1, "po-2017 has one gap (`~`)");
    }
}

#[test]
fn a_corrected_figure_is_previewed_then_applied_as_one_changed_line() {
    let dir = content_copy("import-correction");
    let mut rows = exported_rows(&dir, "content/po-2017");
    let i = find(
        &rows,
        "verbetering-zwakke-scholen",
        "realisatie",
        "2015/2016",
    );
    rows[i][8] = C::N(55.0);
    let file = dir.join("cijfers.xlsx");
    write_xlsx(&rows, "Cijfers", &file);
    let yaml = dir.join("content/po-2017/indicators/verbetering-zwakke-scholen.yaml");
    let old = std::fs::read_to_string(&yaml).unwrap();
    let before = snapshot(&dir.join("content"));

    let (code, out, err) = run(&["import", "content/po-2017", "cijfers.xlsx"], &dir);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("content/po-2017 → cijfers.xlsx: 2 changes"),
        "{out}"
    );
    assert!(
        out.contains("\"realisatie\" 2015/2016: 38 → 55 percent"),
        "{out}"
    );
    assert!(
        out.contains("status: \"achter op koers\" → \"op koers\""),
        "{out}"
    );
    assert!(err.contains("--apply"), "{err}");
    let (_, note, _) = run(
        &["import", "content/po-2017", "cijfers.xlsx", "--note"],
        &dir,
    );
    assert!(
        note.contains(
            "In indicator 8 is de realisatie voor 2015/2016 gecorrigeerd van 38 naar 55 procent."
        ),
        "{note}"
    );
    let (_, json, _) = run(
        &["import", "content/po-2017", "cijfers.xlsx", "--json"],
        &dir,
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["changes"], 2);
    assert_eq!(
        snapshot(&dir.join("content")),
        before,
        "a preview writes nothing"
    );

    let (code, _, err) = run(
        &["import", "content/po-2017", "cijfers.xlsx", "--apply"],
        &dir,
    );
    assert_eq!(code, 0, "{err}");
    let new = std::fs::read_to_string(&yaml).unwrap();
    assert_eq!(
        changed_lines(&old, &new),
        [(
            "          2015/2016: 38".to_string(),
            "          2015/2016: 55".to_string()
        )]
    );
    let after = snapshot(&dir.join("content"));
    let changed: Vec<&PathBuf> = after
        .iter()
        .zip(&before)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| &a.0)
        .collect();
    assert_eq!(changed, [&yaml], "only that file changed");
    // Applied twice: nothing more to do.
    let (_, out, _) = run(&["import", "content/po-2017", "cijfers.xlsx"], &dir);
    assert!(out.contains(": no changes"), "{out}");
}

#[test]
fn spreadsheet_pitfalls_read_as_the_spreadsheet_shows_them() {
    let dir = content_copy("import-pitfalls");
    let rows = exported_rows(&dir, "content/vo-2016");
    let po = exported_rows(&dir, "content/po-2017");
    let yaml = |e: &str, id: &str| {
        std::fs::read_to_string(dir.join(format!("content/{e}/indicators/{id}.yaml"))).unwrap()
    };
    // 1. A percent-formatted cell: 0,056 shown as 5,6 % reads as 5.6 (was 5.5).
    // 2. Float noise: 5.900000000000001 (the float after 5.9) reads as 5.9: no change.
    // 3. A Dutch decimal comma in a text cell: "3,7" reads as 3.7 (was 3.9).
    let mut sheet = rows.clone();
    let a = find(&sheet, "zittenblijvers", "realisatie", "2015");
    sheet[a][8] = C::P(0.056);
    let b = find(&sheet, "zittenblijvers", "realisatie", "2013");
    sheet[b][8] = C::N(f64::from_bits(5.9f64.to_bits() + 1));
    let c = find(&sheet, "zittenblijvers", "ambitie", "2020");
    sheet[c][8] = C::T("3,7".into());
    let old = yaml("vo-2016", "zittenblijvers");
    write_xlsx(&sheet, "Cijfers", &dir.join("p.xlsx"));
    let (code, out, err) = run(&["import", "content/vo-2016", "p.xlsx", "--apply"], &dir);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2015: 5.5 → 5.6 percent"), "{out}");
    assert!(out.contains("2020: 3.9 → 3.7 percent"), "{out}");
    assert!(!out.contains("2013:"), "float noise is no change: {out}");
    let mut expected = vec![
        (
            "          2015: 5.5".to_string(),
            "          2015: 5.6".to_string(),
        ),
        (
            "          2020: 3.9".to_string(),
            "          2020: 3.7".to_string(),
        ),
    ];
    expected.sort();
    let mut got = changed_lines(&old, &yaml("vo-2016", "zittenblijvers"));
    got.sort();
    assert_eq!(got, expected);

    // 4. An empty value cell is "no measurement" where the period is a gap (`~`): no change.
    let gap = find(&po, "verbetering-zwakke-scholen", "realisatie", "2014/2015");
    assert!(matches!(po[gap][8], C::Empty));
    write_xlsx(&po, "Cijfers", &dir.join("gap.xlsx"));
    let (code, out, _) = run(&["import", "content/po-2017", "gap.xlsx"], &dir);
    assert_eq!(code, 0);
    assert!(out.contains(": no changes"), "{out}");
    // … and an error where the period has a value.
    let mut emptied = po.clone();
    let full = find(&po, "verbetering-zwakke-scholen", "realisatie", "2015/2016");
    emptied[full][8] = C::Empty;
    write_xlsx(&emptied, "Cijfers", &dir.join("empty.xlsx"));
    let (code, _, err) = run(&["import", "content/po-2017", "empty.xlsx"], &dir);
    assert_eq!(code, 1);
    assert!(
        err.contains(&format!(
            "empty.xlsx: blad Cijfers, rij {}, kolom I: error: the value is empty, but the edition has 38 procent for 2015/2016",
            full + 1
        )),
        "{err}"
    );

    // 5. Extra and reordered columns are found by their header name (CSV, reversed, with a
    // column of remarks), and the gap's empty cell is still no change.
    let mut reordered: Vec<Vec<C>> = po
        .iter()
        .map(|r| {
            let mut r = r.clone();
            r.reverse();
            r.insert(3, C::T("opmerking".into()));
            r
        })
        .collect();
    let v = reordered[0]
        .iter()
        .position(|c| matches!(c, C::T(t) if t == "value"))
        .unwrap();
    reordered[full][v] = C::N(39.0);
    let mut w = csv::Writer::from_path(dir.join("r.csv")).unwrap();
    for r in &reordered {
        w.write_record(r.iter().map(|c| match c {
            C::T(t) => t.clone(),
            C::N(n) | C::P(n) => n.to_string(),
            C::Empty => String::new(),
        }))
        .unwrap();
    }
    w.flush().unwrap();
    let (code, out, err) = run(&["import", "content/po-2017", "r.csv"], &dir);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("\"realisatie\" 2015/2016: 38 → 39 percent"),
        "{out}"
    );
    assert!(
        out.contains(": 1 change\n"),
        "one figure; the status stays: {out}"
    );
}

#[test]
fn a_new_period_is_inserted_in_time_order() {
    let dir = content_copy("import-new-period");
    let mut rows = exported_rows(&dir, "content/vo-2016");
    let i = find(&rows, "zittenblijvers", "realisatie", "2015");
    let mut new = rows[i].clone();
    new[7] = C::T("2014".into());
    new[8] = C::N(5.7);
    rows.push(new);
    let mut later = rows[i].clone();
    later[7] = C::T("2016".into());
    later[8] = C::N(5.4);
    rows.push(later);
    write_xlsx(&rows, "Cijfers", &dir.join("n.xlsx"));
    let yaml = dir.join("content/vo-2016/indicators/zittenblijvers.yaml");
    let old = std::fs::read_to_string(&yaml).unwrap();
    let (code, out, err) = run(&["import", "content/vo-2016", "n.xlsx", "--apply"], &dir);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("2014: added, 5.7 percent"), "{out}");
    let new = std::fs::read_to_string(&yaml).unwrap();
    assert_eq!(
        new,
        old.replace(
            "          2013: 5.9\n          2015: 5.5\n",
            "          2013: 5.9\n          2014: 5.7\n          2015: 5.5\n          2016: 5.4\n"
        )
    );
    let (code, _, err) = run(&["check", "content/vo-2016"], &dir);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn bad_rows_are_located_by_sheet_row_and_column_and_nothing_is_written() {
    let dir = content_copy("import-bad-rows");
    let mut rows = exported_rows(&dir, "content/po-2017");
    let good = find(
        &rows,
        "verbetering-zwakke-scholen",
        "realisatie",
        "2015/2016",
    );
    rows[good][8] = C::N(55.0); // a good correction, which must not be written either
    let base = rows[good].clone();
    let mut bad = |edit: &dyn Fn(&mut Vec<C>)| {
        let mut r = base.clone();
        edit(&mut r);
        rows.push(r);
        rows.len() // the spreadsheet row number of the row just added
    };
    let unknown_id = bad(&|r| r[1] = C::T("verbetering-zwakke-schole".into()));
    let not_a_number = bad(&|r| {
        r[7] = C::T("2016/2017".into());
        r[8] = C::T("achtendertig".into())
    });
    let wrong_kind = bad(&|r| r[7] = C::T("2016".into()));
    let duplicate = bad(&|r| r[8] = C::N(55.0));
    let no_chart = bad(&|r| r[3] = C::N(2.0));
    let no_series = bad(&|r| r[5] = C::T("realisatie zeer zwak".into()));
    write_xlsx(&rows, "Cijfers", &dir.join("cijfers.xlsx"));
    let before = snapshot(&dir.join("content"));
    let (code, out, err) = run(
        &["import", "content/po-2017", "cijfers.xlsx", "--apply"],
        &dir,
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "no preview when rows fail: {out}");
    let at = |row: usize, col: &str| {
        format!("cijfers.xlsx: blad Cijfers, rij {row}, kolom {col}: error: ")
    };
    for expected in [
        format!(
            "{}no indicator has the id `verbetering-zwakke-schole`\n  = help: did you mean `verbetering-zwakke-scholen`?",
            at(unknown_id, "B")
        ),
        format!("{}`achtendertig` is not a number", at(not_a_number, "I")),
        format!(
            "{}2016 is a year, but series `realisatie` has school years (`2013/2014`)",
            at(wrong_kind, "H")
        ),
        format!(
            "cijfers.xlsx: blad Cijfers, rij {duplicate}: error: this row repeats the figure of rij {}",
            good + 1
        ),
        format!(
            "{}indicator `verbetering-zwakke-scholen` has no chart `2`; it has chart 1",
            at(no_chart, "D")
        ),
        format!(
            "{}chart 1 of indicator `verbetering-zwakke-scholen` has no series `realisatie zeer zwak`",
            at(no_series, "F")
        ),
        "error: 6 row(s) cannot be imported; nothing was written".to_string(),
    ] {
        assert!(err.contains(&expected), "missing:\n{expected}\nin:\n{err}");
    }
    // In the order of the sheet.
    let first = err.find(&at(unknown_id, "B")).unwrap();
    let last = err.find(&at(no_series, "F")).unwrap();
    assert!(first < last);
    assert_eq!(snapshot(&dir.join("content")), before, "nothing is written");

    // A header row without a needed column, and a file of another kind.
    write_xlsx(
        &[vec![C::T("id".into()), C::T("waarde".into())]],
        "Blad1",
        &dir.join("h.xlsx"),
    );
    let (code, _, err) = run(&["import", "content/po-2017", "h.xlsx"], &dir);
    assert_eq!(code, 1);
    assert!(
        err.contains("h.xlsx: error: no sheet has a header row"),
        "{err}"
    );
    std::fs::write(dir.join("x.json"), "{}").unwrap();
    let (code, _, err) = run(&["import", "content/po-2017", "x.json"], &dir);
    assert_eq!(code, 1);
    assert!(
        err.contains("import reads .csv, .xlsx and .ods files"),
        "{err}"
    );
    assert_eq!(snapshot(&dir.join("content")), before, "nothing is written");
}

#[test]
fn spreadsheets_saved_by_libreoffice_import_with_their_percent_cells() {
    for ext in ["xlsx", "ods"] {
        let dir = content_copy(&format!("import-libreoffice-{ext}"));
        let file = root().join(format!("tests/fixtures/sheets/correctie-po-2017.{ext}"));
        let yaml = dir.join("content/po-2017/indicators/verbetering-zwakke-scholen.yaml");
        let old = std::fs::read_to_string(&yaml).unwrap();
        let (code, out, err) = run(
            &[
                "import",
                "content/po-2017",
                file.to_str().unwrap(),
                "--apply",
            ],
            &dir,
        );
        assert_eq!(code, 0, "{ext}: {err}");
        assert!(out.contains(": 2 changes"), "{ext}: {out}");
        assert!(
            out.contains("\"realisatie\" 2015/2016: 38 → 55 percent"),
            "{ext}: {out}"
        );
        assert_eq!(
            changed_lines(&old, &std::fs::read_to_string(&yaml).unwrap()),
            [(
                "          2015/2016: 38".to_string(),
                "          2015/2016: 55".to_string()
            )],
            "{ext}"
        );
    }
}

#[test]
fn export_to_standard_output_writes_csv() {
    let o = kamerbrief(&["export", "content/vo-2016", "-o", "-"], &root());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8(o.stdout.clone()).unwrap();
    assert!(out.starts_with("indicator,id,title,chart,"), "{out}");
    assert!(out.contains(",2013,5.9,percent,"), "{out}");
    assert!(stderr(&o).contains("wrote standard output"));
}
