//! Footnote labels → document-wide ids, in reading order: the first use of a label becomes a
//! footnote with its text, later uses refer back to it.

use super::parsed::FootnoteDef;
use crate::diag::{Diagnostic, Diagnostics, LineIndex, Pos};
use crate::edition::narrative::{Block, Inline};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// Replaces footnote labels by document-wide ids, in reading order: the first use of a label
/// becomes a footnote with its text, later uses refer back to it. `used` collects the labels met.
pub struct FootnoteResolver<'a> {
    pub prefix: &'a str,
    pub defs: &'a BTreeMap<String, FootnoteDef>,
    pub used: HashSet<String>,
    pub file: &'a Path,
}

impl<'a> FootnoteResolver<'a> {
    pub fn new(prefix: &'a str, defs: &'a BTreeMap<String, FootnoteDef>, file: &'a Path) -> Self {
        FootnoteResolver {
            prefix,
            defs,
            used: HashSet::new(),
            file,
        }
    }

    pub fn blocks(&mut self, blocks: &mut [Block], diags: &mut Diagnostics) {
        for block in blocks {
            match block {
                Block::Par { content } | Block::Heading { content, .. } => {
                    self.inlines(content, diags)
                }
                Block::List { items, .. } => items.iter_mut().for_each(|i| self.blocks(i, diags)),
                Block::Quote { content } => self.blocks(content, diags),
                Block::Box { title, content } => {
                    self.inlines(title, diags);
                    self.blocks(content, diags)
                }
            }
        }
    }

    pub fn inlines(&mut self, inlines: &mut [Inline], diags: &mut Diagnostics) {
        for inline in inlines.iter_mut() {
            match inline {
                Inline::Emph { content }
                | Inline::Strong { content }
                | Inline::Link { content, .. } => self.inlines(content, diags),
                Inline::FootnoteRef { id: label } => {
                    let label = label.clone();
                    let id = format!("fn-{}-{}", self.prefix, label);
                    let Some(def) = self.defs.get(&label) else {
                        *inline = Inline::text(format!("[^{label}]"));
                        continue;
                    };
                    if self.used.insert(label) {
                        let mut content = def.content.clone();
                        self.forbid_nested(&mut content, def.pos, diags);
                        *inline = Inline::Footnote { id, content };
                    } else {
                        *inline = Inline::FootnoteRef { id };
                    }
                }
                _ => {}
            }
        }
    }

    fn forbid_nested(&mut self, blocks: &mut [Block], pos: Pos, diags: &mut Diagnostics) {
        let mut nested = Vec::new();
        strip_refs(blocks, &mut nested);
        // The nested footnote is referred to, if wrongly: the error below says so, and an
        // "unused" warning for its definition would send the writer the wrong way.
        let found = !nested.is_empty();
        self.used.extend(nested);
        if found {
            diags.push(
                Diagnostic::error(self.file, pos, "a footnote cannot contain another footnote")
                    .with_hint("move the reference into the main text, or write the note out in this footnote"),
            );
        }
    }

    /// Definitions that no text referred to.
    pub fn unused(&self) -> impl Iterator<Item = (&String, &FootnoteDef)> {
        self.defs
            .iter()
            .filter(|(label, _)| !self.used.contains(*label))
    }
}

/// Removes footnote references from a footnote's text, collecting their labels.
fn strip_refs(blocks: &mut [Block], found: &mut Vec<String>) {
    for block in blocks {
        match block {
            Block::Par { content } | Block::Heading { content, .. } => {
                content.retain(|i| match i {
                    Inline::FootnoteRef { id } | Inline::Footnote { id, .. } => {
                        found.push(id.clone());
                        false
                    }
                    _ => true,
                });
            }
            Block::List { items, .. } => items.iter_mut().for_each(|i| strip_refs(i, found)),
            Block::Quote { content } | Block::Box { content, .. } => strip_refs(content, found),
        }
    }
}

/// GitHub-style footnotes print an undefined `[^x]` as text; we want an error instead.
pub(super) fn check_undefined_references(
    text: &str,
    index: &LineIndex<'_>,
    file: &Path,
    defs: &BTreeMap<String, FootnoteDef>,
    diags: &mut Diagnostics,
) {
    let mut reported = HashSet::new();
    // Scans stay bounded (a label is at most `MAX_LABEL` bytes, the line start is carried
    // forward), so a file full of `[^` takes linear time.
    const MAX_LABEL: usize = 1000;
    let mut line_start = 0;
    let mut scanned = 0;
    for (start, _) in text.match_indices("[^") {
        if let Some(i) = text[scanned..start].rfind('\n') {
            line_start = scanned + i + 1;
        }
        scanned = start;
        if start > 0 && text.as_bytes()[start - 1] == b'\\' {
            continue;
        }
        let rest = &text[start + 2..];
        let mut cut = rest.len().min(MAX_LABEL);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let window = &rest[..cut];
        let Some(end) = window
            .find([']', '\n'])
            .filter(|&e| window[e..].starts_with(']'))
        else {
            continue;
        };
        let label = &rest[..end];
        // A label has no spaces or brackets: `[^a [^b]` is text and then one reference.
        let not_a_label =
            label.is_empty() || label.contains(|c: char| c.is_whitespace() || c == '[');
        if not_a_label || defs.contains_key(label) {
            continue;
        }
        // `[^x]:` at the start of a line is a definition, not a use.
        if text[line_start..start].trim().is_empty() && rest[end + 1..].starts_with(':') {
            continue;
        }
        if reported.insert(label.to_string()) {
            diags.push(
                Diagnostic::error(
                    file,
                    index.pos(start),
                    format!("footnote `[^{label}]` is used but not defined"),
                )
                .with_hint(format!(
                    "add a line `[^{label}]: <footnote text>` to this file, or remove the reference"
                )),
            );
        }
    }
}

/// Warns of every footnote defined in `file` but never referred to.
pub fn warn_unused_footnotes(
    resolver: &FootnoteResolver<'_>,
    file: &Path,
    diags: &mut Diagnostics,
) {
    for (label, def) in resolver.unused() {
        diags.push(
            Diagnostic::warning(
                file,
                def.pos,
                format!("footnote `[^{label}]` is defined but never used"),
            )
            .with_hint(format!(
                "refer to it with `[^{label}]` in the text, or remove the definition"
            )),
        );
    }
}
