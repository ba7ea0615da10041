//! The diff of narrative, chart fields, goals and the edition's own fields.

use super::tests::{ICT, after, before, only_indicator};
use super::*;

#[test]
fn changed_paragraph_names_section_and_position() {
    let d = after(
        "par",
        &[(
            "indicators/leesplan.md",
            "Gebonden aan de data",
            "Nieuw: gebonden aan de data",
        )],
    );
    let t = &only_indicator(&d).text;
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(
        (t[0].section, t[0].paragraph, t[0].change),
        (Section::Beweging, 2, Change::Changed)
    );
    // Old and new are the printed text, bound numbers filled in.
    let new = t[0].new.as_deref().unwrap();
    assert!(
        new.starts_with("Nieuw: gebonden aan de data: van 21 procent in 2013/2014"),
        "{new}"
    );
    assert!(
        t[0].old
            .as_deref()
            .unwrap()
            .starts_with("Gebonden aan de data: van 21 procent")
    );
    // A footnote is part of its paragraph; a list item is a paragraph of its own.
    let d = after(
        "note",
        &[("indicators/leesplan.md", "tabel 3.", "tabel 4.")],
    );
    let t = &only_indicator(&d).text[0];
    assert_eq!((t.section, t.paragraph), (Section::Beweging, 1));
    assert!(
        t.new
            .as_deref()
            .unwrap()
            .contains("[footnote: Regioplan (2017), tabel 4.]")
    );
    let d = after(
        "item",
        &[(
            "indicators/leesplan.md",
            "- Een handreiking",
            "- Een nieuwe handreiking",
        )],
    );
    let t = &only_indicator(&d).text[0];
    assert_eq!((t.section, t.paragraph), (Section::Acties, 2));
    assert_eq!(
        t.new.as_deref(),
        Some("Een nieuwe handreiking voor besturen.")
    );
}

#[test]
fn added_and_removed_paragraphs() {
    let edit = [(
        "indicators/scholing.md",
        "bij indicator 1.",
        "bij indicator 1.\n\nEn een tweede alinea.",
    )];
    let t = only_indicator(&after("par-added", &edit)).text.clone();
    assert_eq!(t.len(), 1, "{t:#?}");
    assert_eq!(
        (t[0].section, t[0].paragraph, t[0].change),
        (Section::Acties, 2, Change::Added)
    );
    assert_eq!(
        (t[0].old.as_deref(), t[0].new.as_deref()),
        (None, Some("En een tweede alinea."))
    );
    let t = only_indicator(&before("par-removed", &edit)).text.clone();
    assert_eq!(
        (t[0].change, t[0].old.as_deref()),
        (Change::Removed, Some("En een tweede alinea."))
    );
}

#[test]
fn chart_fields_goal_titles_and_edition() {
    let d = after(
        "meta",
        &[
            (
                "edition.yaml",
                "title: Dashboard voorbeeld po 2017",
                "title: Dashboard po 2017",
            ),
            ("edition.yaml", "date: 2017-12-08", "date: 2017-12-12"),
            (
                "edition.yaml",
                "title: Professionele scholen",
                "title: Professionele scholen en leraren",
            ),
            (ICT, "source: DUO, 2016", "source: DUO, 2017"),
            ("toelichting.md", "De stippellijn", "De gestippelde lijn"),
        ],
    );
    let text = |s: &str| Some(FieldValue::Text(s.into()));
    assert_eq!(
        d.edition,
        vec![
            FieldChange {
                field: Field::Title,
                old: text("Dashboard voorbeeld po 2017"),
                new: text("Dashboard po 2017")
            },
            FieldChange {
                field: Field::Date,
                old: text("2017-12-08"),
                new: text("2017-12-12")
            },
        ]
    );
    assert_eq!(d.intro.len(), 1);
    assert_eq!(d.intro[0].section, Section::Intro);
    assert_eq!(d.goals.len(), 1);
    assert_eq!((d.goals[0].id.as_str(), d.goals[0].number), ("leraren", 2));
    assert_eq!(
        d.goals[0].fields[0].new,
        text("Professionele scholen en leraren")
    );
    let c = &only_indicator(&d).charts;
    assert_eq!((c[0].chart, c[0].change), (2, Change::Changed));
    assert_eq!(
        c[0].fields,
        vec![FieldChange {
            field: Field::Source,
            old: text("DUO, 2016"),
            new: text("DUO, 2017")
        }]
    );
    assert_eq!(d.changes, 5);
}

#[test]
fn binding_a_figure_that_prints_the_same_is_no_change() {
    let d = after(
        "bind-same",
        &[(
            "indicators/leesplan.md",
            "steeg van 21 naar 44 procent.",
            "steeg van 21 naar {waarde}.",
        )],
    );
    assert_eq!(d.changes, 0, "{d:#?}");
}
