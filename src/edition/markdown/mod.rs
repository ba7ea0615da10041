//! Markdown → narrative structure, with pulldown-cmark. Footnotes are resolved per file: the
//! first use carries the text, later uses refer to it; ids are prefixed to be unique document-wide.

use crate::diag::{Diagnostic, Diagnostics, LineIndex, Pos, PosCursor};
use crate::edition::narrative::{Block, Inline};
use pulldown_cmark::{Event, Options, Parser};
use std::path::Path;

mod autolink;
mod builder;
mod footnotes;
mod parsed;
mod text;

use builder::{Builder, Frame, is_inline, is_inline_end};
pub use footnotes::{FootnoteResolver, warn_unused_footnotes};
pub use parsed::{FootnoteDef, MAX_NESTING, MAX_PARAGRAPH_CHARS, Markdown};
pub use text::{footnote_labels, merge_text};

fn options() -> Options {
    Options::ENABLE_FOOTNOTES | Options::ENABLE_SMART_PUNCTUATION
}

/// Parses `text` (the contents of `file`). Problems go to `diags`; what could be read is returned.
pub fn parse(text: &str, file: &Path, diags: &mut Diagnostics) -> Markdown {
    let index = LineIndex::new(text);
    let mut p = Builder {
        file: file.to_path_buf(),
        stack: vec![Frame::Blocks(Vec::new())],
        ..Default::default()
    };
    let mut cursor = PosCursor::new(&index, text);
    let mut glyphs = crate::edition::glyphs::GlyphCheck::new(file);
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
    footnotes::check_undefined_references(text, &index, file, &p.footnotes, diags);
    autolink::linked(Markdown {
        blocks: p.top_pos.into_iter().zip(blocks).collect(),
        footnotes: p.footnotes,
    })
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
        return vec![Inline::text(crate::edition::narrative::plain_text(&out))];
    }
    merge_text(unlink_refused(out))
}

/// Links whose target may not reach a PDF (see `links::allowed`) keep their text only. For
/// one-line Markdown read without diagnostics (titles); narrative reports them as errors.
fn unlink_refused(inlines: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines {
        match inline {
            Inline::Link { url, content } if !crate::edition::links::allowed(&url) => {
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

#[cfg(test)]
mod tests;
