//! Titles that are printed as headings or as the document's title must have text: PDF/UA
//! refuses an empty heading, and the build would fail without saying where.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use crate::edition::narrative::plain_text;
use crate::edition::{Document, Edition};
use std::path::Path;

pub fn check_titles(doc: &Document, diags: &mut Diagnostics) {
    match doc {
        Document::Dashboard(e) => dashboard(e, diags),
        Document::Letter(l) => empty(&l.file, "letter_type", &l.letter_type, diags),
        Document::Annex(a) => empty(&a.file, "title", &a.title, diags),
    }
}

fn dashboard(e: &Edition, diags: &mut Diagnostics) {
    empty(&e.meta.file, "title", &e.meta.title, diags);
    for g in &e.goals {
        empty(&e.meta.file, "title", &g.title, diags);
    }
    for ind in e.indicators() {
        empty(&ind.yaml_file, "title", &ind.title, diags);
        if let Some(short) = &ind.short_title {
            empty(&ind.yaml_file, "short_title", short, diags);
        }
        for chart in &ind.charts {
            if let Some(title) = &chart.title
                && plain_text(title).trim().is_empty()
            {
                diags.push(
                    Diagnostic::error(&ind.yaml_file, chart.pos, "the chart's `title` is empty")
                        .with_hint("write the chart's title, or remove the `title:` line"),
                );
            }
        }
    }
}

/// An error when `value` has no text, at the first `key:` line of `file` with an empty value.
fn empty(file: &Path, key: &str, value: &str, diags: &mut Diagnostics) {
    if !value.trim().is_empty() {
        return;
    }
    diags.push(
        Diagnostic::error(file, empty_key_pos(file, key), format!("`{key}` is empty")).with_hint(
            format!("write the text of `{key}`: it is printed as a title"),
        ),
    );
}

/// Where `key:` stands with an empty value (`key: ""`, `key: ''`, `key:`), if it can be found.
fn empty_key_pos(file: &Path, key: &str) -> Pos {
    let Ok(text) = std::fs::read_to_string(file) else {
        return Pos::FILE;
    };
    for (i, line) in text.lines().enumerate() {
        let body = line.trim_start().trim_start_matches("- ");
        let Some(value) = body.strip_prefix(key).and_then(|r| r.strip_prefix(':')) else {
            continue;
        };
        let value = value.split(" #").next().unwrap_or("").trim();
        if matches!(value, "" | "\"\"" | "''" | "~")
            || value.trim_matches(['"', '\'']).trim().is_empty()
        {
            let col = line.len() - body.len() + 1;
            return Pos::new(i as u32 + 1, col as u32);
        }
    }
    Pos::FILE
}
