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
//! The walk over narrative blocks ([`bind_blocks`]) is shared with the other passes that bind
//! references: cross-references to indicators (`super::crossref`).

use super::model::{Chart, Indicator, Series, SeriesKind, Unit};
use super::narrative::{Block, Inline};
use super::period::Period;
use crate::diag::{Diagnostic, Diagnostics, LineIndex, Pos};
use crate::status;

const FORMS: &str = "`{waarde}`, `{waarde 2015}`, `{waarde \"label\" 2015}`, `{periode}`, `{streefwaarde}`, `{streefjaar}`, `{basis}`, `{basisjaar}`, `{verschil 2013 2015}`";

/// What a resolver makes of one `{…}` reference (its text between the braces).
pub enum Resolved {
    /// The text to print.
    Value(String),
    /// The reference is wrong: the message and the hint of a located error.
    Error(String, String),
    /// Not this pass's reference: left as written, for another pass to bind.
    Other,
}

/// Where the references of one file's narrative are looked up, for located errors.
pub struct Source<'a> {
    pub file: &'a std::path::Path,
    pub text: &'a str,
    pub index: LineIndex<'a>,
}

impl<'a> Source<'a> {
    pub fn new(file: &'a std::path::Path, text: &'a str) -> Self {
        Source {
            file,
            text,
            index: LineIndex::new(text),
        }
    }
}

/// Replaces every `{…}` reference in the indicator's narrative by its value. Cross-references
/// to other indicators (`{indicator id}`) are left for the edition-level pass
/// (`super::crossref`), which knows every indicator's number.
pub fn bind_numbers(ind: &mut Indicator, md_text: &str, diags: &mut Diagnostics) {
    let data = ind.clone();
    let source = Source::new(&data.md_file, md_text);
    let mut resolver = |reference: &str| -> Resolved {
        if super::crossref::is_cross_reference(reference) {
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

/// Replaces the `{…}` references in `blocks` (and in their footnotes) with what `resolve`
/// makes of them; errors are located in `source`. Shared by every pass that binds references.
pub fn bind_blocks(
    blocks: &mut [Block],
    source: &Source<'_>,
    resolve: &mut dyn FnMut(&str) -> Resolved,
    diags: &mut Diagnostics,
) {
    for block in blocks {
        match block {
            Block::Par { content } | Block::Heading { content, .. } => {
                bind_inlines(content, source, resolve, diags)
            }
            Block::List { items, .. } => items
                .iter_mut()
                .for_each(|i| bind_blocks(i, source, resolve, diags)),
            Block::Quote { content } => bind_blocks(content, source, resolve, diags),
            Block::Box { title, content } => {
                bind_inlines(title, source, resolve, diags);
                bind_blocks(content, source, resolve, diags)
            }
        }
    }
}

fn bind_inlines(
    inlines: &mut [Inline],
    source: &Source<'_>,
    resolve: &mut dyn FnMut(&str) -> Resolved,
    diags: &mut Diagnostics,
) {
    for inline in inlines {
        match inline {
            Inline::Text { text: t } if t.contains('{') => {
                *t = bind_text(t, source, resolve, diags)
            }
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Link { content, .. } => bind_inlines(content, source, resolve, diags),
            Inline::Footnote { content, .. } => bind_blocks(content, source, resolve, diags),
            _ => {}
        }
    }
}

fn bind_text(
    t: &str,
    source: &Source<'_>,
    resolve: &mut dyn FnMut(&str) -> Resolved,
    diags: &mut Diagnostics,
) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(open) = rest.find('{') {
        // `{{` is a literal `{`: the way to print a brace in narrative.
        if rest[open..].starts_with("{{") {
            out.push_str(&rest[..open + 1]);
            rest = &rest[open + 2..];
            continue;
        }
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&rest[..open]);
        let reference = &rest[open..open + close + 1];
        match resolve(&reference[1..reference.len() - 1]) {
            Resolved::Value(value) => out.push_str(&value),
            Resolved::Other => out.push_str(reference),
            Resolved::Error(message, hint) => {
                let plain = unsmart(reference);
                let pos = locate(source, reference);
                diags.push(
                    Diagnostic::error(source.file, pos, format!("`{plain}`: {message}"))
                        .with_hint(hint),
                );
                out.push_str(reference);
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Where a reference (as read, after smart punctuation) is written in the source.
pub fn locate(source: &Source<'_>, reference: &str) -> Pos {
    // Smart punctuation curled the quotes (and made `...` an ellipsis, `--` a dash): look for
    // the reference as read, and as typed.
    let plain = unsmart(reference);
    source
        .text
        .find(reference)
        .or_else(|| source.text.find(&plain))
        .or_else(|| source.text.find(&reference.replace(['“', '”'], "\"")))
        .map_or(Pos::FILE, |o| source.index.pos(o))
}

/// Text as typed before smart punctuation: straight quotes, `...`, `--` and `---`.
pub fn unsmart(s: &str) -> String {
    s.replace(['“', '”'], "\"")
        .replace(['‘', '’'], "'")
        .replace('…', "...")
        .replace('—', "---")
        .replace('–', "--")
}

/// Splits `waarde "zeer zwak" 2015` into words, keeping quoted labels whole.
pub fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = s.trim().chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if matches!(c, '"' | '“' | '”') {
            chars.next();
            out.push(
                chars
                    .by_ref()
                    .take_while(|c| !matches!(c, '"' | '“' | '”'))
                    .collect(),
            );
        } else {
            let mut w = String::new();
            while let Some(&c) = chars.peek().filter(|c| !c.is_whitespace()) {
                w.push(c);
                chars.next();
            }
            out.push(w);
        }
    }
    out
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

    #[test]
    fn references_are_found_as_typed_before_smart_punctuation() {
        assert_eq!(
            unsmart("{waarde “zeer zwak” 2015…}"),
            "{waarde \"zeer zwak\" 2015...}"
        );
        assert_eq!(unsmart("a – b — c ‘d’"), "a -- b --- c 'd'");
    }
}
