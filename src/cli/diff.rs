//! `kamerbrief diff <OLD> <NEW> [--json | --note]`: what changed between two versions.

use super::Exit;
use super::report::print_diagnostics;
use kamerbrief::diff::{self, LoadError};

pub fn run(old: &str, new: &str, json: bool, note: bool) -> Exit {
    let d = match diff::diff_versions(old, new) {
        Ok(d) => d,
        Err(e) => {
            if let LoadError::Invalid { diagnostics, .. } = &e {
                print_diagnostics(diagnostics);
            }
            eprintln!("error: {e}");
            return Exit::Invalid;
        }
    };
    if json {
        println!("{}", d.to_json());
    } else if note {
        if d.is_empty() {
            eprintln!("{old} → {new}: no changes; no correction note");
        } else {
            print!("{}", diff::note::render(&d));
        }
    } else {
        print!("{}", diff::text::render(&d));
    }
    // Differences are the answer, not a failure: exit 0 whether or not anything changed.
    Exit::Ok
}
