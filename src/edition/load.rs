//! Load stage: an edition directory → the typed model. Problems are collected, not thrown, so
//! one run reports every located error it can find.

use super::files::{EDITION_FILE, edition_name, parse_yaml, read_markdown, read_text};
use super::letter;
use super::markdown::{FootnoteResolver, warn_unused_footnotes};
use super::model::*;
use super::narrative::Block;
use super::raw::{self, DashboardFile, KindProbe};
use super::yaml::{parse_date, pos_of};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use serde_saphyr::Spanned;
use std::collections::HashSet;
use std::path::Path;

/// Loads any edition: dashboard annex, letter or narrative annex, by its `kind`.
pub fn load_document(dir: &Path, diags: &mut Diagnostics) -> Option<Document> {
    let file = dir.join(EDITION_FILE);
    if !file.is_file() {
        let message = match dir.is_dir() {
            true => format!(
                "`{}` is not an edition: it has no {EDITION_FILE}",
                dir.display()
            ),
            false => format!("`{}` is not a directory", dir.display()),
        };
        diags.push(
            Diagnostic::error(&file, Pos::FILE, message)
                .with_hint("name an edition directory, the one that holds edition.yaml; see docs/edition-format.md"),
        );
        return None;
    }
    let text = read_text(&file).map_err(|d| diags.push(d)).ok()?;
    let probe: KindProbe = parse_yaml(&text, &file).map_err(|d| diags.push(d)).ok()?;
    let name = edition_name(dir);
    let hint = "write `kind: dashboard`, `kind: letter` or `kind: annex`";
    match probe.kind.as_ref().map(|k| k.value.as_str()) {
        Some("dashboard") => {
            load_dashboard(dir, name, &file, &text, diags).map(Document::Dashboard)
        }
        Some("letter") => letter::load_letter(dir, name, &file, &text, diags).map(|mut l| {
            super::bind::crossref::bind_body(dir, &mut l.body, &l.texts, diags);
            Document::Letter(l)
        }),
        Some("annex") => letter::load_annex(dir, name, &file, &text, diags).map(|mut a| {
            super::bind::crossref::bind_body(dir, &mut a.body, &a.texts, diags);
            Document::Annex(a)
        }),
        Some(other) => {
            let pos = probe.kind.as_ref().map(pos_of).unwrap_or(Pos::FILE);
            diags.push(
                Diagnostic::error(&file, pos, format!("unknown edition kind `{other}`"))
                    .with_hint(hint),
            );
            None
        }
        None => {
            diags.push(
                Diagnostic::error(&file, Pos::new(1, 1), "missing key `kind`").with_hint(hint),
            );
            None
        }
    }
}

/// Loads a dashboard edition. `None` when the model could not be built; `diags` says why.
pub fn load(dir: &Path, diags: &mut Diagnostics) -> Option<Edition> {
    match load_document(dir, diags)? {
        Document::Dashboard(e) => Some(e),
        _ => {
            diags.push(
                Diagnostic::error(
                    dir.join(EDITION_FILE),
                    Pos::new(1, 1),
                    "this edition is not a dashboard annex",
                )
                .with_hint("`kind: dashboard` editions have goals and indicators"),
            );
            None
        }
    }
}

fn load_dashboard(
    dir: &Path,
    name: String,
    file: &Path,
    text: &str,
    diags: &mut Diagnostics,
) -> Option<Edition> {
    let file = file.to_path_buf();
    let raw: DashboardFile = parse_yaml(text, &file).map_err(|d| diags.push(d)).ok()?;
    // `date: TODO` (left so by `kamerbrief new`) is reported by the to-do rules of the
    // validate stage, together with everything else still to do.
    let date_unset = (raw.date.value.trim() == super::unset::UNSET).then(|| pos_of(&raw.date));
    let date = match date_unset {
        Some(_) => chrono::NaiveDate::from_ymd_opt(raw.year.value, 1, 1).unwrap_or_default(),
        None => parse_date(&raw.date, &file, diags)?,
    };
    let meta = Meta {
        sector: raw.sector,
        year: raw.year.value,
        title: raw.title,
        date,
        date_unset,
        previous: raw.previous.as_ref().map(|p| Located {
            value: p.value.clone(),
            pos: pos_of(p),
        }),
        file: file.clone(),
        show_status: raw.status.unwrap_or(true),
        show_overview: raw.overview.unwrap_or(true),
    };
    let intro_name = raw
        .intro
        .as_ref()
        .map_or("toelichting.md", |s| s.value.as_str());
    let intro_pos = raw.intro.as_ref().map_or(Pos::FILE, pos_of);
    let mut texts = Vec::new();
    let intro = load_plain_narrative(
        dir, intro_name, "intro", &file, intro_pos, diags, &mut texts,
    )
    .unwrap_or_default();
    let (mut goal_ids, mut indicator_ids) = (HashSet::new(), HashSet::new());
    let mut goals = Vec::with_capacity(raw.goals.len());
    for g in raw.goals {
        if listed_twice(&mut goal_ids, &g.id, "goal", &file, diags) {
            continue;
        }
        let number = goals.len() + 1;
        goals.push(load_goal(
            dir,
            number,
            g,
            &file,
            &mut indicator_ids,
            diags,
            &mut texts,
        ));
    }
    // Numbers follow the order in edition.yaml, continuously across goals.
    for (number, ind) in (1u32..).zip(goals.iter_mut().flat_map(|g| g.indicators.iter_mut())) {
        ind.number = number;
    }
    let mut edition = Edition {
        dir: dir.to_path_buf(),
        name,
        meta,
        intro,
        goals,
        texts,
    };
    super::bind::crossref::bind_edition(&mut edition, diags);
    Some(edition)
}

fn check_id(id: &Spanned<String>, file: &Path, diags: &mut Diagnostics) -> bool {
    let ok = !id.value.is_empty()
        && id
            .value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.value.starts_with('-');
    if !ok {
        diags.push(
            Diagnostic::error(
                file,
                pos_of(id),
                format!("`{}` is not a valid id", id.value),
            )
            .with_hint("use lower-case letters, digits and hyphens, e.g. `ict-plan`"),
        );
    }
    ok
}

/// Records `id` in `seen`; a second listing is reported (and left out by the caller), so the
/// document never prints an indicator or a goal twice.
fn listed_twice(
    seen: &mut HashSet<String>,
    id: &Spanned<String>,
    what: &str,
    file: &Path,
    diags: &mut Diagnostics,
) -> bool {
    if seen.insert(id.value.clone()) {
        return false;
    }
    diags.push(
        Diagnostic::warning(
            file,
            pos_of(id),
            format!("{what} `{}` is listed twice", id.value),
        )
        .with_hint(format!(
            "list each {what} once; this second listing is left out"
        )),
    );
    true
}

fn load_goal(
    dir: &Path,
    number: usize,
    g: raw::GoalEntry,
    file: &Path,
    listed: &mut HashSet<String>,
    diags: &mut Diagnostics,
    texts: &mut Vec<NarrativeFile>,
) -> Goal {
    let id_ok = check_id(&g.id, file, diags);
    let intro = if id_ok {
        let rel = format!("goals/{}.md", g.id.value);
        load_plain_narrative(
            dir,
            &rel,
            &format!("goal-{}", g.id.value),
            file,
            pos_of(&g.id),
            diags,
            texts,
        )
        .unwrap_or_default()
    } else {
        Vec::new()
    };
    let mut indicators = Vec::with_capacity(g.indicators.len());
    for id in &g.indicators {
        if listed_twice(listed, id, "indicator", file, diags) {
            continue;
        }
        if check_id(id, file, diags) {
            indicators.extend(super::indicator::load_indicator(
                dir,
                &id.value,
                file,
                pos_of(id),
                diags,
                texts,
            ));
        }
    }
    Goal {
        id: g.id.value,
        number,
        title: g.title,
        intro,
        indicators,
    }
}

/// Reads a Markdown file that is plain narrative (no headings), with footnotes resolved.
fn load_plain_narrative(
    dir: &Path,
    rel: &str,
    prefix: &str,
    named_in: &Path,
    pos: Pos,
    diags: &mut Diagnostics,
    texts: &mut Vec<NarrativeFile>,
) -> Option<Vec<Block>> {
    let (path, md) = read_markdown(dir, rel, named_in, pos, diags, texts)?;
    let mut blocks = Vec::new();
    for (pos, block) in md.blocks.iter().cloned() {
        if let Block::Heading { .. } = block {
            diags.push(
                Diagnostic::error(&path, pos, "headings are not used in this file")
                    .with_hint("the template prints the heading; remove the `#` line"),
            );
            continue;
        }
        blocks.push(block);
    }
    let mut resolver = FootnoteResolver::new(prefix, &md.footnotes, &path);
    resolver.blocks(&mut blocks, diags);
    warn_unused_footnotes(&resolver, &path, diags);
    Some(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edition::files::parse_yaml;

    #[test]
    fn a_directory_without_edition_yaml_is_not_an_edition() {
        let mut diags = Diagnostics::new();
        assert!(load_document(Path::new("src"), &mut diags).is_none());
        let e: Vec<_> = diags.errors().collect();
        assert_eq!(e.len(), 1);
        assert_eq!(
            e[0].message,
            "`src` is not an edition: it has no edition.yaml"
        );
    }

    #[test]
    fn a_named_file_that_is_missing_or_a_directory_is_reported_where_it_is_named() {
        let named_in = Path::new("tests/fixtures/mini/edition.yaml");
        for (rel, what) in [
            ("goals", "is a directory"),
            ("nergens.md", "does not exist"),
        ] {
            let mut diags = Diagnostics::new();
            let read = read_markdown(
                Path::new("tests/fixtures/mini"),
                rel,
                named_in,
                Pos::new(6, 8),
                &mut diags,
                &mut Vec::new(),
            );
            assert!(read.is_none());
            let e: Vec<_> = diags.errors().collect();
            assert_eq!((e[0].file.as_path(), e[0].pos), (named_in, Pos::new(6, 8)));
            assert!(e[0].message.contains(what), "{}", e[0].message);
        }
    }

    #[test]
    fn a_second_listing_is_reported_where_it_stands() {
        let ids: Vec<Spanned<String>> =
            parse_yaml("[leesplan, ict, leesplan]", Path::new("e.yaml")).unwrap();
        let mut seen = HashSet::new();
        let mut diags = Diagnostics::new();
        let twice: Vec<bool> = ids
            .iter()
            .map(|id| listed_twice(&mut seen, id, "indicator", Path::new("e.yaml"), &mut diags))
            .collect();
        assert_eq!(twice, [false, false, true]);
        let w: Vec<_> = diags.warnings().collect();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].pos, Pos::new(1, 17));
        assert_eq!(w[0].message, "indicator `leesplan` is listed twice");
    }
}
