//! Reading an edition's files safely: paths stay inside the edition directory, sizes are
//! bounded, YAML is parsed with limits, and every failure becomes a located diagnostic.

use super::markdown::{self, Markdown};
use super::model::{Edition, NarrativeFile};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use serde::Deserialize;
use std::path::{Component, Path, PathBuf};

pub use super::yaml::{edit_distance, parse_yaml};

/// The file that marks an edition directory.
pub const EDITION_FILE: &str = "edition.yaml";

/// The directory name, e.g. `po-2017`: names the output file.
pub fn edition_name(dir: &Path) -> String {
    dir.canonicalize()
        .ok()
        .as_deref()
        .unwrap_or(dir)
        .file_name()
        .map_or_else(
            || "edition".to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
}

/// Larger files are refused before they are read: no edition file is anywhere near this.
pub const MAX_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// Resolves `rel` (as written in an edition file) inside `dir`, refusing absolute paths, `..`
/// and symlinks that lead out of the edition.
pub fn confined(dir: &Path, rel: &str, named_in: &Path, pos: Pos) -> Result<PathBuf, Diagnostic> {
    let rel_path = Path::new(rel);
    let escapes = rel_path.is_absolute()
        || rel_path
            .components()
            .any(|c| !matches!(c, Component::Normal(_) | Component::CurDir));
    if rel.is_empty() || escapes {
        return Err(Diagnostic::error(
            named_in,
            pos,
            format!("path `{rel}` must stay inside the edition directory"),
        )
        .with_hint(
            "name a file relative to the edition directory, without `..` or a leading `/`",
        ));
    }
    let path = dir.join(rel_path);
    if let (Ok(real), Ok(root)) = (path.canonicalize(), dir.canonicalize())
        && !real.starts_with(&root)
    {
        return Err(Diagnostic::error(
            named_in,
            pos,
            format!("`{rel}` is a link that leads outside the edition directory"),
        )
        .with_hint("copy the file into the edition instead of linking to it"));
    }
    Ok(path)
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Reads a UTF-8 text file of bounded size, without a leading byte-order mark.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
    if !meta.is_file() {
        return Err(Diagnostic::error(path, Pos::FILE, "is not a regular file"));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            path,
            Pos::FILE,
            format!(
                "file is {} bytes; edition files may be at most {MAX_FILE_BYTES} bytes",
                meta.len()
            ),
        )
        .with_hint("split the text, or check that this is the file you meant"));
    }
    let mut bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
    // A byte-order mark (older Windows editors write one) is not text.
    if bytes.starts_with(UTF8_BOM) {
        bytes.drain(..UTF8_BOM.len());
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let text = String::from_utf8_lossy(valid);
        let pos = crate::diag::LineIndex::new(&text).pos(text.len());
        Diagnostic::error(path, pos, "the file is not valid UTF-8 text")
            .with_hint("save the file as UTF-8")
    })
}

fn io_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    let hint = match e.kind() {
        std::io::ErrorKind::NotFound => "create the file, or correct the name that refers to it",
        std::io::ErrorKind::PermissionDenied => "make the file readable",
        _ => "check the file",
    };
    Diagnostic::error(path, Pos::FILE, format!("cannot read: {e}")).with_hint(hint)
}

/// Reads and parses a Markdown file named in `named_in`, keeping its text for later checks.
pub fn read_markdown(
    dir: &Path,
    rel: &str,
    named_in: &Path,
    pos: Pos,
    diags: &mut Diagnostics,
    texts: &mut Vec<NarrativeFile>,
) -> Option<(PathBuf, Markdown)> {
    let path = confined(dir, rel, named_in, pos)
        .map_err(|d| diags.push(d))
        .ok()?;
    if !path.is_file() {
        let what = match path.is_dir() {
            true => "is a directory, not a file",
            false => "does not exist",
        };
        diags.push(
            Diagnostic::error(named_in, pos, format!("file `{}` {what}", path.display()))
                .with_hint("create the file, or correct the name that refers to it"),
        );
        return None;
    }
    let text = read_text(&path).map_err(|d| diags.push(d)).ok()?;
    let md = markdown::parse(&text, &path, diags);
    texts.push(NarrativeFile {
        path: path.clone(),
        text,
        indicator: None,
    });
    Some((path, md))
}

/// The file of the toelichting (the edition's intro): the one Markdown file that is neither an
/// indicator's nor a goal's.
pub fn intro_file(edition: &Edition) -> Option<&NarrativeFile> {
    let goals = edition.dir.join("goals");
    edition
        .texts
        .iter()
        .find(|t| t.indicator.is_none() && t.path.parent() != Some(goals.as_path()))
}

/// The directory that holds an edition and the editions beside it (`content/`).
pub fn content_dir(dir: &Path) -> PathBuf {
    dir.canonicalize()
        .ok()
        .and_then(|d| d.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| dir.join(".."))
}

/// The ids of a dashboard edition's indicators in the order of its edition.yaml, which is their
/// numbering (a second listing is left out, as the loader leaves it out).
pub fn indicator_order(dir: &Path) -> Result<Vec<String>, String> {
    #[derive(Deserialize)]
    struct Probe {
        kind: Option<String>,
        #[serde(default)]
        goals: Vec<GoalProbe>,
    }
    #[derive(Deserialize)]
    struct GoalProbe {
        #[serde(default)]
        indicators: Vec<String>,
    }
    let file = dir.join(EDITION_FILE);
    let text = read_text(&file).map_err(|d| d.message)?;
    let probe: Probe = parse_yaml(&text, &file).map_err(|d| d.message)?;
    if probe.kind.as_deref() != Some("dashboard") {
        return Err("it is not a dashboard annex".into());
    }
    let mut out: Vec<String> = Vec::new();
    for id in probe.goals.into_iter().flat_map(|g| g.indicators) {
        if !out.contains(&id) {
            out.push(id);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_that_leave_the_edition() {
        let dir = Path::new("/tmp");
        let f = Path::new("edition.yaml");
        for bad in ["../x.md", "/etc/passwd", "a/../../b", ""] {
            assert!(confined(dir, bad, f, Pos::FILE).is_err(), "{bad}");
        }
        assert_eq!(
            confined(dir, "a/b.md", f, Pos::FILE).unwrap(),
            Path::new("/tmp/a/b.md")
        );
    }
}
