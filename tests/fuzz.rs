//! Fuzzing the contract of `check` and `build`: random small edits to copies of the example
//! editions — YAML values and types, Markdown constructs, nesting, unicode and control
//! characters, truncation, duplication — and for each edited edition:
//!
//! - `check` exits 0 exactly when `build` writes a PDF (and a PDF is written then);
//! - neither panics, nor takes more than 10 seconds, nor exits with another code than 0 or 1;
//! - every error and warning names a file.
//!
//! The RNG is proptest's ChaCha, seeded, so a run is repeatable. In CI a fixed seed and a
//! bounded number of cases run; for long local runs:
//!
//! ```sh
//! KAMERBRIEF_FUZZ_CASES=5000 KAMERBRIEF_FUZZ_SEED=$RANDOM cargo test --release --test fuzz -- --nocapture
//! ```
//!
//! A failing case is kept under `target/test-scratch/fuzz/failures/` with the mutations applied;
//! minimise it into a case of `tests/bad/` (see tests/bad/README.md).

mod common;

use common::*;
use proptest::prelude::Rng;
use proptest::test_runner::{RngAlgorithm, TestRng};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Cases in the CI run: under a minute on a loaded two-core machine.
const DEFAULT_CASES: u64 = 200;
const DEFAULT_SEED: u64 = 15;
const LIMIT: Duration = Duration::from_secs(10);

/// The editions mutated: the small fixtures (a dashboard annex, a letter with its annexes, a
/// narrative annex) and the real editions of `content/`, side by side as in `content/`.
const FIXTURES: [&str; 3] = ["mini", "bijlage", "brief"];
const CONTENT: [&str; 4] = ["po-2017", "vo-2016", "brief-2019", "bijlage-2019"];

/// The annexes of each letter, which a letter's check and build read too.
fn annexes(letter: &str) -> &'static [&'static str] {
    match letter {
        "brief" => &["mini", "bijlage"],
        "brief-2019" => &["bijlage-2019", "po-2017", "vo-2016"],
        _ => &[],
    }
}

/// Text that writers paste or type, and that has broken a build before.
const NASTY: &[&str] = &[
    "≥",
    "→",
    "✓",
    "€",
    "‰",
    "😀",
    "漢",
    "\u{7}",
    "\u{0}",
    "\u{1e}",
    "\u{12}",
    "\u{feff}",
    "\u{200b}",
    "\u{fe0f}",
    "\u{2028}",
    "{waarde}",
    "{waarde 2015}",
    "{geen}",
    "{{",
    "}",
    "{",
    "\\{",
    "[^x]",
    "\n[^x]: noot\n",
    "[zie]()",
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:x)",
    "[x](&#106;avascript:x)",
    "[x](data:text/html,x)",
    "[x](https://www.rijksoverheid.nl)",
    "<!-- TODO -->",
    "<!--",
    "-->",
    "> ",
    "\n> #### Kop\n",
    "- ",
    "1. ",
    "#### ",
    "### ",
    "# ",
    "\n\n",
    "*",
    "**",
    "_",
    "`",
    "\\",
    "|",
    "\n```\n",
    "![beeld](x.png)",
    "<b>",
    "&#0;",
    "&#x1F600;",
    "&#7;",
    "\t",
    "\r",
    "...",
    "--",
    "\"",
    "'",
    ": ",
    ": x: y",
    "#",
    "&",
    "*anker",
    "&anker x",
    ".inf",
    "-.inf",
    ".nan",
    "1e308",
    "-1",
    "~",
    "[]",
    "{}",
    "999999999999999999999",
    "0.0000001",
    "\n---\n",
    "@",
    "$",
    "<",
    "%",
    "zie voetnoot 6",
    "de de",
];

/// YAML values of every type, for `key: value` lines.
const VALUES: &[&str] = &[
    ".inf",
    "-.inf",
    ".nan",
    "1e308",
    "-1e308",
    "0",
    "-5",
    "101",
    "1e13",
    "~",
    "\"\"",
    "[]",
    "{}",
    "[1, 2]",
    "{a: 1}",
    "true",
    "achtendertig",
    "2015",
    "2014/2015",
    "2017-09-01",
    "2099",
    "\"≥ 80\"",
    "\"漢\"",
    "\"\\a\"",
    "\"\\u2265\"",
    "*x",
    "&x y",
    "|\n  blok",
    "'",
    "\"",
];

struct Fuzz {
    rng: TestRng,
}

impl Fuzz {
    fn new(seed: u64) -> Self {
        let mut bytes = [0u8; 32];
        bytes[..8].copy_from_slice(&seed.to_le_bytes());
        Fuzz {
            rng: TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
        }
    }

    fn below(&mut self, n: usize) -> usize {
        (self.rng.next_u64() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A char boundary in `text`, at random.
    fn boundary(&mut self, text: &str) -> usize {
        let mut at = self.below(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    /// One mutation of `text`; returns its description.
    fn mutate(&mut self, text: &mut String, yaml: bool) -> String {
        let lines: Vec<&str> = text.split_inclusive('\n').collect();
        match self.below(9) {
            0 | 1 => {
                let at = self.boundary(text);
                let what = *self.pick(NASTY);
                let times = if self.below(8) == 0 {
                    1 + self.below(40)
                } else {
                    1
                };
                text.insert_str(at, &what.repeat(times));
                format!("insert {what:?} x{times} at byte {at}")
            }
            2 if yaml => {
                // Replace the value of a `key: value` line.
                let candidates: Vec<usize> = (0..lines.len())
                    .filter(|&i| lines[i].contains(": "))
                    .collect();
                if candidates.is_empty() {
                    return "no value to replace".into();
                }
                let i = *self.pick(&candidates);
                let key = lines[i].split(": ").next().unwrap_or("");
                let value = *self.pick(VALUES);
                let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                out[i] = format!("{key}: {value}\n");
                *text = out.concat();
                format!("line {} value → {value:?}", i + 1)
            }
            2 | 3 => {
                let a = self.boundary(text);
                let b = self.boundary(text);
                let (a, b) = (a.min(b), a.max(b).min(a.min(b) + 200));
                let mut b = b;
                while !text.is_char_boundary(b) {
                    b -= 1;
                }
                text.replace_range(a..b, "");
                format!("delete bytes {a}..{b}")
            }
            4 => {
                if lines.is_empty() {
                    return "empty".into();
                }
                let i = self.below(lines.len());
                let most = if self.below(6) == 0 { 300 } else { 3 };
                let times = 1 + self.below(most);
                let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                let line = out[i].clone();
                out.insert(i, line.repeat(times));
                *text = out.concat();
                format!("duplicate line {} x{times}", i + 1)
            }
            5 => {
                let at = self.boundary(text);
                text.truncate(at);
                format!("truncate at byte {at}")
            }
            6 => {
                if lines.len() < 2 {
                    return "too short to swap".into();
                }
                let (i, j) = (self.below(lines.len()), self.below(lines.len()));
                let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                out.swap(i, j);
                *text = out.concat();
                format!("swap lines {} and {}", i + 1, j + 1)
            }
            7 => {
                // Nesting: a prefix repeated on a line.
                let prefix = *self.pick(&["> ", "  - ", "- ", "*", "[", "  "]);
                let depth = 1 + self.below(40);
                let i = self.below(lines.len().max(1));
                let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
                if out.is_empty() {
                    out.push(String::new());
                }
                out[i] = format!("{}{}", prefix.repeat(depth), out[i]);
                *text = out.concat();
                format!("prefix line {} with {prefix:?} x{depth}", i + 1)
            }
            _ => {
                text.insert(0, '\u{feff}');
                "byte-order mark".into()
            }
        }
    }
}

/// Every file of an edition directory, relative to it.
fn files(dir: &Path) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .map(|p| p.strip_prefix(dir).unwrap().to_path_buf())
        .collect()
}

struct Run {
    code: Option<i32>,
    stderr: String,
    took: Duration,
}

/// Runs the binary with a time limit; a run past it is killed and reported with `code: None`.
fn run(args: &[&str], cwd: &Path) -> Run {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kamerbrief"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kamerbrief");
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut stderr, &mut s);
        s
    });
    let code = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status.code();
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Run {
        code,
        stderr: reader.join().unwrap_or_default(),
        took: started.elapsed(),
    }
}

/// What is wrong with one case's runs, if anything.
fn judge(check: &Run, build: &Run, pdf: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, r) in [("check", check), ("build", build)] {
        match r.code {
            None => problems.push(format!(
                "`{name}` ran past {LIMIT:?} ({:?}) and was stopped",
                r.took
            )),
            Some(0 | 1) => {}
            Some(c) => problems.push(format!("`{name}` exited with {c}")),
        }
        if r.stderr.contains("panicked") {
            problems.push(format!("`{name}` panicked"));
        }
        for line in r.stderr.lines() {
            let unlocated = line.starts_with("error:") || line.starts_with("warning:");
            let internal = line.starts_with("error: typesetting failed");
            if unlocated || internal {
                problems.push(format!("`{name}` printed a message without a file: {line}"));
            }
        }
    }
    if check.code.is_some()
        && build.code.is_some()
        && (check.code == Some(0)) != (build.code == Some(0))
    {
        problems.push(format!(
            "`check` exited {:?} but `build` {:?}",
            check.code, build.code
        ));
    }
    if build.code == Some(0) && !pdf.is_file() {
        problems.push("`build` succeeded without writing the PDF".into());
    }
    problems
}

fn env_number(name: &str, default: u64) -> u64 {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a whole number, not `{v}`")),
        Err(_) => default,
    }
}

#[test]
fn check_passes_exactly_when_build_writes_a_pdf_under_random_edits() {
    let cases = env_number("KAMERBRIEF_FUZZ_CASES", DEFAULT_CASES);
    let seed = env_number("KAMERBRIEF_FUZZ_SEED", DEFAULT_SEED);
    // A long local run may rather be bounded by time: stop after this many seconds.
    let seconds = env_number("KAMERBRIEF_FUZZ_SECONDS", u64::MAX);
    let started = Instant::now();
    eprintln!("fuzz: {cases} cases, seed {seed}");
    let scratch = scratch(&format!("fuzz-{seed}"));
    let failures_dir = scratch.join("failures");
    let mut fuzz = Fuzz::new(seed);
    let mut report = String::new();
    let mut failed = 0;
    let (mut ok, mut slowest) = (0, Duration::ZERO);
    let mut cases = cases;
    for case in 0..cases {
        if started.elapsed() > Duration::from_secs(seconds) {
            cases = case;
            break;
        }
        let work = scratch.join("work");
        let _ = std::fs::remove_dir_all(&work);
        for e in FIXTURES {
            copy_dir(&root().join("tests/fixtures").join(e), &work.join(e));
        }
        for e in CONTENT {
            copy_dir(&root().join("content").join(e), &work.join(e));
        }
        // The small fixtures build fastest: most cases use them.
        let edition = match fuzz.below(4) {
            0 => *fuzz.pick(&CONTENT),
            _ => *fuzz.pick(&FIXTURES),
        };
        // Mostly a file of the edition built; for a letter, sometimes one of an annex.
        let target = match annexes(edition) {
            list if !list.is_empty() && fuzz.below(2) == 0 => *fuzz.pick(list),
            _ => edition,
        };
        let all = files(&work.join(target));
        let file = fuzz.pick(&all).clone();
        let path = work.join(target).join(&file);
        let Ok(mut text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let yaml = file.extension().is_some_and(|e| e == "yaml");
        let mut steps = Vec::new();
        for _ in 0..1 + fuzz.below(3) {
            steps.push(fuzz.mutate(&mut text, yaml));
        }
        std::fs::write(&path, &text).unwrap();
        let out = scratch.join("out.pdf");
        let _ = std::fs::remove_file(&out);
        let check = run(&["check", edition], &work);
        let build = run(&["build", edition, "-o", out.to_str().unwrap()], &work);
        slowest = slowest.max(check.took).max(build.took);
        let problems = judge(&check, &build, &out);
        if check.code == Some(0) {
            ok += 1;
        }
        if problems.is_empty() {
            continue;
        }
        failed += 1;
        eprintln!("fuzz: case {case} failed: {problems:?}");
        let kept = failures_dir.join(format!("case-{case}"));
        let _ = std::fs::remove_dir_all(&kept);
        copy_dir(&work, &kept);
        let _ = writeln!(
            report,
            "\n=== case {case} (seed {seed}): `{edition}`, {target}/{} edited: {}\n    kept in {}",
            file.display(),
            steps.join("; "),
            kept.display()
        );
        for p in problems {
            let _ = writeln!(report, "  {p}");
        }
        let _ = writeln!(
            report,
            "  check stderr:\n{}\n  build stderr:\n{}",
            check.stderr, build.stderr
        );
    }
    eprintln!("fuzz: {cases} cases, {ok} checked ok, {failed} failed, slowest run {slowest:.1?}");
    assert!(
        failed == 0,
        "{failed} of {cases} fuzz cases failed:{report}"
    );
}
