//! Dutch conventions for numbers and dates: "5,9 procent", "6.009", "10 juli 2019".

use chrono::{Datelike, NaiveDate};

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// The Dutch name of a month, 1-based ("juli" for 7).
pub fn month_name(month: u32) -> &'static str {
    MONTHS[(month as usize).clamp(1, 12) - 1]
}

/// "10 juli 2019": no leading zero, month in lower case.
pub fn format_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        month_name(date.month()),
        date.year()
    )
}

/// A number the Dutch way with at most `max_decimals` decimals, trailing zeros dropped:
/// 5.9 → "5,9", 6009 → "6.009", 0.17 → "0,17", -1234.5 → "-1.234,5".
pub fn format_number(value: f64, max_decimals: usize) -> String {
    let rendered = format!("{:.*}", max_decimals, value);
    let (sign, digits) = match rendered.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", rendered.as_str()),
    };
    let (int_part, frac_part) = digits.split_once('.').unwrap_or((digits, ""));
    let frac = frac_part.trim_end_matches('0');
    let grouped = group_thousands(int_part);
    // "-0" after rounding is just "0".
    let sign = if grouped == "0" && frac.is_empty() {
        ""
    } else {
        sign
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

/// A number as it appears in running text and charts: up to two decimals.
pub fn number(value: f64) -> String {
    format_number(value, 2)
}

fn group_thousands(int_part: &str) -> String {
    let len = int_part.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

/// "5,9 procent" for running text.
pub fn percent_text(value: f64) -> String {
    format!("{} procent", number(value))
}

/// Capitalise the first letter ("realisatie" → "Realisatie").
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_decimal_comma_and_thousands_dot() {
        assert_eq!(number(5.9), "5,9");
        assert_eq!(number(6009.0), "6.009");
        assert_eq!(number(0.17), "0,17");
        assert_eq!(number(94.4), "94,4");
        assert_eq!(number(53000.0), "53.000");
        assert_eq!(number(1234567.891), "1.234.567,89");
        assert_eq!(number(-1234.5), "-1.234,5");
        assert_eq!(number(100.0), "100");
        assert_eq!(number(0.0), "0");
        assert_eq!(number(-0.001), "0");
        assert_eq!(number(999.999), "1.000");
    }

    #[test]
    fn percent_in_running_text() {
        assert_eq!(percent_text(5.9), "5,9 procent");
        assert_eq!(percent_text(38.0), "38 procent");
    }

    #[test]
    fn dates_the_dutch_way_for_every_month() {
        let expected = [
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ];
        for (i, name) in expected.iter().enumerate() {
            let d = NaiveDate::from_ymd_opt(2019, i as u32 + 1, 1).unwrap();
            assert_eq!(format_date(d), format!("1 {name} 2019"));
        }
        let d = NaiveDate::from_ymd_opt(2019, 7, 10).unwrap();
        assert_eq!(format_date(d), "10 juli 2019");
    }

    #[test]
    fn capitalize_handles_non_ascii() {
        assert_eq!(capitalize("ëxtra"), "Ëxtra");
        assert_eq!(capitalize(""), "");
    }
}
