//! The diff of what decides and shows the status: the computed status itself, a status set by
//! hand, the tolerance, the layout and the axis bounds.

use super::tests::{ICT, LEES, after, only_indicator};
use super::*;

fn text(s: &str) -> Option<FieldValue> {
    Some(FieldValue::Text(s.into()))
}

#[test]
fn a_correction_that_moves_the_status_says_so_last() {
    // Path 21 → 100 asks 80,25 in 2016/2017 (margin 7,9): 44 is behind, 80 on course.
    let d = after("status", &[(LEES, "2016/2017: 44", "2016/2017: 80")]);
    let i = only_indicator(&d);
    assert_eq!(
        i.fields,
        vec![FieldChange {
            field: Field::Status,
            old: text("achter op koers"),
            new: text("op koers"),
        }]
    );
    assert_eq!(
        note::render(&d),
        "In indicator 1 is de realisatie voor 2016/2017 gecorrigeerd van 44 naar 80 procent.\n\
         De status van indicator 1 is daarmee 'op koers' (was: 'achter op koers').\n"
    );
    assert!(
        text::render(&d).contains("status: \"achter op koers\" → \"op koers\""),
        "{}",
        text::render(&d)
    );
}

#[test]
fn a_status_set_by_hand_and_its_tolerance() {
    let rule = "status:\n  override: op koers\n  reason: Nieuwe meetmethode.\n  tolerance: 2\n";
    let d = after(
        "override",
        &[(LEES, "charts:\n", &format!("{rule}charts:\n"))],
    );
    let fields: Vec<Field> = only_indicator(&d).fields.iter().map(|f| f.field).collect();
    assert_eq!(
        fields,
        [Field::StatusOverride, Field::Tolerance, Field::Status]
    );
    assert_eq!(
        only_indicator(&d).fields[0].new,
        text("op koers: Nieuwe meetmethode.")
    );
    let note = note::render(&d);
    assert!(
        note.contains(
            "In indicator 1 is de met de hand vastgestelde status 'op koers: Nieuwe meetmethode.' toegevoegd."
        ),
        "{note}"
    );
    assert!(
        note.contains("is de marge voor de status '2' toegevoegd."),
        "{note}"
    );
}

#[test]
fn layout_and_axis_bounds_are_in_text_and_json_but_not_in_the_note() {
    let d = after(
        "layout",
        &[
            (ICT, "layout: above", "layout: beside"),
            (ICT, "unit: count\n", "unit: count\n    y_max: 10000\n"),
        ],
    );
    let i = only_indicator(&d);
    assert_eq!(
        i.fields,
        vec![FieldChange {
            field: Field::Layout,
            old: text("above"),
            new: text("beside"),
        }]
    );
    assert_eq!(i.charts.len(), 1);
    assert_eq!(
        i.charts[0].fields,
        vec![FieldChange {
            field: Field::YMax,
            old: None,
            new: text("10.000"),
        }]
    );
    assert!(d.to_json().contains("\"field\": \"y_max\""));
    assert!(text::render(&d).contains("layout: \"above\" → \"beside\""));
    assert_eq!(
        note::render(&d),
        "",
        "presentation is not news to parliament"
    );
}
