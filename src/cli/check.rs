//! `kamerbrief check <EDITION>`: load and validate, write nothing.

use super::Exit;
use super::report::{failure, print_diagnostics};
use kamerbrief::edition::Document;
use kamerbrief::pipeline::{self, Failure};
use std::path::Path;

pub fn run(dir: &Path, deny_warnings: bool) -> Exit {
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
