//! Characters the PDF cannot print: control characters, and characters none of the embedded
//! fonts has (`crate::fonts`). Typst would fail the build on them without saying where, so they
//! are reported here, at their file, line and column, once per character and file.

use crate::diag::{Diagnostic, Diagnostics, LineIndex, Pos};
use crate::fonts::{code_point, unprintable};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// Collects the unprintable characters of one file: the first place of each, and how often.
pub struct GlyphCheck {
    file: PathBuf,
    found: BTreeMap<char, (Pos, usize, &'static str)>,
}

impl GlyphCheck {
    pub fn new(file: &Path) -> Self {
        GlyphCheck {
            file: file.to_path_buf(),
            found: BTreeMap::new(),
        }
    }

    /// Checks `printed`, the text that `source[range]` stands for (the same, or decoded from an
    /// entity or escape). A character written as itself is located exactly; one that comes from
    /// an entity, at the start of the range.
    pub fn check(&mut self, printed: &str, source: &str, range: Range<usize>, index: &LineIndex) {
        for c in printed.chars() {
            let Some(why) = unprintable(c) else { continue };
            if let Some(seen) = self.found.get_mut(&c) {
                seen.1 += 1;
                continue;
            }
            let written = source
                .get(range.clone())
                .and_then(|s| s.find(c))
                .map_or(range.start, |i| range.start + i);
            self.found.insert(c, (index.pos(written), 1, why));
        }
    }

    /// One error per character, at its first place.
    pub fn report(self, diags: &mut Diagnostics) {
        for d in self.diagnostics() {
            diags.push(d);
        }
    }

    pub fn diagnostics(self) -> Vec<Diagnostic> {
        let mut out: Vec<Diagnostic> = self
            .found
            .into_iter()
            .map(|(c, (pos, count, why))| {
                let shown = if c.is_control() || c == '\u{feff}' {
                    String::new()
                } else {
                    format!("`{c}` ")
                };
                let more = match count {
                    1 => String::new(),
                    n => format!(" (it occurs {n} times in this file)"),
                };
                let hint = if c.is_control() || c == '\u{feff}' {
                    "remove it: it is invisible, often pasted along from another program".to_string()
                } else {
                    "write it with other characters or in words; symbols such as ≥ → ✓ € ‰ can be printed".to_string()
                };
                Diagnostic::error(
                    &self.file,
                    pos,
                    format!("character {shown}({}) cannot be printed: {why}{more}", code_point(c)),
                )
                .with_hint(hint)
            })
            .collect();
        out.sort_by_key(|d| d.pos);
        out
    }
}

/// The unprintable characters of a YAML file: written as themselves (outside comment lines), or
/// as escapes in double-quoted text (`"\u2265"`, `"\a"`).
pub fn check_yaml(text: &str, file: &Path) -> Vec<Diagnostic> {
    let index = LineIndex::new(text);
    let mut check = GlyphCheck::new(file);
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let range = start..start + line.len();
        start += line.len();
        if line.trim_start().starts_with('#') {
            continue;
        }
        check.check(line, text, range.clone(), &index);
        for (at, c) in yaml_escapes(line) {
            let offset = range.start + at;
            check.check(&c.to_string(), text, offset..offset, &index);
        }
    }
    check.diagnostics()
}

/// Characters written as escapes in a line of YAML, with the escape's byte offset. Only
/// backslashes inside double quotes are escapes.
fn yaml_escapes(line: &str) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut chars = line.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            '\\' if quoted => {
                let Some((_, e)) = chars.next() else { break };
                let hex_len = match e {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ => 0,
                };
                let decoded = if hex_len > 0 {
                    let digits: String = (0..hex_len)
                        .filter_map(|_| chars.next().map(|(_, d)| d))
                        .collect();
                    u32::from_str_radix(&digits, 16)
                        .ok()
                        .and_then(char::from_u32)
                } else {
                    match e {
                        '0' => Some('\0'),
                        'a' => Some('\u{7}'),
                        'b' => Some('\u{8}'),
                        'e' => Some('\u{1b}'),
                        'v' => Some('\u{b}'),
                        'f' => Some('\u{c}'),
                        'N' => Some('\u{85}'),
                        'L' => Some('\u{2028}'),
                        'P' => Some('\u{2029}'),
                        _ => None,
                    }
                };
                if let Some(d) = decoded {
                    out.push((at, d));
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols_pass_and_what_no_font_has_is_located_once() {
        let text = "title: Minstens ≥ 80 procent → ✓\nnote: 漢字 en nog een 漢\n# commentaar 漢\n";
        let d = check_yaml(text, Path::new("i.yaml"));
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].pos, Pos::new(2, 7));
        assert!(d[0].message.contains("`漢` (U+6F22)"), "{}", d[0].message);
        assert!(d[0].message.contains("2 times"), "{}", d[0].message);
        assert_eq!(d[1].pos, Pos::new(2, 8));
    }

    #[test]
    fn escapes_in_double_quotes_are_decoded() {
        let d = check_yaml(
            "title: \"bel\\a en \\u6F22\"\nnote: 'geen \\a'\n",
            Path::new("i.yaml"),
        );
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].pos, Pos::new(1, 12));
        assert!(d[0].message.contains("control character"));
        assert_eq!(d[1].pos, Pos::new(1, 18));
    }
}
