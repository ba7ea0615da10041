//! `kamerbrief import <EDITION> <FILE> [--json | --note] [--apply]`: figures from a spreadsheet
//! or CSV into the edition's YAML. Previews by default; `--apply` writes.

use super::Exit;
use super::report::{failure, print_diagnostics};
use kamerbrief::diff;
use kamerbrief::figures::apply::{self, ImportError};
use kamerbrief::pipeline::Failure;
use std::path::Path;

pub fn run(edition: &Path, file: &Path, json: bool, note: bool, write: bool) -> Exit {
    let plan = match apply::plan(edition, file) {
        Ok(p) => p,
        Err(e) => return report(e),
    };
    print_diagnostics(&plan.warnings);
    if json {
        println!("{}", plan.diff.to_json());
    } else if note {
        if plan.diff.is_empty() {
            eprintln!("{}: no changes; no correction note", file.display());
        } else {
            print!("{}", diff::note::render(&plan.diff));
        }
    } else {
        print!("{}", diff::text::render(&plan.diff));
    }
    if !write {
        if !plan.files.is_empty() {
            eprintln!(
                "preview only: {} figure(s) in {} file(s) would change; run again with --apply to write them",
                plan.edits.len(),
                plan.files.len()
            );
        }
        return Exit::Ok;
    }
    if let Err(e) = apply::apply(&plan) {
        return report(e);
    }
    for f in &plan.files {
        eprintln!("wrote {}", f.path.display());
    }
    eprintln!(
        "{} figure(s) changed in {} file(s)",
        plan.edits.len(),
        plan.files.len()
    );
    Exit::Ok
}

fn report(e: ImportError) -> Exit {
    match e {
        ImportError::Invalid(d) => {
            print_diagnostics(&d);
            eprintln!("error: the edition has errors; fix them before importing");
            Exit::Invalid
        }
        ImportError::Result(d) => {
            let _ = failure(&Failure::Invalid(d.clone()));
            eprintln!("error: {}", ImportError::Result(d));
            Exit::Invalid
        }
        ImportError::Rows(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!("error: {}", ImportError::Rows(errors));
            Exit::Invalid
        }
        e @ (ImportError::NotDashboard { .. } | ImportError::Read(_)) => {
            eprintln!("error: {e}");
            Exit::Invalid
        }
        e @ ImportError::Write(_) => {
            eprintln!("error: {e}");
            Exit::Output
        }
    }
}
