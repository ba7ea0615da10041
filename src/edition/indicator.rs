//! Load stage, one indicator: its YAML and Markdown → an `Indicator`, with the checks that need
//! both (footnotes shared by text and charts, numbers bound to the data).

use super::files::{confined, parse_yaml, read_text};
use super::markdown::{self, FootnoteResolver, Markdown, warn_unused_footnotes};
use super::model::*;
use super::note::checked_note;
use super::raw::{self, IndicatorFile};
use super::sections::split_sections;
use super::yaml::pos_of;
use crate::diag::{Diagnostic, Diagnostics, Pos};
use serde_saphyr::Spanned;
use std::path::{Path, PathBuf};

pub(super) fn load_indicator(
    dir: &Path,
    id: &str,
    named_in: &Path,
    pos: Pos,
    diags: &mut Diagnostics,
    texts: &mut Vec<NarrativeFile>,
) -> Option<Indicator> {
    let yaml_path = confined(dir, &format!("indicators/{id}.yaml"), named_in, pos)
        .map_err(|d| diags.push(d))
        .ok()?;
    let md_path = confined(dir, &format!("indicators/{id}.md"), named_in, pos)
        .map_err(|d| diags.push(d))
        .ok()?;
    let missing = |p: &PathBuf, what: &str| {
        Diagnostic::error(
            named_in,
            pos,
            format!("indicator `{id}` has no {what} file `{}`", p.display()),
        )
        .with_hint(format!(
            "create `{}`, or remove `{id}` from the goal's indicators",
            p.display()
        ))
    };
    if !yaml_path.exists() {
        diags.push(missing(&yaml_path, "data"));
        return None;
    }
    let text = read_text(&yaml_path).map_err(|d| diags.push(d)).ok()?;
    let raw: IndicatorFile = parse_yaml(&text, &yaml_path)
        .map_err(|d| diags.push(d))
        .ok()?;
    let md = if md_path.exists() {
        let text = read_text(&md_path).map_err(|d| diags.push(d)).ok()?;
        let md = markdown::parse(&text, &md_path, diags);
        texts.push(NarrativeFile {
            path: md_path.clone(),
            text,
            indicator: Some(id.to_string()),
        });
        md
    } else {
        diags.push(
            Diagnostic::warning(named_in, pos, format!("indicator `{id}` has no narrative file `{}`", md_path.display()))
                .with_hint("add the file with the sections Doelstelling, Welke beweging is zichtbaar? and Welke acties worden ondernomen?"),
        );
        Markdown::default()
    };
    let md_text = texts
        .last()
        .filter(|t| t.path == md_path)
        .map(|t| t.text.clone())
        .unwrap_or_default();
    let mut ind = build_indicator(id, raw, md, yaml_path, md_path, &md_text, diags);
    ind.listed_at = pos;
    Some(ind)
}

fn build_indicator(
    id: &str,
    raw: IndicatorFile,
    md: Markdown,
    yaml_file: PathBuf,
    md_file: PathBuf,
    md_text: &str,
    diags: &mut Diagnostics,
) -> Indicator {
    // One mistake, one message: text dropped with a misplaced section leaves footnotes unused,
    // and points dropped with a bad period leave `{waarde …}` unresolved; those follow-on
    // messages are not shown while the first error stands.
    let errors_before = diags.errors().count();
    let mut sections = split_sections(&md, &md_file, diags);
    let sections_failed = diags.errors().count() > errors_before;
    let mut resolver = FootnoteResolver::new(id, &md.footnotes, &md_file);
    for blocks in sections.all_mut() {
        resolver.blocks(blocks, diags);
    }
    let errors_before = diags.errors().count();
    let charts = raw
        .charts
        .into_iter()
        .map(|c| super::charts::build_chart(c, &yaml_file, &mut resolver, diags))
        .collect();
    let charts_failed = diags.errors().count() > errors_before;
    if !sections_failed {
        warn_unused_footnotes(&resolver, &md_file, diags);
    }
    let mut ind = Indicator {
        id: id.to_string(),
        // Numbered by the edition's order once every indicator is loaded.
        number: 0,
        written_number: raw.number.as_ref().map(|n| Located {
            value: n.value,
            pos: pos_of(n),
        }),
        listed_at: Pos::FILE,
        title: raw.title,
        short_title: raw.short_title,
        status_rule: status_rule(raw.status, &yaml_file, diags),
        sources: raw
            .sources
            .iter()
            .map(|s| Located {
                value: s.value.clone(),
                pos: pos_of(s),
            })
            .collect(),
        note_pos: raw.note.as_ref().map_or(Pos::FILE, pos_of),
        note: raw.note.map(|n| checked_note(n, &yaml_file, diags)),
        layout: raw.layout,
        charts,
        doelstelling: sections.doelstelling(),
        beweging: sections.beweging,
        acties: sections.acties,
        yaml_file,
        md_file,
    };
    if charts_failed {
        super::bind::numbers::bind_numbers(&mut ind, md_text, &mut Diagnostics::new());
    } else {
        super::bind::numbers::bind_numbers(&mut ind, md_text, diags);
    }
    ind
}

fn status_rule(
    raw: Option<Spanned<raw::StatusEntry>>,
    file: &Path,
    diags: &mut Diagnostics,
) -> StatusRule {
    let Some(raw) = raw else {
        return StatusRule::default();
    };
    let pos = pos_of(&raw);
    let entry = raw.value;
    let forced = match (entry.forced, entry.reason) {
        (Some(status), Some(reason)) if !reason.trim().is_empty() => Some((status, reason)),
        (Some(status), _) => {
            // At the `status:` mapping, where the `reason:` is missing.
            diags.push(
                Diagnostic::error(
                    file,
                    pos,
                    format!(
                        "status `{}` is set by hand without a reason",
                        status.label()
                    ),
                )
                .with_hint("add `reason:` saying why the computed status does not apply"),
            );
            None
        }
        (None, _) => None,
    };
    // Negative, and NaN (`.nan` in YAML), are both refused.
    #[allow(clippy::neg_cmp_op_on_partial_ord)]
    let bad = |t: &&Spanned<f64>| !(t.value >= 0.0);
    if let Some(t) = entry.tolerance.as_ref().filter(bad) {
        diags.push(
            Diagnostic::error(file, pos_of(t), "the tolerance must be zero or more")
                .with_hint("write e.g. `tolerance: 2`"),
        );
    }
    StatusRule {
        tolerance: entry.tolerance.map(|t| t.value),
        forced,
        pos,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spanned(yaml: &str) -> Spanned<String> {
        parse_yaml(yaml, Path::new("x.yaml")).unwrap()
    }

    #[test]
    fn other_spellings_of_geen_nieuwe_data_warn_at_the_note() {
        for (yaml, warns) in [
            ("geen nieuwe data", false),
            ("\"(NB: Geen nieuwe data)\"", true),
            ("GEEN NIEUWE DATA", true),
            ("nieuwe meting in 2018", false),
        ] {
            let mut diags = Diagnostics::new();
            let note = checked_note(spanned(yaml), Path::new("x.yaml"), &mut diags);
            assert_eq!(diags.warnings().count(), usize::from(warns), "{yaml}");
            assert!(diags.iter().all(|d| d.pos == Pos::new(1, 1)));
            assert!(!note.is_empty());
        }
    }
}
