//! `kamerbrief build [EDITION] [-o FILE] [--package]`: one edition, or every edition under content/.

use super::Exit;
use super::report::{failure, print_diagnostics};
use kamerbrief::edition::Document;
use kamerbrief::edition::load::{EDITION_FILE, edition_name};
use kamerbrief::pipeline::{self, Failure};
use kamerbrief::render::Typesetter;
use std::path::{Path, PathBuf};
use std::time::Instant;

const CONTENT_DIR: &str = "content";
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

fn package_output(out: &Path) -> PathBuf {
    let stem = out
        .file_stem()
        .map_or_else(|| "brief".into(), |s| s.to_string_lossy().into_owned());
    out.with_file_name(format!("{stem}-pakket.pdf"))
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
    let result = pipeline::checked(dir, opts.deny_warnings).and_then(|(doc, warnings)| {
        if let (Some(emit), true) = (&opts.emit_typst, with_annexes) {
            let main = pipeline::emit_typst(&doc, emit).map_err(|e| Failure::Output(format!("cannot write {}: {e}", emit.display())))?;
            eprintln!(
                "wrote Typst sources to {0}: typst compile --root {0} --input data=/data --font-path fonts --ignore-system-fonts {0}/{main}",
                emit.display()
            );
        }
        let typeset = pipeline::typeset_document(&doc, typesetter)?;
        Ok((doc, pipeline::write(&typeset, out, warnings)?))
    });
    let doc = match result {
        Ok((doc, built)) => {
            report_written(out, &built, started);
            doc
        }
        Err(f) => return report_failed(dir, out, &f),
    };
    if let Some(root) = &opts.html
        && let Err(f) = write_html(&doc, root)
    {
        return report_failed(dir, &root.join(doc.name()), &f);
    }
    let Document::Letter(letter) = doc else {
        return Exit::Ok;
    };
    let annex_dirs: Vec<PathBuf> = letter
        .annexes
        .iter()
        .map(|a| letter.content_dir().join(&a.value))
        .collect();
    let mut worst = Exit::Ok;
    if with_annexes {
        for annex_dir in &annex_dirs {
            worst = worst.max(build_one(
                annex_dir,
                &default_output(annex_dir),
                typesetter,
                opts,
                false,
            ));
        }
    }
    if opts.package {
        worst = worst.max(build_package(
            &letter,
            &annex_dirs,
            &package_output(out),
            typesetter,
            opts,
        ));
    }
    worst
}

fn build_package(
    letter: &kamerbrief::edition::letter::Letter,
    annex_dirs: &[PathBuf],
    out: &Path,
    typesetter: &Typesetter,
    opts: &Options,
) -> Exit {
    let started = Instant::now();
    let mut parts = Vec::new();
    for dir in annex_dirs {
        match pipeline::checked(dir, opts.deny_warnings) {
            Ok((doc, _)) => parts.push(doc),
            Err(f) => return report_failed(&letter.dir, out, &f),
        }
    }
    let result = pipeline::typeset_package(letter, &parts, typesetter)
        .and_then(|t| pipeline::write(&t, out, Default::default()));
    match result {
        Ok(built) => {
            report_written(out, &built, started);
            Exit::Ok
        }
        Err(f) => report_failed(&letter.dir, out, &f),
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
fn editions() -> std::io::Result<Vec<PathBuf>> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(CONTENT_DIR)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join(EDITION_FILE).is_file())
        .collect();
    dirs.sort();
    Ok(dirs)
}

/// Builds every edition once (so a letter's annexes are not built twice), and every letter's
/// package. One broken edition does not stop the others; the worst outcome is the exit code.
fn build_all(typesetter: &Typesetter, opts: &Options) -> Exit {
    let dirs = match editions() {
        Ok(d) if !d.is_empty() => d,
        Ok(_) => {
            eprintln!(
                "error: no editions found under {CONTENT_DIR}/ (directories with an {EDITION_FILE})"
            );
            return Exit::Invalid;
        }
        Err(e) => {
            eprintln!("error: cannot read {CONTENT_DIR}/: {e}");
            eprintln!(
                "  = help: run from the repository root, or name an edition: kamerbrief build <EDITION_DIR>"
            );
            return Exit::Invalid;
        }
    };
    let all = Options {
        package: true,
        deny_warnings: opts.deny_warnings,
        emit_typst: None,
        html: opts.html.as_ref().map(|_| Path::new(OUT_DIR).join("html")),
    };
    dirs.iter()
        .map(|dir| build_one(dir, &default_output(dir), typesetter, &all, false))
        .max()
        .unwrap_or(Exit::Ok)
}
