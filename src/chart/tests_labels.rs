//! Value labels never collide: generated edge cases, drawn at every size.

use super::*;
use crate::edition::test_model::{chart, measured as series};
use crate::edition::{Chart, SeriesKind, Unit};

fn years(from: i32, values: &[f64]) -> Vec<(String, f64)> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| ((from + i as i32).to_string(), *v))
        .collect()
}

const SIZES: [Size; 8] = [
    Size::BESIDE,
    Size::ABOVE,
    Size::PAIR,
    Size::SMALL,
    Size::BESIDE.compact(),
    Size::ABOVE.compact(),
    Size::PAIR.compact(),
    Size::SMALL.compact(),
];

fn assert_clean(name: &str, c: &Chart) -> Vec<Drawing> {
    SIZES
        .iter()
        .map(|&size| {
            let d = draw(c, size);
            let bad = d.collisions();
            assert!(bad.is_empty(), "{name} at {size:?}: {bad:?}");
            d
        })
        .collect()
}

#[test]
fn many_close_values() {
    let c = chart(
        Unit::Percent,
        vec![
            series(
                "a",
                SeriesKind::Realisation,
                &years(2010, &[40.0, 41.0, 40.5, 42.0, 41.5, 43.0, 42.5, 44.0]),
            ),
            series(
                "b",
                SeriesKind::Realisation,
                &years(2010, &[42.0, 40.0, 43.0, 41.0, 44.0, 42.0, 45.0, 43.0]),
            ),
        ],
    );
    let drawn = assert_clean("close values", &c);
    // Not everything fits, but the newest values of each series are kept first.
    let wide = &drawn[1];
    assert!(
        wide.labels.iter().any(|l| l.text == "44%"),
        "{:?}",
        wide.labels
    );
    assert!(!wide.labels.is_empty());
}

#[test]
fn equal_values_in_three_series() {
    let c = chart(
        Unit::Percent,
        vec![
            series(
                "a",
                SeriesKind::Realisation,
                &years(2014, &[50.0, 50.0, 50.0]),
            ),
            series(
                "b",
                SeriesKind::Realisation,
                &years(2014, &[50.0, 50.0, 50.0]),
            ),
            series(
                "c",
                SeriesKind::Realisation,
                &years(2014, &[50.0, 50.0, 50.0]),
            ),
        ],
    );
    let drawn = assert_clean("equal values", &c);
    for d in &drawn {
        assert!(
            !d.dropped.is_empty(),
            "nine equal labels cannot all be shown"
        );
        assert!(!d.labels.is_empty());
    }
}

#[test]
fn a_target_crossing_the_realisation() {
    // po 1: the realisation 90 % meets a target line at 100 %; po 20: a count with a path.
    let c = chart(
        Unit::Percent,
        vec![
            series(
                "realisatie",
                SeriesKind::Realisation,
                &years(2014, &[20.0, 55.0, 70.0, 90.0]),
            ),
            series(
                "ambitie",
                SeriesKind::Target,
                &years(2014, &[100.0, 100.0, 100.0, 100.0]),
            ),
            series(
                "tussendoel",
                SeriesKind::Target,
                &[("2014", 20.0), ("2018", 95.0)],
            ),
        ],
    );
    let drawn = assert_clean("crossing target", &c);
    for (d, size) in drawn.iter().zip(SIZES) {
        assert!(
            d.labels.iter().any(|l| l.text == "90%"),
            "the latest value keeps its label at {size:?}: {:?} dropped {:?}",
            d.labels,
            d.dropped
        );
    }
    let count = chart(
        Unit::Count,
        vec![
            series(
                "realisatie",
                SeriesKind::Realisation,
                &[("2017-08-01", 4973.0)],
            ),
            series(
                "ambitie",
                SeriesKind::Target,
                &[("2017-08-01", 4973.0), ("2018-01-01", 9000.0)],
            ),
        ],
    );
    let drawn = assert_clean("count with path", &count);
    for d in &drawn {
        let texts: Vec<&str> = d.labels.iter().map(|l| l.text.as_str()).collect();
        assert!(
            texts.contains(&"4.973") && texts.contains(&"9.000"),
            "{texts:?}"
        );
    }
}

#[test]
fn labels_at_the_edges_and_extremes() {
    let c = chart(
        Unit::Percent,
        vec![
            series(
                "a",
                SeriesKind::Realisation,
                &years(
                    2000,
                    &[
                        0.0, 100.0, 0.0, 100.0, 0.0, 100.0, 0.0, 100.0, 0.0, 100.0, 0.0, 100.0,
                        0.0, 100.0, 0.0, 100.0, 0.0, 100.0, 0.0, 100.0,
                    ],
                ),
            ),
            series("b", SeriesKind::Target, &[("2000", 100.0), ("2019", 0.0)]),
        ],
    );
    assert_clean("zigzag", &c);
    let big = chart(
        Unit::Count,
        vec![series(
            "a",
            SeriesKind::Realisation,
            &years(2015, &[123456.0, 98765.5, 250000.0]),
        )],
    );
    assert_clean("big counts", &big);
}

#[test]
fn twenty_years_of_ticks_do_not_touch() {
    let c = chart(
        Unit::Percent,
        vec![series(
            "a",
            SeriesKind::Realisation,
            &years(2000, &[50.0; 20]),
        )],
    );
    for d in assert_clean("ticks", &c) {
        assert!(d.ticks.len() >= 2, "first and last at least");
        assert!(
            d.ticks.len() < 20,
            "twenty years cannot all be labelled at this width"
        );
        assert!(
            d.ticks.iter().any(|t| t.text == "2000") && d.ticks.iter().any(|t| t.text == "2019")
        );
    }
}

#[test]
fn all_chart_text_is_at_least_7_5_pt() {
    // The SVG is printed at its own width (the template sets the image width to `Size::width`
    // points), so a font-size in the SVG is the printed size; plotters writes it in SVG units.
    let c = chart(
        Unit::Percent,
        vec![
            series(
                "realisatie met een lange naam die over twee regels loopt",
                SeriesKind::Realisation,
                &years(2014, &[20.0, 55.0, 70.0]),
            ),
            series(
                "ambitie",
                SeriesKind::Target,
                &years(2014, &[20.0, 60.0, 100.0]),
            ),
        ],
    );
    for size in SIZES {
        let svg = render_svg(&c, size);
        assert!(
            svg.contains(&format!("width=\"{}\"", size.width)),
            "drawn at its printed width"
        );
        let sizes: Vec<f64> = svg
            .split("font-size=\"")
            .skip(1)
            .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
            .collect();
        assert!(sizes.len() > 8, "{svg}");
        for s in sizes {
            assert!(s >= 7.5, "font-size {s} at {size:?}");
        }
    }
}
