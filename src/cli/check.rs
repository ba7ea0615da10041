//! `kamerbrief check <EDITION>`: load and validate, write nothing.

use super::Exit;
use super::report::{failure, print_diagnostics};
use kamerbrief::pipeline::{self, Failure};
use std::path::Path;

pub fn run(dir: &Path, deny_warnings: bool) -> Exit {
    match pipeline::check(dir) {
        Ok((edition, warnings)) => {
            print_diagnostics(&warnings);
            if deny_warnings && !warnings.is_empty() {
                return Exit::Invalid;
            }
            let n = edition.indicators().count();
            eprintln!(
                "{}: ok ({} goals, {n} indicators)",
                dir.display(),
                edition.goals.len()
            );
            Exit::Ok
        }
        Err(diags) => failure(&Failure::Invalid(diags)),
    }
}
