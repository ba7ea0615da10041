//! Helpers over narrative as the parser builds it: neighbouring text runs joined, footnote
//! labels found, HTML comments dropped.

use crate::edition::narrative::Inline;

/// The text without its HTML comments (`<!-- … -->`; an unclosed one runs to the end).
pub fn strip_comments(text: &str) -> String {
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
