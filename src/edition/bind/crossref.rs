//! Cross-references by id: `{indicator ict-plan}` in narrative prints "indicator 1", the number
//! the indicator has by its place in edition.yaml, so inserting or moving an indicator never
//! leaves a reference pointing at the wrong one. A letter (or any edition) names an annex's
//! indicator with the annex's directory: `{indicator po-2017/ict-plan}`.
//!
//! Numbers are known only when every indicator is loaded, so this is one pass over the whole
//! edition, after loading; the per-indicator pass (`super::numbers`) leaves these references alone; what the passes share
//! is in `super::reference`.

use super::reference::{CROSS_REFERENCE, Resolved, Source, bind_blocks, is_cross_reference, words};
use crate::diag::Diagnostics;
use crate::edition::files::{content_dir, indicator_order, intro_file};
use crate::edition::model::{Edition, NarrativeFile};
use crate::edition::narrative::Block;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Binds the cross-references in every narrative of a dashboard edition: the toelichting, the
/// goal intros and the indicators' sections.
pub fn bind_edition(edition: &mut Edition, diags: &mut Diagnostics) {
    let own: Vec<String> = edition.indicators().map(|i| i.id.clone()).collect();
    let mut refs = References::new(own, content_dir(&edition.dir));
    let texts = edition.texts.clone();
    let find = |path: &Path| texts.iter().find(|t| t.path == path);
    if let Some(file) = intro_file(edition).cloned() {
        refs.bind(&mut edition.intro, &file, diags);
    }
    for goal in &mut edition.goals {
        let path = edition.dir.join("goals").join(format!("{}.md", goal.id));
        if let Some(file) = find(&path) {
            refs.bind(&mut goal.intro, file, diags);
        }
        for ind in &mut goal.indicators {
            let Some(file) = find(&ind.md_file) else {
                continue;
            };
            if let Some(d) = ind.doelstelling.as_mut() {
                for item in &mut d.items {
                    refs.bind(item, file, diags);
                }
            }
            for blocks in [ind.beweging.as_mut(), ind.acties.as_mut()]
                .into_iter()
                .flatten()
            {
                refs.bind(blocks, file, diags);
            }
        }
    }
}

/// Binds the cross-references of a letter's or a narrative annex's body, read from `file`:
/// they name an annex's indicator, `{indicator po-2017/ict-plan}`.
pub fn bind_body(dir: &Path, body: &mut [Block], texts: &[NarrativeFile], diags: &mut Diagnostics) {
    let Some(file) = texts.first() else {
        return;
    };
    let mut refs = References::new(Vec::new(), content_dir(dir));
    refs.bind(body, file, diags);
}

/// The numbering of this edition and, read when first named, of the editions beside it.
struct References {
    own: Vec<String>,
    content: PathBuf,
    others: HashMap<String, Result<Vec<String>, String>>,
}

const FORM: &str = "write `{indicator <id>}` with an id listed in edition.yaml, or `{indicator <edition>/<id>}` for an indicator of another annex, e.g. `{indicator po-2017/ict-plan}`";

impl References {
    fn new(own: Vec<String>, content: PathBuf) -> Self {
        References {
            own,
            content,
            others: HashMap::new(),
        }
    }

    fn bind(&mut self, blocks: &mut [Block], file: &NarrativeFile, diags: &mut Diagnostics) {
        let source = Source::new(&file.path, &file.text);
        bind_blocks(blocks, &source, &mut |r| self.resolve(r), diags);
    }

    fn resolve(&mut self, reference: &str) -> Resolved {
        if !is_cross_reference(reference) {
            return Resolved::Other;
        }
        let words = words(reference);
        let [keyword, target] = words.as_slice() else {
            return Resolved::Error("a cross-reference names one indicator".into(), FORM.into());
        };
        let number = match target.split_once('/') {
            None => position(&self.own, target, "this edition"),
            Some((edition, id)) => self
                .other(edition)
                .and_then(|ids| position(ids, id, &format!("`{edition}`"))),
        };
        match number {
            // `{Indicator id}` starts a sentence: "Indicator 1".
            Ok(n) if keyword.starts_with('I') => Resolved::Value(format!("Indicator {n}")),
            Ok(n) => Resolved::Value(format!("{CROSS_REFERENCE} {n}")),
            Err(message) => Resolved::Error(message.0, message.1),
        }
    }

    fn other(&mut self, edition: &str) -> Result<&Vec<String>, (String, String)> {
        let plain = !edition.is_empty()
            && edition != "."
            && edition != ".."
            && !edition.contains(['/', '\\']);
        if !plain {
            return Err((
                format!("`{edition}` is not the name of an edition"),
                FORM.into(),
            ));
        }
        let dir = self.content.join(edition);
        let order = self
            .others
            .entry(edition.to_string())
            .or_insert_with(|| indicator_order(&dir));
        order.as_ref().map_err(|why| {
            (
                format!("annex `{edition}` cannot be read beside this edition: {why}"),
                "name a dashboard annex in the same directory as this edition, e.g. `{indicator po-2017/ict-plan}`".into(),
            )
        })
    }
}

/// The number of `id` in `ids` (1-based), or why there is none.
fn position(ids: &[String], id: &str, where_: &str) -> Result<usize, (String, String)> {
    if let Some(i) = ids.iter().position(|x| x == id) {
        return Ok(i + 1);
    }
    let near = ids
        .iter()
        .map(|c| (crate::edition::yaml::edit_distance(id, c), c))
        .filter(|(d, _)| *d <= 3)
        .min()
        .map(|(_, c)| c);
    let hint = match near {
        Some(c) => format!("did you mean `{c}`? {FORM}"),
        None => FORM.to_string(),
    };
    Err((format!("no indicator `{id}` in {where_}"), hint))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cross_reference_prints_the_number_with_the_keyword_as_written() {
        let mut refs = References::new(
            vec!["ict-plan".into(), "leesplan".into()],
            PathBuf::from("tests/fixtures"),
        );
        let value = |r: Resolved| match r {
            Resolved::Value(v) => v,
            Resolved::Error(m, _) => panic!("{m}"),
            Resolved::Other => panic!("not bound"),
        };
        assert_eq!(value(refs.resolve("indicator leesplan")), "indicator 2");
        assert_eq!(value(refs.resolve("Indicator ict-plan")), "Indicator 1");
        assert!(matches!(refs.resolve("waarde 2015"), Resolved::Other));
        let Resolved::Error(m, hint) = refs.resolve("indicator lesplan") else {
            panic!("an unknown id is an error");
        };
        assert_eq!(m, "no indicator `lesplan` in this edition");
        assert!(hint.starts_with("did you mean `leesplan`?"), "{hint}");
        assert!(matches!(
            refs.resolve("indicator ../mini/leesplan"),
            Resolved::Error(..)
        ));
    }

    #[test]
    fn another_annex_is_numbered_by_the_order_of_its_edition_yaml() {
        let mut refs = References::new(Vec::new(), PathBuf::from("tests/fixtures"));
        let order = indicator_order(Path::new("tests/fixtures/mini")).unwrap();
        let last = order.last().unwrap();
        match refs.resolve(&format!("indicator mini/{last}")) {
            Resolved::Value(v) => assert_eq!(v, format!("indicator {}", order.len())),
            _ => panic!("mini/{last} resolves"),
        }
        let Resolved::Error(m, _) = refs.resolve("indicator brief/x") else {
            panic!("a letter has no indicators");
        };
        assert!(m.contains("not a dashboard annex"), "{m}");
    }
}
