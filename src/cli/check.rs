//! `kamerbrief check [EDITION]`: load and validate, write nothing. Without a directory, every
//! edition under content/, as `build` builds them.

use super::Exit;
use super::build::every_edition;
use super::report::{failure, print_diagnostics};
use kamerbrief::edition::Document;
use kamerbrief::pipeline::{self, Failure};
use std::path::Path;

pub fn run(dir: Option<&Path>, deny_warnings: bool) -> Exit {
    if let Some(dir) = dir {
        return check_one(dir, deny_warnings);
    }
    let dirs = match every_edition("check") {
        Ok(d) => d,
        Err(exit) => return exit,
    };
    // One broken edition does not stop the others; the worst outcome is the exit code.
    dirs.iter()
        .map(|dir| check_one(dir, deny_warnings))
        .max()
        .unwrap_or(Exit::Ok)
}

pub fn check_one(dir: &Path, deny_warnings: bool) -> Exit {
    match pipeline::check_document(dir) {
        Ok((doc, warnings)) => {
            print_diagnostics(&warnings);
            if deny_warnings && warnings.warnings().next().is_some() {
                return Exit::Invalid;
            }
            let summary = match &doc {
                Document::Dashboard(e) => format!(
                    "{} goals, {} indicators",
                    e.goals.len(),
                    e.indicators().count()
                ),
                Document::Letter(l) => format!("letter, {} annexes", l.annexes.len()),
                Document::Annex(_) => "narrative annex".to_string(),
            };
            eprintln!("{}: ok ({summary})", dir.display());
            Exit::Ok
        }
        Err(diags) => failure(&Failure::Invalid(diags)),
    }
}
