//! The to-do list of a rolled-forward edition: what `kamerbrief new` carried over from the
//! edition named in `previous:` and what is still to set. Each item has its file, line and
//! column and says what to do; the warnings make `--deny-warnings` pass only when the list is
//! worked off.
//!
//! - `date: TODO`: an error (the annex is not sent without its date);
//! - a section whose text is the same as in the previous edition, per indicator (matched by id,
//!   with the diff's matching, `crate::diff::compare`), the toelichting and each goal's intro:
//!   a warning "niet bijgewerkt sinds po-2017". The doelstelling is left out: it states the
//!   agreed goal, which stays the same from year to year;
//! - a source that names a year older than the indicator's newest figure, when that figure is
//!   new since the previous edition: a warning;
//! - "geen nieuwe data" on an indicator with a figure newer than any in the previous edition:
//!   a warning; no newer figure and no flag: a note;
//! - an indicator added or removed since the previous edition: a note, for the letter.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::diff::{self, Section};
use crate::edition::files::EDITION_FILE;
use crate::edition::files::{content_dir, intro_file};
use crate::edition::narrative::word_count;
use crate::edition::note::GEEN_NIEUWE_DATA;
use crate::edition::period::Period;
use crate::edition::sections::{ACTIES, BEWEGING};
use crate::edition::unset::unset_error;
use crate::edition::{Chart, Edition, Indicator, SeriesKind};
use chrono::Datelike;
use std::path::Path;

pub fn check_previous(edition: &Edition, diags: &mut Diagnostics) {
    if let Some(pos) = edition.meta.date_unset {
        diags.push(unset_error(
            &edition.meta.file,
            pos,
            "date",
            "the date the annex is sent, as YYYY-MM-DD, e.g. `2018-12-07`",
        ));
    }
    let Some(previous) = &edition.meta.previous else {
        return;
    };
    let Some(old) = load_previous(edition, &previous.value, previous.pos, diags) else {
        return;
    };
    let name = &old.name;
    let changes = diff::compare(&old, edition);
    unchanged_texts(edition, &old, &changes, diags);
    for ind in edition.indicators() {
        match old.indicators().find(|o| o.id == ind.id) {
            Some(before) => figures(ind, before, name, diags),
            None => diags.push(
                Diagnostic::note(
                    &edition.meta.file,
                    ind.listed_at,
                    format!(
                        "indicator {} (`{}`) is new since {name}",
                        ind.number, ind.id
                    ),
                )
                .with_hint("the letter can say that this indicator was added"),
            ),
        }
    }
    for gone in old
        .indicators()
        .filter(|o| !edition.indicators().any(|i| i.id == o.id))
    {
        diags.push(
            Diagnostic::note(
                &edition.meta.file,
                previous.pos,
                format!(
                    "indicator `{}` (number {} in {name}) is no longer in this edition",
                    gone.id, gone.number
                ),
            )
            .with_hint("the letter can say that this indicator was removed, and why"),
        );
    }
}

/// The previous edition, beside this one; a warning when it cannot be used.
fn load_previous(
    edition: &Edition,
    name: &str,
    pos: Pos,
    diags: &mut Diagnostics,
) -> Option<Edition> {
    let file = &edition.meta.file;
    let plain = !name.is_empty() && !matches!(name, "." | "..") && !name.contains(['/', '\\']);
    let dir = content_dir(&edition.dir).join(name);
    if !plain || !dir.join(EDITION_FILE).is_file() {
        diags.push(
            Diagnostic::warning(
                file,
                pos,
                format!("previous edition `{name}` is not found beside this edition"),
            )
            .with_hint(
                "the to-do list compares with the previous edition: keep it in the same directory, or correct `previous:`",
            ),
        );
        return None;
    }
    let mut scratch = Diagnostics::new();
    match crate::edition::load(&dir, &mut scratch) {
        Some(old) if !scratch.has_errors() => Some(old),
        _ => {
            diags.push(
                Diagnostic::warning(
                    file,
                    pos,
                    format!("previous edition `{name}` has errors; nothing is compared with it"),
                )
                .with_hint(format!("run `kamerbrief check {}`", dir.display())),
            );
            None
        }
    }
}

fn stale(file: &Path, pos: Pos, what: &str, old: &str) -> Diagnostic {
    Diagnostic::warning(
        file,
        pos,
        format!("{what} niet bijgewerkt sinds {old}: the text is the same as there"),
    )
    .with_hint(format!(
        "update the text for this edition; it was copied from {old}"
    ))
}

/// Sections, the toelichting and goal intros whose text the diff finds unchanged.
fn unchanged_texts(
    edition: &Edition,
    old: &Edition,
    changes: &diff::Diff,
    diags: &mut Diagnostics,
) {
    if changes.intro.is_empty()
        && word_count(&edition.intro) > 0
        && let Some(file) = intro_file(edition)
    {
        diags.push(stale(
            &file.path,
            Pos::new(1, 1),
            "the toelichting",
            &old.name,
        ));
    }
    for goal in &edition.goals {
        let Some(before) = old.goals.iter().find(|g| g.id == goal.id) else {
            continue;
        };
        let changed = changes
            .goals
            .iter()
            .any(|g| g.id == goal.id && !g.intro.is_empty());
        if !changed && word_count(&goal.intro) > 0 && word_count(&before.intro) > 0 {
            let path = edition.dir.join("goals").join(format!("{}.md", goal.id));
            let what = format!("the intro of goal `{}`", goal.id);
            diags.push(stale(&path, Pos::new(1, 1), &what, &old.name));
        }
    }
    for ind in edition.indicators() {
        if !old.indicators().any(|o| o.id == ind.id) {
            continue;
        }
        let changed: Vec<Section> = changes
            .indicators
            .iter()
            .filter(|d| d.id == ind.id)
            .flat_map(|d| d.text.iter().map(|t| t.section))
            .collect();
        let text = edition
            .texts
            .iter()
            .find(|t| t.path == ind.md_file)
            .map_or("", |t| t.text.as_str());
        for (section, heading, blocks) in [
            (Section::Beweging, BEWEGING, &ind.beweging),
            (Section::Acties, ACTIES, &ind.acties),
        ] {
            let written = blocks.as_deref().is_some_and(|b| word_count(b) > 0);
            if written && !changed.contains(&section) {
                let what = format!("section `{heading}` of indicator `{}`", ind.id);
                diags.push(stale(
                    &ind.md_file,
                    heading_pos(text, heading),
                    &what,
                    &old.name,
                ));
            }
        }
    }
}

/// Where the `## heading` line is.
fn heading_pos(text: &str, heading: &str) -> Pos {
    text.lines()
        .position(|l| l.starts_with('#') && l.trim_start_matches('#').trim() == heading)
        .map_or(Pos::new(1, 1), |i| Pos::new(i as u32 + 1, 1))
}

/// The newest measured figure of some charts: its position on the time axis, and its year.
fn newest<'a>(charts: impl IntoIterator<Item = &'a Chart>) -> Option<(f64, i32)> {
    charts
        .into_iter()
        .flat_map(|c| &c.series)
        .filter(|s| s.kind == SeriesKind::Realisation)
        .flat_map(|s| s.values())
        .map(|(p, _)| {
            let year = match p {
                Period::Year(y) => y,
                Period::SchoolYear(start) => start + 1,
                Period::Date(d) => d.year(),
            };
            (p.x(), year)
        })
        .max_by(|a, b| a.0.total_cmp(&b.0))
}

/// Is there a figure in `now` newer than any in `before`? With the newest figure's year.
fn new_figure(now: Option<(f64, i32)>, before: Option<(f64, i32)>) -> Option<i32> {
    let (x, year) = now?;
    before.is_none_or(|(was, _)| x > was).then_some(year)
}

fn is_flag(note: Option<&String>) -> bool {
    note.is_some_and(|n| n.to_lowercase().contains(GEEN_NIEUWE_DATA))
}

fn flag_warning(file: &Path, pos: Pos, year: i32, old: &str) -> Diagnostic {
    Diagnostic::warning(
        file,
        pos,
        format!("`{GEEN_NIEUWE_DATA}`, but the figure for {year} is newer than any in {old}"),
    )
    .with_hint(format!(
        "remove `note: {GEEN_NIEUWE_DATA}`: there is new data"
    ))
}

/// Sources and "geen nieuwe data" flags against the figures, new and old. A flag on the
/// indicator is weighed against all its charts; a flag on a chart against that chart (and the
/// chart at the same place in the previous edition).
fn figures(ind: &Indicator, before: &Indicator, old: &str, diags: &mut Diagnostics) {
    if newest(&ind.charts).is_none() {
        return;
    }
    let new_year = new_figure(newest(&ind.charts), newest(&before.charts));
    let mut flagged = false;
    if is_flag(ind.note.as_ref()) {
        flagged = true;
        if let Some(year) = new_year {
            diags.push(flag_warning(&ind.yaml_file, ind.note_pos, year, old));
        }
    }
    for (i, chart) in ind.charts.iter().enumerate() {
        if is_flag(chart.note.as_ref()) {
            flagged = true;
            let was = newest(before.charts.get(i));
            if let Some(year) = new_figure(newest([chart]), was) {
                diags.push(flag_warning(&ind.yaml_file, chart.pos, year, old));
            }
        }
    }
    let Some(year) = new_year else {
        if !flagged {
            diags.push(
                Diagnostic::note(
                    &ind.yaml_file,
                    Pos::new(1, 1),
                    format!("indicator `{}` has no figure newer than in {old}", ind.id),
                )
                .with_hint(format!(
                    "add this year's figures, or write `note: {GEEN_NIEUWE_DATA}` if there are none"
                )),
            );
        }
        return;
    };
    for source in &ind.sources {
        if let Some(named) = years_in(&source.value).into_iter().max()
            && named < year
        {
            diags.push(
                Diagnostic::warning(
                    &ind.yaml_file,
                    source.pos,
                    format!("source names {named}, but the newest figure is of {year}"),
                )
                .with_hint(format!("name the source of the {year} figures")),
            );
        }
    }
}

/// The years 1900–2100 a text names as whole numbers ("…, 2017", "2015-2017").
fn years_in(text: &str) -> Vec<i32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .filter(|y| (1900..=2100).contains(y))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_named_in_a_source() {
        assert_eq!(
            years_in("Regioplan, Enquêtes po - tabellenrapport, 2017"),
            [2017]
        );
        assert_eq!(
            years_in("DUO 2015-2017, 12345 scholen, 2017/2018"),
            [2015, 2017, 2017, 2018]
        );
        assert!(years_in("Kennisnet, Vier in Balans monitor").is_empty());
    }

    #[test]
    fn the_heading_line_is_found() {
        let text = "## Doelstelling\n\nx\n\n## Welke beweging is zichtbaar?\n\ny\n";
        assert_eq!(heading_pos(text, BEWEGING), Pos::new(5, 1));
        assert_eq!(heading_pos(text, ACTIES), Pos::new(1, 1));
    }
}
