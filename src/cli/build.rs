//! `kamerbrief build [EDITION] [-o FILE]`: one edition, or every edition under content/.

use super::Exit;
use super::report::{failure, print_diagnostics};
use kamerbrief::edition::load::EDITION_FILE;
use kamerbrief::pipeline;
use kamerbrief::render::Typesetter;
use std::path::{Path, PathBuf};
use std::time::Instant;

const CONTENT_DIR: &str = "content";
const OUT_DIR: &str = "out";

pub fn run(edition: Option<PathBuf>, output: Option<PathBuf>, deny_warnings: bool) -> Exit {
    let typesetter = Typesetter::new();
    match edition {
        Some(dir) => {
            let out = output.unwrap_or_else(|| default_output(&dir));
            build_one(&dir, &out, &typesetter, deny_warnings)
        }
        None => build_all(&typesetter, deny_warnings),
    }
}

fn default_output(dir: &Path) -> PathBuf {
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "edition".into());
    Path::new(OUT_DIR).join(format!("{name}.pdf"))
}

fn build_one(dir: &Path, out: &Path, typesetter: &Typesetter, deny_warnings: bool) -> Exit {
    let started = Instant::now();
    match pipeline::build(dir, out, typesetter, deny_warnings) {
        Ok(built) => {
            print_diagnostics(&built.warnings);
            eprintln!(
                "wrote {} ({} pages, {} kB) in {} ms",
                out.display(),
                built.pages,
                built.bytes / 1024,
                started.elapsed().as_millis()
            );
            Exit::Ok
        }
        Err(f) => {
            eprintln!(
                "{}: not built; {} is unchanged",
                dir.display(),
                out.display()
            );
            failure(&f)
        }
    }
}

/// Every directory under content/ with an edition.yaml, in name order.
fn editions() -> std::io::Result<Vec<PathBuf>> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(CONTENT_DIR)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join(EDITION_FILE).is_file())
        .collect();
    dirs.sort();
    Ok(dirs)
}

fn build_all(typesetter: &Typesetter, deny_warnings: bool) -> Exit {
    let dirs = match editions() {
        Ok(d) if !d.is_empty() => d,
        Ok(_) => {
            eprintln!(
                "error: no editions found under {CONTENT_DIR}/ (directories with an {EDITION_FILE})"
            );
            return Exit::Invalid;
        }
        Err(e) => {
            eprintln!("error: cannot read {CONTENT_DIR}/: {e}");
            eprintln!(
                "  = help: run from the repository root, or name an edition: kamerbrief build <EDITION_DIR>"
            );
            return Exit::Invalid;
        }
    };
    // Build all, then report the worst outcome: one broken edition does not stop the others.
    dirs.iter()
        .map(|dir| build_one(dir, &default_output(dir), typesetter, deny_warnings))
        .max_by_key(|e| *e as u8)
        .unwrap_or(Exit::Ok)
}
