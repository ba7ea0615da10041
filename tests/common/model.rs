//! What the PDF should contain, read from the edition through the library (never hard-coded).
#![allow(dead_code)]

use kamerbrief::edition::Edition;
use kamerbrief::edition::narrative::{Block, Inline, plain_text, walk_blocks};
use std::path::Path;

pub fn load(dir: &Path) -> Edition {
    match kamerbrief::pipeline::check(dir) {
        Ok((e, _)) => e,
        Err(d) => panic!("{} does not check: {d:?}", dir.display()),
    }
}

/// The text of every footnote in the edition (first uses only).
pub fn footnotes(e: &Edition) -> Vec<String> {
    let mut out = Vec::new();
    let mut all_blocks: Vec<&[Block]> = vec![&e.intro];
    for g in &e.goals {
        all_blocks.push(&g.intro);
        for i in &g.indicators {
            if let Some(d) = &i.doelstelling {
                all_blocks.extend(d.items.iter().map(|b| b.as_slice()));
            }
            all_blocks.extend(i.beweging.as_deref());
            all_blocks.extend(i.acties.as_deref());
            for c in &i.charts {
                if let Some(t) = &c.title {
                    collect_inlines(t, &mut out);
                }
            }
        }
    }
    for blocks in all_blocks {
        walk_blocks(blocks, &mut |b| {
            if let Block::Par { content } | Block::Heading { content, .. } = b {
                collect_inlines(content, &mut out);
            }
        });
    }
    out
}

fn collect_inlines(inlines: &[Inline], out: &mut Vec<String>) {
    for i in inlines {
        match i {
            Inline::Footnote { content, .. } => {
                let mut text = String::new();
                walk_blocks(content, &mut |b| {
                    if let Block::Par { content } = b {
                        text.push_str(&plain_text(content));
                        text.push(' ');
                    }
                });
                out.push(text.trim().to_string());
            }
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Link { content, .. } => collect_inlines(content, out),
            _ => {}
        }
    }
}
