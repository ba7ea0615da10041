//! `kamerbrief export <EDITION> -o cijfers.csv|cijfers.xlsx|cijfers.ods|- [--dutch]`: every data
//! point as one tidy table.

use super::Exit;
use super::report::{failure, print_diagnostics};
use kamerbrief::figures::{self, ExportError, Format, Style};
use kamerbrief::pipeline::Failure;
use std::path::Path;

pub fn run(edition: &Path, output: &Path, dutch: bool) -> Exit {
    let style = if dutch { Style::Dutch } else { Style::Plain };
    match figures::export(edition, output, Format::for_path(output, style)) {
        Ok(done) => {
            print_diagnostics(&done.warnings);
            let to = if output == Path::new("-") {
                "standard output".to_string()
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
