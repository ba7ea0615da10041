//! An indicator's Markdown file → its three narrative sections.

use super::markdown::Markdown;
use super::model::Doelstelling;
use super::narrative::{Block, plain_text};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use std::path::Path;

pub const DOELSTELLING: &str = "Doelstelling";
pub const DOELSTELLINGEN: &str = "Doelstellingen";
pub const BEWEGING: &str = "Welke beweging is zichtbaar?";
pub const ACTIES: &str = "Welke acties worden ondernomen?";

#[derive(Debug, Default)]
pub struct Sections {
    doel: Option<(Vec<Block>, bool)>,
    pub beweging: Option<Vec<Block>>,
    pub acties: Option<Vec<Block>>,
}

impl Sections {
    pub fn all_mut(&mut self) -> impl Iterator<Item = &mut Vec<Block>> {
        self.doel
            .as_mut()
            .map(|(b, _)| b)
            .into_iter()
            .chain(self.beweging.as_mut())
            .chain(self.acties.as_mut())
    }

    /// A single list of two or more items under the heading is several doelstellingen.
    pub fn doelstelling(&self) -> Option<Doelstelling> {
        let (blocks, _) = self.doel.as_ref()?;
        match blocks.as_slice() {
            [Block::List { items, .. }] if items.len() > 1 => Some(Doelstelling {
                items: items.clone(),
            }),
            _ => Some(Doelstelling {
                items: vec![blocks.clone()],
            }),
        }
    }
}

fn section_index(title: &str) -> Option<usize> {
    match title {
        DOELSTELLING | DOELSTELLINGEN => Some(0),
        BEWEGING => Some(1),
        ACTIES => Some(2),
        _ => None,
    }
}

pub fn split_sections(md: &Markdown, file: &Path, diags: &mut Diagnostics) -> Sections {
    let mut parts: [Option<(Pos, String, Vec<Block>)>; 3] = [None, None, None];
    let mut current: Option<usize> = None;
    let mut last_index: Option<usize> = None;
    for (pos, block) in &md.blocks {
        if let Block::Heading { level, content } = block {
            let title = plain_text(content).trim().to_string();
            match (level, section_index(&title)) {
                (2, Some(i)) => {
                    if parts[i].is_some() {
                        diags.push(
                            Diagnostic::error(
                                file,
                                *pos,
                                format!("section `{title}` appears twice"),
                            )
                            .with_hint("merge the two sections into one"),
                        );
                    } else if last_index.is_some_and(|l| l > i) {
                        diags.push(
                            Diagnostic::error(
                                file,
                                *pos,
                                format!("section `{title}` is out of order"),
                            )
                            .with_hint(format!(
                                "the order is: `## {DOELSTELLING}`, `## {BEWEGING}`, `## {ACTIES}`"
                            )),
                        );
                    } else {
                        parts[i] = Some((*pos, title, Vec::new()));
                    }
                    current = Some(i);
                    last_index = Some(last_index.map_or(i, |l| l.max(i)));
                }
                _ => {
                    diags.push(
                        Diagnostic::error(file, *pos, format!("unknown heading `{title}`"))
                            .with_hint(format!("the section headings are `## {DOELSTELLING}` (or `## {DOELSTELLINGEN}`), `## {BEWEGING}` and `## {ACTIES}`")),
                    );
                    current = None;
                }
            }
            continue;
        }
        match current.and_then(|i| parts[i].as_mut()) {
            Some((_, _, blocks)) => blocks.push(block.clone()),
            None if last_index.is_none() => diags.push(
                Diagnostic::error(file, *pos, "text before the first section heading")
                    .with_hint(format!("start the file with `## {DOELSTELLING}`")),
            ),
            None => {}
        }
    }
    let mut sections = Sections::default();
    for (i, part) in parts.into_iter().enumerate() {
        let Some((pos, title, blocks)) = part else {
            continue;
        };
        if blocks.is_empty() {
            diags.push(
                Diagnostic::warning(file, pos, format!("section `{title}` is empty"))
                    .with_hint("write the section, or remove its heading"),
            );
            continue;
        }
        match i {
            0 => {
                let several =
                    matches!(blocks.as_slice(), [Block::List { items, .. }] if items.len() > 1);
                if title == DOELSTELLINGEN && !several {
                    diags.push(
                        Diagnostic::warning(
                            file,
                            pos,
                            "heading `Doelstellingen` but one doelstelling",
                        )
                        .with_hint("write `## Doelstelling`, or one bullet per doelstelling"),
                    );
                }
                sections.doel = Some((blocks, several));
            }
            1 => sections.beweging = Some(blocks),
            _ => sections.acties = Some(blocks),
        }
    }
    sections
}
