//! Helpers for the integration tests: run the real binary, read PDFs with poppler's tools.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
pub mod model;
pub mod qpdf;
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn kamerbrief(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kamerbrief"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run kamerbrief")
}

/// Copies a directory tree (an edition) to `to`.
/// The example editions under content/: the two dashboards, the narrative annex and the letter.
pub const EXAMPLES: [&str; 4] = ["po-2017", "vo-2016", "bijlage-2019", "brief-2019"];

/// Copies the example editions to `dir/content/`, a project of their own.
pub fn copy_examples(dir: &Path) {
    for name in EXAMPLES {
        copy_dir(
            &root().join("content").join(name),
            &dir.join("content").join(name),
        );
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A scratch copy of the fixture letter with its annexes, as content beside each other.
#[allow(dead_code)] // for the tests of a letter with its annexes
pub fn fixture_letter(name: &str) -> PathBuf {
    let dir = scratch(name);
    for ed in ["brief", "bijlage", "mini"] {
        copy_dir(&root().join("tests/fixtures").join(ed), &dir.join(ed));
    }
    dir
}

/// Every file under `dir` (at any depth), sorted.
#[allow(dead_code)] // not every test binary walks directories
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Saves as editors do: a temporary file beside the target, renamed over it, so a watcher never
/// sees a half-written file however slow the machine is.
#[allow(dead_code)] // for the tests that edit an edition
pub fn edit(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{from:?} not in {}", file.display());
    let tmp = file.with_file_name(".edit.tmp");
    std::fs::write(&tmp, text.replacen(from, to, 1)).unwrap();
    std::fs::rename(&tmp, file).unwrap();
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh scratch directory under target/, removed and recreated per test name.
pub fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target").join("test-scratch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Builds `edition` (relative to the repository root) into `out`, asserting success.
pub fn build(edition: &str, out: &Path) -> Output {
    let o = kamerbrief(&["build", edition, "-o", out.to_str().unwrap()], &root());
    assert!(
        o.status.success(),
        "build {edition} failed:\n{}",
        stderr(&o)
    );
    o
}

pub fn tool(name: &str, args: &[&str]) -> String {
    let o = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed by the tests (apt-get install poppler-utils qpdf): {e}")
    });
    assert!(
        o.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The PDF's text with whitespace collapsed and end-of-line hyphenation undone where the
/// template hyphenated ("verbeterpro- gramma" → "verbeterprogramma").
pub fn pdf_text(pdf: &Path) -> String {
    let raw = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    normalize(&raw)
}

pub fn normalize(s: &str) -> String {
    // Typst marks its own hyphenation with a soft hyphen: those breaks join without a trace.
    let joined = s
        .replace("\u{ad}\n", "")
        .replace("-\n", "\u{0}")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    // A hyphen at a line end may be a real one ("ICT-\nvaardigheden"): keep both readings by
    // dropping the break marker; callers compare with `contains_loose`.
    joined.replace('\u{0}', "-\u{1}")
}

/// Does `text` contain `needle`, allowing a line-end hyphen inside it?
pub fn contains_loose(text: &str, needle: &str) -> bool {
    find_loose(text, needle, 0).is_some()
}

/// Position of `needle` in `text` at or after `from`, ignoring whitespace differences and
/// line-end hyphens added by hyphenation.
pub fn find_loose(text: &str, needle: &str, from: usize) -> Option<usize> {
    let squash = |s: &str| -> (String, Vec<usize>) {
        let mut out = String::new();
        let mut map = Vec::new();
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '-' && chars.peek().map(|&(_, n)| n) == Some('\u{1}') {
                chars.next();
                continue;
            }
            if c.is_whitespace() || c == '\u{1}' {
                continue;
            }
            out.push(c);
            map.push(i);
        }
        (out, map)
    };
    let (hay, map) = squash(&text[from..]);
    let (pin, _) = squash(needle);
    let byte = hay.find(&pin)?;
    let char_index = hay[..byte].chars().count();
    Some(from + map[char_index])
}

pub fn page_count(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo prints Pages:")
}
