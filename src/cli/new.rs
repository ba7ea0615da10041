//! `kamerbrief new <NEW_DIR> --from <OLD_DIR> [--year N] [--date YYYY-MM-DD]`: next year's
//! edition from this year's (the roll-forward itself is `kamerbrief::rollover`), then
//! the to-do list: what `check` reports for the new edition.

use super::Exit;
use super::report::print_diagnostics;
use chrono::NaiveDate;
use kamerbrief::pipeline;
use kamerbrief::rollover::{self, Options};
use std::path::Path;

pub fn run(new: &Path, from: &Path, year: Option<i32>, date: Option<NaiveDate>) -> Exit {
    let rolled = match rollover::roll_forward(from, new, &Options { year, date }) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            eprintln!("  = help: nothing was written");
            return Exit::Invalid;
        }
    };
    eprintln!(
        "wrote {} ({}) from {}:",
        new.display(),
        rolled.kind,
        from.display()
    );
    for change in &rolled.changes {
        eprintln!("  {change}");
    }
    eprintln!(
        "To do (`kamerbrief check {}` lists it again):",
        new.display()
    );
    let diags = match pipeline::check_document(new) {
        Ok((_, diags)) | Err(diags) => diags,
    };
    if diags.is_empty() {
        eprintln!("  nothing: the edition is ready to build");
    } else {
        print_diagnostics(&diags);
    }
    Exit::Ok
}
