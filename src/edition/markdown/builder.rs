//! The event builder behind `markdown::parse`: pulldown-cmark events → blocks and inlines, with
//! the checks that need the nesting (depth, headings in inline places, footnote definitions).

use super::parsed::{FootnoteDef, MAX_NESTING};
use super::text::{merge_text, strip_comments};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::edition::narrative::{Block, Inline};
use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
use std::collections::BTreeMap;
use std::path::PathBuf;

pub(super) enum Frame {
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

impl Frame {
    /// The blocks of a frame that holds blocks (a list holds items, inline frames inlines).
    fn blocks(&self) -> Option<&Vec<Block>> {
        match self {
            Frame::Blocks(b) | Frame::Item(b) | Frame::Quote(b) | Frame::Footnote(_, _, b) => {
                Some(b)
            }
            Frame::List { .. } | Frame::Inlines(..) => None,
        }
    }

    fn blocks_mut(&mut self) -> Option<&mut Vec<Block>> {
        match self {
            Frame::Blocks(b) | Frame::Item(b) | Frame::Quote(b) | Frame::Footnote(_, _, b) => {
                Some(b)
            }
            Frame::List { .. } | Frame::Inlines(..) => None,
        }
    }
}

pub(super) enum InlineKind {
    Par,
    Heading(u8, Pos),
    Emph,
    Strong,
    Link(String),
}

#[derive(Default)]
pub(super) struct Builder {
    pub(super) file: PathBuf,
    pub(super) stack: Vec<Frame>,
    pub(super) top_pos: Vec<Pos>,
    pub(super) footnotes: BTreeMap<String, FootnoteDef>,
    /// Headings without text (`#### ` alone): PDF/UA requires every heading to have a title.
    pub(super) empty_headings: Vec<Pos>,
    /// Footnote labels defined again: (label, where, where first defined).
    pub(super) duplicates: Vec<(String, Pos, Pos)>,
    /// Literal text of a code block or HTML block being read, if any.
    pub(super) literal: Option<String>,
    /// Inside an HTML comment (`<!-- … -->`) that spans inline HTML events.
    pub(super) in_comment: bool,
    /// An inline comment just ended: the space after it is dropped when there is one before it
    /// ("Tekst <!-- … --> hier" reads "Tekst hier", not with two spaces).
    pub(super) after_comment: bool,
    /// Nesting reached, counted as `MAX_NESTING` counts it; reported once per file.
    pub(super) too_deep: bool,
}

impl Builder {
    pub(super) fn event(&mut self, event: Event<'_>, pos: Pos, diags: &mut Diagnostics) {
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
                    self.after_comment = !self.in_comment;
                    return;
                }
                self.push_text(&t)
            }
            Event::Text(t) if std::mem::take(&mut self.after_comment) && self.ends_in_space() => {
                self.push_text(t.trim_start_matches(' '))
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
    pub(super) fn hides(&self, html: &str) -> bool {
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
                crate::edition::links::check_link(&dest_url, &self.file, pos, diags);
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
                        if crate::edition::narrative::plain_text(&content)
                            .trim()
                            .is_empty()
                        {
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
            // A tight list item holds its text without a paragraph.
            Some(Frame::Inlines(_, inlines)) => {
                if let Block::Par { content } = block {
                    inlines.extend(content)
                }
            }
            Some(frame) => {
                if let Some(b) = frame.blocks_mut() {
                    b.push(block)
                }
            }
            None => {}
        }
    }

    fn push_inline(&mut self, inline: Inline) {
        match self.stack.last_mut() {
            Some(Frame::Inlines(_, inlines)) => inlines.push(inline),
            // Text directly in a tight list item or footnote: open an implicit paragraph.
            Some(frame) => {
                if let Some(blocks) = frame.blocks_mut() {
                    match blocks.last_mut() {
                        Some(Block::Par { content }) => content.push(inline),
                        _ => blocks.push(Block::Par {
                            content: vec![inline],
                        }),
                    }
                }
            }
            None => {}
        }
    }

    /// Does the paragraph being built end in a space (or has it nothing yet)?
    fn ends_in_space(&self) -> bool {
        let inlines = match self.stack.last() {
            Some(Frame::Inlines(_, inlines)) => Some(inlines),
            Some(frame) => match frame.blocks().and_then(|b| b.last()) {
                Some(Block::Par { content }) => Some(content),
                _ => None,
            },
            None => None,
        };
        match inlines.and_then(|i| i.last()) {
            Some(Inline::Text { text }) => text.ends_with(' '),
            Some(_) => false,
            None => true,
        }
    }

    fn push_text(&mut self, text: &str) {
        self.push_inline(Inline::text(text));
    }
}

/// Tags that stay inside a paragraph.
pub(super) fn is_inline(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
    )
}

pub(super) fn is_inline_end(end: &TagEnd) -> bool {
    matches!(
        end,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link | TagEnd::Image
    )
}

fn heading_level(level: HeadingLevel) -> u8 {
    level as u8
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
