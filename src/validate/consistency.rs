//! Rules across indicators: the same text or source written twice or written differently,
//! targets before measurements, files that nothing lists. (Spellings of the "geen nieuwe data"
//! flag are checked where the note is read, in `edition::indicator::checked_note`, at its position.)

use crate::diag::{Diagnostic, Diagnostics, LineIndex, Pos};
use crate::edition::narrative::{Block, plain_text, walk_blocks};
use crate::edition::{Edition, Indicator, SeriesKind};
use std::collections::HashMap;
use std::path::Path;

pub fn check_consistency(edition: &Edition, diags: &mut Diagnostics) {
    duplicate_sections(edition, diags);
    source_spellings(edition, diags);
    for ind in edition.indicators() {
        target_before_measurement(ind, diags);
    }
    unlisted_files(edition, diags);
}

fn section_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    walk_blocks(blocks, &mut |b| {
        if let Block::Par { content } = b {
            out.push_str(&plain_text(content));
            out.push(' ');
        }
    });
    out.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Where `## <heading>` stands in an indicator's Markdown file.
fn heading_pos(edition: &Edition, ind: &Indicator, heading: &str) -> Pos {
    edition
        .texts
        .iter()
        .find(|t| t.path == ind.md_file)
        .and_then(|t| {
            t.text
                .find(&format!("## {heading}"))
                .map(|o| LineIndex::new(&t.text).pos(o))
        })
        .unwrap_or(Pos::FILE)
}

/// A long section copied into another indicator (seed: the acties of vo 7, 8 and 9).
fn duplicate_sections(edition: &Edition, diags: &mut Diagnostics) {
    let mut seen: HashMap<String, (u32, &str)> = HashMap::new();
    for ind in edition.indicators() {
        let sections = [
            ("Welke beweging is zichtbaar?", ind.beweging.as_deref()),
            ("Welke acties worden ondernomen?", ind.acties.as_deref()),
        ];
        for (heading, blocks) in sections {
            let Some(blocks) = blocks else { continue };
            let text = section_text(blocks);
            if text.len() < 120 {
                continue; // short cross-references ("Zie de acties bij indicator 4") may repeat
            }
            match seen.get(&text) {
                Some(&(first, id)) => diags.push(
                    Diagnostic::warning(&ind.md_file, heading_pos(edition, ind, heading), format!("section `{heading}` has the same text as in indicator {first}"))
                        .with_hint(format!("write what is specific to this indicator, or refer to it: `Zie de acties bij {{indicator {id}}}.`")),
                ),
                None => {
                    seen.insert(text, (ind.number, ind.id.as_str()));
                }
            }
        }
    }
}

/// Letters only, lower case, years dropped: "Regioplan, Enquête (2017)" → "regioplanenquête".
fn source_key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// One source written in several ways (seed: four spellings of the Regioplan survey).
fn source_spellings(edition: &Edition, diags: &mut Diagnostics) {
    let mut firsts: Vec<(String, String, u32)> = Vec::new();
    for ind in edition.indicators() {
        // The indicator's sources, and a source set per chart (at the chart).
        let chart_sources = ind.charts.iter().filter_map(|c| {
            c.source.as_ref().map(|value| crate::edition::Located {
                value: value.clone(),
                pos: c.pos,
            })
        });
        for src in ind.sources.iter().cloned().chain(chart_sources) {
            let key = source_key(&src.value);
            let year_free = src.value.trim_end_matches(|c: char| {
                c.is_ascii_digit() || matches!(c, ',' | ' ' | '-' | '/' | '–')
            });
            let similar = firsts.iter().find(|(k, raw, _)| {
                let raw_free = raw.trim_end_matches(|c: char| {
                    c.is_ascii_digit() || matches!(c, ',' | ' ' | '-' | '/' | '–')
                });
                raw_free != year_free && k.len() > 8 && close(k, &key)
            });
            if let Some((_, raw, number)) = similar {
                diags.push(
                    Diagnostic::warning(&ind.yaml_file, src.pos, format!("source `{}` looks like `{raw}` (indicator {number}), written differently", src.value))
                        .with_hint("if they are the same source, write it the same way everywhere"),
                );
            } else if !firsts.iter().any(|(k, _, _)| *k == key) {
                firsts.push((key, src.value.clone(), ind.number));
            }
        }
    }
}

/// Same letters with a few edits ("Enquêtes bestuursakkoord" / "Enquête Bestuursakkoord").
fn close(a: &str, b: &str) -> bool {
    let limit = (a.chars().count().max(b.chars().count()) / 6).max(2);
    a == b || crate::edition::files::edit_distance(a, b) <= limit
}

/// A streefwaarde dated before the first measurement cannot be a target.
fn target_before_measurement(ind: &Indicator, diags: &mut Diagnostics) {
    for chart in &ind.charts {
        let first_measured = chart
            .series
            .iter()
            .filter(|s| s.kind == SeriesKind::Realisation)
            .filter_map(|s| s.values().next())
            .map(|(p, _)| p)
            .min_by(|a, b| a.x().total_cmp(&b.x()));
        for target in chart.series.iter().filter(|s| s.kind == SeriesKind::Target) {
            let (Some(first), Some(end)) = (first_measured, target.points.last()) else {
                continue;
            };
            if end.period.x() < first.x() {
                diags.push(
                    Diagnostic::warning(
                        &ind.yaml_file,
                        end.pos,
                        format!(
                            "target year {} lies before the first measurement ({first})",
                            end.period
                        ),
                    )
                    .with_hint("check the streefwaarde's year in the doelstelling"),
                );
            }
        }
    }
}

/// Files in indicators/ and goals/ that edition.yaml does not list are never printed.
fn unlisted_files(edition: &Edition, diags: &mut Diagnostics) {
    let listed_ind: Vec<&str> = edition.indicators().map(|i| i.id.as_str()).collect();
    let listed_goals: Vec<&str> = edition.goals.iter().map(|g| g.id.as_str()).collect();
    let mut check = |dir: &str, exts: &[&str], listed: &[&str]| {
        let Ok(entries) = std::fs::read_dir(edition.dir.join(dir)) else {
            return;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for path in paths {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
            if exts.contains(&ext) && !listed.contains(&stem) {
                diags.push(unlisted(&path, stem, dir, &edition.meta.file));
            }
        }
    };
    check("indicators", &["yaml", "md"], &listed_ind);
    check("goals", &["md"], &listed_goals);
}

fn unlisted(path: &Path, stem: &str, dir: &str, edition_file: &Path) -> Diagnostic {
    let what = if dir == "goals" { "goal" } else { "indicator" };
    Diagnostic::warning(
        path,
        Pos::FILE,
        format!(
            "{what} `{stem}` is not listed in {}",
            edition_file.display()
        ),
    )
    .with_hint(format!(
        "add `{stem}` to a goal in edition.yaml, or remove the file"
    ))
}
