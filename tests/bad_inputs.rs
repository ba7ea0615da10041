//! The corpus of bad editions in tests/bad/: each case is an edition with one mistake and an
//! `expect.txt` that says what `kamerbrief check` must answer: the exit code, and every error
//! and warning with its file, line and column. The format is described in tests/bad/README.md.
//!
//! All cases run in one test, and every mismatch of every case is reported together.

mod common;

use common::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The corpus must keep covering the messages README.md lists.
const MIN_CASES: usize = 40;

#[derive(Debug, Default)]
struct Expect {
    exit: Option<i32>,
    deny_warnings: Option<i32>,
    max_seconds: Option<f64>,
    /// `messages: none`: the case expects a clean check (a stress test, not a mistake).
    no_messages: bool,
    generate: Vec<Vec<String>>,
    messages: Vec<Expected>,
}

/// `location: severity: message substring`, and optionally a substring of its help line.
#[derive(Debug)]
struct Expected {
    /// Line of expect.txt, for messages.
    at: usize,
    location: String,
    severity: String,
    message: String,
    help: Option<String>,
}

/// One diagnostic as printed on stderr.
#[derive(Debug)]
struct Printed {
    location: String,
    severity: String,
    message: String,
    help: String,
}

const SEVERITIES: [&str; 3] = ["error", "warning", "note"];

/// Splits `a/b.md:3:4: warning: text` at its severity.
fn split_diagnostic(line: &str) -> Option<(String, String, String)> {
    SEVERITIES.iter().find_map(|sev| {
        let marker = format!(": {sev}: ");
        let i = line.find(&marker)?;
        Some((
            line[..i].to_string(),
            sev.to_string(),
            line[i + marker.len()..].to_string(),
        ))
    })
}

fn parse_expect(text: &str) -> Result<Expect, String> {
    let mut e = Expect::default();
    for (i, raw) in text.lines().enumerate() {
        let at = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let number = |v: &str| {
            v.trim()
                .parse::<i32>()
                .map_err(|_| format!("expect.txt:{at}: `{v}` is not an exit code"))
        };
        if let Some(v) = line.strip_prefix("exit:") {
            e.exit = Some(number(v)?);
        } else if let Some(v) = line.strip_prefix("deny-warnings:") {
            e.deny_warnings = Some(number(v)?);
        } else if let Some(v) = line.strip_prefix("max-seconds:") {
            e.max_seconds = Some(
                v.trim()
                    .parse()
                    .map_err(|_| format!("expect.txt:{at}: `{v}` is not a number of seconds"))?,
            );
        } else if line == "messages: none" {
            e.no_messages = true;
        } else if let Some(v) = line.strip_prefix("generate:") {
            e.generate
                .push(v.split_whitespace().map(str::to_string).collect());
        } else if let Some(v) = line.strip_prefix("help:") {
            let last = e
                .messages
                .last_mut()
                .ok_or(format!("expect.txt:{at}: `help:` before any message"))?;
            last.help = Some(v.trim().to_string());
        } else if let Some((location, severity, message)) = split_diagnostic(line) {
            e.messages.push(Expected {
                at,
                location,
                severity,
                message: message.trim().to_string(),
                help: None,
            });
        } else {
            return Err(format!("expect.txt:{at}: cannot read `{line}`"));
        }
    }
    let exit = e.exit.ok_or("expect.txt has no `exit:` line")?;
    let errors = e.messages.iter().filter(|m| m.severity == "error").count();
    let warnings = e
        .messages
        .iter()
        .filter(|m| m.severity == "warning")
        .count();
    if e.messages.is_empty() != e.no_messages {
        return Err("expect.txt must list messages, or say `messages: none` (not both)".into());
    }
    match exit {
        1 if errors == 0 => return Err("`exit: 1` but no error is expected".into()),
        0 if errors > 0 => return Err("errors are expected but `exit: 0`".into()),
        0 if e.deny_warnings.is_none() => {
            return Err("a case that checks (`exit: 0`) must say `deny-warnings:`".into());
        }
        _ => {}
    }
    if e.deny_warnings == Some(0) && warnings > 0 {
        return Err("warnings are expected, so `deny-warnings:` must be 1".into());
    }
    Ok(e)
}

fn parse_stderr(stderr: &str) -> Vec<Printed> {
    let mut out: Vec<Printed> = Vec::new();
    for line in stderr.lines() {
        if let Some(help) = line.strip_prefix("  = help: ") {
            if let Some(last) = out.last_mut() {
                last.help = help.to_string();
            }
        } else if let Some((location, severity, message)) = split_diagnostic(line) {
            out.push(Printed {
                location,
                severity,
                message,
                help: String::new(),
            });
        }
    }
    out
}

/// Makes what a case cannot commit: big files, deep nesting, symlinks. Paths are relative to
/// the case directory `dir`.
fn generate(dir: &Path, step: &[String]) -> Result<(), String> {
    let arg = |i: usize| {
        step.get(i)
            .cloned()
            .ok_or(format!("generate {step:?}: argument {i} is missing"))
    };
    let bytes = |i: usize| -> Result<u64, String> {
        arg(i)?
            .parse()
            .map_err(|_| format!("generate {step:?}: not a size"))
    };
    let io = |e: std::io::Error| format!("generate {step:?}: {e}");
    let kind = arg(0)?;
    match kind.as_str() {
        // The file, followed by lines of prose, to exactly <bytes>.
        "pad" => {
            let path = dir.join(arg(1)?);
            let size = bytes(2)? as usize;
            let mut text = std::fs::read_to_string(&path).map_err(io)?;
            let filler = "Scholen werken samen aan beter onderwijs voor alle leerlingen.\n";
            while text.len() < size {
                text.push_str(filler);
            }
            text.truncate(size);
            std::fs::write(&path, text).map_err(io)
        }
        // The file, followed by one line of <bytes> made of the rest of the arguments.
        "line" => {
            let path = dir.join(arg(1)?);
            let size = bytes(2)? as usize;
            let words = step[3..].join(" ") + " ";
            let mut text = std::fs::read_to_string(&path).map_err(io)?;
            text.push('\n');
            let mut line = words.repeat(size / words.len() + 1);
            line.truncate(size);
            text.push_str(line.trim_end());
            text.push('\n');
            std::fs::write(&path, text).map_err(io)
        }
        // The file, extended with a hole to <bytes>: instant, and takes no disk space.
        "sparse" => {
            let path = dir.join(arg(1)?);
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(&path)
                .map_err(io)?;
            f.set_len(bytes(2)?).map_err(io)
        }
        // `@NEST@` in the file becomes <depth> nested flow lists, or block lists (`- - - x`).
        "nest" | "nest-block" => {
            let path = dir.join(arg(1)?);
            let depth = bytes(2)? as usize;
            let nested = if kind == "nest" {
                "[".repeat(depth) + &"]".repeat(depth)
            } else {
                "- ".repeat(depth) + "x"
            };
            let text = std::fs::read_to_string(&path).map_err(io)?;
            if !text.contains("@NEST@") {
                return Err(format!("generate {step:?}: no @NEST@ in the file"));
            }
            std::fs::write(&path, text.replace("@NEST@", &nested)).map_err(io)
        }
        // <link> (replacing any file there) pointing at <target>, as written.
        "symlink" => {
            let link = dir.join(arg(1)?);
            let _ = std::fs::remove_file(&link);
            symlink(Path::new(&arg(2)?), &link).map_err(io)
        }
        other => Err(format!("unknown generator `{other}`")),
    }
}

#[cfg(unix)]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn symlink(target: &Path, link: &Path) -> std::io::Result<()> {
    std::os::windows::fs::symlink_file(target, link)
}

/// Runs one case; returns what did not match.
fn run_case(name: &str, case_dir: &Path, scratch: &Path) -> Vec<String> {
    let mut failures = Vec::new();
    let expect = match std::fs::read_to_string(case_dir.join("expect.txt")) {
        Ok(text) => match parse_expect(&text) {
            Ok(e) => e,
            Err(e) => return vec![e],
        },
        Err(_) => return vec!["has no expect.txt".into()],
    };
    // Generated cases run on a copy; the others where they are (check writes nothing).
    let cwd: PathBuf = if expect.generate.is_empty() {
        case_dir.parent().unwrap().to_path_buf()
    } else {
        let copy = scratch.join(name);
        copy_dir(case_dir, &copy);
        for step in &expect.generate {
            if let Err(e) = generate(&copy, step) {
                return vec![e];
            }
        }
        scratch.to_path_buf()
    };
    let started = Instant::now();
    let o = kamerbrief(&["check", name], &cwd);
    let took = started.elapsed();
    let err = stderr(&o);
    let exit = o.status.code();
    if exit != expect.exit {
        failures.push(format!(
            "`check` exited with {exit:?}, expected {:?}",
            expect.exit
        ));
    }
    if let Some(max) = expect.max_seconds
        && took > Duration::from_secs_f64(max)
    {
        failures.push(format!("`check` took {took:.1?}, at most {max} s expected"));
    }
    let printed = parse_stderr(&err);
    let mut matched = vec![false; printed.len()];
    for m in &expect.messages {
        // `../other/…` names a file of a case beside this one (a letter's annex).
        let location = match m.location.strip_prefix("../") {
            Some(beside) => beside.to_string(),
            None => format!("{name}/{}", m.location),
        };
        let found = printed.iter().enumerate().find(|(i, p)| {
            !matched[*i]
                && p.location == location
                && p.severity == m.severity
                && p.message.contains(&m.message)
                && m.help.as_ref().is_none_or(|h| p.help.contains(h))
        });
        match found {
            Some((i, _)) => matched[i] = true,
            None => failures.push(format!(
                "expect.txt:{}: no `{location}: {}: …{}…`{} on stderr",
                m.at,
                m.severity,
                m.message,
                m.help
                    .as_ref()
                    .map_or(String::new(), |h| format!(" with help `…{h}…`"))
            )),
        }
    }
    // Errors and warnings that expect.txt does not list are failures too: a case shows one
    // problem, and a check that fires where it should not is a bug. Notes are suggestions
    // and may appear unlisted.
    for (p, _) in printed.iter().zip(&matched).filter(|(_, m)| !**m) {
        if p.severity != "note" {
            failures.push(format!(
                "unexpected `{}: {}: {}`",
                p.location, p.severity, p.message
            ));
        }
    }
    if err.contains("panicked") {
        failures.push("the tool panicked".into());
    }
    if let Some(deny) = expect.deny_warnings {
        let o = kamerbrief(&["check", "--deny-warnings", name], &cwd);
        if o.status.code() != Some(deny) {
            failures.push(format!(
                "`check --deny-warnings` exited with {:?}, expected {deny}",
                o.status.code()
            ));
        }
    }
    if !failures.is_empty() {
        failures.push(format!("stderr was:\n{err}"));
    }
    failures
}

#[test]
fn every_bad_edition_gets_its_located_messages_and_exit_code() {
    let corpus = root().join("tests/bad");
    let scratch = scratch("bad-inputs");
    // A file outside every case, for the symlink cases to point at.
    std::fs::write(
        scratch.join("outside.md"),
        "## Doelstelling\n\nBuiten de editie.\n",
    )
    .unwrap();
    let mut cases: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(
        cases.len() >= MIN_CASES,
        "tests/bad has {} cases, at least {MIN_CASES} expected",
        cases.len()
    );
    let mut report = String::new();
    let mut failed = 0;
    for name in &cases {
        let failures = run_case(name, &corpus.join(name), &scratch);
        if !failures.is_empty() {
            failed += 1;
            let _ = writeln!(report, "\n=== tests/bad/{name}");
            for f in failures {
                let _ = writeln!(report, "  {f}");
            }
        }
    }
    assert!(
        failed == 0,
        "{failed} of {} cases in tests/bad failed:\n{report}",
        cases.len()
    );
}

#[test]
fn expect_files_are_read_strictly() {
    // The harness itself: a case without an exit code, or whose exit code contradicts its
    // messages, is refused rather than passing vacuously.
    assert!(parse_expect("a.yaml:1:1: error: x\n").is_err());
    assert!(parse_expect("exit: 1\na.yaml:1:1: warning: x\n").is_err());
    assert!(parse_expect("exit: 0\na.yaml:1:1: warning: x\n").is_err());
    assert!(parse_expect("exit: 0\ndeny-warnings: 0\na.yaml:1:1: warning: x\n").is_err());
    assert!(parse_expect("exit: 1\n").is_err());
    assert!(parse_expect("exit: 1\nhelp: x\n").is_err());
    let e = parse_expect(
        "# c\nexit: 0\ndeny-warnings: 1\na/b.md:3:4: warning: twice\nhelp: remove\nc.yaml: warning: y\n",
    )
    .unwrap();
    assert_eq!(e.messages.len(), 2);
    assert_eq!(e.messages[0].location, "a/b.md:3:4");
    assert_eq!(e.messages[0].help.as_deref(), Some("remove"));
    assert_eq!(e.messages[1].location, "c.yaml");
    let p = parse_stderr("x/a.md:1:2: error: bad: worse\n  = help: fix it\n1 error, 0 warnings\n");
    assert_eq!(p.len(), 1);
    assert_eq!(
        (
            p[0].location.as_str(),
            p[0].message.as_str(),
            p[0].help.as_str()
        ),
        ("x/a.md:1:2", "bad: worse", "fix it")
    );
}
