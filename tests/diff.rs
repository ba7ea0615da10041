//! `kamerbrief diff` on the real binary: directories, git revisions, the three outputs.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn copy(from: &Path, to: &Path) {
    let o = Command::new("cp")
        .args(["-r", from.to_str().unwrap(), to.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn replace(file: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", file.display());
    std::fs::write(file, text.replacen(from, to, 1)).unwrap();
}

fn stdout(o: &std::process::Output) -> String {
    assert!(o.status.success(), "{}", stderr(o));
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// content/po-2017 with one figure corrected back to an older value: 38 → 36.
fn older_po(name: &str) -> PathBuf {
    let dir = scratch(name);
    copy(&root().join("content/po-2017"), &dir);
    let old = dir.join("po-2017");
    replace(
        &old.join("indicators/verbetering-zwakke-scholen.yaml"),
        "2015/2016: 38",
        "2015/2016: 36",
    );
    old
}

#[test]
fn one_changed_value_in_text_json_and_note() {
    let old = older_po("diff-po");
    let old_arg = old.to_str().unwrap();
    let edition = model::load(&root().join("content/po-2017"));
    let ind = edition
        .indicators()
        .find(|i| i.id == "verbetering-zwakke-scholen")
        .unwrap();
    let (n, title) = (ind.number, &ind.title);

    let text = stdout(&kamerbrief(&["diff", old_arg, "content/po-2017"], &root()));
    assert_eq!(
        text,
        format!(
            "{old_arg} → content/po-2017: 1 change\n\n\
             Indicator {n} verbetering-zwakke-scholen: {title}\n  \
             chart 1, \"realisatie\" 2015/2016: 36 → 38 percent\n"
        )
    );

    let json = stdout(&kamerbrief(
        &["diff", old_arg, "content/po-2017", "--json"],
        &root(),
    ));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["schema"], 1);
    assert_eq!(v["changes"], 1);
    assert_eq!(v["old"], old_arg);
    assert_eq!(v["new"], "content/po-2017");
    let indicators = v["indicators"].as_array().unwrap();
    assert_eq!(indicators.len(), 1);
    assert_eq!(indicators[0]["id"], "verbetering-zwakke-scholen");
    assert_eq!(indicators[0]["number"], n);
    let points = indicators[0]["points"].as_array().unwrap();
    assert_eq!(points.len(), 1);
    assert_eq!(
        points[0],
        serde_json::json!({
            "chart": 1, "series": "realisatie", "kind": "realisation", "role": "realisation",
            "change": "changed", "unit": "percent",
            "old": {"period": "2015/2016", "value": 36.0},
            "new": {"period": "2015/2016", "value": 38.0}
        })
    );
    for key in ["fields", "charts", "series", "text"] {
        assert_eq!(indicators[0][key], serde_json::json!([]), "{key}");
    }

    let note = stdout(&kamerbrief(
        &["diff", old_arg, "content/po-2017", "--note"],
        &root(),
    ));
    assert_eq!(
        note,
        format!(
            "In indicator {n} is de realisatie voor 2015/2016 gecorrigeerd van 36 naar 38 procent.\n"
        )
    );
}

#[test]
fn no_changes_is_said_and_exits_zero() {
    let o = kamerbrief(&["diff", "content/vo-2016", "content/vo-2016"], &root());
    assert_eq!(
        stdout(&o),
        "content/vo-2016 → content/vo-2016: no changes\n"
    );
    let o = kamerbrief(
        &["diff", "content/vo-2016", "content/vo-2016", "--note"],
        &root(),
    );
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).contains("no changes"), "{}", stderr(&o));
}

#[test]
fn a_letter_or_a_broken_edition_is_an_error() {
    let o = kamerbrief(&["diff", "content/brief-2019", "content/po-2017"], &root());
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("diff compares dashboard editions"),
        "{}",
        stderr(&o)
    );
    let o = kamerbrief(&["diff", "content/po-2017", "content/geen-editie"], &root());
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("content/geen-editie"), "{}", stderr(&o));
}

fn git(repo: &Path, args: &[&str]) {
    let o = Command::new("git")
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(repo)
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.org")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.org")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .expect("git is needed by this test");
    assert!(
        o.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// `kamerbrief` with TMPDIR pointed at `tmp`, to see that it cleans up after itself.
fn kamerbrief_tmp(args: &[&str], cwd: &Path, tmp: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kamerbrief"))
        .args(args)
        .current_dir(cwd)
        .env("TMPDIR", tmp)
        .output()
        .unwrap()
}

#[test]
fn diff_against_a_git_revision() {
    let base = scratch("diff-git");
    let (repo, tmp) = (base.join("repo"), base.join("tmp"));
    std::fs::create_dir_all(&repo).unwrap();
    std::fs::create_dir_all(&tmp).unwrap();
    git(&repo, &["init", "-q"]);
    copy(&root().join("tests/fixtures/mini"), &repo.join("ed"));
    let yaml = repo.join("ed/indicators/leesplan.yaml");
    replace(&yaml, "sources:", "souces:");
    git(&repo, &["add", "ed"]);
    git(&repo, &["commit", "-q", "-m", "broken"]);
    replace(&yaml, "souces:", "sources:");
    git(&repo, &["commit", "-q", "-a", "-m", "fixed"]);
    replace(&yaml, "2016/2017: 44", "2016/2017: 46");
    git(&repo, &["commit", "-q", "-a", "-m", "corrected"]);

    let o = kamerbrief_tmp(&["diff", "HEAD~1:ed", "ed", "--note"], &repo, &tmp);
    assert_eq!(
        stdout(&o),
        "In indicator 1 is de realisatie voor 2016/2017 gecorrigeerd van 44 naar 46 procent.\n"
    );
    let o = kamerbrief_tmp(&["diff", "HEAD~1:ed", "HEAD:ed", "--json"], &repo, &tmp);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["changes"], 1);
    assert_eq!(v["indicators"][0]["points"][0]["new"]["value"], 46.0);
    // From a subdirectory, `./` makes the path relative to it, as in git.
    let o = kamerbrief_tmp(&["diff", "HEAD~1:./", "."], &repo.join("ed"), &tmp);
    assert!(stdout(&o).contains(": 1 change\n"));

    // Errors in an old version name the file as `rev:path`.
    let o = kamerbrief_tmp(&["diff", "HEAD~2:ed", "ed"], &repo, &tmp);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o)
            .contains("HEAD~2:ed/indicators/leesplan.yaml:3:1: error: unknown field `souces`"),
        "{}",
        stderr(&o)
    );
    let o = kamerbrief_tmp(&["diff", "HEAD~7:ed", "ed"], &repo, &tmp);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("git revision `HEAD~7` does not exist"),
        "{}",
        stderr(&o)
    );
    let o = kamerbrief_tmp(&["diff", "HEAD:nope", "ed"], &repo, &tmp);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("`nope` is not a directory in git revision `HEAD`"),
        "{}",
        stderr(&o)
    );

    let left: Vec<_> = std::fs::read_dir(&tmp).unwrap().collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}
