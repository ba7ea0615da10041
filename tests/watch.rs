//! `kamerbrief watch`: a save rebuilds the PDF, a broken save keeps the last good one, and the
//! fix after it rebuilds again. The test follows the command's own progress lines rather than
//! sleeping, so it waits only as long as the builds take (with a generous upper bound).

mod common;

use common::*;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

/// Upper bound for one build to be reported; a build takes well under a second.
const PATIENCE: Duration = Duration::from_secs(60);

/// The watch process, killed when the test ends, however it ends.
struct Watching {
    child: Child,
    lines: Receiver<String>,
    seen: Vec<String>,
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watching {
    fn start(edition: &Path, out: &Path, cwd: &Path) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kamerbrief"))
            .args(["watch", edition.to_str().unwrap(), "-o"])
            .arg(out)
            .current_dir(cwd)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start kamerbrief watch");
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watching {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits for a line that starts with `prefix`; panics with everything seen after PATIENCE.
    fn expect(&mut self, prefix: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.starts_with(prefix) {
                        return line;
                    }
                }
                Err(_) => panic!(
                    "no line starting with {prefix:?}; watch printed:\n{}",
                    self.seen.join("\n")
                ),
            }
        }
    }
}

#[test]
fn watch_rebuilds_on_save_and_keeps_the_last_good_pdf() {
    let dir = scratch("watch");
    let ed = dir.join("mini");
    copy_dir(&root().join("tests/fixtures/mini"), &ed);
    let pdf = dir.join("out/mini.pdf");
    let mut watch = Watching::start(&ed, &pdf, &dir);

    watch.expect("[1] wrote");
    watch.expect("watching");
    let text = pdf_text(&pdf);
    assert!(text.contains("naar 44 procent in 2016/2017"), "{text}");

    // A corrected figure: the bound number in the narrative follows it.
    let yaml = ed.join("indicators/leesplan.yaml");
    edit(&yaml, "2016/2017: 44", "2016/2017: 47");
    let second = watch.expect("[2] wrote");
    assert!(
        second.contains(" ms "),
        "the build time is printed: {second}"
    );
    let text = pdf_text(&pdf);
    assert!(text.contains("naar 47 procent in 2016/2017"), "{text}");
    assert!(!text.contains("naar 44 procent in"), "{text}");
    let good = std::fs::read(&pdf).unwrap();

    // A broken save: located error, and the last good PDF stays byte for byte.
    edit(&yaml, "2016/2017: 47", "2016/2017: zevenenveertig");
    watch.expect("[3] not built");
    assert!(
        watch
            .seen
            .iter()
            .any(|l| l.contains("leesplan.yaml:") && l.contains("error:")),
        "the error is located: {:?}",
        watch.seen
    );
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        good,
        "the last good PDF is kept"
    );

    // The fix rebuilds, reusing the same typesetter.
    edit(&yaml, "2016/2017: zevenenveertig", "2016/2017: 45");
    watch.expect("[4] wrote");
    assert!(pdf_text(&pdf).contains("naar 45 procent in 2016/2017"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "no temporary files: {leftovers:?}");
}

#[test]
fn watch_on_a_letter_rebuilds_when_an_annex_changes() {
    let dir = fixture_letter("watch-letter");
    let mut watch = Watching::start(Path::new("brief"), Path::new("out/brief.pdf"), &dir);
    watch.expect("[1] letter and annexes built");
    watch.expect("watching brief and its annexes");
    edit(
        &dir.join("mini/indicators/leesplan.yaml"),
        "2016/2017: 44",
        "2016/2017: 47",
    );
    watch.expect("[2] changed:");
    watch.expect("[2] letter and annexes built");
    assert!(pdf_text(&dir.join("out/mini.pdf")).contains("47 procent"));
}
