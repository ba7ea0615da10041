use super::*;
use crate::diag::Pos;
use crate::edition::{Chart, Indicator, Layout, Series, StatusRule};
use std::path::PathBuf;

fn series(kind: SeriesKind, points: &[(&str, f64)]) -> Series {
    crate::edition::test_model::measured("s", kind, points)
}

fn indicator(real: &[(&str, f64)], target: &[(&str, f64)]) -> Indicator {
    let mut s = vec![series(SeriesKind::Realisation, real)];
    if !target.is_empty() {
        s.push(series(SeriesKind::Target, target));
    }
    Indicator {
        id: "x".into(),
        number: 1,
        written_number: None,
        listed_at: Pos::FILE,
        title: "x".into(),
        short_title: None,
        status_rule: StatusRule::default(),
        sources: vec![],
        note: None,
        note_pos: Pos::FILE,
        layout: Layout::Beside,
        charts: vec![Chart {
            title: None,
            unit: Unit::Percent,
            y_min: None,
            y_max: None,
            note: None,
            source: None,
            series: s,
            pos: Pos::FILE,
        }],
        doelstelling: None,
        beweging: None,
        acties: None,
        yaml_file: PathBuf::new(),
        md_file: PathBuf::new(),
    }
}

#[test]
fn rising_target_on_course_and_behind() {
    // Path 21 → 100 from 2013/2014 to 2017/2018: at 2015/2016 it asks 60,5.
    let ind = indicator(
        &[("2013/2014", 21.0), ("2015/2016", 38.0)],
        &[("2013/2014", 21.0), ("2017/2018", 100.0)],
    );
    let a = assess(&ind);
    assert_eq!(a.status, Status::Behind);
    assert_eq!(a.expected, Some(60.5));
    assert_eq!(
        a.explanation,
        "38 procent in 2015/2016; het pad naar 100 procent in 2017/2018 vraagt daar \
         60,5 procent (marge 7,9 procentpunt)."
    );
    let ind = indicator(
        &[("2013/2014", 21.0), ("2015/2016", 58.0)],
        &[("2013/2014", 21.0), ("2017/2018", 100.0)],
    );
    assert_eq!(
        assess(&ind).status,
        Status::OnCourse,
        "58 is within a tenth of 79 points (7,9) of 60,5"
    );
    let ind = indicator(
        &[("2013/2014", 21.0), ("2015/2016", 52.0)],
        &[("2013/2014", 21.0), ("2017/2018", 100.0)],
    );
    assert_eq!(assess(&ind).status, Status::Behind);
}

#[test]
fn falling_target_lower_is_better() {
    // Zittenblijvers: 5,9 in 2013 → 3,9 in 2020; in 2015 the path asks 5,33 (margin 0,2).
    let target = [("2013", 5.9), ("2020", 3.9)];
    assert_eq!(
        assess(&indicator(&[("2013", 5.9), ("2015", 5.5)], &target)).status,
        Status::OnCourse
    );
    assert_eq!(
        assess(&indicator(&[("2013", 5.9), ("2015", 5.6)], &target)).status,
        Status::Behind
    );
    assert_eq!(
        assess(&indicator(&[("2013", 5.9), ("2015", 5.3)], &target)).status,
        Status::OnCourse
    );
    assert_eq!(
        assess(&indicator(&[("2013", 5.9), ("2015", 5.8)], &target)).status,
        Status::Behind
    );
    assert_eq!(
        assess(&indicator(&[("2013", 5.9), ("2016", 3.8)], &target)).status,
        Status::Reached
    );
}

#[test]
fn reached_early_counts_as_reached() {
    let a = assess(&indicator(
        &[("2015", 40.0), ("2016", 92.0)],
        &[("2015", 40.0), ("2020", 90.0)],
    ));
    assert_eq!(a.status, Status::Reached);
    assert!(
        a.explanation
            .contains("haalt de streefwaarde van 90 procent in 2020"),
        "{}",
        a.explanation
    );
}

#[test]
fn interim_targets_bend_the_path() {
    let path = [
        Point {
            period: Period::Year(2014),
            value: 10.0,
        },
        Point {
            period: Period::Year(2016),
            value: 50.0,
        },
        Point {
            period: Period::Year(2020),
            value: 60.0,
        },
    ];
    assert_eq!(path_value(&path, 2015.0), Some(30.0));
    assert_eq!(path_value(&path, 2018.0), Some(55.0));
    assert_eq!(path_value(&path, 2012.0), Some(10.0));
    assert_eq!(path_value(&path, 2022.0), Some(60.0));
}

#[test]
fn no_baseline_or_no_target_cannot_be_judged() {
    let a = assess(&indicator(&[("2016", 70.0)], &[("2020", 100.0)]));
    assert_eq!(
        a.status,
        Status::NotAssessable,
        "a streefwaarde without a baseline has no path"
    );
    let a = assess(&indicator(&[("2016", 70.0)], &[]));
    assert_eq!(a.status, Status::NotAssessable);
    assert_eq!(a.latest.map(|p| p.value), Some(70.0));
    assert_eq!(
        assess(&indicator(&[], &[("2014", 1.0), ("2020", 2.0)])).status,
        Status::NotAssessable
    );
}

#[test]
fn only_the_baseline_measured_cannot_be_judged() {
    // po 20: 4.973 registered schoolleiders at the baseline, nothing measured since.
    let mut ind = indicator(
        &[("2017-08-01", 4973.0)],
        &[("2017-08-01", 4973.0), ("2018-01-01", 9000.0)],
    );
    ind.charts[0].unit = Unit::Count;
    let a = assess(&ind);
    assert_eq!(a.status, Status::NotAssessable);
    assert_eq!(
        a.explanation,
        "Er is alleen de nulmeting (4.973 op 1 augustus 2017); de streefwaarde is 9.000 op \
         1 januari 2018."
    );
    assert_eq!(a.expected, None, "no path value is claimed");
    // A measurement after the baseline is judged against the path again.
    let a = assess(&indicator(
        &[("2017", 22.0), ("2018", 24.0)],
        &[("2017", 22.0), ("2020", 30.0)],
    ));
    assert_eq!(a.status, Status::OnCourse);
}

#[test]
fn target_period_measured_and_not_met_is_missed() {
    // po 14: 70 → 100 procent in 2017; 2017 measured 59.
    let a = assess(&indicator(
        &[("2016", 70.0), ("2017", 59.0)],
        &[("2016", 70.0), ("2017", 100.0)],
    ));
    assert_eq!(a.status, Status::Missed);
    assert_eq!(a.status.label(), "doel niet gehaald");
    assert_eq!(
        a.explanation,
        "59 procent in 2017; de streefwaarde was 100 procent in 2017."
    );
    // Measured after the target period, still short: missed too.
    let a = assess(&indicator(
        &[("2016", 70.0), ("2019", 99.0)],
        &[("2016", 70.0), ("2018", 100.0)],
    ));
    assert_eq!(a.status, Status::Missed);
    // Met in the target period: reached, not missed.
    let a = assess(&indicator(
        &[("2016", 70.0), ("2017", 100.0)],
        &[("2016", 70.0), ("2017", 100.0)],
    ));
    assert_eq!(a.status, Status::Reached);
    // Before the target period: still judged against the path.
    let a = assess(&indicator(
        &[("2016", 70.0), ("2017", 71.0)],
        &[("2016", 70.0), ("2020", 100.0)],
    ));
    assert_eq!(a.status, Status::Behind);
}

#[test]
fn count_margins_are_whole_numbers() {
    // 6.009 → 8.209 (+2.200): a tenth is 220; the path at 2015/2016 asks 6.559 after rounding.
    let mut ind = indicator(
        &[("2014/2015", 6009.0), ("2015/2016", 6400.0)],
        &[("2014/2015", 6009.0), ("2018/2019", 8209.0)],
    );
    ind.charts[0].unit = Unit::Count;
    let a = assess(&ind);
    assert_eq!(a.status, Status::OnCourse, "{}", a.explanation);
    assert_eq!(
        a.explanation,
        "6.400 in 2015/2016; het pad naar 8.209 in 2018/2019 vraagt daar 6.559 (marge 220)."
    );
    // 4.973 → 9.000 has a tenth of 402,7: the margin is 403, not "402,7".
    let mut ind = indicator(
        &[("2016", 4973.0), ("2017", 6000.0)],
        &[("2016", 4973.0), ("2020", 9000.0)],
    );
    ind.charts[0].unit = Unit::Count;
    let a = assess(&ind);
    assert!(a.explanation.ends_with("(marge 403)."), "{}", a.explanation);
}

#[test]
fn a_target_without_measurement_is_said_and_not_judged() {
    let mut ind = indicator(&[], &[("2020", 80.0)]);
    ind.charts[0]
        .series
        .retain(|s| s.kind == SeriesKind::Target);
    let a = assess(&ind);
    assert_eq!(a.status, Status::NotAssessable);
    assert_eq!(a.target.map(|p| p.value), Some(80.0));
    assert_eq!(
        a.explanation,
        "Nog geen meting; de streefwaarde is 80 procent in 2020."
    );
    assert!(a.has_basis());
    // Nothing at all: nothing to say, no status line.
    ind.charts.clear();
    let a = assess(&ind);
    assert!(!a.has_basis());
    assert_eq!(a.explanation, "");
}

#[test]
fn flags_and_overrides() {
    let mut ind = indicator(
        &[("2013", 62.0), ("2015", 70.0)],
        &[("2013", 62.0), ("2020", 100.0)],
    );
    ind.note = Some("geen nieuwe data".into());
    assert_eq!(assess(&ind).status, Status::NoNewData);
    ind.note = None;
    ind.status_rule.forced = Some((Status::OnCourse, "Nieuwe meetmethode sinds 2017.".into()));
    let a = assess(&ind);
    assert_eq!(a.status, Status::OnCourse);
    assert_eq!(a.reason.as_deref(), Some("Nieuwe meetmethode sinds 2017."));
    ind.status_rule = StatusRule {
        tolerance: Some(20.0),
        ..StatusRule::default()
    };
    assert_eq!(
        assess(&ind).status,
        Status::OnCourse,
        "a wide tolerance accepts 70 against 72,9"
    );
    ind.status_rule = StatusRule {
        tolerance: Some(0.0),
        ..StatusRule::default()
    };
    assert_eq!(
        assess(&ind).status,
        Status::Behind,
        "no tolerance: 70 is short of 72,9"
    );
}
