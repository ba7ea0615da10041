//! `kamerbrief import`: a figures table (CSV, .xlsx, .ods) read, matched with a dashboard
//! edition, the changed figures written into copies of the YAML texts, the changed edition
//! loaded and checked, and compared with the current one ([`crate::diff`]) for the preview.
//! Applying writes the changed YAML files, all or none, each atomically.

use super::import::{Edit, match_rows};
use super::table::{Table, TableError};
use super::yaml_edit::{self, TextEdit};
use super::{Style, csv, period_as_written, sheet, value_as_written};
use crate::diag::{Diagnostic, Diagnostics};
use crate::diff::{self, Diff};
use crate::edition::{Document, Edition};
use crate::pipeline;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Why an import cannot be previewed or applied.
#[derive(Debug)]
pub enum ImportError {
    /// The edition has errors as it is.
    Invalid(Diagnostics),
    /// The edition is a letter or narrative annex.
    NotDashboard { dir: PathBuf, kind: &'static str },
    /// The table file cannot be read, or is of a kind import does not read.
    Read(String),
    /// Rows that cannot be used, each located; nothing is written.
    Rows(Vec<TableError>),
    /// The edition with the imported figures has errors (nothing is written).
    Result(Diagnostics),
    /// A YAML file could not be written; the files written before it were restored.
    Write(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Invalid(d) => write!(
                f,
                "the edition has {} error(s); fix them before importing",
                d.errors().count()
            ),
            ImportError::NotDashboard { dir, kind } => write!(
                f,
                "{} is {kind}; import is for dashboard editions (`kind: dashboard`), which have figures",
                dir.display()
            ),
            ImportError::Read(m) | ImportError::Write(m) => f.write_str(m),
            ImportError::Rows(e) => write!(
                f,
                "{} row(s) cannot be imported; nothing was written",
                e.len()
            ),
            ImportError::Result(d) => write!(
                f,
                "with the imported figures the edition has {} error(s); nothing was written",
                d.errors().count()
            ),
        }
    }
}

/// What an import would change.
#[derive(Debug)]
pub struct Plan {
    /// The figures that differ, in table order.
    pub edits: Vec<Edit>,
    /// Each changed YAML file with its current and its new text.
    pub files: Vec<ChangedFile>,
    /// The changes as `kamerbrief diff` reports them.
    pub diff: Diff,
    /// Warnings of the edition with the imported figures.
    pub warnings: Diagnostics,
}

#[derive(Debug, Clone)]
pub struct ChangedFile {
    pub path: PathBuf,
    pub old: String,
    pub new: String,
}

/// Reads `file`, matches it with the edition in `dir` and works out what would change.
pub fn plan(dir: &Path, file: &Path) -> Result<Plan, ImportError> {
    let (doc, _) = pipeline::check_document(dir).map_err(ImportError::Invalid)?;
    let edition = match doc {
        Document::Dashboard(e) => e,
        Document::Letter(_) => return Err(not_dashboard(dir, "a letter")),
        Document::Annex(_) => return Err(not_dashboard(dir, "a narrative annex")),
    };
    let table = read_table(file)?;
    let edits = match_rows(&edition, &table).map_err(ImportError::Rows)?;
    let files = changed_files(&edition, &edits)?;
    let (new, warnings) = if files.is_empty() {
        (edition.clone(), Diagnostics::new())
    } else {
        checked_copy(dir, &files)?
    };
    let mut diff = diff::compare(&edition, &new);
    diff.old = dir.display().to_string();
    diff.new = file.display().to_string();
    Ok(Plan {
        edits,
        files,
        diff,
        warnings,
    })
}

/// Writes the changed files of the plan: all or none (see [`write_all`]).
pub fn apply(plan: &Plan) -> Result<(), ImportError> {
    write_all(&plan.files)
}

/// Writes each file's new text atomically; when one fails, those already written get their
/// previous text back, so no import is half applied.
pub fn write_all(files: &[ChangedFile]) -> Result<(), ImportError> {
    for (i, f) in files.iter().enumerate() {
        if let Err(e) = crate::output::edit_atomic(&f.path, f.new.as_bytes()) {
            for done in &files[..i] {
                let _ = crate::output::edit_atomic(&done.path, done.old.as_bytes());
            }
            return Err(ImportError::Write(format!(
                "cannot write {}: {e}; no file was changed",
                f.path.display()
            )));
        }
    }
    Ok(())
}

/// The table in `file`, by its extension: .csv, .xlsx, .ods (also .xls, .xlsm, .xlsb).
pub fn read_table(file: &Path) -> Result<Table, ImportError> {
    let name = file.display().to_string();
    let bytes =
        std::fs::read(file).map_err(|e| ImportError::Read(format!("cannot read {name}: {e}")))?;
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let table = match ext.as_str() {
        "csv" | "txt" => csv::read_csv(&bytes, &name),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => sheet::read_sheet(&bytes, &name),
        _ => {
            return Err(ImportError::Read(format!(
                "{name}: import reads .csv, .xlsx and .ods files"
            )));
        }
    };
    table.map_err(|e| ImportError::Rows(vec![e]))
}

/// The new text of every YAML file an edit touches.
fn changed_files(edition: &Edition, edits: &[Edit]) -> Result<Vec<ChangedFile>, ImportError> {
    let mut per_file: BTreeMap<&Path, Vec<TextEdit>> = BTreeMap::new();
    let mut ordered: Vec<&Edit> = edits.iter().collect();
    // New periods beside one neighbour are inserted in time order.
    ordered.sort_by_key(|e| e.period);
    for e in ordered {
        let ind = edition
            .indicators()
            .find(|i| i.id == e.indicator)
            .expect("edits name indicators of the edition");
        let series = &ind.charts[e.chart].series[e.series];
        let value = value_as_written(e.new, Style::Plain);
        let edit = match e.old {
            Some(_) => {
                let p = series
                    .points
                    .iter()
                    .find(|p| p.period == e.period)
                    .expect("a changed point exists");
                TextEdit::Replace {
                    at: p.value_pos,
                    text: value,
                }
            }
            None => {
                // Beside the latest earlier period, else before the first.
                let earlier = series
                    .points
                    .iter()
                    .filter(|p| p.period < e.period)
                    .max_by_key(|p| p.period);
                let (anchor, before) = match earlier {
                    Some(p) => (p, false),
                    None => (
                        series
                            .points
                            .iter()
                            .min_by_key(|p| p.period)
                            .expect("a series has points"),
                        true,
                    ),
                };
                TextEdit::Insert {
                    anchor: anchor.pos,
                    anchor_value: anchor.value_pos,
                    before,
                    key: period_as_written(&e.period),
                    value,
                }
            }
        };
        per_file.entry(&ind.yaml_file).or_default().push(edit);
    }
    let mut out = Vec::new();
    for (path, edits) in per_file {
        let old = std::fs::read_to_string(path)
            .map_err(|e| ImportError::Read(format!("cannot read {}: {e}", path.display())))?;
        // The edits are in time order, which `apply` keeps for entries beside one anchor.
        let new = yaml_edit::apply(&old, &edits)
            .map_err(|m| ImportError::Read(format!("cannot edit {}: {m}", path.display())))?;
        out.push(ChangedFile {
            path: path.to_path_buf(),
            old,
            new,
        });
    }
    Ok(out)
}

static COPIES: AtomicUsize = AtomicUsize::new(0);

/// A temporary copy of an edition, removed when dropped.
struct Copy {
    root: PathBuf,
    edition: PathBuf,
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Loads and checks the edition as it would be with the new texts, from a temporary copy.
fn checked_copy(dir: &Path, files: &[ChangedFile]) -> Result<(Edition, Diagnostics), ImportError> {
    let root = std::env::temp_dir().join(format!(
        "kamerbrief-import-{}-{}",
        std::process::id(),
        COPIES.fetch_add(1, Ordering::Relaxed)
    ));
    let name = crate::edition::files::edition_name(dir);
    let copy = Copy {
        edition: root.join(&name),
        root,
    };
    let io = |e: std::io::Error| ImportError::Write(format!("cannot make a temporary copy: {e}"));
    copy_dir(dir, &copy.edition).map_err(io)?;
    for f in files {
        let rel = f.path.strip_prefix(dir).map_err(|_| {
            ImportError::Write(format!("{} is outside {}", f.path.display(), dir.display()))
        })?;
        std::fs::write(copy.edition.join(rel), &f.new).map_err(io)?;
    }
    let back = |d: Diagnostics| {
        let mut out = Diagnostics::new();
        for x in d.iter() {
            let file = match x.file.strip_prefix(&copy.edition) {
                Ok(rel) => dir.join(rel),
                Err(_) => x.file.clone(),
            };
            out.push(Diagnostic { file, ..x.clone() });
        }
        out
    };
    match pipeline::check_document(&copy.edition) {
        Ok((Document::Dashboard(mut e), warnings)) => {
            e.dir = dir.to_path_buf();
            Ok((e, back(warnings)))
        }
        Ok(_) => Err(not_dashboard(dir, "not a dashboard")),
        Err(d) => Err(ImportError::Result(back(d))),
    }
}

fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

fn not_dashboard(dir: &Path, kind: &'static str) -> ImportError {
    ImportError::NotDashboard {
        dir: dir.to_path_buf(),
        kind,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_every_file_as_it_was() {
        let dir = std::env::temp_dir().join(format!("kamerbrief-write-all-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let a = dir.join("a.yaml");
        std::fs::write(&a, "2015: 38\n").unwrap();
        // `blocked` is a file, so nothing can be written below it.
        std::fs::write(dir.join("blocked"), "").unwrap();
        let files = [
            ChangedFile {
                path: a.clone(),
                old: "2015: 38\n".into(),
                new: "2015: 55\n".into(),
            },
            ChangedFile {
                path: dir.join("blocked/b.yaml"),
                old: String::new(),
                new: "x".into(),
            },
        ];
        let e = write_all(&files).unwrap_err();
        assert!(e.to_string().contains("no file was changed"), "{e}");
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "2015: 38\n");
        write_all(&files[..1]).unwrap();
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "2015: 55\n");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
