//! `kamerbrief build [EDITION] [-o FILE] [--package]`: one edition, or every edition under content/.

use super::Exit;
use super::report::{failure, print_diagnostics};
use kamerbrief::edition::Document;
use kamerbrief::edition::files::{EDITION_FILE, edition_name};
use kamerbrief::pipeline::{self, Failure};
use kamerbrief::render::Typesetter;
use std::path::{Path, PathBuf};
use std::time::Instant;

mod letter;
use letter::build_letter;

pub(super) const CONTENT_DIR: &str = "content";
const OUT_DIR: &str = "out";

pub struct Options {
    pub deny_warnings: bool,
    /// For a letter: also write the letter and its annexes as one PDF.
    pub package: bool,
    /// Also write the Typst templates and inputs here.
    pub emit_typst: Option<PathBuf>,
    /// Also write web pages, each in `<root>/<edition>/`; an empty root means `html/` beside
    /// the PDF. A letter's annexes go under the letter's root, so its links reach them.
    pub html: Option<PathBuf>,
}

pub fn run(edition: Option<PathBuf>, output: Option<PathBuf>, mut opts: Options) -> Exit {
    let typesetter = Typesetter::new();
    match edition {
        Some(dir) => {
            let out = output.unwrap_or_else(|| default_output(&dir));
            if let Some(root) = opts.html.as_mut().filter(|r| r.as_os_str().is_empty()) {
                *root = out.parent().unwrap_or(Path::new("")).join("html");
            }
            build_one(&dir, &out, &typesetter, &opts, true)
        }
        None => build_all(&typesetter, &opts),
    }
}

pub(super) fn default_output(dir: &Path) -> PathBuf {
    Path::new(OUT_DIR).join(format!("{}.pdf", edition_name(dir)))
}

fn report_written(out: &Path, built: &pipeline::Built, started: Instant) {
    print_diagnostics(&built.warnings);
    eprintln!(
        "wrote {} ({} pages, {} kB) in {} ms",
        out.display(),
        built.pages,
        built.bytes / 1024,
        started.elapsed().as_millis()
    );
}

fn report_failed(dir: &Path, out: &Path, f: &Failure) -> Exit {
    eprintln!(
        "{}: not built; {} is unchanged",
        dir.display(),
        out.display()
    );
    failure(f)
}

/// Builds one edition. For a letter, `with_annexes` also builds the annexes it names.
fn build_one(
    dir: &Path,
    out: &Path,
    typesetter: &Typesetter,
    opts: &Options,
    with_annexes: bool,
) -> Exit {
    let started = Instant::now();
    if let Some(why) = kamerbrief::output::refusal(out) {
        return report_failed(dir, out, &Failure::Output(format!("cannot write {why}")));
    }
    if let Some(why) = opts
        .emit_typst
        .as_deref()
        .and_then(kamerbrief::output::directory_refusal)
    {
        return report_failed(dir, out, &Failure::Output(format!("cannot write {why}")));
    }
    let result = pipeline::checked_with_annexes(dir, opts.deny_warnings).and_then(|(doc, warnings, annexes)| {
        if let (Some(emit), true) = (&opts.emit_typst, with_annexes) {
            let main = pipeline::emit_typst(&doc, emit).map_err(|e| Failure::Output(format!("cannot write {}: {e}", emit.display())))?;
            eprintln!(
                "wrote Typst sources to {0}: typst compile --root {0} --input data=/data --font-path fonts --ignore-system-fonts {0}/{main}",
                emit.display()
            );
        }
        Ok((doc, warnings, annexes))
    });
    match result {
        Ok((Document::Letter(letter), warnings, annexes)) if with_annexes || opts.package => {
            build_letter(
                (&letter, warnings, annexes),
                out,
                typesetter,
                opts,
                with_annexes,
                started,
            )
        }
        Ok((doc, warnings, _)) => {
            let written = pipeline::typeset_document(&doc, typesetter)
                .and_then(|typeset| pipeline::write(&typeset, out, warnings));
            match written {
                Ok(built) => {
                    report_written(out, &built, started);
                    html(&doc, opts, dir)
                }
                Err(f) => report_failed(dir, out, &f),
            }
        }
        Err(f) => report_failed(dir, out, &f),
    }
}

/// With `--html`, the web page of a built document; its problems reported like a build's.
fn html(doc: &Document, opts: &Options, dir: &Path) -> Exit {
    match &opts.html {
        Some(root) => match write_html(doc, root) {
            Ok(()) => Exit::Ok,
            Err(f) => report_failed(dir, &root.join(doc.name()), &f),
        },
        None => Exit::Ok,
    }
}

fn write_html(doc: &Document, root: &Path) -> Result<(), Failure> {
    let started = Instant::now();
    let index = kamerbrief::html::write_page(doc, root).map_err(Failure::Output)?;
    eprintln!(
        "wrote {} in {} ms",
        index.display(),
        started.elapsed().as_millis()
    );
    Ok(())
}

/// Every directory under content/ with an edition.yaml, in name order.
pub(super) fn editions() -> std::io::Result<Vec<PathBuf>> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(CONTENT_DIR)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join(EDITION_FILE).is_file())
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// Every edition under content/, for `build` and `check` without a directory; an empty or
/// unreadable content/ is reported here (naming `command` in the hint) as `Err`.
pub(super) fn every_edition(command: &str) -> Result<Vec<PathBuf>, Exit> {
    match editions() {
        Ok(d) if !d.is_empty() => Ok(d),
        Ok(_) => {
            eprintln!(
                "error: no editions found under {CONTENT_DIR}/ (directories with an {EDITION_FILE})"
            );
            Err(Exit::Invalid)
        }
        Err(e) => {
            eprintln!("error: cannot read {CONTENT_DIR}/: {e}");
            eprintln!(
                "  = help: run from the repository root, or name an edition: kamerbrief {command} <EDITION_DIR>"
            );
            Err(Exit::Invalid)
        }
    }
}

/// Builds every edition once (so a letter's annexes are not built twice), and every letter's
/// package. One broken edition does not stop the others; the worst outcome is the exit code.
fn build_all(typesetter: &Typesetter, opts: &Options) -> Exit {
    let dirs = match every_edition("build") {
        Ok(d) => d,
        Err(exit) => return exit,
    };
    let all = Options {
        package: true,
        deny_warnings: opts.deny_warnings,
        emit_typst: None,
        html: opts.html.as_ref().map(|_| Path::new(OUT_DIR).join("html")),
    };
    // Letters first, each with its annexes; then the editions no letter names.
    let mut claimed = std::collections::BTreeSet::new();
    let mut letters = Vec::new();
    for dir in &dirs {
        if let Ok((Document::Letter(l), _)) = pipeline::check_document(dir) {
            claimed.extend(l.annexes.iter().map(|a| l.content_dir().join(&a.value)));
            letters.push(dir.clone());
        }
    }
    let rest = dirs
        .iter()
        .filter(|d| !letters.contains(d) && !claimed.contains(*d));
    letters
        .iter()
        .map(|dir| build_one(dir, &default_output(dir), typesetter, &all, true))
        .chain(rest.map(|dir| build_one(dir, &default_output(dir), typesetter, &all, false)))
        .max()
        .unwrap_or(Exit::Ok)
}

/// For `watch` on a letter: the letter and its annexes, as `build <letter>`
/// writes them (no package).
pub(super) fn build_letter_with_annexes(
    dir: &Path,
    out: &Path,
    typesetter: &Typesetter,
    deny_warnings: bool,
) -> Exit {
    let opts = Options {
        deny_warnings,
        package: false,
        emit_typst: None,
        html: None,
    };
    build_one(dir, out, typesetter, &opts, true)
}
