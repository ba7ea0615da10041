//! `build` on a letter: the letter with its annexes, each part laid out once, and the package.

use super::{Options, default_output, html, report_failed, report_written};
use crate::cli::Exit;
use crate::cli::report::print_diagnostics;
use kamerbrief::diag::Diagnostics;
use kamerbrief::edition::Document;
use kamerbrief::edition::Letter;
use kamerbrief::pipeline::{self, Failure, Want};
use kamerbrief::render::Typesetter;
use kamerbrief::stamp;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn package_output(out: &Path) -> PathBuf {
    let stem = out
        .file_stem()
        .map_or_else(|| "brief".into(), |s| s.to_string_lossy().into_owned());
    out.with_file_name(format!("{stem}-pakket.pdf"))
}

/// A letter with its annexes: checked in parallel, each part laid out once on all cores, and the
/// letter and each annex (unless unchanged since the last build) exported, and the package
/// joined from their PDFs. The first argument is the letter as `checked_with_annexes` gave it:
/// the model, its warnings and its annexes.
pub(super) fn build_letter(
    (letter, warnings, checked): (&Letter, Diagnostics, Vec<pipeline::CheckedAnnex>),
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
    // The letter is always written; an annex when it is built with the letter and has changed
    // since the last build (an unchanged one goes into the package as it is on disk).
    let want = |i: usize, fingerprint: u64| {
        if i == 0 {
            Want::Pdf
        } else if !with_annexes {
            Want::Nothing
        } else {
            match stamp::unchanged(&annex_outs[i - 1], fingerprint) {
                Some(bytes) => Want::Unchanged(bytes),
                None => Want::Pdf,
            }
        }
    };
    let typeset = match pipeline::typeset_letter(letter, &annexes, typesetter, &want, opts.package)
    {
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
    let package = typeset.package;
    let mut parts = typeset.parts.into_iter();
    let mut warnings = Some(warnings);
    let outs = std::iter::once(out).chain(annex_outs.iter().map(PathBuf::as_path));
    let part_warnings = std::iter::once(None).chain(annex_warnings.into_iter().map(Some));
    std::thread::scope(|scope| {
        // The package is joined on a thread of its own while the parts are written.
        let joined = package.map(|p| scope.spawn(move || p.join()));
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
        if let Some(joined) = joined {
            let written = joined
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                .and_then(|t| pipeline::write(&t, &package_out, Diagnostics::default()));
            match written {
                Ok(built) => report_written(&package_out, &built, started),
                Err(f) => worst = worst.max(report_failed(&letter.dir, &package_out, &f)),
            }
        }
    });
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
