//! `kamerbrief export <EDITION> -o cijfers.csv [--dutch]`: every data point as one tidy CSV.

use super::Exit;
use super::report::{failure, print_diagnostics};
use kamerbrief::figures::{self, ExportError, Style};
use kamerbrief::pipeline::Failure;
use std::path::Path;

pub fn run(edition: &Path, output: &Path, dutch: bool) -> Exit {
    let style = if dutch { Style::Dutch } else { Style::Plain };
    match figures::export(edition, output, style) {
        Ok(done) => {
            print_diagnostics(&done.warnings);
            let to = if output == Path::new("-") {
                "standard output".into()
            } else {
                output.display().to_string()
            };
            eprintln!(
                "wrote {to} ({} rows, {} kB)",
                done.rows,
                done.bytes.div_ceil(1024)
            );
            Exit::Ok
        }
        Err(ExportError::Invalid(diags)) => failure(&Failure::Invalid(diags)),
        Err(e @ ExportError::NotDashboard { .. }) => {
            eprintln!("error: {e}");
            Exit::Invalid
        }
        Err(e @ ExportError::Write { .. }) => {
            eprintln!("error: {e}; nothing was written");
            Exit::Output
        }
    }
}
