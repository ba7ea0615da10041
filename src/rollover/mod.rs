//! Rolling an edition forward: next year's edition as a copy of this year's, with what marks
//! the year set anew (`kamerbrief new`). Figures and narrative are copied as they are; what is
//! still to do is what `check` reports for the new edition (see `crate::validate::previous`).
//!
//! edition.yaml is edited line by line, so the writer's comments and layout stay. The new
//! edition is written to a temporary directory beside the target and renamed into place when
//! complete: an existing directory is never overwritten, and a failure leaves nothing behind.

use crate::edition::files::{EDITION_FILE, edition_name};
use crate::edition::files::{parse_yaml, read_text};
use crate::edition::unset::UNSET;
use chrono::NaiveDate;
use serde::Deserialize;
use std::fs;
use std::path::{Path, PathBuf};

/// What `kamerbrief new` is asked to set.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The new edition's year (a dashboard), or the first year of the vergaderjaar (a letter);
    /// default: one more than the old one.
    pub year: Option<i32>,
    /// The new date; without it `date: TODO`, which `check` reports as still to set.
    pub date: Option<NaiveDate>,
}

/// What was rolled forward, for the command to say.
#[derive(Debug, Clone)]
pub struct Rolled {
    pub kind: String,
    /// One line per value set: "year: 2017 → 2018".
    pub changes: Vec<String>,
}

/// Writes the edition `new` from `old`. `Err` says why nothing was written.
pub fn roll_forward(old: &Path, new: &Path, opts: &Options) -> Result<Rolled, String> {
    if new.exists() || new.is_symlink() {
        return Err(format!(
            "`{}` already exists: `new` never overwrites; name a directory that does not exist yet",
            new.display()
        ));
    }
    let file = old.join(EDITION_FILE);
    if !file.is_file() {
        return Err(format!(
            "`{}` is not an edition: it has no {EDITION_FILE}",
            old.display()
        ));
    }
    let text = read_text(&file).map_err(|d| d.to_string())?;
    let probe: Probe = parse_yaml(&text, &file).map_err(|d| d.to_string())?;
    let content = new
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut changes = Vec::new();
    let mut renamed = Vec::new();
    let kind = probe.kind.clone().unwrap_or_default();
    let edited = match kind.as_str() {
        "dashboard" => dashboard(&text, &probe, &edition_name(old), opts, &mut changes)?,
        "letter" => letter(&text, &probe, content, opts, &mut changes, &mut renamed)?,
        "annex" => set_date(&text, opts, &mut changes)?,
        other => {
            return Err(format!(
                "`{}`: unknown edition kind `{other}`",
                file.display()
            ));
        }
    };
    let name = new
        .file_name()
        .ok_or_else(|| format!("`{}` is not a directory name", new.display()))?;
    fs::create_dir_all(content).map_err(|e| format!("cannot create {}: {e}", content.display()))?;
    let tmp = content.join(format!(
        ".{}.new-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let written = copy_dir(old, &tmp)
        .and_then(|()| fs::write(tmp.join(EDITION_FILE), &edited))
        .and_then(|()| rename_references_in(&tmp, &renamed))
        .map_err(|e| format!("cannot write {}: {e}", tmp.display()))
        .and_then(|()| {
            // A directory that appeared meanwhile is not replaced: rename fails on it.
            if new.exists() {
                return Err(format!("`{}` already exists", new.display()));
            }
            fs::rename(&tmp, new).map_err(|e| format!("cannot create {}: {e}", new.display()))
        });
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&tmp);
        return Err(e);
    }
    Ok(Rolled { kind, changes })
}

/// The keys of edition.yaml that rolling forward reads; the loader checks the rest.
#[derive(Deserialize)]
struct Probe {
    kind: Option<String>,
    year: Option<i32>,
    parliamentary_year: Option<String>,
    #[serde(default)]
    annexes: Vec<String>,
}

fn dashboard(
    text: &str,
    probe: &Probe,
    old_name: &str,
    opts: &Options,
    changes: &mut Vec<String>,
) -> Result<String, String> {
    let year = probe.year.ok_or("edition.yaml has no `year`")?;
    let next = opts.year.unwrap_or(year + 1);
    let mut out =
        set_key(text, "year", &next.to_string()).ok_or("edition.yaml has no `year:` line")?;
    changes.push(format!("year: {year} → {next}"));
    if let Some(title) = key_value(&out, "title") {
        let rolled = replace_year(&title, year, next);
        if rolled != title {
            out = set_key(&out, "title", &rolled).unwrap_or(out);
            changes.push(format!("title: {rolled}"));
        }
    }
    out = set_date(&out, opts, changes)?;
    out = match set_key(&out, "previous", old_name) {
        Some(t) => t,
        None => insert_after(&out, "date", &format!("previous: {old_name}")),
    };
    changes.push(format!("previous: {old_name}"));
    Ok(out)
}

fn letter(
    text: &str,
    probe: &Probe,
    content: &Path,
    opts: &Options,
    changes: &mut Vec<String>,
    renamed: &mut Vec<(String, String)>,
) -> Result<String, String> {
    let old = probe
        .parliamentary_year
        .as_deref()
        .ok_or("edition.yaml has no `parliamentary_year`")?;
    let first: i32 = old
        .split(['-', '–', '/'])
        .next()
        .and_then(|y| y.trim().parse().ok())
        .ok_or_else(|| format!("`{old}` is not a parliamentary year"))?;
    let from = opts.year.unwrap_or(first + 1);
    let year = format!("{from}–{}", from + 1);
    let mut out = set_key(text, "parliamentary_year", &year)
        .ok_or("edition.yaml has no `parliamentary_year:` line")?;
    changes.push(format!("parliamentary_year: {old} → {year}"));
    out = set_key(&out, "number", UNSET).ok_or("edition.yaml has no `number:` line")?;
    changes.push(format!(
        "number: {UNSET} (the Kamerstuk number, still to set)"
    ));
    out = set_date(&out, opts, changes)?;
    for annex in &probe.annexes {
        if let Some(newer) = newer_edition(content, annex) {
            out = rename_annex(&out, annex, &newer);
            changes.push(format!("annex: {annex} → {newer}"));
            renamed.push((annex.clone(), newer));
        }
    }
    Ok(out)
}

fn set_date(text: &str, opts: &Options, changes: &mut Vec<String>) -> Result<String, String> {
    let date = opts
        .date
        .map_or_else(|| UNSET.to_string(), |d| d.format("%Y-%m-%d").to_string());
    let out = set_key(text, "date", &date).ok_or("edition.yaml has no `date:` line")?;
    changes.push(match opts.date {
        Some(_) => format!("date: {date}"),
        None => format!("date: {UNSET} (still to set; or give --date YYYY-MM-DD)"),
    });
    Ok(out)
}

/// The newest edition in `content` named like `annex` with a later year (`po-2017` →
/// `po-2018`), if there is one.
pub fn newer_edition(content: &Path, annex: &str) -> Option<String> {
    let (stem, year) = split_year(annex)?;
    let entries = fs::read_dir(content).ok()?;
    entries
        .filter_map(Result::ok)
        .filter(|e| e.path().join(EDITION_FILE).is_file())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let (s, y) = split_year(&name)?;
            (s == stem && y > year).then_some((y, name))
        })
        .max()
        .map(|(_, name)| name)
}

/// `po-2017` → (`po-`, 2017).
fn split_year(name: &str) -> Option<(&str, i32)> {
    let digits = name.len() - name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits != 4 {
        return None;
    }
    let (stem, year) = name.split_at(name.len() - 4);
    Some((stem, year.parse().ok()?))
}

/// The value of a top-level `key:` line, unquoted.
fn key_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|l| {
        let v = l.strip_prefix(key)?.strip_prefix(':')?;
        Some(v.trim().trim_matches('"').trim_matches('\'').to_string())
    })
}

/// Replaces the value of the top-level `key:` line, keeping a trailing comment. `None` when
/// there is no such line.
fn set_key(text: &str, key: &str, value: &str) -> Option<String> {
    let mut found = false;
    let lines: Vec<String> = text
        .split_inclusive('\n')
        .map(|l| {
            let rest = l.strip_prefix(key).and_then(|r| r.strip_prefix(':'));
            match rest {
                Some(rest) if !found => {
                    found = true;
                    let comment = rest.find(" #").map_or("", |i| rest[i..].trim_end());
                    let quoted = quote(value);
                    let end = if l.ends_with('\n') { "\n" } else { "" };
                    let sep = if comment.is_empty() { "" } else { " " };
                    format!("{key}: {quoted}{sep}{}{end}", comment.trim_start())
                }
                _ => l.to_string(),
            }
        })
        .collect();
    found.then(|| lines.concat())
}

/// A value as YAML: quoted when it would not read back as the same text.
fn quote(value: &str) -> String {
    let plain = !value.is_empty()
        && !value.starts_with([
            '"', '\'', '[', '{', '&', '*', '!', '|', '>', '%', '@', '`', '#', '-', '?',
        ])
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':');
    if plain {
        value.to_string()
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// Inserts `line` after the top-level `key:` line (at the end when there is none).
fn insert_after(text: &str, key: &str, line: &str) -> String {
    let mut out = String::with_capacity(text.len() + line.len() + 1);
    let mut done = false;
    for l in text.split_inclusive('\n') {
        out.push_str(l);
        if !done && l.strip_prefix(key).is_some_and(|r| r.starts_with(':')) {
            if !l.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(line);
            out.push('\n');
            done = true;
        }
    }
    if !done {
        if !out.ends_with('\n') && !out.is_empty() {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Every whole-number occurrence of `old` in `s` replaced by `new`: "po 2017" → "po 2018".
fn replace_year(s: &str, old: i32, new: i32) -> String {
    let (old, new) = (old.to_string(), new.to_string());
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(&old) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + old.len()..].chars().next();
        out.push_str(&rest[..i]);
        let whole = !before.is_some_and(|c| c.is_ascii_digit())
            && !after.is_some_and(|c| c.is_ascii_digit());
        out.push_str(if whole { &new } else { &old });
        rest = &rest[i + old.len()..];
    }
    out.push_str(rest);
    out
}

/// In every Markdown file directly in `dir`: the letter's references to a renamed annex's figures
/// and indicators (`{waarde po-2017/id}`, `{indicator po-2017/id}`) follow the new annex.
fn rename_references_in(dir: &Path, renamed: &[(String, String)]) -> std::io::Result<()> {
    if renamed.is_empty() {
        return Ok(());
    }
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "md") && path.is_file() {
            let text = fs::read_to_string(&path)?;
            let rolled = renamed.iter().fold(text.clone(), |t, (old, new)| {
                rename_references(&t, old, new)
            });
            if rolled != text {
                fs::write(&path, rolled)?;
            }
        }
    }
    Ok(())
}

/// `old/` → `new/` where it opens the annex part of a `{…}` reference; other text is left as it is.
fn rename_references(text: &str, old: &str, new: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find(['}', '\n']).map(|c| open + c);
        let Some(close) = close.filter(|&c| rest.as_bytes()[c] == b'}') else {
            out.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
            continue;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open..=close].replace(&format!(" {old}/"), &format!(" {new}/")));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// `old` → `new` in the list under the top-level `annexes:` key.
fn rename_annex(text: &str, old: &str, new: &str) -> String {
    let mut inside = false;
    text.split_inclusive('\n')
        .map(|l| {
            let top_level = !l.starts_with([' ', '\t', '-', '#']) && !l.trim().is_empty();
            if top_level {
                inside = l.starts_with("annexes:");
            }
            if !inside {
                return l.to_string();
            }
            // Whole names only: `po-2017` is not renamed inside `po-20171`.
            let mut out = String::new();
            let mut rest = l;
            while let Some(i) = rest.find(old) {
                let edge = |c: Option<char>| {
                    c.is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == '_'))
                };
                let whole = edge(rest[..i].chars().next_back())
                    && edge(rest[i + old.len()..].chars().next());
                out.push_str(&rest[..i]);
                out.push_str(if whole { new } else { old });
                rest = &rest[i + old.len()..];
            }
            out.push_str(rest);
            out
        })
        .collect()
}

/// Copies a directory tree: regular files and directories. A symbolic link is refused (the
/// loader refuses links that leave the edition; copying one would copy where it points).
fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    let mut entries: Vec<_> = fs::read_dir(from)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let kind = entry.file_type()?;
        let target: PathBuf = to.join(entry.file_name());
        if kind.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else if kind.is_file() {
            fs::copy(entry.path(), &target)?;
        } else {
            return Err(std::io::Error::other(format!(
                "{} is not a regular file; copy it by hand",
                entry.path().display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
