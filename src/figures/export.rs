//! `kamerbrief export`: the figures of a checked dashboard edition written as CSV, .xlsx or
//! .ods (chosen by the output's extension), atomically; `-` writes CSV to standard output.

use super::{Style, csv, rows, sheet};
use crate::diag::Diagnostics;
use crate::edition::Document;
use crate::pipeline;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv(Style),
    /// An accessible Excel workbook: a cover sheet and a sheet of figures.
    Xlsx,
    /// The same as an OpenDocument spreadsheet.
    Ods,
}

impl Format {
    /// The format for an output path: `.xlsx`, `.ods`, else CSV in `style`.
    pub fn for_path(path: &Path, style: Style) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("xlsx") => Format::Xlsx,
            Some("ods") => Format::Ods,
            _ => Format::Csv(style),
        }
    }
}

/// Why nothing was exported.
#[derive(Debug)]
pub enum ExportError {
    /// The edition has errors.
    Invalid(Diagnostics),
    /// The edition is a letter or narrative annex: it has no figures.
    NotDashboard { dir: PathBuf, kind: &'static str },
    /// The file could not be made or written.
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

impl std::fmt::Display for ExportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ExportError::Invalid(d) => write!(f, "the edition has {} error(s)", d.errors().count()),
            ExportError::NotDashboard { dir, kind } => write!(
                f,
                "{} is {kind}; export is for dashboard editions (`kind: dashboard`), which have figures",
                dir.display()
            ),
            ExportError::Write { path, error } => {
                write!(f, "cannot write {}: {error}", path.display())
            }
        }
    }
}

/// What an export wrote.
#[derive(Debug)]
pub struct Exported {
    pub rows: usize,
    pub bytes: usize,
    /// Warnings of the edition (it was valid).
    pub warnings: Diagnostics,
}

/// Loads and checks the edition in `dir` and writes its figures to `out` in `format`: a file
/// is written atomically (a failed export leaves a previous file untouched); `-` is standard
/// output.
pub fn export(dir: &Path, out: &Path, format: Format) -> Result<Exported, ExportError> {
    let (doc, warnings) = pipeline::check_document(dir).map_err(ExportError::Invalid)?;
    let edition = match doc {
        Document::Dashboard(e) => e,
        Document::Letter(_) => return Err(not_dashboard(dir, "a letter")),
        Document::Annex(_) => return Err(not_dashboard(dir, "a narrative annex")),
    };
    let rows = rows(&edition);
    let write_error = |error| ExportError::Write {
        path: out.to_path_buf(),
        error,
    };
    let bytes = match format {
        Format::Csv(style) => csv::to_csv(&rows, style),
        Format::Xlsx => sheet::to_xlsx(&edition, &rows).map_err(write_error)?,
        Format::Ods => sheet::to_ods(&edition, &rows).map_err(write_error)?,
    };
    if out == Path::new("-") {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(&bytes)
            .and_then(|()| stdout.flush())
            .map_err(write_error)?;
    } else {
        crate::output::write_atomic(out, &bytes).map_err(write_error)?;
    }
    Ok(Exported {
        rows: rows.len(),
        bytes: bytes.len(),
        warnings,
    })
}

fn not_dashboard(dir: &Path, kind: &'static str) -> ExportError {
    ExportError::NotDashboard {
        dir: dir.to_path_buf(),
        kind,
    }
}
