//! Printing diagnostics and failures to stderr, with paths relative to the working directory.

use super::Exit;
use kamerbrief::diag::{Diagnostic, Diagnostics, display_path};
use kamerbrief::pipeline::Failure;

pub fn print_diagnostics(diags: &Diagnostics) {
    for d in diags.iter() {
        let shown = Diagnostic {
            file: display_path(&d.file),
            ..d.clone()
        };
        eprintln!("{shown}");
    }
    let (e, w, n) = (
        diags.errors().count(),
        diags.warnings().count(),
        diags.notes().count(),
    );
    if e + w + n > 0 {
        let notes = if n > 0 {
            format!(", {n} {}", if n == 1 { "note" } else { "notes" })
        } else {
            String::new()
        };
        eprintln!("{}{notes}", summary(e, w));
    }
}

fn summary(errors: usize, warnings: usize) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    format!(
        "{}, {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    )
}

/// Prints a failure and returns its exit code.
pub fn failure(f: &Failure) -> Exit {
    match f {
        Failure::Invalid(diags) => {
            print_diagnostics(diags);
            Exit::Invalid
        }
        Failure::Typeset(problems) => {
            for p in problems {
                eprintln!("error: typesetting failed: {p}");
            }
            eprintln!("This is a problem in the templates, not in the edition; please report it.");
            Exit::Internal
        }
        Failure::Output(msg) => {
            eprintln!("error: {msg}");
            Exit::Output
        }
    }
}
