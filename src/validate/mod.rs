//! Validate stage: rules over the loaded model. Each rule adds located errors or warnings; none
//! changes the model.

mod charts;
mod consistency;
mod crossrefs;
mod numbers;
mod previous;
mod text;
mod titles;

pub use numbers::check_letter_numbers;

use crate::diag::{Diagnostic, Diagnostics};
use crate::edition::files::EDITION_FILE;
use crate::edition::{Annex, Letter};
use crate::edition::{Document, Edition};
use std::path::PathBuf;

pub fn validate_document(doc: &Document) -> Diagnostics {
    let mut diags = match doc {
        Document::Dashboard(e) => validate(e),
        Document::Letter(l) => validate_letter(l),
        Document::Annex(a) => validate_annex(a),
    };
    titles::check_titles(doc, &mut diags);
    diags
}

/// The rules over the narrative as typed, for a model that loaded with errors: they look at one
/// file at a time and stay true of what did load (rules across indicators, like numbering, or
/// over a chart that lost a series, would report follow-on noise), so their warnings are shown
/// together with the load errors.
pub fn validate_files(doc: &Document) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let texts = match doc {
        Document::Dashboard(e) => &e.texts,
        Document::Letter(l) => &l.texts,
        Document::Annex(a) => &a.texts,
    };
    text::check_texts(texts, None, &mut diags);
    diags
}

pub fn validate(edition: &Edition) -> Diagnostics {
    let mut diags = Diagnostics::new();
    numbering(edition, &mut diags);
    text::check_texts(
        &edition.texts,
        Some(edition.indicators().count() as u64),
        &mut diags,
    );
    let ids: Vec<&str> = edition.indicators().map(|i| i.id.as_str()).collect();
    let own = |n: u64| -> Vec<String> {
        let i = usize::try_from(n).unwrap_or(0).wrapping_sub(1);
        ids.get(i).map(|id| id.to_string()).into_iter().collect()
    };
    for file in &edition.texts {
        crossrefs::suggest_id_form(file, &own, &mut diags);
    }
    consistency::check_consistency(edition, &mut diags);
    numbers::check_numbers(edition, &mut diags);
    previous::check_previous(edition, &mut diags);
    for ind in edition.indicators() {
        charts::check_tolerance(ind, &mut diags);
        for (i, chart) in ind.charts.iter().enumerate() {
            charts::check_chart(ind, i, chart, &mut diags);
        }
        for source in &ind.sources {
            if source
                .value
                .trim_start()
                .to_lowercase()
                .starts_with("bron:")
            {
                diags.push(
                    Diagnostic::warning(
                        &ind.yaml_file,
                        source.pos,
                        "source starts with `Bron:`, which the template already prints",
                    )
                    .with_hint("remove `Bron:` from the source"),
                );
            }
        }
    }
    diags
}

/// Rules for a letter: the annexes it names exist, each once, and its text reads well. (The
/// annexes' own problems are found by `pipeline::check_letter_with_annexes`.)
pub fn validate_letter(letter: &Letter) -> Diagnostics {
    let mut diags = Diagnostics::new();
    text::check_texts(&letter.texts, None, &mut diags);
    let content = letter.content_dir();
    // "indicator 8" in a letter: the indicator 8 of each dashboard annex, in the id form.
    let orders: Vec<(String, Vec<String>)> = letter
        .annexes
        .iter()
        .filter(|a| !a.value.contains(['/', '\\']) && !matches!(a.value.as_str(), "." | ".."))
        .filter_map(|a| {
            let order = crate::edition::files::indicator_order(&content.join(&a.value));
            Some((a.value.clone(), order.ok()?))
        })
        .collect();
    let annexes = |n: u64| -> Vec<String> {
        let i = usize::try_from(n).unwrap_or(0).wrapping_sub(1);
        orders
            .iter()
            .filter_map(|(name, ids)| ids.get(i).map(|id| format!("{name}/{id}")))
            .collect()
    };
    for file in &letter.texts {
        crossrefs::suggest_id_form(file, &annexes, &mut diags);
    }
    for i in 0..letter.annexes.len() {
        if let Some(d) = annex_problem(letter, i) {
            diags.push(d);
        }
    }
    diags
}

/// The directories of the annexes a letter names that are editions of an annex kind, each once,
/// in order: what a letter's check and build go on to load.
pub fn annex_dirs(letter: &Letter) -> Vec<PathBuf> {
    let content = letter.content_dir();
    (0..letter.annexes.len())
        .filter(|&i| annex_problem(letter, i).is_none())
        .map(|i| match content == std::path::Path::new(".") {
            true => PathBuf::from(&letter.annexes[i].value),
            false => content.join(&letter.annexes[i].value),
        })
        .collect()
}

/// What is wrong with the `i`th annex a letter names, if anything.
fn annex_problem(letter: &Letter, i: usize) -> Option<Diagnostic> {
    let annex = &letter.annexes[i];
    let content = letter.content_dir();
    if annex.value == letter.name {
        return Some(
            Diagnostic::error(
                &letter.file,
                annex.pos,
                format!("the letter names itself, `{}`, as an annex", annex.value),
            )
            .with_hint("name the editions that go with the letter, e.g. `po-2017`"),
        );
    }
    if let Some(first) = letter.annexes[..i].iter().find(|a| a.value == annex.value) {
        return Some(
            Diagnostic::error(
                &letter.file,
                annex.pos,
                format!(
                    "annex `{}` is listed twice (first on line {})",
                    annex.value, first.pos.line
                ),
            )
            .with_hint("list each annex once"),
        );
    }
    let found = !annex.value.contains(['/', '\\'])
        && annex.value != ".."
        && annex.value != "."
        && !annex.value.is_empty()
        && content.join(&annex.value).join(EDITION_FILE).is_file();
    if !found {
        return Some(
            Diagnostic::error(
                &letter.file,
                annex.pos,
                format!(
                    "annex `{}` is not an edition in `{}/`",
                    annex.value,
                    content.display()
                ),
            )
            .with_hint("name the directory of an edition beside this one, e.g. `po-2017`"),
        );
    }
    if kind_of(&content.join(&annex.value)).as_deref() == Some("letter") {
        return Some(
            Diagnostic::error(
                &letter.file,
                annex.pos,
                format!("annex `{}` is a letter, not an annex", annex.value),
            )
            .with_hint(
                "a letter's annexes are dashboard annexes (`kind: dashboard`) or narrative \
                 annexes (`kind: annex`)",
            ),
        );
    }
    None
}

/// The `kind` an edition declares, if its edition.yaml reads; its own problems are reported
/// when it is built.
fn kind_of(dir: &std::path::Path) -> Option<String> {
    let file = dir.join(EDITION_FILE);
    let text = crate::edition::files::read_text(&file).ok()?;
    let probe: crate::edition::raw::KindProbe =
        crate::edition::files::parse_yaml(&text, &file).ok()?;
    probe.kind.map(|k| k.value)
}

pub fn validate_annex(annex: &Annex) -> Diagnostics {
    let mut diags = Diagnostics::new();
    text::check_texts(&annex.texts, None, &mut diags);
    diags
}

/// Indicators are numbered 1, 2, 3 … through the annex, in the order the goals list them in
/// edition.yaml. A `number:` still written in an indicator's YAML that disagrees is a warning;
/// the order wins.
fn numbering(edition: &Edition, diags: &mut Diagnostics) {
    for ind in edition.indicators() {
        let Some(written) = &ind.written_number else {
            continue;
        };
        if written.value != ind.number {
            diags.push(
                Diagnostic::warning(
                    &ind.yaml_file,
                    written.pos,
                    format!(
                        "`number: {}` is written, but indicator `{}` is number {} by its place in edition.yaml",
                        written.value, ind.id, ind.number
                    ),
                )
                .with_hint(format!(
                    "remove the `number:` line: indicators are numbered by their order in edition.yaml (or write `number: {}`)",
                    ind.number
                )),
            );
        }
    }
}
