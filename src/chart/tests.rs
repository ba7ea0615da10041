use super::*;
use crate::edition::test_model::{chart, series};
use crate::edition::{Chart, SeriesKind, Unit};

fn school_chart() -> Chart {
    chart(
        Unit::Percent,
        vec![
            series(
                "realisatie",
                SeriesKind::Realisation,
                &[
                    ("2013/2014", Some(21.0)),
                    ("2014/2015", None),
                    ("2015/2016", Some(38.0)),
                    ("2016/2017", Some(44.0)),
                ],
            ),
            series(
                "ambitie",
                SeriesKind::Target,
                &[("2013/2014", Some(21.0)), ("2017/2018", Some(100.0))],
            ),
        ],
    )
}

#[test]
fn school_years_label_the_axis() {
    let svg = render_svg(&school_chart(), Size::BESIDE);
    for label in ["2013/2014", "2015/2016", "2017/2018"] {
        assert!(
            svg.contains(&format!(">\n{label}\n<")) || svg.contains(label),
            "missing {label}"
        );
    }
    assert!(
        !svg.contains(">\n2016\n<"),
        "calendar-year label on a school-year axis"
    );
}

#[test]
fn a_missing_value_is_a_gap_not_a_zero() {
    let svg = render_svg(&school_chart(), Size::BESIDE);
    // The realisation is drawn as two polylines (before and after the gap) plus the legend
    // sample; a joined line would be one polyline.
    let blue_lines = svg.matches("<polyline").filter(|_| true).count();
    let c = school_chart();
    let runs: Vec<usize> = {
        let mut n = vec![0usize];
        for p in &c.series[0].points {
            if p.value.is_some() {
                *n.last_mut().unwrap() += 1
            } else {
                n.push(0)
            }
        }
        n
    };
    assert_eq!(runs, [1, 2]);
    assert!(blue_lines >= 2);
    // No point is drawn at 0 for the gap: the markers are exactly the three measured values.
    assert_eq!(
        svg.matches("<circle").count(),
        3 + 1 + 1,
        "3 markers, 1 legend marker, 1 open circle at the streefwaarde"
    );
    assert!(!svg.contains(">\n0%\n</text>\n<circle"));
}

#[test]
fn one_polyline_per_unbroken_run() {
    let joined = chart(
        Unit::Percent,
        vec![series(
            "r",
            SeriesKind::Realisation,
            &[
                ("2013", Some(1.0)),
                ("2014", Some(2.0)),
                ("2015", Some(3.0)),
            ],
        )],
    );
    let gapped = chart(
        Unit::Percent,
        vec![series(
            "r",
            SeriesKind::Realisation,
            &[("2013", Some(1.0)), ("2014", None), ("2015", Some(3.0))],
        )],
    );
    let count = |c: &Chart| render_svg(c, Size::ABOVE).matches("<polyline").count();
    // A run of one point has no line: the gapped chart draws two markers and no line at all.
    assert_eq!(count(&joined) - count(&gapped), 1);
}

#[test]
fn three_series_have_distinct_markers_and_dashes() {
    let c = chart(
        Unit::Percent,
        vec![
            series(
                "basis",
                SeriesKind::Realisation,
                &[("2013", Some(62.0)), ("2015", Some(70.0))],
            ),
            series(
                "didactisch",
                SeriesKind::Realisation,
                &[("2013", Some(45.0)), ("2015", Some(51.0))],
            ),
            series(
                "ambitie",
                SeriesKind::Target,
                &[("2013", Some(62.0)), ("2020", Some(100.0))],
            ),
        ],
    );
    let svg = render_svg(&c, Size::ABOVE);
    // Two points and a legend sample each: circles for the first series, squares for the second.
    assert_eq!(
        svg.matches("<circle").count(),
        3 + 1,
        "plus the open circle at the streefwaarde"
    );
    assert_eq!(svg.matches("<rect").count(), 3);
    for label in ["basis", "didactisch", "ambitie"] {
        assert!(svg.contains(label), "legend lacks {label}");
    }
    // The target is dashed: many short segments rather than one line.
    assert!(svg.matches("<polyline").count() > 10);
}

#[test]
fn counts_use_thousands_separators_and_percent_axes_run_to_100() {
    let c = chart(
        Unit::Count,
        vec![series(
            "plaatsen",
            SeriesKind::Realisation,
            &[("2014", Some(4973.0)), ("2016", Some(8101.0))],
        )],
    );
    let svg = render_svg(&c, Size::BESIDE);
    assert!(svg.contains("8.101") && svg.contains("10.000"), "{svg}");
    let svg = render_svg(&school_chart(), Size::BESIDE);
    assert!(svg.contains("100%") && svg.contains("0%"));
}

#[test]
fn same_chart_same_bytes() {
    assert_eq!(
        render_svg(&school_chart(), Size::BESIDE),
        render_svg(&school_chart(), Size::BESIDE)
    );
}

#[test]
fn text_uses_the_document_font() {
    let svg = render_svg(&school_chart(), Size::BESIDE);
    assert!(svg.contains(r#"font-family="Noto Sans""#));
    assert!(!svg.contains("sans-serif"));
}

#[test]
fn alt_text_in_dutch_from_the_data() {
    assert_eq!(
        alt_text_for(&school_chart(), Some("Aandeel scholen met een leesplan")),
        "Lijndiagram: Aandeel scholen met een leesplan, in procenten. Realisatie: 21 procent in \
         2013/2014, geen meting in 2014/2015, 38 procent in 2015/2016, 44 procent in 2016/2017. \
         Ambitie: basiswaarde 21 procent in 2013/2014, streefwaarde 100 procent in 2017/2018. \
         Realisatie steeg van 21 procent in 2013/2014 naar 44 procent in 2016/2017."
    );
    let mut c = chart(
        Unit::Count,
        vec![series(
            "plaatsen",
            SeriesKind::Realisation,
            &[("2014/2015", Some(6009.0))],
        )],
    );
    c.title = Some(vec![crate::edition::narrative::Inline::Text {
        text: "Opleidingsplaatsen".into(),
    }]);
    assert_eq!(
        alt_text_for(&c, Some("Aantal structurele opleidingsplaatsen")),
        "Puntdiagram: Opleidingsplaatsen, in aantallen. Plaatsen: 6.009 in 2014/2015.",
        "a single point is no line; the chart title names what is measured"
    );
    // Falling and flat lines.
    let falling = chart(
        Unit::Percent,
        vec![series(
            "zittenblijvers",
            SeriesKind::Realisation,
            &[("2013", Some(5.9)), ("2015", Some(5.5))],
        )],
    );
    assert!(
        alt_text(&falling)
            .ends_with("Zittenblijvers daalde van 5,9 procent in 2013 naar 5,5 procent in 2015."),
        "{}",
        alt_text(&falling)
    );
    let flat = chart(
        Unit::Percent,
        vec![series(
            "a",
            SeriesKind::Realisation,
            &[("2013", Some(50.0)), ("2015", Some(50.0))],
        )],
    );
    assert!(alt_text(&flat).ends_with("A bleef 50 procent van 2013 tot 2015."));
    // Points without a line between them (a gap) are no line either.
    let gapped = chart(
        Unit::Percent,
        vec![series(
            "a",
            SeriesKind::Realisation,
            &[("2013", Some(50.0)), ("2014", None), ("2015", Some(60.0))],
        )],
    );
    assert!(alt_text(&gapped).starts_with("Puntdiagram"));
}
