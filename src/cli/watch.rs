//! `kamerbrief watch <EDITION> [-o FILE]`: rebuild on every save.
//!
//! One `Typesetter` lives for the whole session, so Typst's incremental compiler reuses the work
//! of every indicator whose inputs did not change. A broken edit is reported and the last good
//! PDF stays in place; the next save that fixes it rebuilds.

use super::Exit;
use super::build::{build_letter_with_annexes, default_output};
use super::report::{failure, print_diagnostics};
use kamerbrief::diag::display_path;
use kamerbrief::edition::Document;
use kamerbrief::pipeline::{self, Built};
use kamerbrief::render::Typesetter;
use kamerbrief::watch::{Ignored, next_change};
use notify::{RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

pub fn run(dir: &Path, output: Option<PathBuf>, deny_warnings: bool) -> Exit {
    let out = output.unwrap_or_else(|| default_output(dir));
    // Refused before watching: an output that can never be written is not worth waiting for.
    if let Some(why) = kamerbrief::output::refusal(&out) {
        return failure(&pipeline::Failure::Output(format!("cannot write {why}")));
    }
    // A letter is rebuilt with its annexes, and when one of them changes too.
    let annexes = match pipeline::check_document(dir) {
        Ok((Document::Letter(l), _)) => Some(
            l.annexes
                .iter()
                .map(|a| l.content_dir().join(&a.value))
                .filter(|d| d.is_dir())
                .collect::<Vec<_>>(),
        ),
        _ => None,
    };
    let (tx, rx) = channel();
    // Watch before the first build, so a save made while it runs is not missed.
    let watcher = notify::recommended_watcher(tx).and_then(|mut w| {
        w.watch(dir, RecursiveMode::Recursive)?;
        for annex in annexes.iter().flatten() {
            w.watch(annex, RecursiveMode::Recursive)?;
        }
        Ok(w)
    });
    let _watcher = match watcher {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch {}: {e}", dir.display());
            return Exit::Invalid;
        }
    };
    let ignored = Ignored::new(&out);
    let typesetter = Typesetter::new();
    let mut round = 1;
    let letter = annexes.is_some();
    build(dir, &out, &typesetter, deny_warnings, round, letter);
    match annexes.as_deref() {
        Some(dirs) if !dirs.is_empty() => {
            let shown: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
            eprintln!(
                "watching {} and its annexes {} (Ctrl-C to stop)",
                dir.display(),
                shown.join(", ")
            );
        }
        _ => eprintln!("watching {} (Ctrl-C to stop)", dir.display()),
    }
    while let Some(changed) = next_change(&rx, &ignored) {
        round += 1;
        match changed {
            Ok(paths) => {
                let shown: Vec<String> = paths
                    .iter()
                    .map(|p| display_path(p).display().to_string())
                    .collect();
                eprintln!("[{round}] changed: {}", shown.join(", "));
            }
            Err(e) => eprintln!("[{round}] warning: file watcher: {e}; rebuilding"),
        }
        build(dir, &out, &typesetter, deny_warnings, round, letter);
    }
    eprintln!("error: stopped watching {}", dir.display());
    Exit::Output
}

fn build(
    dir: &Path,
    out: &Path,
    typesetter: &Typesetter,
    deny_warnings: bool,
    round: u32,
    letter: bool,
) {
    let started = Instant::now();
    if letter {
        let exit = build_letter_with_annexes(dir, out, typesetter, deny_warnings);
        let what = if exit == Exit::Ok {
            "built"
        } else {
            "not all built"
        };
        eprintln!(
            "[{round}] letter and annexes {what} in {} ms",
            started.elapsed().as_millis()
        );
        return;
    }
    match pipeline::build(dir, out, typesetter, deny_warnings) {
        Ok(built) => report(out, &built, round, started),
        Err(f) => {
            failure(&f);
            eprintln!(
                "[{round}] not built in {} ms; {} keeps the last good build",
                started.elapsed().as_millis(),
                out.display()
            );
        }
    }
}

fn report(out: &Path, built: &Built, round: u32, started: Instant) {
    print_diagnostics(&built.warnings);
    let t = &built.timings;
    let ms = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1000.0);
    eprintln!(
        "[{round}] wrote {} ({} pages) in {} ms (check {}, inputs {}, typst {}, pdf {}, write {})",
        out.display(),
        built.pages,
        started.elapsed().as_millis(),
        ms(t.check),
        ms(t.inputs),
        ms(t.compile),
        ms(t.export),
        ms(t.write),
    );
}
