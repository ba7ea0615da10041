//! The stale-number lint: figures typed in an indicator's narrative are compared with its data.
//! A figure equal to a data value is suggested for binding (`{waarde 2015/2016}`), so it follows
//! corrections; a figure close to, but not equal to, the value for a period the same sentence
//! names is warned about: it is probably an old or mistyped figure.

use crate::diag::PosCursor;
use crate::diag::{Diagnostic, Diagnostics, LineIndex};
use crate::edition::Letter;
use crate::edition::bind::letter::references;
use crate::edition::period::Period;
use crate::edition::{Edition, Indicator, SeriesKind, Unit};
use crate::locale;
use std::collections::HashMap;

pub fn check_numbers(edition: &Edition, diags: &mut Diagnostics) {
    for file in &edition.texts {
        let Some(ind) = file
            .indicator
            .as_deref()
            .and_then(|id| edition.indicators().find(|i| i.id == id))
        else {
            continue;
        };
        let index = LineIndex::new(&file.text);
        let mut cursor = PosCursor::new(&index, &file.text);
        for f in typed_figures(&file.text) {
            check_figure(
                ind,
                "",
                f.value,
                &f.periods,
                |d| diags.push(d),
                &file.path,
                cursor.pos(f.offset),
            );
        }
    }
}

/// The lint over a letter: a figure typed in a sentence that quotes one indicator of an annex
/// (`{waarde po-2017/verbetering-zwakke-scholen}`) is compared with that indicator's data, as
/// in the annex's own narrative.
pub fn check_letter_numbers(letter: &Letter, annexes: &[Edition], diags: &mut Diagnostics) {
    for file in &letter.texts {
        let index = LineIndex::new(&file.text);
        let mut cursor = PosCursor::new(&index, &file.text);
        for f in typed_figures(&file.text) {
            let mut targets: Vec<(String, String)> = references(f.sentence)
                .into_iter()
                .filter_map(|(_, _, r)| r.target)
                .collect();
            targets.dedup();
            let [(annex, id)] = targets.as_slice() else {
                continue;
            };
            let Some(ind) = annexes
                .iter()
                .filter(|e| &e.name == annex)
                .flat_map(|e| e.indicators())
                .find(|i| &i.id == id)
            else {
                continue;
            };
            check_figure(
                ind,
                &format!("{annex}/{id}"),
                f.value,
                &f.periods,
                |d| diags.push(d),
                &file.path,
                cursor.pos(f.offset),
            );
        }
    }
}

/// A percentage typed in running text, with the sentence it stands in.
struct TypedFigure<'a> {
    offset: usize,
    value: f64,
    sentence: &'a str,
    /// The periods the sentence names, when the figure is the sentence's only one. A sentence
    /// with several figures usually compares measures; only a lone figure is checked against
    /// the data for closeness, which keeps false alarms down.
    periods: Vec<Period>,
}

/// The percentages typed in `text`, in order.
fn typed_figures(text: &str) -> Vec<TypedFigure<'_>> {
    let figures = percent_figures(text);
    let sentences = Sentences::new(text);
    let spans: Vec<(usize, usize)> = figures.iter().map(|&(o, _)| sentences.around(o)).collect();
    let mut per_sentence: HashMap<(usize, usize), usize> = HashMap::new();
    for span in &spans {
        *per_sentence.entry(*span).or_default() += 1;
    }
    figures
        .iter()
        .zip(&spans)
        .map(|(&(offset, value), span)| {
            let sentence = &text[span.0..span.1];
            let periods = if per_sentence[span] == 1 {
                periods_in(sentence)
            } else {
                Vec::new()
            };
            TypedFigure {
                offset,
                value,
                sentence,
                periods,
            }
        })
        .collect()
}

/// Compares a typed figure with the indicator's data. `target` names the indicator in the
/// suggested reference (`po-2017/verbetering-zwakke-scholen` in a letter; empty in the
/// indicator's own narrative).
#[allow(clippy::too_many_arguments)]
fn check_figure(
    ind: &Indicator,
    target: &str,
    n: f64,
    periods: &[Period],
    mut push: impl FnMut(Diagnostic),
    file: &std::path::Path,
    pos: crate::diag::Pos,
) {
    let percent_series = ind
        .charts
        .iter()
        .filter(|c| c.unit == Unit::Percent)
        .flat_map(|c| &c.series);
    let primary = crate::status::basis(ind);
    let is_primary = |s: &crate::edition::Series| {
        primary.is_some_and(|(_, r, t)| std::ptr::eq(r, s) || t.is_some_and(|t| std::ptr::eq(t, s)))
    };
    let mut exact: Option<(Period, SeriesKind, String, bool)> = None;
    let mut close: Option<(Period, f64)> = None;
    for s in percent_series {
        for (p, v) in s.values() {
            if (v - n).abs() < 1e-9 {
                let last = s.values().last().map(|(lp, _)| lp) == Some(p);
                exact = exact.or(Some((
                    p,
                    s.kind,
                    if is_primary(s) {
                        String::new()
                    } else {
                        s.label.clone()
                    },
                    last,
                )));
            } else if s.kind == SeriesKind::Realisation
                && periods.contains(&p)
                && (v - n).abs() <= (0.1 * v).max(3.0)
            {
                close = close.or(Some((p, v)));
            }
        }
    }
    let figure = locale::percent_text(n);
    let t = if target.is_empty() {
        String::new()
    } else {
        format!(" {target}")
    };
    if let Some((p, kind, label, last)) = exact {
        let form = match (kind, label.is_empty(), last) {
            (SeriesKind::Target, true, true) => format!("{{streefwaarde{t}}}"),
            (_, true, _) => format!("{{waarde{t} {p}}}"),
            (_, false, _) => format!("{{waarde{t} \"{label}\" {p}}}"),
        };
        push(
            Diagnostic::note(
                file,
                pos,
                format!("{figure} is the value for {p} in the data"),
            )
            .with_hint(format!(
                "write `{form}` so the text follows corrections of the data"
            )),
        );
    } else if let Some((p, v)) = close {
        push(
            Diagnostic::warning(
                file,
                pos,
                format!(
                    "tekst zegt {figure}, data zegt {} voor {p}",
                    locale::percent_text(v)
                ),
            )
            .with_hint(format!(
                "correct the figure, or write `{{waarde{t} {p}}}` to print the value from the data"
            )),
        );
    }
}

/// Numbers written before "procent" or "%", outside `{…}` references: (offset, value).
fn percent_figures(text: &str) -> Vec<(usize, f64)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => depth = depth.saturating_sub(1),
            b'0'..=b'9'
                if depth == 0
                    && (i == 0
                        || !(bytes[i - 1].is_ascii_alphanumeric()
                            || bytes[i - 1] == b'/'
                            || bytes[i - 1] == b'-')) =>
            {
                let start = i;
                while i < bytes.len()
                    && (bytes[i].is_ascii_digit()
                        || ((bytes[i] == b',' || bytes[i] == b'.')
                            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
                {
                    i += 1;
                }
                let rest = text[i..].trim_start_matches(' ');
                if rest.starts_with("procent") || rest.starts_with('%') {
                    let number = text[start..i].replace('.', "").replace(',', ".");
                    if let Ok(v) = number.parse::<f64>() {
                        out.push((start, v));
                    }
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Where the sentences of a text end, found in one pass: looking up the sentence around each
/// figure must not rescan the text, or a long paragraph full of figures takes quadratic time.
struct Sentences {
    len: usize,
    /// Offsets `i` where `text[i..=i + 1]` ends a sentence (". ", "?\n", a blank line).
    ends: Vec<usize>,
}

impl Sentences {
    fn new(text: &str) -> Self {
        let is_end = |w: &[u8]| matches!(w, [b'.' | b'?' | b'!', b' ' | b'\n'] | [b'\n', b'\n']);
        let bytes = text.as_bytes();
        let ends = (0..bytes.len().saturating_sub(1))
            .filter(|&i| is_end(&bytes[i..=i + 1]))
            .collect();
        Sentences {
            len: bytes.len(),
            ends,
        }
    }

    /// The byte range of the sentence around `offset`: after the last end before it, up to the
    /// first end at or after it.
    fn around(&self, offset: usize) -> (usize, usize) {
        // An end at `e` starts the next sentence at `e + 2`; it counts when `e + 1 < offset`.
        let before = self.ends.partition_point(|&e| e + 1 < offset);
        let start = before.checked_sub(1).map_or(0, |k| self.ends[k] + 2);
        let after = self.ends.partition_point(|&e| e < offset);
        let end = self.ends.get(after).copied().unwrap_or(self.len);
        (start, end)
    }
}

#[cfg(test)]
fn sentence_around(text: &str, offset: usize) -> &str {
    let (start, end) = Sentences::new(text).around(offset);
    &text[start..end]
}

/// Years and school years named in a sentence ("2015", "2014/2015", "2014-2015").
fn periods_in(sentence: &str) -> Vec<Period> {
    let mut out = Vec::new();
    for word in sentence
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';' | ':' | '.'))
    {
        let normalized = word.replace(['-', '–'], "/");
        if let Ok(p) = Period::parse(&normalized)
            && matches!(p, Period::SchoolYear(_) | Period::Year(1990..=2100))
        {
            out.push(p);
            if let Period::SchoolYear(y) = p {
                out.push(Period::Year(y + 1));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_figures_before_procent_outside_references() {
        let f = percent_figures(
            "Van 21 procent naar {waarde} en 5,9% in 2013; 1.234 procent; nr3 procent.",
        );
        assert_eq!(
            f.iter().map(|(_, v)| *v).collect::<Vec<_>>(),
            [21.0, 5.9, 1234.0]
        );
    }

    #[test]
    fn periods_of_a_sentence() {
        let p = periods_in("In schooljaar 2015-2016 was dit 38 procent, tegen 2014.");
        assert!(p.contains(&Period::SchoolYear(2015)) && p.contains(&Period::Year(2014)));
    }

    /// The sentence rule as first written (a scan per figure), kept as the reference.
    fn sentence_around_by_scanning(text: &str, offset: usize) -> &str {
        let is_end = |w: &[u8]| matches!(w, [b'.' | b'?' | b'!', b' ' | b'\n'] | [b'\n', b'\n']);
        let bytes = text.as_bytes();
        let start = (1..offset)
            .rev()
            .find(|&i| is_end(&bytes[i - 1..=i]))
            .map_or(0, |i| i + 1);
        let end = (offset..bytes.len().saturating_sub(1))
            .find(|&i| is_end(&bytes[i..=i + 1]))
            .unwrap_or(bytes.len());
        &text[start..end]
    }

    #[test]
    fn sentence_index_agrees_with_scanning() {
        for text in [
            "",
            ".",
            ". ",
            "Een. Twee? Drie! Vier",
            "A.\n\nB. 40 procent.\n",
            "..  .. x. y",
            "Eén zin met 38 procent in 2015. En één met 40% in 2016.\n\nNieuwe alinea.",
        ] {
            let idx = Sentences::new(text);
            for (o, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let (s, e) = idx.around(o);
                assert_eq!(
                    &text[s..e],
                    sentence_around_by_scanning(text, o),
                    "{text:?} at {o}"
                );
            }
        }
    }

    #[test]
    fn sentences_end_at_full_stops() {
        let t = "Eerste zin met 2014. Tweede zin met 40 procent in 2015. Derde.";
        assert_eq!(
            sentence_around(t, t.find("40").unwrap()),
            "Tweede zin met 40 procent in 2015"
        );
    }
}
