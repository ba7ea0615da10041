//! YAML with limits, and its errors in words a policy writer can act on: the location of the
//! mistake (not where the parser gave up), the value quoted, the key suggested.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde_saphyr::Spanned;
use std::path::Path;

/// Parses YAML into `T` with serde-saphyr's limits (depth, aliases, size) in force.
/// The longest line of YAML, in characters: as long as the longest paragraph of narrative.
pub const MAX_LINE_CHARS: usize = super::markdown::MAX_PARAGRAPH_CHARS;

/// Text with a character no font can print is refused at that character (the first one; the
/// message counts repeats).
pub fn parse_yaml<T: DeserializeOwned>(text: &str, file: &Path) -> Result<T, Diagnostic> {
    let value = serde_saphyr::from_str::<T>(text).map_err(|e| yaml_error(&e, text, file))?;
    if let Some((i, line)) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.len() > MAX_LINE_CHARS && l.chars().count() > MAX_LINE_CHARS)
    {
        return Err(Diagnostic::error(
            file,
            Pos::new(i as u32 + 1, 1),
            format!(
                "this line is {} characters long; a line of YAML may have at most {MAX_LINE_CHARS}",
                line.chars().count()
            ),
        )
        .with_hint("shorten the text: titles, sources and notes are a line or two"));
    }
    match super::glyphs::check_yaml(text, file).into_iter().next() {
        Some(d) => Err(d),
        None => Ok(value),
    }
}

/// Where a spanned YAML value is written.
pub fn pos_of<T>(s: &Spanned<T>) -> Pos {
    Pos::new(s.referenced.line() as u32, s.referenced.column() as u32)
}

/// A `YYYY-MM-DD` date, or a located error.
pub fn parse_date(s: &Spanned<String>, file: &Path, diags: &mut Diagnostics) -> Option<NaiveDate> {
    if s.value.trim() == super::unset::UNSET {
        diags.push(super::unset::unset_error(
            file,
            pos_of(s),
            "date",
            "the date as YYYY-MM-DD, e.g. `2019-07-10`",
        ));
        return None;
    }
    NaiveDate::parse_from_str(s.value.trim(), "%Y-%m-%d")
        .map_err(|_| {
            diags.push(
                Diagnostic::error(file, pos_of(s), format!("`{}` is not a date", s.value))
                    .with_hint("write the date as YYYY-MM-DD, e.g. `2019-07-10`"),
            )
        })
        .ok()
}

/// The error itself, without the snippet and alias wrappers serde-saphyr puts around it.
fn original(mut e: &serde_saphyr::Error) -> &serde_saphyr::Error {
    use serde_saphyr::Error as E;
    while let E::WithSnippet { error, .. } | E::AliasError { error, .. } = e {
        e = error;
    }
    e
}

fn yaml_error(e: &serde_saphyr::Error, text: &str, file: &Path) -> Diagnostic {
    use serde_saphyr::Error as E;
    let mut pos = e
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| Pos::new(l.line() as u32, l.column() as u32))
        .unwrap_or(Pos::FILE);
    let raw = e.without_snippet().to_string();
    let mut message = clean_yaml_message(&raw);
    if text.trim().is_empty() {
        message = "the file is empty".into();
    }
    if message.contains("recursion limit exceeded") {
        // The scanner's own limit on nested `[` and `{`.
        message = "the YAML nests too deep".into();
    }
    match original(e) {
        E::InvalidScalar { ty, .. } => message = scalar_message(ty, text, pos),
        E::DuplicateMappingKey { key, .. } => {
            message = match key {
                Some(k) => format!("key `{k}` appears twice in this mapping"),
                None => "a key appears twice in this mapping".into(),
            };
        }
        E::Budget { breach, .. } => message = budget_message(breach),
        E::MultipleDocuments { .. } => {
            message = "a second YAML document starts here, after a `---` line".into();
        }
        E::Unexpected { expected, .. } => {
            message = match *expected {
                "sequence start" => "expected a list here".into(),
                "mapping start" => "expected `key: value` lines here".into(),
                "string scalar" | "scalar" => "expected a single value here".into(),
                other => format!("expected {other}"),
            };
        }
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. }
        | E::AliasReplayCounterOverflow { .. } => {
            message = "aliases (`*name`) expand to too much data".into();
        }
        E::SerdeMissingField { field, .. } => {
            // serde-saphyr places a missing key at the mapping's last key; the mapping starts
            // at its first key, which is where a reader looks for what is there.
            message = format!("missing key `{field}`");
            pos = mapping_start(text, pos);
        }
        _ => {
            // The scanner reports a tab just after it: point at the tab itself.
            let before = text
                .lines()
                .nth(pos.line.saturating_sub(1) as usize)
                .and_then(|l| l.chars().nth(pos.col.saturating_sub(2) as usize));
            if message.contains("tab") && pos.col > 1 && before == Some('\t') {
                pos.col -= 1;
            }
        }
    }
    let hint = yaml_hint(&message);
    let d = Diagnostic::error(file, pos, message);
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// "`achtendertig` is not a number", from the scalar that starts at `pos`.
fn scalar_message(ty: &str, text: &str, pos: Pos) -> String {
    let what = match ty {
        "floating point" => "a number",
        t if t.starts_with('u') => "a whole number of zero or more",
        t if t.starts_with('i') => "a whole number",
        "bool" | "boolean" => "`true` or `false`",
        _ => "a value of the kind this key expects",
    };
    let line = text
        .lines()
        .nth(pos.line.saturating_sub(1) as usize)
        .unwrap_or("");
    let rest: String = line
        .chars()
        .skip(pos.col.saturating_sub(1) as usize)
        .collect();
    let token = rest
        .split(" #")
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches([',', '}', ']'])
        .trim();
    if !token.is_empty() && token.parse::<f64>().is_ok() {
        // A well-formed number that YAML read on into the next line: an unclosed `{` or `[`.
        return format!(
            "the value `{token}` runs on into the next line: is that line indented too far, or a closing `}}` or `]` missing?"
        );
    }
    if token.is_empty() {
        format!("expected {what}")
    } else {
        format!("`{token}` is not {what}")
    }
}

fn budget_message(breach: &serde_saphyr::budget::BudgetBreach) -> String {
    use serde_saphyr::budget::BudgetBreach as B;
    match breach {
        B::Depth { .. } => "the YAML nests too deep".into(),
        B::Aliases { .. } | B::Anchors { .. } => "the YAML has too many aliases or anchors".into(),
        _ => "the YAML expands to too many values (through aliases `*name`, or its size)".into(),
    }
}

/// For a key at `pos` in a block mapping, the position of the mapping's first key: the earliest
/// line above with a key at the same column and nothing less indented in between. Positions that
/// are not a block key (flow mappings) are returned unchanged.
fn mapping_start(text: &str, pos: Pos) -> Pos {
    let lines: Vec<&str> = text.lines().collect();
    let (line, col) = (pos.line as usize, pos.col as usize);
    if line == 0 || line > lines.len() || col == 0 {
        return pos;
    }
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    // A key at `col`, possibly after the `- ` marker of a sequence item.
    let key_at_col = |l: &str| {
        let head: String = l.chars().take(col - 1).collect();
        head.chars().count() == col - 1
            && head.chars().all(|c| c == ' ' || c == '-')
            && l.chars().nth(col - 1).is_some_and(|c| c != ' ' && c != '-')
    };
    if !key_at_col(lines[line - 1]) {
        return pos;
    }
    let mut start = line;
    for l in (1..line).rev() {
        let s = lines[l - 1];
        if s.trim().is_empty() || s.trim_start().starts_with('#') || indent(s) > col - 1 {
            continue;
        }
        if key_at_col(s) {
            start = l;
            if indent(s) == col - 1 {
                continue; // a sibling key
            }
        }
        break; // the `- key:` line that opens a sequence item, or the parent key
    }
    Pos::new(start as u32, col as u32)
}

/// serde-saphyr prefixes messages with their location; we print our own.
fn clean_yaml_message(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw).trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let first = match first.find(": ") {
        Some(i) if first[..i].starts_with("line ") => &first[i + 2..],
        _ => first,
    };
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

fn yaml_hint(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        let expected = message
            .split("expected ")
            .nth(1)
            .unwrap_or("")
            .trim_end_matches('.');
        let expected = expected.strip_prefix("one of ").unwrap_or(expected);
        let suggestion = closest(field, expected.split(", ").map(|k| k.trim_matches('`')));
        return Some(match suggestion {
            Some(k) => format!("did you mean `{k}`? The keys here are: {expected}"),
            None => format!("`{field}` is not a key here; the keys are: {expected}"),
        });
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or("");
        let expected = message.split("expected one of ").nth(1).unwrap_or("");
        return Some(match closest(value, expected.split(", ")) {
            Some(v) => format!("did you mean `{v}`? The values here are: {expected}"),
            None => format!("write one of: {expected}"),
        });
    }
    if let Some(rest) = message.strip_prefix("missing key `") {
        let key = rest.split('`').next().unwrap_or("");
        return Some(format!(
            "add `{key}:` to this mapping; see docs/edition-format.md"
        ));
    }
    if message.contains("appears twice") {
        // A period as key (`2015/2016`): the same period twice in one series.
        let period = message
            .strip_prefix("key `")
            .is_some_and(|k| k.starts_with(|c: char| c.is_ascii_digit()));
        return Some(match period {
            true => "keep one value per period".into(),
            false => "keep one of the two".into(),
        });
    }
    if message == "the file is empty" {
        return Some("write the keys the file needs; see docs/edition-format.md".into());
    }
    if message.starts_with("a second YAML document") {
        return Some("an edition file holds one document: remove the `---` line".into());
    }
    if message.contains("simple key expected") {
        return Some("a key ends with `: `; put text with a colon in quotes".into());
    }
    if message.starts_with("expected a single value") {
        return Some(
            "write the value on the key's line, e.g. `title: …`, not a list or keys".into(),
        );
    }
    if message.contains("mapping values are not allowed") {
        return Some(
            "`: ` inside a value starts a new key: put the value in quotes, e.g. `note: \"NB: …\"`"
                .into(),
        );
    }
    if message.contains("tab") {
        return Some("indent with spaces, not tabs".into());
    }
    if message.starts_with("expected a list") {
        return Some("write a list: `[a, b]`, or one `- item` per line".into());
    }
    if message.starts_with("expected `key: value`") {
        return Some("indent the keys under this one; see docs/edition-format.md".into());
    }
    if message.contains("did not find expected key") {
        return Some(
            "check the indentation: the keys of one mapping start in the same column".into(),
        );
    }
    if message.contains("invalid type")
        || message.contains(" is not ")
        || message.starts_with("expected a ")
        || message.contains("invalid value")
    {
        return Some(
            "write the value in the form the key expects; see docs/edition-format.md".into(),
        );
    }
    if message.starts_with("the YAML") || message.contains("aliases") {
        return Some("simplify the file: deep nesting and repeated aliases are refused".into());
    }
    None
}

/// The candidate within two edits of `word`, if any: catches `souces` for `sources`.
fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
#[path = "yaml_tests.rs"]
mod tests;
