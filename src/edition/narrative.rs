//! The narrative structure that Markdown parses into. It reaches Typst as data (JSON) and the
//! templates render it with their own functions, so nothing a writer types can run as code.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    Par {
        content: Vec<Inline>,
    },
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    Quote {
        content: Vec<Block>,
    },
    /// An example box: a block quote whose first line is bold only (see docs/edition-format.md).
    Box {
        title: Vec<Inline>,
        content: Vec<Block>,
    },
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Inline {
    Text {
        text: String,
    },
    Emph {
        content: Vec<Inline>,
    },
    Strong {
        content: Vec<Inline>,
    },
    Link {
        url: String,
        content: Vec<Inline>,
    },
    Code {
        text: String,
    },
    Linebreak,
    /// The first use of a footnote: carries its text. `id` is unique in the document.
    Footnote {
        id: String,
        content: Vec<Block>,
    },
    /// A later use of the same footnote: the same number, no second text.
    FootnoteRef {
        id: String,
    },
}

impl Inline {
    pub fn text(s: impl Into<String>) -> Inline {
        Inline::Text { text: s.into() }
    }
}

/// The plain text of inlines, without footnotes: for alt text, titles and checks.
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    push_plain(inlines, &mut out);
    out
}

fn push_plain(inlines: &[Inline], out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Link { content, .. } => push_plain(content, out),
            Inline::Linebreak => out.push(' '),
            Inline::Footnote { .. } | Inline::FootnoteRef { .. } => {}
        }
    }
}

/// Every block and nested block, depth first, in reading order.
pub fn walk_blocks<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a Block)) {
    for block in blocks {
        f(block);
        match block {
            Block::List { items, .. } => items.iter().for_each(|item| walk_blocks(item, f)),
            Block::Quote { content } | Block::Box { content, .. } => walk_blocks(content, f),
            Block::Par { .. } | Block::Heading { .. } => {}
        }
    }
}

/// The words of a block sequence, for "is this section empty?" and word counts.
pub fn word_count(blocks: &[Block]) -> usize {
    let mut n = 0;
    walk_blocks(blocks, &mut |b| {
        if let Block::Par { content } | Block::Heading { content, .. } = b {
            n += plain_text(content).split_whitespace().count();
        }
    });
    n
}
