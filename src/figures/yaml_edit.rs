//! Figures written into an indicator's YAML in place: only the value's own text changes (found
//! at the position serde-saphyr gives the value), so key order, comments, quoting and layout
//! stay as written; a new period becomes a new `period: value` entry beside its neighbour in
//! time, in the same style (a line in a block mapping, an entry in a `{…}` flow mapping).

use crate::diag::Pos;

/// One change to a YAML text.
#[derive(Debug, Clone, PartialEq)]
pub enum TextEdit {
    /// Replace the plain scalar that starts at `at` (a value such as `36` or `~`) by `text`.
    Replace { at: Pos, text: String },
    /// A new `key: value` entry in the mapping that holds the entry whose key starts at
    /// `anchor` and whose value starts at `anchor_value`: after it, or before it when `before`.
    Insert {
        anchor: Pos,
        anchor_value: Pos,
        before: bool,
        key: String,
        value: String,
    },
}

/// Applies the edits to `text`. Several inserts beside one anchor keep the order given.
pub fn apply(text: &str, edits: &[TextEdit]) -> Result<String, String> {
    // (byte offset, order among edits at that offset, replaced length, new text)
    let mut splices: Vec<(usize, usize, usize, String)> = Vec::new();
    for (n, e) in edits.iter().enumerate() {
        match e {
            TextEdit::Replace { at, text: new } => {
                let start = offset(text, *at)?;
                let len = scalar_len(&text[start..]);
                if len == 0 {
                    return Err(format!("no value at line {}, column {}", at.line, at.col));
                }
                splices.push((start, n, len, new.clone()));
            }
            TextEdit::Insert {
                anchor,
                anchor_value,
                before,
                key,
                value,
            } => {
                let key_at = offset(text, *anchor)?;
                let line_start = text[..key_at].rfind('\n').map_or(0, |i| i + 1);
                let block = text[line_start..key_at].chars().all(|c| c == ' ');
                let entry = format!("{key}: {value}");
                let (at, new) = match (block, before) {
                    (true, true) => (
                        line_start,
                        format!("{}{entry}\n", &text[line_start..key_at]),
                    ),
                    (true, false) => {
                        let end = text[key_at..].find('\n').map(|i| key_at + i + 1);
                        let indent = &text[line_start..key_at];
                        match end {
                            Some(end) => (end, format!("{indent}{entry}\n")),
                            None => (text.len(), format!("\n{indent}{entry}")),
                        }
                    }
                    (false, true) => (key_at, format!("{entry}, ")),
                    (false, false) => {
                        let v = offset(text, *anchor_value)?;
                        (v + scalar_len(&text[v..]), format!(", {entry}"))
                    }
                };
                splices.push((at, n, 0, new));
            }
        }
    }
    // Back to front, so earlier offsets stay valid; at one offset the later edit goes first,
    // which leaves the edits there in the order given.
    splices.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)));
    let mut out = text.to_string();
    for (at, _, len, new) in splices {
        out.replace_range(at..at + len, &new);
    }
    Ok(out)
}

/// The byte offset of a 1-based line and column (in characters).
fn offset(text: &str, pos: Pos) -> Result<usize, String> {
    let missing = || format!("line {}, column {} is not in the file", pos.line, pos.col);
    if pos.line == 0 || pos.col == 0 {
        return Err(missing());
    }
    let mut start = 0;
    for _ in 1..pos.line {
        start += text[start..].find('\n').ok_or_else(missing)? + 1;
    }
    let line = &text[start..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let col = (pos.col - 1) as usize;
    match line.char_indices().nth(col) {
        Some((i, _)) => Ok(start + i),
        None if line.chars().count() == col => Ok(start + line.len()),
        None => Err(missing()),
    }
}

/// The length of the plain scalar at the start of `s`: up to a flow separator, a comment or
/// the end of the line, without trailing blanks.
fn scalar_len(s: &str) -> usize {
    let mut end = s.len();
    let mut prev_blank = false;
    for (i, c) in s.char_indices() {
        if matches!(c, ',' | '}' | ']' | '\n' | '\r') || (c == '#' && prev_blank) {
            end = i;
            break;
        }
        prev_blank = c == ' ' || c == '\t';
    }
    s[..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOCK: &str = "charts:\n  - unit: percent # share\n    series:\n      - label: realisatie\n        kind: realisation\n        points:\n          2013/2014: 21   # first\n          2014/2015: ~\n          2015/2016: 38\n";

    #[test]
    fn a_value_is_replaced_alone_comments_and_spacing_stay() {
        let out = apply(
            BLOCK,
            &[
                TextEdit::Replace {
                    at: Pos::new(7, 22),
                    text: "22".into(),
                },
                TextEdit::Replace {
                    at: Pos::new(8, 22),
                    text: "30".into(),
                },
            ],
        )
        .unwrap();
        assert_eq!(
            out,
            BLOCK
                .replace("2013/2014: 21   # first", "2013/2014: 22   # first")
                .replace("2014/2015: ~", "2014/2015: 30")
        );
    }

    #[test]
    fn new_periods_go_beside_their_neighbours_in_the_same_style() {
        let after = TextEdit::Insert {
            anchor: Pos::new(9, 11),
            anchor_value: Pos::new(9, 22),
            before: false,
            key: "2016/2017".into(),
            value: "40".into(),
        };
        let after2 = TextEdit::Insert {
            anchor: Pos::new(9, 11),
            anchor_value: Pos::new(9, 22),
            before: false,
            key: "2017/2018".into(),
            value: "41".into(),
        };
        let before = TextEdit::Insert {
            anchor: Pos::new(7, 11),
            anchor_value: Pos::new(7, 22),
            before: true,
            key: "2012/2013".into(),
            value: "19".into(),
        };
        let out = apply(BLOCK, &[after, after2, before]).unwrap();
        assert_eq!(
            out,
            BLOCK
                .replace(
                    "          2013/2014",
                    "          2012/2013: 19\n          2013/2014"
                )
                .replace(
                    "2015/2016: 38\n",
                    "2015/2016: 38\n          2016/2017: 40\n          2017/2018: 41\n"
                )
        );
        let flow = "points: {2015: 46, 2016: 50}\n";
        let out = apply(
            flow,
            &[
                TextEdit::Insert {
                    anchor: Pos::new(1, 20),
                    anchor_value: Pos::new(1, 26),
                    before: false,
                    key: "2017".into(),
                    value: "52".into(),
                },
                TextEdit::Insert {
                    anchor: Pos::new(1, 10),
                    anchor_value: Pos::new(1, 16),
                    before: true,
                    key: "2014".into(),
                    value: "40".into(),
                },
                TextEdit::Replace {
                    at: Pos::new(1, 16),
                    text: "47".into(),
                },
            ],
        )
        .unwrap();
        assert_eq!(out, "points: {2014: 40, 2015: 47, 2016: 50, 2017: 52}\n");
    }

    #[test]
    fn a_position_outside_the_text_is_an_error() {
        let e = apply(
            "a: 1\n",
            &[TextEdit::Replace {
                at: Pos::new(3, 1),
                text: "2".into(),
            }],
        );
        assert!(e.is_err());
    }
}
