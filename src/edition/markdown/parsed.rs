//! What parsing a Markdown file gives, and the limits the parser holds it to.

use crate::diag::Pos;
use crate::edition::narrative::Block;
use std::collections::BTreeMap;

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

/// How deep narrative may nest: lists, quotes, emphasis, links and footnotes inside each other
/// (a list item counts with its list). The templates render nesting recursively and Typst
/// stops at a fixed depth; real narrative nests three or four levels.
pub const MAX_NESTING: usize = 10;

/// The longest paragraph (or heading, list item, footnote) in characters: some five pages.
/// Real paragraphs have a few hundred; Typst's line breaking slows down sharply on far longer
/// ones (a 400,000-character paragraph takes more than ten seconds).
pub const MAX_PARAGRAPH_CHARS: usize = 20_000;
