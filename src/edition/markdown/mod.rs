//! Markdown → narrative structure, with pulldown-cmark. Footnotes are resolved per file: the
//! first use carries the text, later uses refer to it; ids are prefixed to be unique document-wide.

use super::narrative::{Block, Inline};
use crate::diag::{Diagnostic, Diagnostics, LineIndex, Pos};
use pulldown_cmark::{Event, Options, Parser};
use std::collections::BTreeMap;

mod builder;

pub use super::footnotes::FootnoteResolver;
use builder::{Builder, Frame, is_inline, is_inline_end};
use std::path::Path;

/// A parsed Markdown file whose footnote references are still by label.
#[derive(Debug, Default)]
pub struct Markdown {
    /// Top-level blocks with the position where each starts.
    pub blocks: Vec<(Pos, Block)>,
    pub footnotes: BTreeMap<String, FootnoteDef>,
}

#[derive(Debug, Clone)]
pub struct FootnoteDef {
    pub pos: Pos,
    pub content: Vec<Block>,
}

fn options() -> Options {
    Options::ENABLE_FOOTNOTES | Options::ENABLE_SMART_PUNCTUATION
}

/// How deep narrative may nest: lists, quotes, emphasis, links and footnotes inside each other
/// (a list item counts with its list). The templates render nesting recursively and Typst
/// stops at a fixed depth; real narrative nests three or four levels.
pub const MAX_NESTING: usize = 10;

/// The longest paragraph (or heading, list item, footnote) in characters: some five pages.
/// Real paragraphs have a few hundred; Typst's line breaking slows down sharply on far longer
/// ones (a 400,000-character paragraph takes more than ten seconds).
pub const MAX_PARAGRAPH_CHARS: usize = 20_000;

/// Parses `text` (the contents of `file`). Problems go to `diags`; what could be read is returned.
pub fn parse(text: &str, file: &Path, diags: &mut Diagnostics) -> Markdown {
    let index = LineIndex::new(text);
    let mut p = Builder {
        file: file.to_path_buf(),
        stack: vec![Frame::Blocks(Vec::new())],
        ..Default::default()
    };
    let mut cursor = PosCursor::new(&index, text);
    let mut glyphs = super::glyphs::GlyphCheck::new(file);
    // Characters of text since the last block boundary, and where that run began.
    let (mut run_start, mut run_chars, mut too_long) = (0usize, 0usize, false);
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match &event {
            Event::Start(_) | Event::End(_)
                if !matches!(&event, Event::Start(t) if is_inline(t))
                    && !matches!(&event, Event::End(t) if is_inline_end(t)) =>
            {
                run_start = range.start;
                run_chars = 0;
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                run_chars += t.chars().count();
                if run_chars > MAX_PARAGRAPH_CHARS && !too_long {
                    too_long = true;
                    diags.push(
                        Diagnostic::error(
                            file,
                            index.pos(run_start),
                            format!(
                                "this paragraph is longer than {MAX_PARAGRAPH_CHARS} characters"
                            ),
                        )
                        .with_hint("split it into paragraphs (an empty line between them)"),
                    );
                }
            }
            _ => {}
        }
        // Only starts and rules are located; they come in reading order.
        let pos = match event {
            Event::Start(_) | Event::Rule => cursor.pos(range.start),
            _ => Pos::FILE,
        };
        // Text that will be printed: every character must have a glyph.
        match &event {
            Event::Text(t) | Event::Code(t) => glyphs.check(t, text, range.clone(), &index),
            Event::Html(t) | Event::InlineHtml(t) if !p.hides(t) => {
                glyphs.check(t, text, range.clone(), &index)
            }
            _ => {}
        }
        p.event(event, pos, diags);
    }
    glyphs.report(diags);
    let Some(Frame::Blocks(blocks)) = p.stack.pop() else {
        unreachable!("the root frame is always last");
    };
    debug_assert_eq!(blocks.len(), p.top_pos.len());
    for pos in &p.empty_headings {
        diags.push(
            Diagnostic::error(file, *pos, "this heading has no text")
                .with_hint("write the heading's text after the `#` marks, or remove the line"),
        );
    }
    for (label, pos, first) in &p.duplicates {
        diags.push(
            Diagnostic::error(
                file,
                *pos,
                format!(
                    "footnote `[^{label}]` is defined twice (first on line {})",
                    first.line
                ),
            )
            .with_hint("keep one definition, or give the second footnote its own label"),
        );
    }
    super::footnotes::check_undefined_references(text, &index, file, &p.footnotes, diags);
    super::autolink::linked(Markdown {
        blocks: p.top_pos.into_iter().zip(blocks).collect(),
        footnotes: p.footnotes,
    })
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

/// Parses one line of Markdown (a title) into inlines. Footnote references stay labels, defined
/// or not: the caller resolves them against the file that holds the definitions.
pub fn parse_inline(text: &str) -> Vec<Inline> {
    let mut diags = Diagnostics::new();
    let mut p = Builder {
        stack: vec![Frame::Blocks(Vec::new())],
        ..Default::default()
    };
    let opts = Options::ENABLE_OLD_FOOTNOTES | Options::ENABLE_SMART_PUNCTUATION;
    for event in Parser::new_ext(text, opts) {
        p.event(event, Pos::FILE, &mut diags);
    }
    let too_deep = p.too_deep || diags.has_errors();
    let Some(Frame::Blocks(blocks)) = p.stack.pop() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for block in blocks {
        if let Block::Par { content } | Block::Heading { content, .. } = block {
            if !out.is_empty() {
                out.push(Inline::text(" "));
            }
            out.extend(content);
        }
    }
    if too_deep {
        // A title nested past what the templates follow: its words, without the styling.
        return vec![Inline::text(super::narrative::plain_text(&out))];
    }
    merge_text(unlink_refused(out))
}

/// Links whose target may not reach a PDF (see `links::allowed`) keep their text only. For
/// one-line Markdown read without diagnostics (titles); narrative reports them as errors.
fn unlink_refused(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match inline {
            Inline::Link { url, content } if !super::links::allowed(&url) => {
                out.extend(unlink_refused(content))
            }
            Inline::Link { url, content } => out.push(Inline::Link {
                url,
                content: unlink_refused(content),
            }),
            Inline::Emph { content } => out.push(Inline::Emph {
                content: unlink_refused(content),
            }),
            Inline::Strong { content } => out.push(Inline::Strong {
                content: unlink_refused(content),
            }),
            other => out.push(other),
        }
    }
    out
}

/// The text without its HTML comments (`<!-- … -->`; an unclosed one runs to the end).
pub(super) fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        rest = match rest[start + 4..].find("-->") {
            Some(end) => &rest[start + 4 + end + 3..],
            None => "",
        };
    }
    out.push_str(rest);
    out
}

/// Footnote labels still unresolved in `inlines`.
pub fn footnote_labels(inlines: &[Inline]) -> Vec<String> {
    let mut out = Vec::new();
    for inline in inlines {
        match inline {
            Inline::FootnoteRef { id } => out.push(id.clone()),
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Link { content, .. } => out.extend(footnote_labels(content)),
            _ => {}
        }
    }
    out
}

/// Joins neighbouring text runs: pulldown-cmark splits text at every potential markup character.
pub fn merge_text(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match (out.last_mut(), inline) {
            (Some(Inline::Text { text: prev }), Inline::Text { text }) => prev.push_str(&text),
            (_, inline) => out.push(inline),
        }
    }
    out
}

#[cfg(test)]
mod tests;
