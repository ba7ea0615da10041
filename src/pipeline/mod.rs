//! The whole pipeline for one edition, as functions the CLI (and tests) call.

use crate::diag::Diagnostics;
use crate::edition::Letter;
use crate::edition::{self, Document, Edition};
use crate::render::documents::document_inputs;
use crate::render::engine::TypstProblem;
use crate::render::{InputFiles, Typesetter};
use crate::validate;
use crate::{output, pdf};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod letter;
pub use letter::{LetterTypeset, Want, typeset_letter};

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

/// Load and validate any edition. `Ok` holds the model and its warnings; `Err` every problem.
pub fn check_document(dir: &Path) -> Result<(Document, Diagnostics), Diagnostics> {
    check_with_annexes(dir).map(|(doc, diags, _)| (doc, diags))
}

/// An annex checked with its letter: its directory, its model and its own warnings.
pub struct CheckedAnnex {
    pub dir: PathBuf,
    pub doc: Document,
    pub warnings: Diagnostics,
}

/// `check_document`, and for a letter also its annexes as they were checked, so that a build
/// does not load and check them again. (For any other document the list is empty.)
pub fn check_with_annexes(
    dir: &Path,
) -> Result<(Document, Diagnostics, Vec<CheckedAnnex>), Diagnostics> {
    let mut diags = Diagnostics::new();
    let loaded = edition::load_document(dir, &mut diags);
    let Some(mut doc) = loaded else {
        return Err(diags.sorted());
    };
    // Rules over a partly loaded model would report follow-on noise (numbering gaps where an
    // indicator failed to load): only the rules that look at one file at a time run, so their
    // warnings show together with the load errors.
    if diags.has_errors() {
        diags.extend(validate::validate_files(&doc));
        return Err(diags.sorted());
    }
    diags.extend(validate::validate_document(&doc));
    let mut annexes = Vec::new();
    if let Document::Letter(letter) = &mut doc {
        if !diags.has_errors() {
            let (checked, annex_diags) = check_letter_with_annexes(letter);
            diags.extend(annex_diags);
            annexes = checked;
        }
        letter_figures(letter, &annexes, &mut diags);
    }
    let diags = diags.sorted();
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok((doc, diags, annexes))
    }
}

/// Loads and checks the annexes a letter names (each once, in parallel; the letter's own check
/// reports the names that are not annexes). Returns the annexes that have no errors, in order,
/// and every annex's problems, each under its own file: a letter is only as good as its annexes.
pub fn check_letter_with_annexes(letter: &Letter) -> (Vec<CheckedAnnex>, Diagnostics) {
    let dirs = validate::annex_dirs(letter);
    let results: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = dirs
            .iter()
            .map(|dir| scope.spawn(move || check_document(dir)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("checking an annex panicked"))
            .collect()
    });
    let mut checked = Vec::new();
    let mut diags = Diagnostics::new();
    for (dir, result) in dirs.into_iter().zip(results) {
        match result {
            Ok((doc, warnings)) => {
                diags.extend(warnings.clone());
                checked.push(CheckedAnnex { dir, doc, warnings });
            }
            Err(errors) => diags.extend(errors),
        }
    }
    (checked, diags)
}

/// The figures a letter quotes from its annexes (`{waarde po-2017/<id>}`): bound to the
/// annexes' data, and typed figures checked against it (the stale-number lint). `checked` are
/// the annexes as the letter's check found them; a letter with errors of its own has none, and
/// its annexes are loaded here.
fn letter_figures(letter: &mut Letter, checked: &[CheckedAnnex], diags: &mut Diagnostics) {
    let (annexes, unloaded) = if checked.is_empty() {
        edition::bind::letter::load_annexes(letter)
    } else {
        let annexes: Vec<Edition> = checked
            .iter()
            .filter_map(|a| match &a.doc {
                Document::Dashboard(e) => Some(e.clone()),
                _ => None,
            })
            .collect();
        // The annexes that did not check: their own errors are reported.
        let content = letter.content_dir();
        let unloaded = letter
            .annexes
            .iter()
            .map(|a| a.value.clone())
            .filter(|name| !checked.iter().any(|a| a.dir == content.join(name)))
            .collect();
        (annexes, unloaded)
    };
    edition::bind::letter::bind_letter(letter, &annexes, &unloaded, diags);
    validate::check_letter_numbers(letter, &annexes, diags);
}

/// Load and validate a dashboard edition.
pub fn check(dir: &Path) -> Result<(Edition, Diagnostics), Diagnostics> {
    let (doc, diags) = check_document(dir)?;
    match doc {
        Document::Dashboard(e) => Ok((e, diags)),
        _ => {
            let mut d = Diagnostics::new();
            edition::load(dir, &mut d);
            Err(d)
        }
    }
}

pub struct Typeset {
    pub pages: usize,
    pub pdf: Vec<u8>,
    pub inputs: InputFiles,
    pub timings: Timings,
}

/// How long each stage of one build took: for `watch`, `build --timings` and the benchmark.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Load and validate.
    pub check: Duration,
    /// Charts and the other Typst inputs.
    pub inputs: Duration,
    /// Typst's layout (incremental when the typesetter is reused).
    pub compile: Duration,
    /// PDF/A + PDF/UA export.
    pub export: Duration,
    /// Writing the file.
    pub write: Duration,
}

impl Timings {
    pub fn total(&self) -> Duration {
        self.check + self.inputs + self.compile + self.export + self.write
    }
}

fn date_of(doc: &Document) -> NaiveDate {
    match doc {
        Document::Dashboard(e) => e.meta.date,
        Document::Letter(l) => l.date,
        Document::Annex(a) => a.date,
    }
}

fn run(
    typesetter: &Typesetter,
    (inputs, inputs_time): (InputFiles, Duration),
    main: &str,
    ident: &str,
    date: NaiveDate,
) -> Result<Typeset, Failure> {
    let started = Instant::now();
    let when = pdf::timestamp(date).map_err(Failure::Output)?;
    typesetter.set_inputs(&inputs);
    let doc = typesetter.compile(main).map_err(Failure::Typeset)?;
    let compiled = Instant::now();
    let pdf = pdf::pdf(&doc, ident, when).map_err(Failure::Output)?;
    Ok(Typeset {
        pages: doc.pages().len(),
        pdf,
        inputs,
        timings: Timings {
            inputs: inputs_time,
            compile: compiled - started,
            export: compiled.elapsed(),
            ..Timings::default()
        },
    })
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = f();
    (value, started.elapsed())
}

/// Typesets a checked edition into PDF bytes.
pub fn typeset_document(doc: &Document, typesetter: &Typesetter) -> Result<Typeset, Failure> {
    let ((inputs, template), time) = timed(|| document_inputs(doc));
    run(
        typesetter,
        (inputs, time),
        &format!("/{template}.typ"),
        &format!("kamerbrief/{}", doc.name()),
        date_of(doc),
    )
}

pub struct Built {
    pub pages: usize,
    pub bytes: usize,
    pub warnings: Diagnostics,
    /// Stage times; `check` is zero unless the caller measured it (as `build` does).
    pub timings: Timings,
}

/// Writes typeset bytes atomically: the previous PDF at `out` is replaced only on success.
pub fn write(typeset: &Typeset, out: &Path, warnings: Diagnostics) -> Result<Built, Failure> {
    let (written, time) = timed(|| output::write_atomic(out, &typeset.pdf));
    written.map_err(|e| Failure::Output(format!("cannot write {}: {e}", out.display())))?;
    Ok(Built {
        pages: typeset.pages,
        bytes: typeset.pdf.len(),
        warnings,
        timings: Timings {
            write: time,
            ..typeset.timings
        },
    })
}

/// check → typeset → write, for one edition of any kind.
pub fn build(
    dir: &Path,
    out: &Path,
    typesetter: &Typesetter,
    deny_warnings: bool,
) -> Result<Built, Failure> {
    let (checked, check_time) = timed(|| checked(dir, deny_warnings));
    let (doc, warnings) = checked?;
    let typeset = typeset_document(&doc, typesetter)?;
    let mut built = write(&typeset, out, warnings)?;
    built.timings.check = check_time;
    Ok(built)
}

/// Writes what Typst reads for `doc` — the templates and the inputs — under `dir`, so that
/// `typst compile --root <dir> --input data=/data --font-path fonts <dir>/<main>.typ` builds the
/// same document without kamerbrief. Returns the main file's name.
pub fn emit_typst(doc: &Document, dir: &Path) -> std::io::Result<String> {
    let (inputs, template) = crate::render::documents::document_inputs(doc);
    for (path, text) in crate::render::templates::TEMPLATES {
        let target = dir.join(path.trim_start_matches('/'));
        std::fs::create_dir_all(target.parent().unwrap_or(dir))?;
        std::fs::write(target, text)?;
    }
    inputs.write_to(&dir.join(crate::render::templates::DATA_DIR.trim_start_matches('/')))?;
    Ok(format!("{template}.typ"))
}

/// `check_document`, with warnings fatal when asked.
pub fn checked(dir: &Path, deny_warnings: bool) -> Result<(Document, Diagnostics), Failure> {
    checked_with_annexes(dir, deny_warnings).map(|(doc, warnings, _)| (doc, warnings))
}

/// `check_with_annexes`, with warnings fatal when asked.
pub fn checked_with_annexes(
    dir: &Path,
    deny_warnings: bool,
) -> Result<(Document, Diagnostics, Vec<CheckedAnnex>), Failure> {
    let (doc, warnings, annexes) = check_with_annexes(dir).map_err(Failure::Invalid)?;
    if deny_warnings && warnings.warnings().next().is_some() {
        return Err(Failure::Invalid(warnings));
    }
    Ok((doc, warnings, annexes))
}
