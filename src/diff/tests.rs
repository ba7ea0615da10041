//! The diff of real (small) editions: tests/fixtures/mini, and a copy edited one way per test.

use super::*;
use crate::edition::Edition;
use std::path::{Path, PathBuf};

pub(super) fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub(super) fn load(dir: &Path) -> Edition {
    match crate::pipeline::check(dir) {
        Ok((e, _)) => e,
        Err(d) => panic!("{} does not check: {d:?}", dir.display()),
    }
}

/// A copy of the mini fixture with `edits` applied: (file, text to find, replacement).
pub(super) fn edited(name: &str, edits: &[(&str, &str, &str)]) -> Edition {
    let root = std::env::temp_dir().join(format!(
        "kamerbrief-diff-test-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&root);
    let dir = root.join("mini");
    copy_dir(&fixture(), &dir);
    for (file, from, to) in edits {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
    let e = load(&dir);
    std::fs::remove_dir_all(&root).unwrap();
    e
}

/// The diff from the fixture to its edited copy.
pub(super) fn after(name: &str, edits: &[(&str, &str, &str)]) -> Diff {
    compare(&load(&fixture()), &edited(name, edits))
}

/// The diff from the edited copy back to the fixture.
pub(super) fn before(name: &str, edits: &[(&str, &str, &str)]) -> Diff {
    compare(&edited(name, edits), &load(&fixture()))
}

pub(super) const LEES: &str = "indicators/leesplan.yaml";
pub(super) const ICT: &str = "indicators/ict-gebruik.yaml";

pub(super) fn only_indicator(d: &Diff) -> &IndicatorDiff {
    assert_eq!(d.indicators.len(), 1, "{d:#?}");
    &d.indicators[0]
}

fn only_point(d: &Diff) -> &PointChange {
    let i = only_indicator(d);
    assert_eq!(d.changes, 1, "{d:#?}");
    assert_eq!(i.points.len(), 1, "{i:#?}");
    &i.points[0]
}

fn fig(period: &str, value: f64) -> Option<Figure> {
    Some(Figure {
        period: period.into(),
        value,
    })
}

#[test]
fn the_same_edition_has_no_changes() {
    let d = compare(&load(&fixture()), &load(&fixture()));
    assert!(d.is_empty(), "{d:#?}");
    assert_eq!(d.changes, 0);
}

#[test]
fn a_changed_value_is_one_change_even_where_the_text_binds_it() {
    // leesplan.md prints `{waarde}` (the 2016/2017 value): the printed text changes with it,
    // but the text as written does not.
    let d = after("value", &[(LEES, "2016/2017: 44", "2016/2017: 46")]);
    let p = only_point(&d);
    assert_eq!(only_indicator(&d).id, "leesplan");
    assert_eq!((p.chart, p.series.as_str()), (1, "realisatie"));
    assert_eq!((p.role, p.change), (Role::Realisation, Change::Changed));
    assert_eq!(
        (p.old.clone(), p.new.clone()),
        (fig("2016/2017", 44.0), fig("2016/2017", 46.0))
    );
    assert!(only_indicator(&d).text.is_empty());
}

#[test]
fn added_and_removed_points() {
    let edit = [(
        ICT,
        "points: {2013: 62, 2015: 70}",
        "points: {2013: 62, 2015: 70, 2016: 74.5}",
    )];
    let p = only_point(&after("added", &edit)).clone();
    assert_eq!(
        (p.change, p.old, p.new),
        (Change::Added, None, fig("2016", 74.5))
    );
    assert_eq!(p.series, "ICT basisvaardigheden");
    let p = only_point(&before("removed", &edit)).clone();
    assert_eq!(
        (p.change, p.old, p.new),
        (Change::Removed, fig("2016", 74.5), None)
    );
}

#[test]
fn a_gap_is_no_value() {
    let d = after("gap", &[(LEES, "          2014/2015: ~\n", "")]);
    assert!(d.is_empty(), "{d:#?}");
    let d = after("gap-filled", &[(LEES, "2014/2015: ~", "2014/2015: 30")]);
    assert_eq!(only_point(&d).change, Change::Added);
}

#[test]
fn target_changes_are_named_by_role() {
    let p = only_point(&after(
        "streef",
        &[(LEES, "2017/2018: 100", "2017/2018: 95")],
    ))
    .clone();
    assert_eq!(
        (p.kind, p.role, p.change),
        (SeriesKind::Target, Role::Streefwaarde, Change::Changed)
    );
    assert_eq!(
        (p.old, p.new),
        (fig("2017/2018", 100.0), fig("2017/2018", 95.0))
    );
    // A streefwaarde moved to another year is one change, not a removal and an addition.
    let p = only_point(&after(
        "moved",
        &[(LEES, "2017/2018: 100", "2018/2019: 100")],
    ))
    .clone();
    assert_eq!((p.role, p.change), (Role::Streefwaarde, Change::Changed));
    assert_eq!(
        (p.old, p.new),
        (fig("2017/2018", 100.0), fig("2018/2019", 100.0))
    );
    let p = only_point(&after(
        "base",
        &[(
            ICT,
            "points: {2013: 62, 2020: 100}",
            "points: {2013: 60, 2020: 100}",
        )],
    ))
    .clone();
    assert_eq!((p.role, p.series.as_str()), (Role::Baseline, "ambitie"));
    let p = only_point(&after(
        "interim",
        &[(
            ICT,
            "{2013: 62, 2020: 100}",
            "{2013: 62, 2017: 80, 2020: 100}",
        )],
    ))
    .clone();
    assert_eq!(
        (p.role, p.change, p.new),
        (Role::Interim, Change::Added, fig("2017", 80.0))
    );
}

#[test]
fn changed_title_sources_and_note() {
    let d = after(
        "fields",
        &[
            (
                LEES,
                "title: Aandeel scholen met een leesplan",
                "title: Scholen met een leesplan",
            ),
            (
                LEES,
                "Regioplan, Enquêtes bestuursakkoord po, 2017",
                "Regioplan, 2018",
            ),
            (ICT, "note: geen nieuwe data\n", ""),
        ],
    );
    // (A changed number is a changed order in edition.yaml: see the reorder case below.)
    assert_eq!(d.indicators.len(), 2, "{d:#?}");
    let by_id = |id: &str| d.indicators.iter().find(|i| i.id == id).unwrap();
    let text = |s: &str| Some(FieldValue::Text(s.into()));
    let list = |s: &str| Some(FieldValue::List(vec![s.into()]));
    assert_eq!(
        by_id("leesplan").fields,
        vec![
            FieldChange {
                field: Field::Title,
                old: text("Aandeel scholen met een leesplan"),
                new: text("Scholen met een leesplan"),
            },
            FieldChange {
                field: Field::Sources,
                old: list("Regioplan, Enquêtes bestuursakkoord po, 2017"),
                new: list("Regioplan, 2018"),
            },
        ]
    );
    // Without the flag the status is judged on the data again.
    assert_eq!(
        by_id("ict-gebruik").fields,
        vec![
            FieldChange {
                field: Field::Note,
                old: text("geen nieuwe data"),
                new: None
            },
            FieldChange {
                field: Field::Status,
                old: text("geen nieuwe data"),
                new: text("op koers"),
            },
        ]
    );
    assert_eq!(d.changes, 4, "title, sources, note, the status it moved");
}

#[test]
fn added_and_removed_indicators_by_id() {
    let edit = [("edition.yaml", "indicators: [scholing]", "indicators: []")];
    let d = after("ind-removed", &edit);
    let i = only_indicator(&d);
    assert_eq!(
        (i.id.as_str(), i.number, i.change),
        ("scholing", 3, Change::Removed)
    );
    assert_eq!(i.title, "Leraren die scholing volgen");
    assert_eq!(d.changes, 1);
    assert_eq!(
        only_indicator(&before("ind-added", &edit)).change,
        Change::Added
    );
    // Renumbered and reordered, the indicators are still the same ones.
    let d = after(
        "reorder",
        &[
            (
                "edition.yaml",
                "[leesplan, ict-gebruik]",
                "[ict-gebruik, leesplan]",
            ),
            (LEES, "number: 1", "number: 2"),
            (ICT, "number: 2", "number: 1"),
        ],
    );
    assert_eq!(d.indicators.len(), 2, "{d:#?}");
    assert_eq!(d.indicators[0].id, "ict-gebruik");
    assert!(
        d.indicators
            .iter()
            .all(|i| i.change == Change::Changed && i.fields.len() == 1)
    );
}

#[test]
fn added_and_removed_series_and_charts() {
    let series = [(
        LEES,
        "      - label: ambitie",
        "      - label: landelijk\n        kind: realisation\n        points:\n          2015/2016: 40\n      - label: ambitie",
    )];
    let i = only_indicator(&after("series-added", &series)).clone();
    assert_eq!(
        i.series,
        vec![SeriesChange {
            chart: 1,
            label: "landelijk".into(),
            kind: SeriesKind::Realisation,
            change: Change::Added,
        }]
    );
    assert!(i.points.is_empty(), "an added series is one change: {i:#?}");
    let i = only_indicator(&before("series-removed", &series)).clone();
    assert_eq!(i.series[0].change, Change::Removed);

    let text = std::fs::read_to_string(fixture().join(ICT)).unwrap();
    let second = &text[text.find("  - title: Leraren met een ICT-plan").unwrap()..];
    let d = after("chart-removed", &[(ICT, second, "")]);
    let c = &only_indicator(&d).charts;
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!((c[0].chart, c[0].change), (2, Change::Removed));
    assert_eq!(c[0].title.as_deref(), Some("Leraren met een ICT-plan"));
    let c = only_indicator(&before("chart-added", &[(ICT, second, "")]))
        .charts
        .clone();
    assert_eq!((c[0].chart, c[0].change), (2, Change::Added));
}
