//! `kamerbrief build [EDITION] [-o FILE] [--package]`: one edition, or every edition under content/.

use super::Exit;
use super::report::{failure, print_diagnostics};
use kamerbrief::diag::Diagnostics;
use kamerbrief::edition::Document;
use kamerbrief::edition::letter::Letter;
use kamerbrief::edition::load::{EDITION_FILE, edition_name};
use kamerbrief::pipeline::{self, Failure};
use kamerbrief::render::Typesetter;
use kamerbrief::stamp;
use std::path::{Path, PathBuf};
use std::time::Instant;

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
                &letter,
                warnings,
                annexes,
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

/// A letter with its annexes: checked in parallel, each part laid out once on all cores, and the
/// letter, each annex (unless unchanged since the last build) and the package (put together from
/// the parts' layouts) exported.
fn build_letter(
    letter: &Letter,
    warnings: Diagnostics,
    checked: Vec<pipeline::CheckedAnnex>,
    out: &Path,
    typesetter: &Typesetter,
    opts: &Options,
    with_annexes: bool,
    started: Instant,
) -> Exit {
    // The letter's check reported its annexes' warnings too: each is printed where its annex is built.
    let warnings = own_diagnostics(&warnings, &letter.dir);
    let annex_dirs = kamerbrief::validate::annex_dirs(letter);
    let annex_outs: Vec<PathBuf> = annex_dirs.iter().map(|d| default_output(d)).collect();
    // Each annex as the letter's check found it; its own warnings are fatal when asked.
    let mut checked: Vec<Option<pipeline::CheckedAnnex>> = checked.into_iter().map(Some).collect();
    let checked: Vec<Result<(Document, Diagnostics), Failure>> = annex_dirs
        .iter()
        .map(|d| {
            match checked
                .iter_mut()
                .find(|a| a.as_ref().is_some_and(|a| a.dir == *d))
            {
                Some(a) => {
                    let a = a.take().expect("found above");
                    if opts.deny_warnings && a.warnings.warnings().next().is_some() {
                        Err(Failure::Invalid(a.warnings))
                    } else {
                        Ok((a.doc, a.warnings))
                    }
                }
                // Not among the checked annexes (its errors failed the letter): check it here.
                None => pipeline::checked(d, opts.deny_warnings),
            }
        })
        .collect();
    let package_out = package_output(out);
    let mut annexes = Vec::new();
    let mut annex_warnings = Vec::new();
    let mut worst = Exit::Ok;
    for ((dir, annex_out), result) in annex_dirs.iter().zip(&annex_outs).zip(checked) {
        match result {
            Ok((doc, w)) => {
                annexes.push(doc);
                annex_warnings.push(w);
            }
            Err(f) => worst = worst.max(report_failed(dir, annex_out, &f)),
        }
    }
    if worst != Exit::Ok {
        // The annexes cannot be numbered as the letter numbers them: the letter alone.
        if opts.package {
            eprintln!(
                "{}: not built; {} is unchanged",
                letter.dir.display(),
                package_out.display()
            );
        }
        // The annexes that are fine are built on their own, so none goes missing.
        let good_outs = annex_dirs
            .iter()
            .zip(&annex_outs)
            .filter(|(d, _)| {
                annexes
                    .iter()
                    .any(|a| letter.content_dir().join(a.name()) == **d)
            })
            .map(|(_, o)| o.clone());
        let letter_doc = Document::Letter(letter.clone());
        let docs = std::iter::once((&letter_doc, out.to_path_buf(), warnings));
        let docs = docs.chain(
            annexes
                .iter()
                .zip(good_outs)
                .zip(annex_warnings)
                .filter(|_| with_annexes)
                .map(|((d, o), w)| (d, o, w)),
        );
        for (doc, part_out, w) in docs {
            let written = pipeline::typeset_document(doc, typesetter)
                .and_then(|typeset| pipeline::write(&typeset, &part_out, w));
            worst = match written {
                Ok(built) => {
                    report_written(&part_out, &built, started);
                    worst
                }
                Err(f) => worst.max(report_failed(&letter.dir, &part_out, &f)),
            };
        }
        if with_annexes && !annexes.is_empty() {
            eprintln!(
                "note: an annex has errors, so the others were built without the letter's numbering"
            );
        }
        return worst;
    }
    let export = |i: usize, fingerprint: u64| {
        i == 0 || (with_annexes && !stamp::unchanged(&annex_outs[i - 1], fingerprint))
    };
    let typeset =
        match pipeline::typeset_letter(letter, &annexes, typesetter, &export, opts.package) {
            Ok(t) => t,
            Err(f) => return report_failed(&letter.dir, out, &f),
        };
    let t = &typeset.timings;
    let n = typeset.parts.len();
    let which = if typeset.laid_out == n {
        format!("{n} parts")
    } else {
        format!(
            "{} of {n} parts (the others are unchanged)",
            typeset.laid_out
        )
    };
    let threads = if typeset.threads > 1 {
        format!(", {} at a time,", typeset.threads)
    } else {
        String::new()
    };
    eprintln!(
        "laid out {which}{threads} in {} ms; PDFs done {} ms later",
        t.compile.as_millis(),
        t.export.as_millis()
    );
    let mut parts = typeset.parts.into_iter();
    let mut warnings = Some(warnings);
    let outs = std::iter::once(out).chain(annex_outs.iter().map(PathBuf::as_path));
    let part_warnings = std::iter::once(None).chain(annex_warnings.into_iter().map(Some));
    for (i, (part_out, w)) in outs.zip(part_warnings).enumerate() {
        let w = w.or_else(|| warnings.take()).unwrap_or_default();
        match parts.next().flatten() {
            Some(t) => match pipeline::write(&t, part_out, w) {
                Ok(built) => {
                    if i > 0 {
                        stamp::record(part_out, typeset.fingerprints[i], &t.pdf);
                    }
                    report_written(part_out, &built, started);
                }
                Err(f) => worst = worst.max(report_failed(&letter.dir, part_out, &f)),
            },
            None if i > 0 && with_annexes => {
                print_diagnostics(&w);
                eprintln!(
                    "{} is unchanged (same inputs as at the last build): not written again",
                    part_out.display()
                );
            }
            None => {}
        }
    }
    if worst == Exit::Ok {
        worst = html(&Document::Letter(letter.clone()), opts, &letter.dir);
        for (annex, dir) in annexes.iter().zip(&annex_dirs) {
            worst = worst.max(html(annex, opts, dir));
        }
    }
    if let Some(t) = typeset.package {
        match pipeline::write(&t, &package_out, Diagnostics::default()) {
            Ok(built) => report_written(&package_out, &built, started),
            Err(f) => worst = worst.max(report_failed(&letter.dir, &package_out, &f)),
        }
    }
    if with_annexes && !annex_outs.is_empty() && *out != default_output(&letter.dir) {
        let dirs: std::collections::BTreeSet<String> = annex_outs
            .iter()
            .map(|o| o.parent().map_or(".".into(), |p| p.display().to_string()))
            .collect();
        eprintln!(
            "note: -o names the letter's PDF; its annexes went to {}/ as <annex>.pdf",
            dirs.into_iter().collect::<Vec<_>>().join("/, ")
        );
    }
    worst
}

/// The diagnostics about files inside `dir`.
fn own_diagnostics(
    diags: &kamerbrief::diag::Diagnostics,
    dir: &Path,
) -> kamerbrief::diag::Diagnostics {
    let mut own = kamerbrief::diag::Diagnostics::new();
    for d in diags.iter().filter(|d| d.file.starts_with(dir)) {
        own.push(d.clone());
    }
    own
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
