//! Rules over the narrative as typed: they point into the Markdown source, line and column.

use crate::diag::{Diagnostic, Diagnostics, LineIndex};
use crate::edition::NarrativeFile;

/// `indicators`: how many indicators the document has, when it is an annex with indicators.
pub fn check_texts(texts: &[NarrativeFile], indicators: Option<u64>, diags: &mut Diagnostics) {
    for file in texts {
        let index = LineIndex::new(&file.text);
        let masked = mask_references(&file.text);
        let words = words(&masked);
        footnote_numbers(file, &index, &words, diags);
        if let Some(count) = indicators {
            indicator_references(file, &index, &words, count, diags);
        }
        year_ranges(file, &index, diags);
        repeated_words(file, &index, &words, diags);
        long_numbers(file, &index, &words, diags);
    }
}

/// The text with every `{…}` data reference blanked out (same byte offsets): references are
/// not prose.
fn mask_references(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '{' => depth += 1,
            '}' if depth > 0 => {
                depth -= 1;
                out.push(' ');
                continue;
            }
            _ => {}
        }
        if depth > 0 {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// Words with their byte offsets; punctuation around a word is not part of it. A word that
/// ends a clause (followed by punctuation) is marked with a trailing `.` offset-free entry
/// `(offset, "")`, so repeats across "… leerlingen. Leerlingen …" are not taken for typos.
/// Footnote markers (`[^name]`) are not words.
fn words(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    for (start, raw) in split_whitespace_indices(text) {
        if raw.starts_with("[^") {
            continue;
        }
        let trimmed = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
        let offset = start + raw.len() - trimmed.len();
        let word = trimmed.trim_end_matches(|c: char| !c.is_alphanumeric());
        if !word.is_empty() {
            out.push((offset, word));
        }
        let tail = &trimmed[word.len()..];
        if tail.contains(['.', ',', ';', ':', '!', '?', ')']) {
            out.push((offset + trimmed.len(), ""));
        }
    }
    out
}

/// A Kamerstuk dossier number is written without a separator ("31289, nr. 110",
/// "34000 VIII, nr. 89", "Kamerstukken 31289"): it is a name, not an amount.
fn dossier_number(words: &[(usize, &str)], i: usize) -> bool {
    let said = |w: &str| !w.is_empty();
    let before = words[..i].iter().rev().map(|(_, w)| *w).find(|w| said(w));
    let mut after = words[i + 1..].iter().map(|(_, w)| *w).filter(|w| said(w));
    let roman = |w: &str| w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'));
    let nr = |w: Option<&str>| w.is_some_and(|w| w.eq_ignore_ascii_case("nr"));
    let next = after.next();
    let kamerstuk = before.is_some_and(|w| {
        let w = w.to_lowercase();
        w.starts_with("kamerstuk") || w.starts_with("dossier")
    });
    kamerstuk || nr(next) || (next.is_some_and(roman) && nr(after.next()))
}

fn split_whitespace_indices(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}

fn warn(
    file: &NarrativeFile,
    index: &LineIndex<'_>,
    offset: usize,
    msg: String,
    hint: &str,
    diags: &mut Diagnostics,
) {
    diags.push(Diagnostic::warning(&file.path, index.pos(offset), msg).with_hint(hint));
}

/// "zie voetnoot 6": footnote numbers are assigned at build time and change.
fn footnote_numbers(
    file: &NarrativeFile,
    index: &LineIndex<'_>,
    words: &[(usize, &str)],
    diags: &mut Diagnostics,
) {
    for pair in words.windows(2) {
        if pair[0].1.eq_ignore_ascii_case("voetnoot")
            && pair[1].1.chars().all(|c| c.is_ascii_digit())
        {
            warn(
                file,
                index,
                pair[0].0,
                format!("refers to footnote {} by number", pair[1].1),
                "footnotes are numbered when the PDF is built and the number changes when one is added; repeat the source instead",
                diags,
            );
        }
    }
}

/// "zie indicator 15" where the annex has fewer indicators.
fn indicator_references(
    file: &NarrativeFile,
    index: &LineIndex<'_>,
    words: &[(usize, &str)],
    count: u64,
    diags: &mut Diagnostics,
) {
    for (i, (offset, w)) in words.iter().enumerate() {
        if !w.eq_ignore_ascii_case("indicator") {
            continue;
        }
        let next = words[i + 1..]
            .iter()
            .take(2)
            .map(|(_, w)| *w)
            .find(|w| !w.eq_ignore_ascii_case("nr"));
        let number = next
            .map(|w| w.trim_start_matches("nr."))
            .and_then(|w| w.parse::<u64>().ok());
        if let Some(n) = number.filter(|&n| n == 0 || n > count) {
            warn(
                file,
                index,
                *offset,
                format!("refers to indicator {n}, but the annex has {count} indicators"),
                "correct the number of the indicator meant",
                diags,
            );
        }
    }
}

/// "2014-2014", "2016/2015": a range whose end is not after its start.
fn year_ranges(file: &NarrativeFile, index: &LineIndex<'_>, diags: &mut Diagnostics) {
    let chars: Vec<(usize, char)> = file.text.char_indices().collect();
    for i in 0..chars.len().saturating_sub(8) {
        let digits = |from: usize| -> Option<u32> {
            let s: String = chars.get(from..from + 4)?.iter().map(|(_, c)| *c).collect();
            s.chars()
                .all(|c| c.is_ascii_digit())
                .then(|| s.parse().ok())
                .flatten()
        };
        let boundary = |j: usize| chars.get(j).is_none_or(|(_, c)| !c.is_ascii_digit());
        if !matches!(chars[i + 4].1, '-' | '–' | '/')
            || (i > 0 && !boundary(i - 1))
            || !boundary(i + 9)
        {
            continue;
        }
        if let (Some(a), Some(b)) = (digits(i), digits(i + 5))
            && (1900..2100).contains(&a)
            && (1900..2100).contains(&b)
            && b <= a
        {
            warn(
                file,
                index,
                chars[i].0,
                format!("year range {a}{}{b} does not run forward", chars[i + 4].1),
                "check the years: a school or parliamentary year runs from one year to the next, e.g. 2014–2015",
                diags,
            );
        }
    }
}

/// "de scholen de scholen", "de de": words typed twice.
fn repeated_words(
    file: &NarrativeFile,
    index: &LineIndex<'_>,
    words: &[(usize, &str)],
    diags: &mut Diagnostics,
) {
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b) && a.chars().any(char::is_alphabetic);
    // Doubles that are good Dutch: a separable verb's particle before the same preposition
    // ("schrijven zich in in het register"), and "dat dat", "die die".
    const PARTICLES: [&str; 11] = [
        "in", "op", "aan", "uit", "af", "door", "over", "mee", "toe", "dat", "die",
    ];
    let mut i = 0;
    while i + 1 < words.len() {
        let single = same(words[i].1, words[i + 1].1)
            && words[i].1.chars().count() > 1
            && !PARTICLES.contains(&words[i].1.to_lowercase().as_str());
        let double = i + 3 < words.len()
            && same(words[i].1, words[i + 2].1)
            && same(words[i + 1].1, words[i + 3].1);
        if single || double {
            let n = if double { 2 } else { 1 };
            let repeated = words[i..i + n]
                .iter()
                .map(|(_, w)| *w)
                .collect::<Vec<_>>()
                .join(" ");
            warn(
                file,
                index,
                words[i + n].0,
                format!("`{repeated}` is written twice"),
                "remove the repetition",
                diags,
            );
            i += 2 * n;
        } else {
            i += 1;
        }
    }
}

/// "62000" in running text: Dutch writes "62.000".
fn long_numbers(
    file: &NarrativeFile,
    index: &LineIndex<'_>,
    words: &[(usize, &str)],
    diags: &mut Diagnostics,
) {
    for (i, (offset, w)) in words.iter().enumerate() {
        if w.len() >= 5 && w.chars().all(|c| c.is_ascii_digit()) && !dossier_number(words, i) {
            let n: f64 = w.parse().unwrap_or(0.0);
            let dutch = crate::locale::format_number(n, 0);
            warn(
                file,
                index,
                *offset,
                format!("`{w}` has no thousands separator"),
                &format!("write `{dutch}`"),
                diags,
            );
        }
    }
}
