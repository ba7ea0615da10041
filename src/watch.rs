//! What `kamerbrief watch` reacts to: file events, filtered and gathered into one change per save.
//! The command itself (building and printing) is in the binary.

use notify::{Event, EventKind};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::Duration;

/// Editors save in bursts (write a temporary file, rename it, touch metadata): wait this long
/// after the last event before rebuilding, so one save gives one build.
pub const QUIET: Duration = Duration::from_millis(40);

/// Waits for a relevant change, then for the burst it belongs to to end. Returns the paths the
/// burst touched that still exist (an editor's temporary file renamed over the real one is not
/// news), or the watcher's error (events may have been lost: rebuild all the same); `None` when
/// the watcher is gone.
pub fn next_change(
    rx: &Receiver<notify::Result<Event>>,
    ignored: &Ignored,
) -> Option<notify::Result<Vec<PathBuf>>> {
    let mut touched: Vec<PathBuf> = Vec::new();
    let note = |touched: &mut Vec<PathBuf>, event: Event| {
        for path in relevant(&event, ignored) {
            if !touched.contains(&path) {
                touched.push(path);
            }
        }
    };
    while touched.is_empty() {
        match rx.recv().ok()? {
            Ok(event) => note(&mut touched, event),
            Err(e) => return Some(Err(e)),
        }
    }
    loop {
        match rx.recv_timeout(QUIET) {
            Ok(Ok(event)) => note(&mut touched, event),
            Ok(Err(e)) => return Some(Err(e)),
            Err(RecvTimeoutError::Timeout) => break,
            Err(RecvTimeoutError::Disconnected) => return None,
        }
    }
    let existing: Vec<PathBuf> = touched.iter().filter(|p| p.exists()).cloned().collect();
    Some(Ok(if existing.is_empty() {
        touched
    } else {
        existing
    }))
}

/// The output and its temporary files, when they lie inside the watched edition.
pub struct Ignored {
    out_name: String,
    out_dir: Option<PathBuf>,
}

impl Ignored {
    pub fn new(out: &Path) -> Self {
        Ignored {
            out_name: out
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            out_dir: out.parent().and_then(absolute),
        }
    }

    pub fn covers(&self, path: &Path) -> bool {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let ours = name == self.out_name || name.starts_with(&format!(".{}.", self.out_name));
        ours && path.parent().and_then(absolute) == self.out_dir
    }
}

fn absolute(p: &Path) -> Option<PathBuf> {
    let p = if p.as_os_str().is_empty() {
        Path::new(".")
    } else {
        p
    };
    std::path::absolute(p).ok()
}

/// The paths an event is about that can change the document: content, creation, removal or
/// rename of a file that is not the output, an editor's swap file or a backup.
pub fn relevant(event: &Event, ignored: &Ignored) -> Vec<PathBuf> {
    match event.kind {
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) | EventKind::Any => {}
        EventKind::Access(_) | EventKind::Other => return Vec::new(),
    }
    event
        .paths
        .iter()
        .filter(|p| !ignored.covers(p) && !is_scratch(p))
        .cloned()
        .collect()
}

/// Files editors write beside the real one: `.name.swp`, `name~`, `#name#`, vim's `4913`.
pub fn is_scratch(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy()) else {
        return true;
    };
    name.starts_with('.')
        || name.ends_with('~')
        || name.starts_with('#')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_files_are_ignored_and_edition_files_are_not() {
        for name in [
            ".leesplan.yaml.swp",
            "leesplan.yaml~",
            "#toelichting.md#",
            "4913",
        ] {
            assert!(is_scratch(Path::new(name)), "{name}");
        }
        for name in ["leesplan.yaml", "toelichting.md", "edition.yaml"] {
            assert!(!is_scratch(Path::new(name)), "{name}");
        }
    }

    fn event(kind: EventKind, path: &Path) -> notify::Result<Event> {
        Ok(Event::new(kind).add_path(path.to_path_buf()))
    }

    #[test]
    fn one_save_is_one_change_naming_the_file_that_remains() {
        use notify::event::{CreateKind, ModifyKind, RenameMode};
        let dir = std::env::temp_dir().join(format!("kamerbrief-watch-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let real = dir.join("leesplan.yaml");
        std::fs::write(&real, "number: 1\n").unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        // sed -i: a temporary file is written, then renamed over the real one.
        let temp = dir.join("sedT8o20T");
        tx.send(event(EventKind::Create(CreateKind::File), &temp))
            .unwrap();
        tx.send(event(
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
            &temp,
        ))
        .unwrap();
        tx.send(event(
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            &real,
        ))
        .unwrap();
        let ignored = Ignored::new(&dir.join("out.pdf"));
        let change = next_change(&rx, &ignored).unwrap().unwrap();
        assert_eq!(change, vec![real.clone()]);
        // Reading a file, or writing the output, is no change; a closed watcher ends the loop.
        tx.send(event(
            EventKind::Access(notify::event::AccessKind::Any),
            &real,
        ))
        .unwrap();
        tx.send(event(
            EventKind::Create(CreateKind::File),
            &dir.join("out.pdf"),
        ))
        .unwrap();
        drop(tx);
        assert!(next_change(&rx, &ignored).is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_output_and_its_temporary_files_are_ignored() {
        let ignored = Ignored::new(Path::new("ed/out/x.pdf"));
        assert!(ignored.covers(Path::new("ed/out/x.pdf")));
        assert!(ignored.covers(Path::new("ed/out/.x.pdf.1234.tmp")));
        assert!(!ignored.covers(Path::new("ed/x.pdf")));
        assert!(!ignored.covers(Path::new("ed/out/y.pdf")));
    }
}
