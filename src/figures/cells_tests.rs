use super::*;

#[test]
fn float_noise_reads_as_the_value_shown() {
    assert_eq!(as_shown(7.000_000_000_000_001), 7.0);
    assert_eq!(as_shown(0.56 * 100.0), 56.0);
    assert_eq!(as_shown(0.1 + 0.2), 0.3);
    assert_eq!(as_shown(5.9), 5.9);
    assert_eq!(as_shown(62000.0), 62000.0);
    assert_eq!(as_shown(-1.5), -1.5);
}

#[test]
fn cells_read_as_shown() {
    let n = |value, percent| Cell::Number { value, percent };
    let t = |s: &str| Cell::Text(s.into());
    let p = Unit::Percent;
    assert_eq!(value_of(&n(0.56, true), p), Ok(Some(56.0)));
    assert_eq!(value_of(&n(0.059, true), p), Ok(Some(5.9)));
    assert_eq!(value_of(&n(7.000_000_000_000_001, false), p), Ok(Some(7.0)));
    assert_eq!(value_of(&t("5,9"), p), Ok(Some(5.9)));
    assert_eq!(value_of(&t(" 5.9 "), p), Ok(Some(5.9)));
    assert_eq!(value_of(&t("56 %"), p), Ok(Some(56.0)));
    assert_eq!(value_of(&t("1.234,5"), Unit::Count), Ok(Some(1234.5)));
    assert_eq!(value_of(&Cell::Empty, p), Ok(None));
    assert_eq!(value_of(&t("  "), p), Ok(None));
    assert!(
        value_of(&t("achtendertig"), p)
            .unwrap_err()
            .0
            .contains("is not a number")
    );
    assert!(value_of(&t("NaN"), p).is_err());
    assert!(value_of(&n(0.5, true), Unit::Count).is_err());
}

#[test]
fn periods_from_text_numbers_and_dates() {
    assert_eq!(
        period_of(&Cell::Number {
            value: 2015.0,
            percent: false
        }),
        Ok(Period::Year(2015))
    );
    assert_eq!(
        period_of(&Cell::Text("2014/2015".into())),
        Ok(Period::SchoolYear(2014))
    );
    let d = chrono::NaiveDate::from_ymd_opt(2017, 9, 1).unwrap();
    assert_eq!(period_of(&Cell::Date(d)), Ok(Period::Date(d)));
    assert!(period_of(&Cell::Text("2014-2015".into())).is_err());
}
