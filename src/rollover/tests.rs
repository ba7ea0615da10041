use super::*;

#[test]
fn keys_are_set_in_place_keeping_comments_and_order() {
    let text = "kind: dashboard\nyear: 2017 # het meetjaar\ntitle: Dashboard po 2017\ndate: 2017-12-08\ngoals: []\n";
    let out = set_key(text, "year", "2018").unwrap();
    assert_eq!(
        out,
        "kind: dashboard\nyear: 2018 # het meetjaar\ntitle: Dashboard po 2017\ndate: 2017-12-08\ngoals: []\n"
    );
    assert!(set_key(text, "previous", "x").is_none());
    let out = insert_after(&out, "date", "previous: po-2017");
    assert!(
        out.contains("date: 2017-12-08\nprevious: po-2017\ngoals: []\n"),
        "{out}"
    );
    assert_eq!(set_key("a: 1", "a", "x: y").unwrap(), "a: \"x: y\"");
}

#[test]
fn years_are_replaced_as_whole_numbers() {
    assert_eq!(
        replace_year("Dashboard po 2017", 2017, 2018),
        "Dashboard po 2018"
    );
    assert_eq!(
        replace_year("20171 en 2017/2018", 2017, 2018),
        "20171 en 2018/2018"
    );
    assert_eq!(split_year("po-2017"), Some(("po-", 2017)));
    assert_eq!(split_year("brief"), None);
}

#[test]
fn references_follow_a_renamed_annex() {
    let text = "{waarde po-2017/ict-plan 2016} en {indicator po-2017/ict} maar po-2017/x en {waarde po-20171/y}";
    assert_eq!(
        rename_references(text, "po-2017", "po-2018"),
        "{waarde po-2018/ict-plan 2016} en {indicator po-2018/ict} maar po-2017/x en {waarde po-20171/y}"
    );
}

#[test]
fn only_annex_names_are_rolled_forward() {
    let text = "number: 489\nannexes:\n  - po-2017\n  - po-20171\nsignatory:\n  name: po-2017\n";
    assert_eq!(
        rename_annex(text, "po-2017", "po-2018"),
        "number: 489\nannexes:\n  - po-2018\n  - po-20171\nsignatory:\n  name: po-2017\n"
    );
}
