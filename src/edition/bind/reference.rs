//! References written in narrative between braces: `{waarde 2015}`, `{indicator ict-plan}`.
//! What every pass that binds them shares: the walk over narrative blocks and their footnotes
//! ([`bind_blocks`]), locating a reference in its source for an error, and splitting one into
//! words. The passes: figures from an indicator's data (`super::numbers`), cross-references to
//! indicators (`super::crossref`) and a letter's figures from its annexes (`super::letter`).

use crate::diag::{Diagnostic, Diagnostics, LineIndex, Pos};
use crate::edition::narrative::{Block, Inline};

/// The keyword of a cross-reference to an indicator.
pub const CROSS_REFERENCE: &str = "indicator";

/// `indicator …` (or `Indicator …`, printed with a capital): a cross-reference, bound by
/// `super::crossref` once every indicator's number is known.
pub fn is_cross_reference(reference: &str) -> bool {
    words(reference)
        .first()
        .is_some_and(|w| w.eq_ignore_ascii_case(CROSS_REFERENCE))
}

/// What a resolver makes of one `{…}` reference (its text between the braces).
pub enum Resolved {
    /// The text to print.
    Value(String),
    /// The reference is wrong: the message and the hint of a located error.
    Error(String, String),
    /// Not this pass's reference: left as written, for another pass to bind.
    Other,
}

/// Where the references of one file's narrative are looked up, for located errors.
pub struct Source<'a> {
    pub file: &'a std::path::Path,
    pub text: &'a str,
    pub index: LineIndex<'a>,
}

impl<'a> Source<'a> {
    pub fn new(file: &'a std::path::Path, text: &'a str) -> Self {
        Source {
            file,
            text,
            index: LineIndex::new(text),
        }
    }
}

/// Replaces the `{…}` references in `blocks` (and in their footnotes) with what `resolve`
/// makes of them; errors are located in `source`. Shared by every pass that binds references.
pub fn bind_blocks(
    blocks: &mut [Block],
    source: &Source<'_>,
    resolve: &mut dyn FnMut(&str) -> Resolved,
    diags: &mut Diagnostics,
) {
    for block in blocks {
        match block {
            Block::Par { content } | Block::Heading { content, .. } => {
                bind_inlines(content, source, resolve, diags)
            }
            Block::List { items, .. } => items
                .iter_mut()
                .for_each(|i| bind_blocks(i, source, resolve, diags)),
            Block::Quote { content } => bind_blocks(content, source, resolve, diags),
            Block::Box { title, content } => {
                bind_inlines(title, source, resolve, diags);
                bind_blocks(content, source, resolve, diags)
            }
        }
    }
}

fn bind_inlines(
    inlines: &mut [Inline],
    source: &Source<'_>,
    resolve: &mut dyn FnMut(&str) -> Resolved,
    diags: &mut Diagnostics,
) {
    for inline in inlines {
        match inline {
            Inline::Text { text: t } if t.contains('{') => {
                *t = bind_text(t, source, resolve, diags)
            }
            Inline::Emph { content }
            | Inline::Strong { content }
            | Inline::Link { content, .. } => bind_inlines(content, source, resolve, diags),
            Inline::Footnote { content, .. } => bind_blocks(content, source, resolve, diags),
            _ => {}
        }
    }
}

fn bind_text(
    t: &str,
    source: &Source<'_>,
    resolve: &mut dyn FnMut(&str) -> Resolved,
    diags: &mut Diagnostics,
) -> String {
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while let Some(open) = rest.find('{') {
        // `{{` is a literal `{`: the way to print a brace in narrative.
        if rest[open..].starts_with("{{") {
            out.push_str(&rest[..open + 1]);
            rest = &rest[open + 2..];
            continue;
        }
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&rest[..open]);
        let reference = &rest[open..open + close + 1];
        match resolve(&reference[1..reference.len() - 1]) {
            Resolved::Value(value) => out.push_str(&value),
            Resolved::Other => out.push_str(reference),
            Resolved::Error(message, hint) => {
                let plain = unsmart(reference);
                let pos = locate(source, reference);
                diags.push(
                    Diagnostic::error(source.file, pos, format!("`{plain}`: {message}"))
                        .with_hint(hint),
                );
                out.push_str(reference);
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// Where a reference (as read, after smart punctuation) is written in the source.
pub fn locate(source: &Source<'_>, reference: &str) -> Pos {
    // Smart punctuation curled the quotes (and made `...` an ellipsis, `--` a dash): look for
    // the reference as read, and as typed.
    let plain = unsmart(reference);
    source
        .text
        .find(reference)
        .or_else(|| source.text.find(&plain))
        .or_else(|| source.text.find(&reference.replace(['“', '”'], "\"")))
        .map_or(Pos::FILE, |o| source.index.pos(o))
}

/// Text as typed before smart punctuation: straight quotes, `...`, `--` and `---`.
pub fn unsmart(s: &str) -> String {
    s.replace(['“', '”'], "\"")
        .replace(['‘', '’'], "'")
        .replace('…', "...")
        .replace('—', "---")
        .replace('–', "--")
}

/// Splits `waarde "zeer zwak" 2015` into words, keeping quoted labels whole.
pub fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = s.trim().chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if matches!(c, '"' | '“' | '”') {
            chars.next();
            out.push(
                chars
                    .by_ref()
                    .take_while(|c| !matches!(c, '"' | '“' | '”'))
                    .collect(),
            );
        } else {
            let mut w = String::new();
            while let Some(&c) = chars.peek().filter(|c| !c.is_whitespace()) {
                w.push(c);
                chars.next();
            }
            out.push(w);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_found_as_typed_before_smart_punctuation() {
        assert_eq!(
            unsmart("{waarde “zeer zwak” 2015…}"),
            "{waarde \"zeer zwak\" 2015...}"
        );
        assert_eq!(unsmart("a – b — c ‘d’"), "a -- b --- c 'd'");
    }

    #[test]
    fn a_cross_reference_is_known_by_its_first_word() {
        assert!(is_cross_reference("indicator ict-plan"));
        assert!(is_cross_reference("Indicator po-2017/ict-plan"));
        assert!(!is_cross_reference("waarde 2015"));
        assert_eq!(
            words("waarde “zeer zwak” 2015"),
            ["waarde", "zeer zwak", "2015"]
        );
    }
}
