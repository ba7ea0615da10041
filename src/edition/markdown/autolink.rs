//! Bare web addresses typed in narrative or footnotes ("Zie: www.functiemix.nl",
//! "https://bijscholingvmbo.nl/") become links, as a reader of the PDF expects. A pass of its own
//! over the parsed narrative: text inside a link, inline code and titles is left alone.
//!
//! An address starts at a word boundary with `https://`, `http://` or `www.`; it ends at white
//! space, and punctuation that closes the sentence (`.`, `,`, `;`, `:`, `!`, `?`, quotes, an
//! unmatched `)`) is not part of it. A `www.` address links to `https://` + what was typed.

use super::parsed::{FootnoteDef, Markdown};
use crate::edition::narrative::{Block, Inline};

/// The parsed file with its bare addresses linked, in the text and in the footnotes.
pub fn linked(mut md: Markdown) -> Markdown {
    for (_, block) in &mut md.blocks {
        link_block(block);
    }
    for FootnoteDef { content, .. } in md.footnotes.values_mut() {
        content.iter_mut().for_each(link_block);
    }
    md
}

fn link_block(block: &mut Block) {
    match block {
        Block::Par { content } => link_inlines(content),
        Block::List { items, .. } => items.iter_mut().flatten().for_each(link_block),
        Block::Quote { content } | Block::Box { content, .. } => {
            content.iter_mut().for_each(link_block)
        }
        // A heading is a bookmark and a tag of its own: a link there would only distract.
        Block::Heading { .. } => {}
    }
}

fn link_inlines(inlines: &mut Vec<Inline>) {
    let mut out = Vec::with_capacity(inlines.len());
    for inline in inlines.drain(..) {
        match inline {
            Inline::Text { text } => split_text(&text, &mut out),
            Inline::Emph { mut content } => {
                link_inlines(&mut content);
                out.push(Inline::Emph { content });
            }
            Inline::Strong { mut content } => {
                link_inlines(&mut content);
                out.push(Inline::Strong { content });
            }
            Inline::Footnote { id, mut content } => {
                content.iter_mut().for_each(link_block);
                out.push(Inline::Footnote { id, content });
            }
            other => out.push(other),
        }
    }
    *inlines = out;
}

/// Pushes `text` as text runs and links.
fn split_text(text: &str, out: &mut Vec<Inline>) {
    let mut rest = text;
    while let Some((start, end)) = find_url(rest) {
        if start > 0 {
            out.push(Inline::text(&rest[..start]));
        }
        let typed = &rest[start..end];
        out.push(Inline::Link {
            url: target(typed),
            content: vec![Inline::text(typed)],
        });
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push(Inline::text(rest));
    }
}

/// The link target for an address as typed.
pub fn target(typed: &str) -> String {
    if typed
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("www."))
    {
        format!("https://{typed}")
    } else {
        typed.to_string()
    }
}

const PREFIXES: [&str; 3] = ["https://", "http://", "www."];

/// The byte range of the first bare address in `text`.
pub fn find_url(text: &str) -> Option<(usize, usize)> {
    let lower = text.to_ascii_lowercase();
    let mut from = 0;
    while from < text.len() {
        let (start, prefix) = PREFIXES
            .iter()
            .filter_map(|p| lower[from..].find(p).map(|i| (from + i, *p)))
            .min()?;
        let boundary = text[..start].chars().next_back().is_none_or(|c| {
            c.is_whitespace() || matches!(c, '(' | '[' | '‘' | '“' | '"' | '\'' | '«')
        });
        let end = start + address_len(&text[start..]);
        if boundary && end > start + prefix.len() && has_host(&text[start + prefix.len()..end]) {
            return Some((start, end));
        }
        from = start + prefix.len();
    }
    None
}

/// Length of the address at the start of `s`: up to white space, without trailing punctuation
/// and without a closing bracket that has no opening one inside the address.
fn address_len(s: &str) -> usize {
    let mut end = s
        .char_indices()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”' | '«' | '»'))
        .map_or(s.len(), |(i, _)| i);
    loop {
        let Some(last) = s[..end].chars().next_back() else {
            return 0;
        };
        let unmatched_paren =
            last == ')' && s[..end].matches('(').count() < s[..end].matches(')').count();
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '’') || unmatched_paren {
            end -= last.len_utf8();
        } else {
            return end;
        }
    }
}

/// A host name with a dot inside: "www.x.nl", "bijscholingvmbo.nl/…" — not "www." alone.
fn has_host(after_prefix: &str) -> bool {
    let host = after_prefix.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    !host.is_empty()
        && host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        split_text(text, &mut out);
        out.into_iter()
            .filter_map(|i| match i {
                Inline::Link { url, content } => {
                    Some((url, crate::edition::narrative::plain_text(&content)))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn bare_addresses_become_links_without_closing_punctuation() {
        assert_eq!(
            links("Zie: www.functiemix.nl"),
            [(
                "https://www.functiemix.nl".into(),
                "www.functiemix.nl".into()
            )]
        );
        assert_eq!(
            links("op https://bijscholingvmbo.nl/. In juni"),
            [(
                "https://bijscholingvmbo.nl/".into(),
                "https://bijscholingvmbo.nl/".into()
            )]
        );
        assert_eq!(
            links(
                "te vinden op www.passendonderwijs.nl/in-en-om-de-school/thuiszitten-voorkomen/ en www.onderwijsjeugd.nl."
            ),
            [
                (
                    "https://www.passendonderwijs.nl/in-en-om-de-school/thuiszitten-voorkomen/"
                        .into(),
                    "www.passendonderwijs.nl/in-en-om-de-school/thuiszitten-voorkomen/".into()
                ),
                (
                    "https://www.onderwijsjeugd.nl".into(),
                    "www.onderwijsjeugd.nl".into()
                )
            ]
        );
        assert_eq!(
            links("(zie www.x.nl/a_(b)), en"),
            [("https://www.x.nl/a_(b)".into(), "www.x.nl/a_(b)".into())]
        );
        assert_eq!(
            links("‘WWW.Scholenopdekaart.NL’"),
            [(
                "https://WWW.Scholenopdekaart.NL".into(),
                "WWW.Scholenopdekaart.NL".into()
            )]
        );
    }

    #[test]
    fn text_that_only_looks_like_an_address_stays_text() {
        for text in [
            "het www. is geen adres",
            "www.nl-achtig",
            "zie awww.x.nl",
            "https:// en verder",
            "mailadres@www.x.nl",
            "gewone tekst. Met punten.",
        ] {
            assert_eq!(links(text), [], "{text}");
        }
    }

    #[test]
    fn the_text_around_is_kept_whole() {
        let mut out = Vec::new();
        split_text("Op www.a.nl en https://b.nl/x staat het.", &mut out);
        let joined: String = out
            .iter()
            .map(|i| match i {
                Inline::Text { text } => text.clone(),
                Inline::Link { content, .. } => {
                    format!("[{}]", crate::edition::narrative::plain_text(content))
                }
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(joined, "Op [www.a.nl] en [https://b.nl/x] staat het.");
    }

    #[test]
    fn links_and_code_are_left_alone_and_footnotes_are_linked() {
        let mut md = Markdown::default();
        md.blocks.push((
            crate::diag::Pos::FILE,
            Block::Par {
                content: vec![
                    Inline::Link {
                        url: "https://www.tweedekamer.nl".into(),
                        content: vec![Inline::text("www.tweedekamer.nl")],
                    },
                    Inline::Code {
                        text: "www.code.nl".into(),
                    },
                    Inline::Emph {
                        content: vec![Inline::text("zie www.emph.nl")],
                    },
                ],
            },
        ));
        md.footnotes.insert(
            "f".into(),
            FootnoteDef {
                pos: crate::diag::Pos::FILE,
                content: vec![Block::Par {
                    content: vec![Inline::text("Zie: www.functiemix.nl")],
                }],
            },
        );
        let md = linked(md);
        let Block::Par { content } = &md.blocks[0].1 else {
            panic!()
        };
        assert!(matches!(&content[0], Inline::Link { content, .. } if content.len() == 1));
        assert!(matches!(&content[1], Inline::Code { .. }));
        assert!(matches!(&content[2], Inline::Emph { content }
            if matches!(&content[1], Inline::Link { url, .. } if url == "https://www.emph.nl")));
        let Block::Par { content } = &md.footnotes["f"].content[0] else {
            panic!()
        };
        assert!(
            matches!(&content[1], Inline::Link { url, .. } if url == "https://www.functiemix.nl")
        );
    }
}
