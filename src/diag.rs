//! Located diagnostics: every problem in an edition is a value that names the file, line and
//! column, what is wrong and what to write instead. They are collected, never printed here.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    /// A suggestion: never fails a build, not even with --deny-warnings.
    Note,
}

/// A position in a file, 1-based. `line == 0` means "the file as a whole".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl Pos {
    pub const FILE: Pos = Pos { line: 0, col: 0 };

    pub fn new(line: u32, col: u32) -> Self {
        Pos { line, col }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    pub pos: Pos,
    pub message: String,
    /// What to write instead; printed on its own line.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<PathBuf>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            pos,
            message: message.into(),
            hint: None,
        }
    }

    pub fn warning(file: impl Into<PathBuf>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, pos, message)
        }
    }

    pub fn note(file: impl Into<PathBuf>, pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(file, pos, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, "{}", self.file.display())?;
        if self.pos.line > 0 {
            write!(f, ":{}:{}", self.pos.line, self.pos.col)?;
        }
        write!(f, ": {kind}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  = help: {hint}")?;
        }
        Ok(())
    }
}

/// All diagnostics of one run, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }

    pub fn notes(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Note)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Sorted by file, then position, errors before warnings at the same place: the order a
    /// reader fixes them in.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by(|a, b| {
            (a.file.as_path(), a.pos, a.severity).cmp(&(b.file.as_path(), b.pos, b.severity))
        });
        self.items.dedup();
        self
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Maps byte offsets in a text to 1-based line and column (columns count characters).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    /// Within long lines, every MARK_STRIDE bytes: (byte offset, characters since the line
    /// start). Counting from the nearest mark keeps many lookups on one huge line linear.
    marks: Vec<(usize, usize)>,
}

const MARK_STRIDE: usize = 4096;

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let mut marks = Vec::new();
        for (i, &start) in starts.iter().enumerate() {
            let end = starts.get(i + 1).copied().unwrap_or(text.len());
            if end - start <= MARK_STRIDE {
                continue;
            }
            let (mut next, mut chars) = (start + MARK_STRIDE, 0);
            for (at, _) in text[start..end].char_indices() {
                if start + at >= next {
                    marks.push((start + at, chars));
                    next = start + at + MARK_STRIDE;
                }
                chars += 1;
            }
        }
        LineIndex {
            text,
            starts,
            marks,
        }
    }

    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mark = self.marks.partition_point(|&(b, _)| b <= offset);
        let (from, before) = match mark.checked_sub(1).map(|m| self.marks[m]) {
            Some((b, c)) if b >= start => (b, c),
            _ => (start, 0),
        };
        let col = before + self.text[from..offset].chars().count() + 1;
        Pos::new(line as u32 + 1, col as u32)
    }
}

/// Positions of offsets that mostly increase, counting only the characters since the previous
/// one: linear in the file, where `LineIndex::pos` alone counts from the line start each time
/// (quadratic on a long line full of markup).
pub struct PosCursor<'a> {
    index: &'a LineIndex<'a>,
    text: &'a str,
    offset: usize,
    pos: Pos,
}

impl<'a> PosCursor<'a> {
    pub fn new(index: &'a LineIndex<'a>, text: &'a str) -> Self {
        PosCursor {
            index,
            text,
            offset: 0,
            pos: Pos::new(1, 1),
        }
    }

    pub fn pos(&mut self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let pos = match self.text.get(self.offset..offset) {
            Some(delta) if !delta.contains('\n') => {
                Pos::new(self.pos.line, self.pos.col + delta.chars().count() as u32)
            }
            _ => self.index.pos(offset),
        };
        self.offset = offset;
        self.pos = pos;
        pos
    }
}

/// A path for messages: relative to the working directory when possible, so users can click it.
pub fn display_path(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(&cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_count_characters_from_the_nearest_mark() {
        // 10,000 two-byte characters, then ASCII: columns agree with a plain count everywhere.
        let text = format!("kop\n{}{}\nstaart", "é".repeat(10_000), "a".repeat(9_000));
        let index = LineIndex::new(&text);
        for offset in (0..text.len())
            .filter(|&o| text.is_char_boundary(o))
            .step_by(997)
        {
            let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let line = text[..offset].matches('\n').count() as u32 + 1;
            let col = text[start..offset].chars().count() as u32 + 1;
            assert_eq!(index.pos(offset), Pos::new(line, col), "offset {offset}");
        }
        assert_eq!(index.pos(text.len()), Pos::new(3, 7));
    }

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let idx = LineIndex::new("ab\nëé x\n");
        assert_eq!(idx.pos(0), Pos::new(1, 1));
        assert_eq!(idx.pos(3), Pos::new(2, 1));
        // "ëé " is 5 bytes, 3 characters: x is the 4th character.
        assert_eq!(idx.pos(8), Pos::new(2, 4));
    }

    #[test]
    fn display_has_location_and_hint() {
        let d = Diagnostic::error("a/b.yaml", Pos::new(3, 7), "unknown key `souces`")
            .with_hint("did you mean `sources`?");
        assert_eq!(
            d.to_string(),
            "a/b.yaml:3:7: error: unknown key `souces`\n  = help: did you mean `sources`?"
        );
    }
}
