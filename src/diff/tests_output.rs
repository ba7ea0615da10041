//! The three outputs of a diff: the JSON shape, the readable text and the Dutch note.

use super::tests::{after, fixture, load};
use super::*;
use serde_json::Value;

const LEES: &str = "indicators/leesplan.yaml";
const ICT: &str = "indicators/ict-gebruik.yaml";

fn keys(v: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort();
    k
}

#[test]
fn json_shape_is_stable() {
    let d = after("json", &[(LEES, "2016/2017: 44", "2016/2017: 46")]);
    let v: Value = serde_json::from_str(&d.to_json()).unwrap();
    assert_eq!(
        keys(&v),
        [
            "changes",
            "edition",
            "goals",
            "indicators",
            "intro",
            "new",
            "old",
            "schema"
        ]
    );
    assert_eq!(v["schema"], 1);
    assert_eq!(v["changes"], 1);
    let i = &v["indicators"][0];
    assert_eq!(
        keys(i),
        [
            "change", "charts", "fields", "id", "number", "points", "series", "text", "title"
        ]
    );
    assert_eq!(
        (i["id"].as_str(), i["number"].as_u64()),
        (Some("leesplan"), Some(1))
    );
    assert_eq!(i["change"], "changed");
    let p = &i["points"][0];
    assert_eq!(
        keys(p),
        [
            "change", "chart", "kind", "new", "old", "role", "series", "unit"
        ]
    );
    assert_eq!(p["kind"], "realisation");
    assert_eq!(p["role"], "realisation");
    assert_eq!(p["unit"], "percent");
    assert_eq!(p["old"]["period"], "2016/2017");
    assert_eq!(p["old"]["value"].as_f64(), Some(44.0));
    assert_eq!(p["new"]["value"].as_f64(), Some(46.0));

    let d = after(
        "json-fields",
        &[
            // Numbers follow the order in edition.yaml: moved down, leesplan is number 2.
            (
                "edition.yaml",
                "[leesplan, ict-gebruik]",
                "[ict-gebruik, leesplan]",
            ),
            (LEES, "number: 1", "number: 2"),
            ("indicators/leesplan.md", "elke school", "iedere school"),
        ],
    );
    let v: Value = serde_json::to_value(&d).unwrap();
    let i = &v["indicators"][1];
    assert_eq!(i["id"], "leesplan");
    assert_eq!(
        i["fields"][0],
        serde_json::json!({"field": "number", "old": 1, "new": 2})
    );
    assert_eq!(
        i["text"][0],
        serde_json::json!({
            "section": "doelstelling", "paragraph": 1, "change": "changed",
            "old": "In 2017/2018 heeft elke school een leesplan.",
            "new": "In 2017/2018 heeft iedere school een leesplan."
        })
    );
}

#[test]
fn note_in_dutch_for_percent_count_and_decimals() {
    let note = |name, edit: (&str, &str, &str)| note::render(&after(name, &[edit]));
    assert_eq!(
        note("n-pct", (LEES, "2016/2017: 44", "2016/2017: 46")),
        "In indicator 1 is de realisatie voor 2016/2017 gecorrigeerd van 44 naar 46 procent.\n"
    );
    assert_eq!(
        note("n-count", (ICT, "2015: 6009", "2015: 6019")),
        "In indicator 2 (grafiek 2) is de waarde van 'aantal leraren' voor 2015 gecorrigeerd van 6.009 naar 6.019.\n"
    );
    assert_eq!(
        note("n-dec", (ICT, "2015: 70}", "2015: 70.5}")),
        "In indicator 2 is de waarde van 'ICT basisvaardigheden' voor 2015 gecorrigeerd van 70 naar 70,5 procent.\n"
    );
    assert_eq!(
        note("n-streef", (LEES, "2017/2018: 100", "2017/2018: 95")),
        "In indicator 1 is de streefwaarde voor 2017/2018 gewijzigd van 100 naar 95 procent.\n"
    );
    assert_eq!(
        note(
            "n-text",
            ("indicators/leesplan.md", "steeg van", "steeg flink van")
        ),
        "In indicator 1 is de tekst onder 'Welke beweging is zichtbaar?' aangepast.\n"
    );
    assert_eq!(
        note("n-src", (LEES, "Enquêtes bestuursakkoord po, 2017", "2018")),
        "In indicator 1 is de bronvermelding gewijzigd in 'Regioplan, 2018' (was: 'Regioplan, Enquêtes bestuursakkoord po, 2017').\n"
    );
    assert_eq!(
        note(
            "n-removed",
            ("edition.yaml", "indicators: [scholing]", "indicators: []")
        ),
        "Indicator 3 ('Leraren die scholing volgen') is vervallen.\n"
    );
}

#[test]
fn note_has_a_paragraph_per_indicator() {
    let d = after(
        "n-many",
        &[
            (
                LEES,
                "title: Aandeel scholen met een leesplan",
                "title: Aandeel scholen met een *leesplan*",
            ),
            (LEES, "2016/2017: 44", "2016/2017: 46"),
            (ICT, "2015: 6009", "2015: 16009"),
            ("edition.yaml", "date: 2017-12-08", "date: 2017-12-12"),
        ],
    );
    assert_eq!(
        note::render(&d),
        "De datum van het dashboard is gewijzigd van 8 december 2017 in 12 december 2017.\n\n\
         In indicator 1 is de titel gewijzigd in 'Aandeel scholen met een \\*leesplan\\*' (was: 'Aandeel scholen met een leesplan').\n\
         In indicator 1 is de realisatie voor 2016/2017 gecorrigeerd van 44 naar 46 procent.\n\n\
         In indicator 2 (grafiek 2) is de waarde van 'aantal leraren' voor 2015 gecorrigeerd van 6.009 naar 16.009.\n"
    );
    assert_eq!(
        note::render(&compare(&load(&fixture()), &load(&fixture()))),
        ""
    );
}

fn change(
    role: Role,
    unit: Unit,
    old: Option<(&str, f64)>,
    new: Option<(&str, f64)>,
) -> PointChange {
    let fig = |f: Option<(&str, f64)>| {
        f.map(|(p, v)| Figure {
            period: p.into(),
            value: v,
        })
    };
    PointChange {
        chart: 1,
        series: if role == Role::Realisation {
            "realisatie".into()
        } else {
            "ambitie".into()
        },
        kind: if role == Role::Realisation {
            SeriesKind::Realisation
        } else {
            SeriesKind::Target
        },
        role,
        change: match (old, new) {
            (Some(_), Some(_)) => Change::Changed,
            (None, _) => Change::Added,
            _ => Change::Removed,
        },
        unit,
        old: fig(old),
        new: fig(new),
    }
}

#[test]
fn every_point_sentence() {
    use Role::*;
    let cases = [
        (
            change(Realisation, Unit::Percent, None, Some(("2016/2017", 44.0))),
            "is de realisatie voor 2016/2017 toegevoegd: 44 procent.",
        ),
        (
            change(Realisation, Unit::Percent, Some(("2015/2016", 5.9)), None),
            "is de realisatie voor 2015/2016 (5,9 procent) verwijderd.",
        ),
        (
            change(
                Realisation,
                Unit::Count,
                Some(("2017-09-01", 1234.5)),
                Some(("2017-09-01", 62000.0)),
            ),
            "is de realisatie op 1 september 2017 gecorrigeerd van 1.234,5 naar 62.000.",
        ),
        (
            change(
                Streefwaarde,
                Unit::Percent,
                Some(("2018", 100.0)),
                Some(("2020", 95.0)),
            ),
            "is de streefwaarde gewijzigd van 100 procent in 2018 naar 95 procent in 2020.",
        ),
        (
            change(Baseline, Unit::Percent, None, Some(("2013", 3.2))),
            "is een basiswaarde voor 2013 toegevoegd: 3,2 procent.",
        ),
        (
            change(Interim, Unit::Percent, Some(("2016", 50.0)), None),
            "is het tussendoel voor 2016 (50 procent) vervallen.",
        ),
    ];
    for (p, sentence) in cases {
        assert_eq!(note::point(&p), sentence);
    }
    assert_eq!(
        text::point(&cases_first()),
        "chart 1, \"realisatie\" 2015/2016: 36 → 38 percent"
    );
}

fn cases_first() -> PointChange {
    change(
        Role::Realisation,
        Unit::Percent,
        Some(("2015/2016", 36.0)),
        Some(("2015/2016", 38.0)),
    )
}

#[test]
fn text_output() {
    let same = compare(&load(&fixture()), &load(&fixture()));
    assert_eq!(text::render(&same), "mini → mini: no changes\n");
    let d = after(
        "t-val",
        &[
            (LEES, "2016/2017: 44", "2016/2017: 46"),
            ("indicators/leesplan.md", "elke school", "iedere school"),
        ],
    );
    let t = text::render(&d);
    assert_eq!(
        t,
        "mini → mini: 2 changes\n\n\
         Indicator 1 leesplan: Aandeel scholen met een leesplan\n  \
         chart 1, \"realisatie\" 2016/2017: 44 → 46 percent\n  \
         Doelstelling, paragraph 1 changed:\n    \
         - In 2017/2018 heeft elke school een leesplan.\n    \
         + In 2017/2018 heeft iedere school een leesplan.\n"
    );
}

#[test]
fn long_paragraphs_are_cut_to_the_change() {
    let words: Vec<String> = (1..=40).map(|i| format!("w{i}")).collect();
    let old = words.join(" ");
    let new = old.replace("w20", "W20");
    let (o, n) = text::excerpt(&old, &new);
    assert_eq!(
        o,
        "… w12 w13 w14 w15 w16 w17 w18 w19 w20 w21 w22 w23 w24 w25 w26 w27 w28 …"
    );
    assert_eq!(n, o.replace("w20", "W20"));
    let (o, n) = text::excerpt("kort", "korter");
    assert_eq!((o.as_str(), n.as_str()), ("kort", "korter"));
    let (o, n) = text::excerpt(&old, &format!("{old} w41"));
    assert_eq!(o, "… w33 w34 w35 w36 w37 w38 w39 w40");
    assert_eq!(n, "… w33 w34 w35 w36 w37 w38 w39 w40 w41");
}
