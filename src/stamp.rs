//! Skipping an output that would come out the same: builds are reproducible, so a part whose
//! inputs (and the templates and tool that typeset them) are as at the last build, and whose
//! file on disk is still the one that build wrote, need not be exported or written again.
//!
//! The record is a small file beside the output, `.<name>.pdf.stamp`, holding the fingerprint
//! of the inputs and a hash of the bytes written.

use crate::render::InputFiles;
use crate::render::templates::TEMPLATES;
use chrono::NaiveDate;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

/// What decides a part's bytes: its input files (those under `prefix` in `inputs`), its title,
/// its date, the templates, the fonts and the tool's version (with what its PDF stage adds).
pub fn fingerprint(inputs: &InputFiles, prefix: &str, title: &str, date: NaiveDate) -> u64 {
    let mut h = DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    crate::pdf::STAGE.hash(&mut h);
    TEMPLATES.hash(&mut h);
    for directory in crate::fonts::directories() {
        directory.hash(&mut h);
    }
    for (path, bytes) in inputs.files.range(prefix.to_string()..) {
        if !path.starts_with(prefix) {
            break;
        }
        path.hash(&mut h);
        bytes.hash(&mut h);
    }
    title.hash(&mut h);
    // A bad SOURCE_DATE_EPOCH fails the build itself; here it only has to hash the same.
    crate::pdf::timestamp(date)
        .map(|t| t.timestamp())
        .ok()
        .hash(&mut h);
    h.finish()
}

fn bytes_hash(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

fn stamp_path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map_or_else(|| "out.pdf".into(), |n| n.to_string_lossy().into_owned());
    out.with_file_name(format!(".{name}.stamp"))
}

/// The bytes of `out` if it is the file the last build wrote from inputs with this
/// fingerprint (and so what this build would write); `None` otherwise.
pub fn unchanged(out: &Path, fingerprint: u64) -> Option<Vec<u8>> {
    let stamp = std::fs::read_to_string(stamp_path(out)).ok()?;
    let bytes = std::fs::read(out).ok()?;
    (stamp.trim() == format!("{fingerprint:016x} {:016x}", bytes_hash(&bytes))).then_some(bytes)
}

/// Records that `out` now holds `bytes`, made from inputs with this fingerprint. A stamp that
/// cannot be written only means the next build does the work again.
pub fn record(out: &Path, fingerprint: u64, bytes: &[u8]) {
    let _ = crate::output::write_atomic(
        &stamp_path(out),
        format!("{fingerprint:016x} {:016x}\n", bytes_hash(bytes)).as_bytes(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_holds_while_inputs_and_file_are_unchanged() {
        let dir = std::env::temp_dir().join(format!("kamerbrief-stamp-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let out = dir.join("po.pdf");
        let mut inputs = InputFiles::default();
        inputs.files.insert("parts/po/a.json".into(), b"1".to_vec());
        inputs.files.insert("parts/vo/a.json".into(), b"2".to_vec());
        let date = NaiveDate::from_ymd_opt(2019, 7, 10).unwrap();
        let fp = fingerprint(&inputs, "parts/po/", "Bijlage 2: po", date);
        assert_eq!(unchanged(&out, fp), None, "no file, no stamp");
        std::fs::write(&out, b"%PDF").unwrap();
        record(&out, fp, b"%PDF");
        assert_eq!(unchanged(&out, fp).as_deref(), Some(b"%PDF".as_slice()));
        // Another part's inputs do not count; its own, its title and its date do.
        inputs.files.insert("parts/vo/a.json".into(), b"3".to_vec());
        assert_eq!(fingerprint(&inputs, "parts/po/", "Bijlage 2: po", date), fp);
        inputs.files.insert("parts/po/a.json".into(), b"4".to_vec());
        assert_ne!(fingerprint(&inputs, "parts/po/", "Bijlage 2: po", date), fp);
        let next = date.succ_opt().unwrap();
        assert_ne!(
            fingerprint(&inputs, "parts/po/", "Bijlage 2: po", next),
            fingerprint(&inputs, "parts/po/", "Bijlage 2: po", date)
        );
        assert_ne!(
            fingerprint(&inputs, "parts/po/", "Bijlage 3: po", date),
            fingerprint(&inputs, "parts/po/", "Bijlage 2: po", date)
        );
        // A file changed on disk is rebuilt.
        std::fs::write(&out, b"%PDF edited").unwrap();
        assert_eq!(unchanged(&out, fp), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
