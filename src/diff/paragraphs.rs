//! Narrative as paragraphs of plain text, and which paragraphs changed between two versions.
//!
//! A paragraph is a top-level paragraph, a list item, a quote or an example box. Footnotes are
//! part of their paragraph ("… [footnote: Kennisnet, 2017.]"), so a corrected footnote shows.
//! Indicator narrative is compared on the Markdown as written, with `{waarde …}` references
//! unresolved: a value that changed in the YAML changes the printed sentence, but that is the
//! value's change, reported once with the figures. The text shown is the printed text.

use super::{Change, ParagraphChange, Section};
use crate::diag::Diagnostics;
use crate::edition::markdown;
use crate::edition::narrative::{Block, Inline};
use crate::edition::sections::split_sections;
use crate::edition::{Edition, Indicator};
use std::collections::HashMap;

/// A paragraph: `key` is what is compared, `shown` what is reported.
#[derive(Debug, Clone, PartialEq)]
struct Para {
    key: String,
    shown: String,
}

type Notes = HashMap<String, Vec<Block>>;

/// Changed paragraphs of plain narrative (the toelichting, a goal's intro).
pub(super) fn plain(old: &[Block], new: &[Block], section: Section) -> Vec<ParagraphChange> {
    let paras = |blocks: &[Block]| -> Vec<Para> {
        let notes = footnotes_of(&[blocks]);
        units(blocks, &notes)
            .into_iter()
            .map(|t| Para {
                key: t.clone(),
                shown: t,
            })
            .collect()
    };
    align(&paras(old), &paras(new), section)
}

/// Changed paragraphs of an indicator's three sections.
pub(super) fn indicator(
    old_ed: &Edition,
    old: &Indicator,
    new_ed: &Edition,
    new: &Indicator,
) -> Vec<ParagraphChange> {
    let before = sections(old_ed, old);
    let after = sections(new_ed, new);
    let mut out = Vec::new();
    for ((section, o), (_, n)) in before.iter().zip(after.iter()) {
        out.extend(align(o, n, *section));
    }
    out
}

/// The printed text of each paragraph of each section, keyed by the text as written.
fn sections(ed: &Edition, ind: &Indicator) -> Vec<(Section, Vec<Para>)> {
    let mut all: Vec<&[Block]> = Vec::new();
    if let Some(d) = &ind.doelstelling {
        all.extend(d.items.iter().map(Vec::as_slice));
    }
    all.extend(ind.beweging.as_deref());
    all.extend(ind.acties.as_deref());
    let notes = footnotes_of(&all);
    let doel = |items: Option<&Vec<Vec<Block>>>, notes: &Notes| -> Vec<String> {
        items
            .into_iter()
            .flatten()
            .flat_map(|item| units(item, notes))
            .collect()
    };
    let shown = [
        doel(ind.doelstelling.as_ref().map(|d| &d.items), &notes),
        units(ind.beweging.as_deref().unwrap_or(&[]), &notes),
        units(ind.acties.as_deref().unwrap_or(&[]), &notes),
    ];
    let written = ed
        .texts
        .iter()
        .find(|t| t.indicator.as_deref() == Some(ind.id.as_str()))
        .map(|file| {
            let mut scratch = Diagnostics::new();
            let md = markdown::parse(&file.text, &file.path, &mut scratch);
            let sections = split_sections(&md, &file.path, &mut scratch);
            let notes: Notes = md
                .footnotes
                .iter()
                .map(|(k, v)| (k.clone(), v.content.clone()))
                .collect();
            [
                doel(sections.doelstelling().as_ref().map(|d| &d.items), &notes),
                units(sections.beweging.as_deref().unwrap_or(&[]), &notes),
                units(sections.acties.as_deref().unwrap_or(&[]), &notes),
            ]
        });
    let names = [Section::Doelstelling, Section::Beweging, Section::Acties];
    let mut out = Vec::new();
    for (k, shown) in shown.into_iter().enumerate() {
        // The written and printed forms have the same paragraphs: binding only replaces text.
        let keys = written
            .as_ref()
            .map(|w| &w[k])
            .filter(|keys| keys.len() == shown.len());
        let paras = shown
            .iter()
            .enumerate()
            .map(|(j, s)| Para {
                key: keys.map_or_else(|| s.clone(), |keys| keys[j].clone()),
                shown: s.clone(),
            })
            .collect();
        out.push((names[k], paras));
    }
    out
}

/// Footnote texts by id, from their first use: later uses (`FootnoteRef`) print the same text.
fn footnotes_of(all: &[&[Block]]) -> Notes {
    fn walk(inlines: &[Inline], notes: &mut Notes) {
        for inline in inlines {
            match inline {
                Inline::Footnote { id, content } => {
                    notes.insert(id.clone(), content.clone());
                }
                Inline::Emph { content }
                | Inline::Strong { content }
                | Inline::Link { content, .. } => walk(content, notes),
                _ => {}
            }
        }
    }
    let mut notes = Notes::new();
    for blocks in all {
        crate::edition::narrative::walk_blocks(blocks, &mut |b| match b {
            Block::Par { content } | Block::Heading { content, .. } => walk(content, &mut notes),
            Block::Box { title, .. } => walk(title, &mut notes),
            Block::List { .. } | Block::Quote { .. } => {}
        });
    }
    notes
}

/// The paragraphs of `blocks` as plain text, whitespace collapsed.
fn units(blocks: &[Block], notes: &Notes) -> Vec<String> {
    let mut out = Vec::new();
    for block in blocks {
        match block {
            Block::List { items, .. } => {
                out.extend(items.iter().map(|item| units(item, notes).join(" ")))
            }
            other => out.push(block_text(other, notes)),
        }
    }
    out.into_iter()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect()
}

fn block_text(block: &Block, notes: &Notes) -> String {
    let mut out = String::new();
    match block {
        Block::Par { content } | Block::Heading { content, .. } => {
            inline_text(content, notes, &mut out)
        }
        Block::List { .. } => out = units(std::slice::from_ref(block), notes).join(" "),
        Block::Quote { content } => out = units(content, notes).join(" "),
        Block::Box { title, content } => {
            inline_text(title, notes, &mut out);
            out.push(' ');
            out.push_str(&units(content, notes).join(" "));
        }
    }
    out
}

fn inline_text(inlines: &[Inline], notes: &Notes, out: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text { text } | Inline::Code { text } => out.push_str(text),
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Link { content, .. } => inline_text(content, notes, out),
            Inline::Linebreak => out.push(' '),
            Inline::Footnote { content, .. } => footnote(content, out),
            Inline::FootnoteRef { id } => match notes.get(id) {
                Some(content) => footnote(content, out),
                None => out.push_str(" [footnote]"),
            },
        }
    }
}

fn footnote(content: &[Block], out: &mut String) {
    // A footnote inside a footnote is not Markdown; no lookup needed.
    out.push_str(" [footnote: ");
    out.push_str(&units(content, &Notes::new()).join(" "));
    out.push(']');
}

/// Pairs the paragraphs of two versions by their longest common subsequence. Between two
/// unchanged paragraphs, removed and added ones are paired up in order as changed paragraphs;
/// what is left over is a paragraph added or removed.
fn align(old: &[Para], new: &[Para], section: Section) -> Vec<ParagraphChange> {
    let (n, m) = (old.len(), new.len());
    // lcs[i][j]: length of the LCS of old[i..] and new[j..].
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if old[i].key == new[j].key {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    let (mut gone, mut came) = (Vec::new(), Vec::new());
    loop {
        let same = i < n && j < m && old[i].key == new[j].key;
        if same || (i == n && j == m) {
            flush(&mut gone, &mut came, old, new, section, &mut out);
            if i == n && j == m {
                break;
            }
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            came.push(j);
            j += 1;
        } else {
            gone.push(i);
            i += 1;
        }
    }
    out
}

fn flush(
    gone: &mut Vec<usize>,
    came: &mut Vec<usize>,
    old: &[Para],
    new: &[Para],
    section: Section,
    out: &mut Vec<ParagraphChange>,
) {
    let paired = gone.len().max(came.len());
    for k in 0..paired {
        let (o, n) = (gone.get(k).copied(), came.get(k).copied());
        // Written differently, printed the same (a figure typed out is now bound to the data):
        // nothing a reader of the PDF would see.
        if let (Some(o), Some(n)) = (o, n)
            && old[o].shown == new[n].shown
        {
            continue;
        }
        out.push(ParagraphChange {
            section,
            paragraph: n.or(o).map_or(0, |p| p + 1),
            change: match (o, n) {
                (Some(_), Some(_)) => Change::Changed,
                (None, _) => Change::Added,
                (_, None) => Change::Removed,
            },
            old: o.map(|o| old[o].shown.clone()),
            new: n.map(|n| new[n].shown.clone()),
        });
    }
    gone.clear();
    came.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(texts: &[&str]) -> Vec<Para> {
        texts
            .iter()
            .map(|t| Para {
                key: t.to_string(),
                shown: t.to_string(),
            })
            .collect()
    }

    #[test]
    fn align_pairs_changes_and_keeps_additions_apart() {
        let old = paras(&["a", "b", "c"]);
        let new = paras(&["a", "B", "c", "d"]);
        let d = align(&old, &new, Section::Beweging);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(d[0].change, Change::Changed);
        assert_eq!(d[0].paragraph, 2);
        assert_eq!(
            (d[0].old.as_deref(), d[0].new.as_deref()),
            (Some("b"), Some("B"))
        );
        assert_eq!(d[1].change, Change::Added);
        assert_eq!(d[1].paragraph, 4);
        let d = align(&new, &old, Section::Beweging);
        assert_eq!(d[1].change, Change::Removed);
        assert_eq!(d[1].old.as_deref(), Some("d"));
        assert!(align(&old, &old, Section::Acties).is_empty());
    }
}
