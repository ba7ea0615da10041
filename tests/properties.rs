//! Properties over generated input, with a fixed seed so every run tries the same cases:
//!
//! (a) Markdown → narrative never panics, and every position it reports lies in the text;
//! (b) YAML and Markdown → model never panics: `check_document` returns a model or errors
//!     located in the edition's files;
//! (c) what a writer types reaches Typst only as JSON string data, and prints literally:
//!     a document whose intro is full of Typst and Markdown metacharacters typesets without
//!     error and its laid-out text contains the characters as typed.

mod common;

use common::*;
use kamerbrief::diag::{Diagnostics, Pos};
use kamerbrief::edition::Document;
use kamerbrief::edition::narrative::{Block, plain_text};
use kamerbrief::pipeline::check_document;
use kamerbrief::render::Typesetter;
use kamerbrief::render::documents::document_inputs;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use std::path::{Path, PathBuf};

fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(0x6b61_6d65_7262_7266),
        max_shrink_iters: 2000,
        ..Config::default()
    }
}

/// Pieces of Markdown that exercise the reader: structure, inline markup, footnotes, HTML,
/// Typst's and our own metacharacters, odd whitespace and control characters.
const MARKDOWN_PIECES: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "#### ",
    "##### ",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "3) ",
    "> ",
    "> > ",
    "  ",
    "    ",
    "  - ",
    "    - ",
    "      1. ",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    "*",
    "**",
    "***",
    "_",
    "__",
    "`",
    "``",
    "```",
    "~~~",
    "[",
    "]",
    "(",
    ")",
    "[^a]",
    "[^b]",
    "[^a]: ",
    "[^b]: ",
    "[^",
    "]:",
    "<b>",
    "</b>",
    "<div>",
    "</div>",
    "<!--",
    "-->",
    "<script>x</script>",
    "<http://a.nl>",
    "![x](y.png)",
    "[link](https://www.example.nl)",
    "[link](file:///C:/x)",
    "[link](",
    "\\",
    "\\*",
    "#",
    "$",
    "$x^2$",
    "@ref",
    "<label>",
    "{",
    "}",
    "{waarde}",
    "{waarde 2015}",
    "|",
    "| a | b |",
    "---",
    "***",
    "===",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "'",
    "\"",
    "--",
    "...",
    "tekst",
    "de de",
    "62000",
    "2014-2014",
    "voetnoot 6",
    "indicator 99",
    "38 procent",
    "ë",
    "€",
    "\u{0}",
    "\u{feff}",
    "\u{202e}",
    "\u{ad}",
    "😀",
    "a\u{301}",
];

fn markdown() -> impl Strategy<Value = String> {
    prop_oneof![
        // Any text at all, control characters included.
        proptest::string::string_regex("(?s).{0,300}").unwrap(),
        // Markdown-shaped text.
        proptest::collection::vec(proptest::sample::select(MARKDOWN_PIECES), 0..80)
            .prop_map(|v| v.concat()),
    ]
}

/// The lines of a file as its reader counts them: YAML breaks lines at `\r\n`, `\r` and `\n`,
/// our Markdown positions at `\n` only.
fn lines_of(text: &str, file: &Path) -> Vec<String> {
    if file.extension().is_some_and(|e| e == "yaml") {
        text.replace("\r\n", "\n")
            .split(['\r', '\n'])
            .map(str::to_string)
            .collect()
    } else {
        text.split('\n').map(str::to_string).collect()
    }
}

/// Every reported position lies inside the text: a line that exists, a column on it (or one
/// past its end).
fn assert_positions_inside(diags: &Diagnostics, text: &str, file: &Path) {
    let lines = lines_of(text, file);
    for d in diags.iter().filter(|d| d.file == file) {
        assert_position_inside(d.pos, &lines, &d.to_string());
    }
}

fn assert_position_inside(pos: Pos, lines: &[String], what: &str) {
    if pos.line == 0 {
        return; // the file as a whole
    }
    let line = lines
        .get(pos.line as usize - 1)
        .unwrap_or_else(|| panic!("line {} of {} lines: {what}", pos.line, lines.len()));
    let width = line.chars().count() as u32 + 1;
    assert!(
        pos.col >= 1 && pos.col <= width,
        "column {} on a line of {} characters: {what}",
        pos.col,
        width - 1
    );
}

proptest! {
    #![proptest_config(config(2048))]

    /// (a) The Markdown reader takes anything.
    #[test]
    fn markdown_never_panics_and_locates_inside_the_text(text in markdown()) {
        let file = Path::new("t.md");
        let mut diags = Diagnostics::new();
        let md = kamerbrief::edition::markdown::parse(&text, file, &mut diags);
        assert_positions_inside(&diags, &text, file);
        let lines = lines_of(&text, file);
        for (pos, _) in &md.blocks {
            assert_position_inside(*pos, &lines, "a block");
        }
        for def in md.footnotes.values() {
            assert_position_inside(def.pos, &lines, "a footnote definition");
        }
        // Titles are read by another entry point; it takes anything too.
        let _ = kamerbrief::edition::markdown::parse_inline(&text);
    }
}

/// A copy of tests/fixtures/mini to mutate, in its own scratch directory.
fn mini_copy(name: &str) -> PathBuf {
    let dir = scratch(name).join("mini");
    copy_dir(&root().join("tests/fixtures/mini"), &dir);
    dir
}

/// Copies of the letter and the editions it names, side by side as in content/.
fn letter_copy(name: &str) -> PathBuf {
    let dir = scratch(name);
    for edition in ["brief", "bijlage", "mini"] {
        copy_dir(
            &root().join("tests/fixtures").join(edition),
            &dir.join(edition),
        );
    }
    dir
}

/// Pieces of YAML that break structure, types and limits.
const YAML_PIECES: &[&str] = &[
    ":",
    ": ",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "*b",
    "&a [x, *a]",
    "~",
    "null",
    "!!str ",
    "!!int ",
    "!x ",
    "\"",
    "'",
    "\"\\u0000\"",
    "#",
    "\t",
    "\n",
    "\n  ",
    "  ",
    "|",
    ">",
    "? ",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "<<: *a\n",
    "2015/2016",
    "2014-2015",
    "2015",
    "9999",
    "-1e999",
    ".nan",
    ".inf",
    "0x1F",
    "1_000",
    "99999999999999999999",
    "-3",
    "1e3",
    "true",
    "é",
    "number",
    "title",
    "charts",
    "series",
    "points",
    "kind",
    "label",
    "target",
    "realisation",
    "unit: count",
    "y_max: 5",
    "status:\n  override: op koers\n",
    "sources: [Bron: x]",
    "note: geen nieuwe data",
    "layout: above",
    "\u{0}",
    "\u{feff}",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(prop::sample::Index, &'static str),
    Delete(prop::sample::Index, usize),
    DuplicateLine(prop::sample::Index),
    SwapLines(prop::sample::Index, prop::sample::Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (any::<prop::sample::Index>(), proptest::sample::select(YAML_PIECES))
            .prop_map(|(i, s)| Edit::Insert(i, s)),
        2 => (any::<prop::sample::Index>(), 1usize..12).prop_map(|(i, n)| Edit::Delete(i, n)),
        1 => any::<prop::sample::Index>().prop_map(Edit::DuplicateLine),
        1 => (any::<prop::sample::Index>(), any::<prop::sample::Index>())
            .prop_map(|(a, b)| Edit::SwapLines(a, b)),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut t = text.to_string();
    for e in edits {
        let boundary = |t: &str, i: &prop::sample::Index| {
            let offsets: Vec<usize> = t.char_indices().map(|(o, _)| o).chain([t.len()]).collect();
            offsets[i.index(offsets.len())]
        };
        match e {
            Edit::Insert(i, s) => {
                let at = boundary(&t, i);
                t.insert_str(at, s);
            }
            Edit::Delete(i, n) => {
                let at = boundary(&t, i);
                let end = t[at..]
                    .char_indices()
                    .nth(*n)
                    .map_or(t.len(), |(o, _)| at + o);
                t.replace_range(at..end, "");
            }
            Edit::DuplicateLine(i) | Edit::SwapLines(i, _) if t.lines().count() == 0 => {
                let _ = i;
            }
            Edit::DuplicateLine(i) => {
                let mut lines: Vec<&str> = t.lines().collect();
                let k = i.index(lines.len());
                lines.insert(k, lines[k]);
                t = lines.join("\n") + "\n";
            }
            Edit::SwapLines(a, b) => {
                let mut lines: Vec<&str> = t.lines().collect();
                let (x, y) = (a.index(lines.len()), b.index(lines.len()));
                lines.swap(x, y);
                t = lines.join("\n") + "\n";
            }
        }
    }
    t
}

/// The files of the mini edition that a case may rewrite.
const TARGETS: &[&str] = &[
    "indicators/leesplan.yaml",
    "indicators/ict-gebruik.yaml",
    "edition.yaml",
    "indicators/leesplan.md",
    "toelichting.md",
];

/// The files of the letter and the narrative annex that a case may rewrite.
const LETTER_TARGETS: &[&str] = &[
    "brief/edition.yaml",
    "brief/brief.md",
    "bijlage/edition.yaml",
    "bijlage/bijlage.md",
];

/// `check_document` returned a model, or errors that name files of the edition at positions
/// inside them.
fn assert_model_or_located_errors(dir: &Path, changed: &Path, text: &str) {
    match check_document(dir) {
        Ok(_) => {}
        Err(diags) => {
            assert!(diags.has_errors(), "Err without an error: {diags:?}");
            for d in diags.iter() {
                assert!(
                    d.file.starts_with(dir),
                    "a message about a file outside the edition: {d}"
                );
            }
            assert_positions_inside(&diags, text, changed);
        }
    }
}

proptest! {
    #![proptest_config(config(768))]

    /// (b) Mutated YAML and Markdown in an edition: a model, or located errors; never a panic.
    #[test]
    fn mutated_editions_load_or_report_located_errors(
        target in proptest::sample::select(TARGETS),
        edits in proptest::collection::vec(edit(), 1..8),
    ) {
        thread_local! {
            static DIR: PathBuf = mini_copy("properties-mutated");
        }
        DIR.with(|dir| {
            let path = dir.join(target);
            let original = std::fs::read_to_string(root().join("tests/fixtures/mini").join(target)).unwrap();
            let text = apply(&original, &edits);
            std::fs::write(&path, &text).unwrap();
            assert_model_or_located_errors(dir, &path, &text);
            std::fs::write(&path, &original).unwrap();
        });
    }

    /// (b) The same for a letter and a narrative annex.
    #[test]
    fn mutated_letters_load_or_report_located_errors(
        target in proptest::sample::select(LETTER_TARGETS),
        edits in proptest::collection::vec(edit(), 1..8),
    ) {
        thread_local! {
            static DIR: PathBuf = letter_copy("properties-letter");
        }
        DIR.with(|dir| {
            let path = dir.join(target);
            let original =
                std::fs::read_to_string(root().join("tests/fixtures").join(target)).unwrap();
            let text = apply(&original, &edits);
            std::fs::write(&path, &text).unwrap();
            let edition = path.parent().unwrap();
            assert_model_or_located_errors(edition, &path, &text);
            std::fs::write(&path, &original).unwrap();
        });
    }

    /// (b) Wholly random text as an indicator's YAML.
    #[test]
    fn random_yaml_loads_or_reports_located_errors(text in markdown()) {
        thread_local! {
            static DIR: PathBuf = mini_copy("properties-random");
        }
        DIR.with(|dir| {
            let path = dir.join("indicators/scholing.yaml");
            std::fs::write(&path, &text).unwrap();
            assert_model_or_located_errors(dir, &path, &text);
        });
    }
}

/// Characters a writer may type in running text, metacharacters of Typst and Markdown among
/// them. (No `-`: Typst's hyphenation adds hyphens, which would blur the comparison; no
/// straight quotes: smart punctuation curls them on purpose.)
const TEXT_CHARS: &[char] = &[
    'a', 'b', 'e', 'k', 'n', 'o', 's', 't', 'ë', 'é', 'A', 'Z', '0', '1', '7', '#', '$', '@', '<',
    '>', '*', '_', '\\', '[', ']', '{', '}', '`', '%', '&', '~', '^', '=', '+', '/', '|', ';', ':',
    '!', '?', '(', ')', '.', ',',
];

/// Words of typed characters, joined by single spaces.
fn typed_text() -> impl Strategy<Value = String> {
    let word = proptest::collection::vec(proptest::sample::select(TEXT_CHARS), 1..9)
        .prop_map(|cs| cs.into_iter().collect::<String>());
    proptest::collection::vec(word, 1..24).prop_map(|ws| ws.join(" "))
}

/// The Markdown that means `text` literally: every ASCII punctuation character escaped, and an
/// opening brace doubled (`{{`), since a single one opens a bound number or cross-reference.
fn escaped(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c == '{' {
            out.push_str("\\{");
        }
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{ad}')
        .collect()
}

/// Every string in a JSON value.
fn json_strings<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match v {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(a) => a.iter().for_each(|v| json_strings(v, out)),
        serde_json::Value::Object(o) => o.values().for_each(|v| json_strings(v, out)),
        _ => {}
    }
}

/// The text of a laid-out document, in reading order of its frames.
fn laid_out_text(doc: &typst_layout::PagedDocument) -> String {
    fn walk(frame: &typst::layout::Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                typst::layout::FrameItem::Group(g) => walk(&g.frame, out),
                typst::layout::FrameItem::Text(t) => out.push_str(&t.text),
                _ => {}
            }
        }
    }
    let mut out = String::new();
    for page in doc.pages() {
        walk(&page.frame, &mut out);
    }
    out
}

proptest! {
    #![proptest_config(config(32))]

    /// (c) Typed text reaches Typst as JSON strings and prints as typed.
    #[test]
    fn typed_text_is_data_and_prints_literally(text in typed_text()) {
        thread_local! {
            static DIR: PathBuf = mini_copy("properties-typeset");
            static TYPESETTER: Typesetter = Typesetter::new();
        }
        DIR.with(|dir| {
            std::fs::write(dir.join("toelichting.md"), escaped(&text) + "\n").unwrap();
            let (doc, _) = check_document(dir)
                .unwrap_or_else(|d| panic!("{text:?} does not check: {d:?}"));
            let Document::Dashboard(edition) = &doc else { panic!("not a dashboard") };
            // The Markdown reader kept every character.
            let intro: Vec<String> = edition
                .intro
                .iter()
                .map(|b| match b {
                    Block::Par { content } => plain_text(content),
                    other => panic!("{text:?} became {other:?}"),
                })
                .collect();
            prop_assert_eq!(intro.join(" "), text.clone());
            // The inputs are JSON and SVG only, and the text is a JSON string in them.
            let (inputs, template) = document_inputs(&doc);
            let mut found = false;
            for (path, bytes) in &inputs.files {
                prop_assert!(
                    path.ends_with(".json") || path.ends_with(".svg"),
                    "an input that is neither JSON nor SVG: {}", path
                );
                if path.ends_with(".json") {
                    let value: serde_json::Value = serde_json::from_slice(bytes)
                        .map_err(|e| TestCaseError::fail(format!("{path}: {e}")))?;
                    let mut strings = Vec::new();
                    json_strings(&value, &mut strings);
                    found |= strings.contains(&text.as_str());
                }
            }
            prop_assert!(found, "{:?} is not a JSON string of the inputs", text);
            // Typst lays it out without complaint, and prints it as typed.
            let laid_out = TYPESETTER.with(|ts| {
                ts.set_inputs(&inputs);
                ts.compile(&format!("/{template}.typ"))
            });
            let laid_out = match laid_out {
                Ok(d) => d,
                Err(problems) => {
                    let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
                    return Err(TestCaseError::fail(format!("{text:?}: {}", list.join("; "))));
                }
            };
            let printed = squash(&laid_out_text(&laid_out));
            prop_assert!(
                printed.contains(&squash(&text)),
                "{:?} is not printed as typed", text
            );
            Ok(())
        })?;
    }
}
