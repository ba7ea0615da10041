//! Numbers bound to data: `{waarde 2015/2016}` in an indicator's narrative prints the figure
//! from its YAML ("38 procent"), so a corrected figure corrects the text too.
//!
//! | written                        | prints                                           |
//! | ------------------------------ | ------------------------------------------------ |
//! | `{waarde}`                     | the latest measured value: "38 procent"          |
//! | `{waarde 2015/2016}`           | the value for that period                        |
//! | `{waarde "zeer zwak" 2015}`    | the same, from the series with that label        |
//! | `{periode}`                    | the period of the latest value: "2015/2016"      |
//! | `{streefwaarde}`, `{streefjaar}` | the target's last point: "100 procent", "2017/2018" |
//! | `{basis}`, `{basisjaar}`       | the target's first point (the baseline)          |
//! | `{verschil 2013/2014 2015/2016}` | the change between two periods: "17 procentpunt" |
//!
//! Without a series label the series is the one the status is judged on.
//!
//! The walk over the narrative is shared with the other passes that bind references
//! (`super::reference`).

use super::reference::{Resolved, Source, bind_blocks, is_cross_reference, words};
use crate::diag::Diagnostics;
use crate::edition::model::{Chart, Indicator, Series, SeriesKind, Unit};
use crate::edition::narrative::Block;
use crate::edition::period::Period;
use crate::status;

const FORMS: &str = "`{waarde}`, `{waarde 2015}`, `{waarde \"label\" 2015}`, `{periode}`, `{streefwaarde}`, `{streefjaar}`, `{basis}`, `{basisjaar}`, `{verschil 2013 2015}`";

/// Replaces every `{…}` reference in the indicator's narrative by its value. Cross-references
/// to other indicators (`{indicator id}`) are left for the edition-level pass
/// (`super::crossref`), which knows every indicator's number.
pub fn bind_numbers(ind: &mut Indicator, md_text: &str, diags: &mut Diagnostics) {
    let data = ind.clone();
    let source = Source::new(&data.md_file, md_text);
    let mut resolver = |reference: &str| -> Resolved {
        if is_cross_reference(reference) {
            return Resolved::Other;
        }
        match resolve(reference, &data) {
            Ok(value) => Resolved::Value(value),
            Err(message) => Resolved::Error(message, format!("the forms are {FORMS}")),
        }
    };
    let mut sections: Vec<&mut Vec<Block>> = Vec::new();
    if let Some(d) = ind.doelstelling.as_mut() {
        sections.extend(d.items.iter_mut());
    }
    sections.extend(ind.beweging.as_mut());
    sections.extend(ind.acties.as_mut());
    for blocks in sections {
        bind_blocks(blocks, &source, &mut resolver, diags);
    }
}

pub const KEYWORDS: [&str; 7] = [
    "waarde",
    "periode",
    "streefwaarde",
    "streefjaar",
    "basis",
    "basisjaar",
    "verschil",
];

pub fn resolve(reference: &str, ind: &Indicator) -> Result<String, String> {
    let words = words(reference);
    let (keyword, args) = words.split_first().ok_or("empty reference")?;
    if !KEYWORDS.contains(&keyword.as_str()) {
        return Err(format!("unknown reference `{keyword}`"));
    }
    let basis = status::basis(ind);
    // An optional quoted series label comes first among the arguments.
    let labelled = match args.first() {
        Some(label) if Period::parse(label).is_err() && !args.is_empty() => Some(label),
        _ => None,
    };
    let (chart, series, args): (&Chart, &Series, &[String]) = match labelled {
        Some(label) => {
            let found = ind.charts.iter().find_map(|c| {
                c.series
                    .iter()
                    .find(|s| s.label.eq_ignore_ascii_case(label))
                    .map(|s| (c, s))
            });
            let (c, s) = found.ok_or_else(|| format!("no series is labelled `{label}`"))?;
            (c, s, &args[1..])
        }
        None => {
            let (c, s, _) = basis.ok_or("this indicator has no measured values in its charts; name a series: `{waarde \"label\" 2020}`")?;
            (c, s, args)
        }
    };
    let target = basis.and_then(|(_, _, t)| t);
    let unit = chart.unit;
    let value_at = |p: &str| -> Result<f64, String> {
        let period = Period::parse(p)?;
        series
            .points
            .iter()
            .find(|pt| pt.period == period)
            .and_then(|pt| pt.value)
            .ok_or_else(|| format!("series `{}` has no value for {period}", series.label))
    };
    let target_point = |last: bool| -> Result<(Period, f64), String> {
        let t = target
            .or_else(|| chart.series.iter().find(|s| s.kind == SeriesKind::Target))
            .ok_or("this indicator has no target series")?;
        let mut values = t.values();
        (if last { values.last() } else { values.next() })
            .ok_or_else(|| "the target series has no values".to_string())
    };
    let latest = || {
        series
            .values()
            .last()
            .ok_or_else(|| format!("series `{}` has no measured values", series.label))
    };
    match (keyword.as_str(), args) {
        ("waarde", []) => Ok(text_value(unit, latest()?.1)),
        ("waarde", [p]) => Ok(text_value(unit, value_at(p)?)),
        ("periode", []) => Ok(latest()?.0.to_string()),
        ("streefwaarde", []) => {
            // A range target says both edges: "80 tot 85 procent".
            let (p, v) = target_point(true)?;
            let upper = target
                .or_else(|| chart.series.iter().find(|s| s.kind == SeriesKind::Target))
                .and_then(|t| t.form.upper_at(p));
            Ok(match upper {
                Some(up) => format!("{} tot {}", crate::locale::number(v), text_value(unit, up)),
                None => text_value(unit, v),
            })
        }
        ("streefjaar", []) => Ok(target_point(true)?.0.to_string()),
        ("basis", []) => Ok(text_value(unit, target_point(false)?.1)),
        ("basisjaar", []) => Ok(target_point(false)?.0.to_string()),
        ("verschil", [a, b]) => Ok(status::difference_text(unit, value_at(b)? - value_at(a)?)),
        (k, _) => Err(format!("wrong number of arguments for `{k}`")),
    }
}

fn text_value(unit: Unit, v: f64) -> String {
    status::text_value(unit, v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn indicator(id: &str) -> Indicator {
        let (edition, _) = crate::pipeline::check(std::path::Path::new("tests/fixtures/mini"))
            .expect("the mini fixture checks");
        edition.indicators().find(|i| i.id == id).unwrap().clone()
    }

    #[test]
    fn an_unknown_keyword_is_named_even_without_data() {
        // `scholing` has no charts: the keyword is still the first thing wrong.
        let err = resolve("procent", &indicator("scholing")).unwrap_err();
        assert_eq!(err, "unknown reference `procent`");
        let err = resolve("waarde", &indicator("scholing")).unwrap_err();
        assert!(err.contains("no measured values"), "{err}");
        assert_eq!(
            resolve("waarde 2015/2016", &indicator("leesplan")).unwrap(),
            "38 procent"
        );
    }
}
