//! Numbers bound to data in a letter: the forms of an annex's narrative (see [`super::numbers`])
//! with the annex and the indicator named, `{waarde po-2017/verbetering-zwakke-scholen}`,
//! `{waarde po-2017/verbetering-zwakke-scholen 2015/2016}`, `{streefwaarde …}`,
//! `{verschil … 2013/2014 2015/2016}`, print the figure from that annex's data the Dutch way,
//! so a corrected figure corrects the letter too.
//!
//! The annex must be one of the letter's annexes (`annexes:` in edition.yaml) and a dashboard.
//! `{…}` that does not start with one of the keywords is text and prints as written.

use super::numbers::{KEYWORDS, resolve};
use super::reference::{unsmart, words};
use crate::diag::{Diagnostic, Diagnostics, LineIndex, Pos};
use crate::edition::model::Letter;
use crate::edition::model::{Edition, Indicator};
use crate::edition::narrative::{Block, Inline};

const FORM: &str = "`{waarde po-2017/<indicator-id>}`, `{waarde po-2017/<indicator-id> 2015/2016}`, `{streefwaarde po-2017/<indicator-id>}`, `{verschil po-2017/<indicator-id> 2013/2014 2015/2016}`";

/// A reference in a letter, split: the keyword, the annex and indicator it names (if any),
/// and the reference as an annex's narrative would write it (`waarde 2015/2016`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterRef {
    pub keyword: String,
    pub target: Option<(String, String)>,
    pub local: String,
}

/// Splits the inside of `{…}`; `None` when it does not start with a keyword (plain text).
pub fn parse_ref(inner: &str) -> Option<LetterRef> {
    let w = words(inner);
    let keyword = w.first()?.clone();
    if !KEYWORDS.contains(&keyword.as_str()) {
        return None;
    }
    let target = w.get(1).and_then(|t| {
        let (annex, id) = t.split_once('/')?;
        let is_name = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
                && s.chars().any(|c| c.is_alphabetic())
        };
        (is_name(annex) && is_name(id)).then(|| (annex.to_string(), id.to_string()))
    });
    let local = match &target {
        Some((a, i)) => inner.replacen(&format!("{a}/{i}"), "", 1),
        None => inner.to_string(),
    };
    Some(LetterRef {
        keyword,
        target,
        local: local.split_whitespace().collect::<Vec<_>>().join(" "),
    })
}

/// Every `{…}` reference in a text with its byte offset and length.
pub fn references(text: &str) -> Vec<(usize, usize, LetterRef)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('{').map(|o| from + o) {
        let Some(close) = text[open..].find('}').map(|c| open + c) else {
            break;
        };
        if let Some(r) = parse_ref(&text[open + 1..close]) {
            out.push((open, close + 1 - open, r));
        }
        from = close + 1;
    }
    out
}

/// The letter's dashboard annexes, loaded (not validated: that is their own check), for the
/// figures the letter quotes; and the names of the annexes that did not load without errors.
/// Nothing is loaded when the letter quotes no figures.
pub fn load_annexes(letter: &Letter) -> (Vec<Edition>, Vec<String>) {
    let (mut loaded, mut unloaded) = (Vec::new(), Vec::new());
    if letter.texts.iter().all(|t| references(&t.text).is_empty()) {
        return (loaded, unloaded);
    }
    let content = letter.content_dir();
    for annex in &letter.annexes {
        let name = &annex.value;
        // Names that leave the content directory are the letter check's errors.
        if name.contains(['/', '\\']) || name == "." || name == ".." || name == &letter.name {
            continue;
        }
        let dir = content.join(name);
        if !dir.join(crate::edition::files::EDITION_FILE).is_file() {
            continue;
        }
        let mut diags = Diagnostics::new();
        match crate::edition::load_document(&dir, &mut diags) {
            Some(crate::edition::Document::Dashboard(e)) if !diags.has_errors() => loaded.push(e),
            Some(crate::edition::Document::Dashboard(_)) | None => unloaded.push(name.clone()),
            Some(_) => {}
        }
    }
    (loaded, unloaded)
}

/// Replaces the references in the letter's body by the figures they name. `annexes` are the
/// letter's dashboard annexes that loaded; `unloaded` names annexes that did not (their own
/// errors are reported by their check).
pub fn bind_letter(
    letter: &mut Letter,
    annexes: &[Edition],
    unloaded: &[String],
    diags: &mut Diagnostics,
) {
    let source = letter
        .texts
        .first()
        .map(|t| (t.path.clone(), t.text.clone()));
    let Some((file, text)) = source else {
        return;
    };
    let binder = Binder {
        letter_annexes: letter.annexes.iter().map(|a| a.value.clone()).collect(),
        annexes,
        unloaded,
        file: &file,
        text: &text,
        index: LineIndex::new(&text),
    };
    for block in &mut letter.body {
        binder.block(block, diags);
    }
}

struct Binder<'a> {
    letter_annexes: Vec<String>,
    annexes: &'a [Edition],
    unloaded: &'a [String],
    file: &'a std::path::Path,
    text: &'a str,
    index: LineIndex<'a>,
}

impl Binder<'_> {
    fn block(&self, block: &mut Block, diags: &mut Diagnostics) {
        match block {
            Block::Par { content } | Block::Heading { content, .. } => self.inlines(content, diags),
            Block::List { items, .. } => items
                .iter_mut()
                .flatten()
                .for_each(|b| self.block(b, diags)),
            Block::Quote { content } => content.iter_mut().for_each(|b| self.block(b, diags)),
            Block::Box { title, content } => {
                self.inlines(title, diags);
                content.iter_mut().for_each(|b| self.block(b, diags));
            }
        }
    }

    fn inlines(&self, inlines: &mut [Inline], diags: &mut Diagnostics) {
        for inline in inlines {
            match inline {
                Inline::Text { text } if text.contains('{') => *text = self.text(text, diags),
                Inline::Emph { content }
                | Inline::Strong { content }
                | Inline::Link { content, .. } => self.inlines(content, diags),
                _ => {}
            }
        }
    }

    fn text(&self, t: &str, diags: &mut Diagnostics) -> String {
        let mut out = String::with_capacity(t.len());
        let mut last = 0;
        for (at, len, r) in references(t) {
            out.push_str(&t[last..at]);
            let written = &t[at..at + len];
            match self.resolve(&r) {
                Ok(v) => out.push_str(&v),
                Err((message, hint)) => {
                    let plain = unsmart(written);
                    let pos = self
                        .text
                        .find(written)
                        .or_else(|| self.text.find(&plain))
                        .map_or(Pos::FILE, |o| self.index.pos(o));
                    diags.push(
                        Diagnostic::error(self.file, pos, format!("`{plain}`: {message}"))
                            .with_hint(hint),
                    );
                    out.push_str(written);
                }
            }
            last = at + len;
        }
        out.push_str(&t[last..]);
        out
    }

    fn resolve(&self, r: &LetterRef) -> Result<String, (String, String)> {
        let forms = || format!("the forms are {FORM}");
        let Some((annex, id)) = &r.target else {
            return Err((
                "a letter names the annex and the indicator of a figure".into(),
                format!(
                    "write e.g. `{{{} po-2017/<indicator-id>}}`; {}",
                    r.keyword,
                    forms()
                ),
            ));
        };
        if !self.letter_annexes.contains(annex) {
            return Err((
                format!("`{annex}` is not one of the letter's annexes"),
                format!(
                    "the annexes in edition.yaml are: {}",
                    self.letter_annexes.join(", ")
                ),
            ));
        }
        let Some(edition) = self.annexes.iter().find(|e| &e.name == annex) else {
            return Err(if self.unloaded.contains(annex) {
                (
                    format!("annex `{annex}` cannot be loaded"),
                    format!("fix the errors `kamerbrief check` reports for `{annex}`"),
                )
            } else {
                (
                    format!("annex `{annex}` has no figures"),
                    "quote figures from a dashboard annex".into(),
                )
            });
        };
        let ind: &Indicator = edition.indicators().find(|i| &i.id == id).ok_or_else(|| {
            let near = edition
                .indicators()
                .map(|i| {
                    (
                        crate::edition::yaml::edit_distance(id, &i.id),
                        i.id.as_str(),
                    )
                })
                .filter(|(d, _)| *d <= 3)
                .min();
            (
                format!("annex `{annex}` has no indicator `{id}`"),
                match near {
                    Some((_, i)) => format!("did you mean `{annex}/{i}`?"),
                    None => format!(
                        "the indicators are the files in {}/indicators/",
                        edition.dir.display()
                    ),
                },
            )
        })?;
        resolve(&r.local, ind).map_err(|m| (m, forms()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_annex_and_indicator() {
        let r = parse_ref("waarde po-2017/verbetering-zwakke-scholen 2015/2016").unwrap();
        assert_eq!(r.keyword, "waarde");
        assert_eq!(
            r.target,
            Some(("po-2017".into(), "verbetering-zwakke-scholen".into()))
        );
        assert_eq!(r.local, "waarde 2015/2016");
        let r = parse_ref("waarde vo-2016/x \"zeer zwak\" 2015").unwrap();
        assert_eq!(r.local, "waarde \"zeer zwak\" 2015");
        let r = parse_ref("waarde 2015/2016").unwrap();
        assert_eq!(r.target, None);
        assert_eq!(parse_ref("zie bijlage"), None);
        assert_eq!(parse_ref(""), None);
    }

    #[test]
    fn references_are_found_with_their_offsets() {
        let t = "Van {basis po-2017/a} naar {waarde po-2017/a}; {geen verwijzing}.";
        let refs = references(t);
        assert_eq!(refs.len(), 2);
        assert_eq!(&t[refs[0].0..refs[0].0 + refs[0].1], "{basis po-2017/a}");
        assert_eq!(refs[1].2.keyword, "waarde");
    }
}
