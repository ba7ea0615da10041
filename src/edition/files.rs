//! Reading an edition's files safely: paths stay inside the edition directory, sizes are
//! bounded, YAML is parsed with limits, and every failure becomes a located diagnostic.

use crate::diag::{Diagnostic, Pos};
use serde::de::DeserializeOwned;
use std::path::{Component, Path, PathBuf};

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
    if let (Ok(real), Ok(root)) = (path.canonicalize(), dir.canonicalize()) {
        if !real.starts_with(&root) {
            return Err(Diagnostic::error(
                named_in,
                pos,
                format!("`{rel}` is a link that leads outside the edition directory"),
            )
            .with_hint("copy the file into the edition instead of linking to it"));
        }
    }
    Ok(path)
}

/// Reads a UTF-8 text file of bounded size.
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
    let bytes = std::fs::read(path).map_err(|e| io_error(path, &e))?;
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

/// Parses YAML into `T` with serde-saphyr's limits (depth, aliases, size) in force.
pub fn parse_yaml<T: DeserializeOwned>(text: &str, file: &Path) -> Result<T, Diagnostic> {
    serde_saphyr::from_str::<T>(text).map_err(|e| yaml_error(&e, file))
}

fn yaml_error(e: &serde_saphyr::Error, file: &Path) -> Diagnostic {
    let pos = e
        .location()
        .filter(|l| l.line() > 0)
        .map(|l| Pos::new(l.line() as u32, l.column() as u32))
        .unwrap_or(Pos::FILE);
    let raw = e.without_snippet().to_string();
    let message = clean_yaml_message(&raw);
    let hint = yaml_hint(&message);
    let d = Diagnostic::error(file, pos, message);
    match hint {
        Some(h) => d.with_hint(h),
        None => d,
    }
}

/// serde-saphyr prefixes messages with their location; we print our own.
fn clean_yaml_message(raw: &str) -> String {
    let first = raw.lines().next().unwrap_or(raw).trim();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let first = match first.find(": ") {
        Some(i) if first[..i].starts_with("line ") => &first[i + 2..],
        _ => first,
    };
    match first.rfind(" at line ") {
        Some(i) => first[..i].to_string(),
        None => first.to_string(),
    }
}

fn yaml_hint(message: &str) -> Option<String> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or("");
        let expected = message
            .split("expected ")
            .nth(1)
            .unwrap_or("")
            .trim_end_matches('.');
        let expected = expected.strip_prefix("one of ").unwrap_or(expected);
        let suggestion = closest(field, expected.split(", ").map(|k| k.trim_matches('`')));
        return Some(match suggestion {
            Some(k) => format!("did you mean `{k}`? The keys here are: {expected}"),
            None => format!("`{field}` is not a key here; the keys are: {expected}"),
        });
    }
    if message.starts_with("missing field") {
        return Some("add the key; see docs/edition-format.md".into());
    }
    if message.contains("invalid type")
        || message.contains("invalid floating")
        || message.contains("invalid value")
    {
        return Some(
            "write the value in the form the key expects; see docs/edition-format.md".into(),
        );
    }
    if message.contains("budget") || message.contains("depth") || message.contains("alias") {
        return Some("simplify the file: deep nesting and repeated aliases are refused".into());
    }
    None
}

/// The candidate within two edits of `word`, if any: catches `souces` for `sources`.
fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, c)| c)
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
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
