//! Writing output files: atomically, so a failed or interrupted run never leaves a half-written
//! or broken file in place of a good one, and only where an output may go: never over an
//! edition's own files, a directory, a device or anything else that is not a regular file.

use crate::edition::files::EDITION_FILE;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Why an output path is refused: a sentence for the user, with what to do instead.
pub fn refusal(target: &Path) -> Option<String> {
    match std::fs::symlink_metadata(target) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Some(format!(
                "{} is a symbolic link; kamerbrief replaces only regular files (name the file the link points to, or another file)",
                target.display()
            ));
        }
        Ok(meta) if meta.is_dir() => {
            return Some(format!(
                "{} is a directory; name a file, e.g. {}",
                target.display(),
                target.join("uit.pdf").display()
            ));
        }
        Ok(meta) if !meta.is_file() => {
            return Some(format!(
                "{} is not a regular file (a device, pipe or socket); kamerbrief writes only regular files",
                target.display()
            ));
        }
        _ => {}
    }
    if let Some(edition) = edition_holding(target) {
        return Some(format!(
            "{} lies inside the edition directory {}: an output there could overwrite the edition's own files; write it elsewhere, e.g. under out/",
            target.display(),
            edition.display()
        ));
    }
    None
}

/// Why a directory cannot take written files (`build --emit-typst DIR`): a link, a file, or a
/// place inside an edition directory.
pub fn directory_refusal(dir: &Path) -> Option<String> {
    match std::fs::symlink_metadata(dir) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Some(format!(
                "{} is a symbolic link; name a directory of its own",
                dir.display()
            ));
        }
        Ok(meta) if !meta.is_dir() => {
            return Some(format!(
                "{} is not a directory; name a directory",
                dir.display()
            ));
        }
        _ => {}
    }
    edition_holding(&dir.join("x")).map(|edition| {
        format!(
            "{} lies inside the edition directory {}: files written there could overwrite the edition's own; write them elsewhere, e.g. under out/",
            dir.display(),
            edition.display()
        )
    })
}

/// The edition directory (one holding an edition.yaml) that `target` would be written into, at
/// any depth. Every file an edition reads lies inside its directory, so an output outside every
/// edition directory can never overwrite an input.
fn edition_holding(target: &Path) -> Option<PathBuf> {
    let parent = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // The nearest directory that exists: the output's own directories may not yet.
    let existing = parent.ancestors().find(|a| a.is_dir())?;
    let real = existing.canonicalize().ok()?;
    real.ancestors()
        .find(|dir| dir.join(EDITION_FILE).is_file())
        .map(Path::to_path_buf)
}

static TEMP_COUNTER: AtomicUsize = AtomicUsize::new(0);

/// Bytes of the target's name kept in the temporary file's name: with the prefix and suffix it
/// stays far below the 255-byte limit of a file name, however long the target's name is.
const TEMP_NAME_BYTES: usize = 64;

fn temp_path(dir: &Path, target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let mut cut = name.len().min(TEMP_NAME_BYTES);
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(".{}.{}-{n}.tmp", &name[..cut], std::process::id()))
}

/// Writes `bytes` to `target` through a temporary file in the same directory, renamed into place
/// only when complete: a failed or interrupted build never leaves a half-written or broken file.
/// A target that `refusal` names is not touched.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace_atomic(target, bytes, refusal)
}

/// Rewrites a file of an edition in place (`import --apply`), atomically as `write_atomic` does:
/// the one writer allowed inside an edition, and still only over a regular file.
pub fn edit_atomic(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    replace_atomic(target, bytes, |t| match std::fs::symlink_metadata(t) {
        Ok(meta) if meta.is_file() => None,
        _ => Some(format!(
            "{} is not a regular file of the edition; nothing was changed",
            t.display()
        )),
    })
}

fn replace_atomic(
    target: &Path,
    bytes: &[u8],
    refusal: impl Fn(&Path) -> Option<String>,
) -> std::io::Result<()> {
    if let Some(why) = refusal(target) {
        return Err(std::io::Error::other(why));
    }
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let tmp = temp_path(&dir, target);
    let result = (|| {
        // `create_new`: never follow or reuse something already at the temporary name.
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        // Checked again just before the rename: something may have appeared meanwhile.
        if let Some(why) = refusal(target) {
            return Err(std::io::Error::other(why));
        }
        std::fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("kamerbrief-output-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn devices_directories_and_edition_files_are_refused() {
        let dir = scratch("refuse");
        assert!(
            refusal(Path::new("/dev/null"))
                .unwrap()
                .contains("not a regular file")
        );
        assert!(refusal(&dir).unwrap().contains("is a directory"));
        let edition = dir.join("po");
        std::fs::create_dir_all(edition.join("indicators")).unwrap();
        std::fs::write(edition.join("edition.yaml"), "kind: dashboard\n").unwrap();
        for inside in ["edition.yaml", "indicators/a.yaml", "nieuw/x.pdf"] {
            let why = refusal(&edition.join(inside)).expect(inside);
            assert!(why.contains("inside the edition directory"), "{why}");
        }
        let err = write_atomic(&edition.join("edition.yaml"), b"%PDF").unwrap_err();
        assert!(err.to_string().contains("inside the edition"));
        assert_eq!(
            std::fs::read_to_string(edition.join("edition.yaml")).unwrap(),
            "kind: dashboard\n"
        );
        assert_eq!(refusal(&dir.join("out/po.pdf")), None);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_long_name_is_written_and_no_temporary_file_stays() {
        let dir = scratch("long");
        let name = format!("{}.pdf", "é".repeat(120)); // 244 bytes, under NAME_MAX
        let target = dir.join(&name);
        write_atomic(&target, b"een").unwrap();
        write_atomic(&target, b"twee").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"twee");
        let left: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert_eq!(left.len(), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
