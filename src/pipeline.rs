//! The whole pipeline for one edition, as functions the CLI (and tests) call.

use crate::diag::Diagnostics;
use crate::edition::{self, Edition};
use crate::export;
use crate::render::engine::TypstProblem;
use crate::render::{InputFiles, Typesetter, dashboard_inputs};
use crate::validate;
use std::path::Path;

/// Why a build did not produce a PDF.
#[derive(Debug)]
pub enum Failure {
    /// The edition has errors (or warnings, with `deny_warnings`).
    Invalid(Diagnostics),
    /// Typst could not typeset the inputs: a template problem, not the writer's.
    Typeset(Vec<TypstProblem>),
    /// The PDF could not be made or written.
    Output(String),
}

/// Load and validate. `Ok` holds the model and its warnings; `Err` every problem found.
pub fn check(dir: &Path) -> Result<(Edition, Diagnostics), Diagnostics> {
    let mut diags = Diagnostics::new();
    let loaded = edition::load(dir, &mut diags);
    let Some(edition) = loaded else {
        return Err(diags.sorted());
    };
    // Rules over a partly loaded model would report follow-on noise (numbering gaps where an
    // indicator failed to load): fix load errors first.
    if diags.has_errors() {
        return Err(diags.sorted());
    }
    diags.extend(validate::validate(&edition));
    let diags = diags.sorted();
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok((edition, diags))
    }
}

/// Typesets a checked edition into PDF bytes.
pub fn typeset(edition: &Edition, typesetter: &Typesetter) -> Result<Typeset, Failure> {
    let inputs = dashboard_inputs(edition);
    typesetter.set_inputs(&inputs);
    let doc = typesetter
        .compile("/dashboard.typ")
        .map_err(Failure::Typeset)?;
    let when = export::timestamp(edition.meta.date);
    let pdf = export::pdf(&doc, &format!("kamerbrief/{}", edition.name), when)
        .map_err(Failure::Output)?;
    Ok(Typeset {
        pages: doc.pages().len(),
        pdf,
        inputs,
    })
}

pub struct Typeset {
    pub pages: usize,
    pub pdf: Vec<u8>,
    pub inputs: InputFiles,
}

pub struct Built {
    pub pages: usize,
    pub bytes: usize,
    pub warnings: Diagnostics,
}

/// check → typeset → write atomically. The previous PDF at `out` is replaced only on success.
pub fn build(
    dir: &Path,
    out: &Path,
    typesetter: &Typesetter,
    deny_warnings: bool,
) -> Result<Built, Failure> {
    let (edition, warnings) = check(dir).map_err(Failure::Invalid)?;
    if deny_warnings && !warnings.is_empty() {
        return Err(Failure::Invalid(warnings));
    }
    let typeset = typeset(&edition, typesetter)?;
    export::write_atomic(out, &typeset.pdf)
        .map_err(|e| Failure::Output(format!("cannot write {}: {e}", out.display())))?;
    Ok(Built {
        pages: typeset.pages,
        bytes: typeset.pdf.len(),
        warnings,
    })
}
