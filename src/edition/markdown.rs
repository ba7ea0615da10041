//! Markdown → narrative structure, with pulldown-cmark. Footnotes are resolved per file: the
//! first use carries the text, later uses refer to it; ids are prefixed to be unique document-wide.

use super::narrative::{Block, Inline};
use crate::diag::{Diagnostic, Diagnostics, LineIndex, Pos};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;

pub use super::footnotes::FootnoteResolver;
use std::path::{Path, PathBuf};

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

enum Frame {
    Blocks(Vec<Block>),
    Item(Vec<Block>),
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    Quote(Vec<Block>),
    Footnote(String, Pos, Vec<Block>),
    Inlines(InlineKind, Vec<Inline>),
}

enum InlineKind {
    Par,
    Heading(u8, Pos),
    Emph,
    Strong,
    Link(String),
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

#[derive(Default)]
struct Builder {
    file: PathBuf,
    stack: Vec<Frame>,
    top_pos: Vec<Pos>,
    footnotes: BTreeMap<String, FootnoteDef>,
    /// Headings without text (`#### ` alone): PDF/UA requires every heading to have a title.
    empty_headings: Vec<Pos>,
    /// Footnote labels defined again: (label, where, where first defined).
    duplicates: Vec<(String, Pos, Pos)>,
    /// Literal text of a code block or HTML block being read, if any.
    literal: Option<String>,
    /// Inside an HTML comment (`<!-- … -->`) that spans inline HTML events.
    in_comment: bool,
    /// Nesting reached, counted as `MAX_NESTING` counts it; reported once per file.
    too_deep: bool,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, pos: Pos, diags: &mut Diagnostics) {
        if let Some(buf) = self.literal.as_mut() {
            match event {
                Event::Text(t) | Event::Html(t) => return buf.push_str(&t),
                Event::End(end @ (TagEnd::CodeBlock | TagEnd::HtmlBlock)) => {
                    let mut text = self.literal.take().unwrap_or_default();
                    if matches!(end, TagEnd::HtmlBlock) {
                        text = strip_comments(&text);
                    }
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if text.is_empty() {
                        // A block that was only a comment (`<!-- TODO … -->`): nothing to print.
                        if self.stack.len() == 1 {
                            self.top_pos.pop();
                        }
                        return;
                    }
                    return self.push_block(Block::Par {
                        content: vec![Inline::text(text)],
                    });
                }
                _ => return,
            }
        }
        match event {
            Event::Start(tag) => self.start(tag, pos, diags),
            Event::End(end) => self.end(end),
            Event::InlineHtml(t) | Event::Html(t) => {
                // An HTML comment is a note to fellow writers: never printed.
                if self.hides(&t) {
                    self.in_comment = !t.contains("-->");
                    return;
                }
                self.push_text(&t)
            }
            Event::Text(t) => self.push_text(&t),
            Event::Code(t) => self.push_inline(Inline::Code {
                text: t.to_string(),
            }),
            Event::SoftBreak => self.push_text(" "),
            Event::HardBreak => self.push_inline(Inline::Linebreak),
            Event::FootnoteReference(label) => self.push_inline(Inline::FootnoteRef {
                id: label.to_string(),
            }),
            Event::Rule => diags.push(
                Diagnostic::warning(&self.file, pos, "a horizontal rule (`---`) is ignored")
                    .with_hint("remove the line; sections and pages are laid out by the template"),
            ),
            Event::TaskListMarker(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {}
        }
    }

    /// Is this inline HTML (part of) a comment?
    fn hides(&self, html: &str) -> bool {
        self.in_comment || html.trim_start().starts_with("<!--")
    }

    /// Levels of nesting on the stack: every frame but the root and list items (an item
    /// counts with its list).
    fn nesting(&self) -> usize {
        self.stack
            .iter()
            .filter(|f| !matches!(f, Frame::Blocks(_) | Frame::Item(_)))
            .count()
    }

    fn start(&mut self, tag: Tag<'_>, pos: Pos, diags: &mut Diagnostics) {
        if self.stack.len() == 1 {
            self.top_pos.push(pos);
        }
        if !matches!(tag, Tag::Item) && self.nesting() >= MAX_NESTING && !self.too_deep {
            self.too_deep = true;
            diags.push(
                Diagnostic::error(
                    &self.file,
                    pos,
                    format!("the text nests more than {MAX_NESTING} levels deep here (lists, quotes, emphasis and links inside each other)"),
                )
                .with_hint("flatten the text: use fewer levels of lists or quotes"),
            );
        }
        if let Tag::Heading { .. } = tag
            && self.stack.len() > 1
        {
            let place = match self.stack.last() {
                Some(Frame::Footnote(..)) => "a footnote",
                Some(Frame::Quote(_)) => "a quote",
                _ => "a list or quote",
            };
            diags.push(
                Diagnostic::error(&self.file, pos, format!("a heading cannot stand inside {place}"))
                    .with_hint("write the heading's text as a paragraph, in bold if it should stand out, or move the heading out"),
            );
        }
        let frame = match tag {
            Tag::Paragraph => Frame::Inlines(InlineKind::Par, Vec::new()),
            Tag::Heading { level, .. } => {
                Frame::Inlines(InlineKind::Heading(heading_level(level), pos), Vec::new())
            }
            Tag::Emphasis => Frame::Inlines(InlineKind::Emph, Vec::new()),
            Tag::Strong => Frame::Inlines(InlineKind::Strong, Vec::new()),
            Tag::Link { dest_url, .. } => {
                super::links::check_link(&dest_url, &self.file, pos, diags);
                Frame::Inlines(InlineKind::Link(dest_url.to_string()), Vec::new())
            }
            Tag::List(start) => Frame::List {
                ordered: start.is_some(),
                start: start.unwrap_or(1),
                items: Vec::new(),
            },
            Tag::Item => Frame::Item(Vec::new()),
            Tag::BlockQuote(_) => Frame::Quote(Vec::new()),
            Tag::FootnoteDefinition(label) => Frame::Footnote(label.to_string(), pos, Vec::new()),
            Tag::CodeBlock(_) | Tag::HtmlBlock => {
                if matches!(tag, Tag::CodeBlock(_)) {
                    diags.push(
                        Diagnostic::warning(&self.file, pos, "indented or fenced text is read as a code block and printed as a plain paragraph")
                            .with_hint("start the paragraph at the beginning of the line"),
                    );
                }
                self.literal = Some(String::new());
                return;
            }
            Tag::Image { .. } => {
                diags.push(
                    Diagnostic::error(&self.file, pos, "images cannot be placed in narrative text")
                        .with_hint("put figures in the indicator's YAML file as a chart"),
                );
                Frame::Inlines(InlineKind::Emph, Vec::new())
            }
            // Not enabled in `options()`, or without meaning here: keep their text.
            _ => Frame::Inlines(InlineKind::Emph, Vec::new()),
        };
        self.stack.push(frame);
    }

    fn end(&mut self, end: TagEnd) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame {
            Frame::Inlines(kind, content) => {
                let content = merge_text(content);
                match kind {
                    InlineKind::Par => self.push_block(Block::Par { content }),
                    InlineKind::Heading(level, pos) => {
                        if super::narrative::plain_text(&content).trim().is_empty() {
                            self.empty_headings.push(pos);
                        }
                        self.push_block(Block::Heading { level, content })
                    }
                    InlineKind::Emph if matches!(end, TagEnd::Emphasis) => {
                        self.push_inline(Inline::Emph { content })
                    }
                    InlineKind::Strong => self.push_inline(Inline::Strong { content }),
                    InlineKind::Link(url) => self.push_inline(Inline::Link { url, content }),
                    // Unsupported inline containers: keep the text, drop the styling.
                    InlineKind::Emph => content.into_iter().for_each(|i| self.push_inline(i)),
                }
            }
            Frame::Item(blocks) => {
                if let Some(Frame::List { items, .. }) = self.stack.last_mut() {
                    items.push(blocks);
                }
            }
            Frame::List {
                ordered,
                start,
                items,
            } => self.push_block(Block::List {
                ordered,
                start,
                items,
            }),
            Frame::Quote(content) => self.push_block(quote_or_box(content)),
            Frame::Footnote(label, pos, content) => {
                match self.footnotes.get(&label) {
                    Some(first) => self.duplicates.push((label, pos, first.pos)),
                    None => {
                        self.footnotes.insert(label, FootnoteDef { pos, content });
                    }
                }
                if self.stack.len() == 1 {
                    // Definitions are not blocks of the text.
                    self.top_pos.pop();
                }
            }
            Frame::Blocks(_) => {}
        }
    }

    fn push_block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(
                Frame::Blocks(b) | Frame::Item(b) | Frame::Quote(b) | Frame::Footnote(_, _, b),
            ) => b.push(block),
            // A tight list item holds its text without a paragraph.
            Some(Frame::Inlines(_, inlines)) => {
                if let Block::Par { content } = block {
                    inlines.extend(content)
                }
            }
            Some(Frame::List { .. }) | None => {}
        }
    }

    fn push_inline(&mut self, inline: Inline) {
        match self.stack.last_mut() {
            Some(Frame::Inlines(_, inlines)) => inlines.push(inline),
            // Text directly in a tight list item or footnote: open an implicit paragraph.
            Some(
                Frame::Item(blocks)
                | Frame::Footnote(_, _, blocks)
                | Frame::Quote(blocks)
                | Frame::Blocks(blocks),
            ) => match blocks.last_mut() {
                Some(Block::Par { content }) => content.push(inline),
                _ => blocks.push(Block::Par {
                    content: vec![inline],
                }),
            },
            Some(Frame::List { .. }) | None => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        self.push_inline(Inline::text(text));
    }
}

/// Tags that stay inside a paragraph.
fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

fn is_inline_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
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
fn strip_comments(text: &str) -> String {
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

/// `> **Titel**` followed by more quoted paragraphs is an example box with that title.
fn quote_or_box(mut content: Vec<Block>) -> Block {
    let titled = matches!(content.first(), Some(Block::Par { content: first })
        if matches!(first.as_slice(), [Inline::Strong { .. }]));
    if titled
        && content.len() > 1
        && let Block::Par { content: first } = content.remove(0)
        && let Some(Inline::Strong { content: title }) = first.into_iter().next()
    {
        return Block::Box { title, content };
    }
    Block::Quote { content }
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
#[path = "markdown_tests.rs"]
mod tests;
