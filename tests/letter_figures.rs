//! The letter quotes its annexes' figures (`{waarde po-2017/verbetering-zwakke-scholen}`):
//! printed the Dutch way, located errors for references that do not resolve, the stale-number
//! lint over the letter, and one correction that reaches chart, text, status, overview and
//! letter, and nothing else.

mod common;

use common::*;
use std::path::{Path, PathBuf};

fn content_copy(name: &str) -> PathBuf {
    let dir = scratch(name);
    copy_dir(&root().join("content"), &dir.join("content"));
    dir
}

fn check(dir: &Path) -> (i32, String) {
    let o = kamerbrief(&["check", "content/brief-2019"], dir);
    (o.status.code().unwrap_or(-1), stderr(&o))
}

/// Replaces `from` by `to` in the letter's brief.md of the copy; returns the line (1-based)
/// and column of `to`.
fn edit_letter(dir: &Path, from: &str, to: &str) -> (usize, usize) {
    let path = dir.join("content/brief-2019/brief.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from}");
    let new = text.replacen(from, to, 1);
    std::fs::write(&path, &new).unwrap();
    let at = new.find(to).unwrap();
    let line = new[..at].matches('\n').count() + 1;
    let col = new[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

#[test]
fn the_example_letter_prints_its_quoted_figures_the_dutch_way() {
    let dir = scratch("letter-figures-print");
    let out = dir.join("brief.pdf");
    build("content/brief-2019", &out);
    let text = pdf_text(&out);
    for quoted in [
        "is sterk gestegen: van 21 procent in 2013/2014 naar 38 procent in 2015/2016, een stijging van 17 procentpunt.",
        "geldt: 100 procent in 2017/2018.",
        "groeide sterk, tot 6.009 in 2014/2015",
    ] {
        assert!(contains_loose(&text, quoted), "{quoted}\n{text}");
    }
    assert!(!text.contains('{'), "no reference is printed literally");
    let (code, err) = check(&root());
    assert_eq!(code, 0, "{err}");
}

#[test]
fn references_that_do_not_resolve_are_errors_in_the_letter() {
    for (to, message) in [
        (
            "{waarde po-2018/verbetering-zwakke-scholen}",
            "`{waarde po-2018/verbetering-zwakke-scholen}`: `po-2018` is not one of the letter's annexes",
        ),
        (
            "{waarde po-2017/verbetering-zwakke-schole}",
            "`{waarde po-2017/verbetering-zwakke-schole}`: annex `po-2017` has no indicator `verbetering-zwakke-schole`\n  = help: did you mean `po-2017/verbetering-zwakke-scholen`?",
        ),
        (
            "{waarde po-2017/verbetering-zwakke-scholen 2016/2017}",
            "`{waarde po-2017/verbetering-zwakke-scholen 2016/2017}`: series `realisatie` has no value for 2016/2017",
        ),
        (
            "{waarde 2015/2016}",
            "`{waarde 2015/2016}`: a letter names the annex and the indicator of a figure",
        ),
        (
            "{waarde bijlage-2019/extra-inspanningen}",
            "`{waarde bijlage-2019/extra-inspanningen}`: annex `bijlage-2019` has no figures",
        ),
    ] {
        let dir = content_copy("letter-figures-errors");
        let (line, col) = edit_letter(
            &dir,
            "{waarde po-2017/verbetering-zwakke-scholen 2015/2016}",
            to,
        );
        let (code, err) = check(&dir);
        assert_eq!(code, 1, "{to}: {err}");
        let expected = format!("content/brief-2019/brief.md:{line}:{col}: error: {message}");
        assert!(err.contains(&expected), "expected\n{expected}\nin\n{err}");
    }
}

#[test]
fn the_stale_number_lint_reads_the_letter_against_its_annexes() {
    let dir = content_copy("letter-figures-lint");
    // A figure typed beside a quoted one, close to the data for the period its sentence names.
    let (line, _) = edit_letter(
        &dir,
        "Het doel blijft dat dat voor",
        "Van {basis po-2017/verbetering-zwakke-scholen} steeg het in 2015/2016 naar 36 procent. Het doel blijft dat dat voor",
    );
    let (code, err) = check(&dir);
    assert_eq!(code, 0, "a warning does not fail check: {err}");
    let text = std::fs::read_to_string(dir.join("content/brief-2019/brief.md")).unwrap();
    let l = text.lines().nth(line - 1).unwrap();
    let col = l[..l.find("36 procent").unwrap()].chars().count() + 1;
    let expected = format!(
        "content/brief-2019/brief.md:{line}:{col}: warning: tekst zegt 36 procent, data zegt 38 procent voor 2015/2016\n  = help: correct the figure, or write `{{waarde po-2017/verbetering-zwakke-scholen 2015/2016}}`"
    );
    assert!(err.contains(&expected), "expected\n{expected}\nin\n{err}");
    let o = kamerbrief(&["check", "--deny-warnings", "content/brief-2019"], &dir);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));

    // The same figure typed as the data has it: a note to bind it.
    let dir = content_copy("letter-figures-lint-note");
    edit_letter(
        &dir,
        "Het doel blijft dat dat voor",
        "Van {basis po-2017/verbetering-zwakke-scholen} steeg het in 2015/2016 naar 38 procent. Het doel blijft dat dat voor",
    );
    let (code, err) = check(&dir);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("note: 38 procent is the value for 2015/2016 in the data\n  = help: write `{waarde po-2017/verbetering-zwakke-scholen 2015/2016}`"),
        "{err}"
    );
}

/// The pages of a PDF's text (pdftotext separates them with a form feed).
fn pages(pdf: &Path) -> Vec<String> {
    tool("pdftotext", &[pdf.to_str().unwrap(), "-"])
        .split('\u{c}')
        .map(normalize)
        .collect()
}

/// The words of `a` not in `b`, with multiplicity.
fn words_not_in(a: &str, b: &str) -> Vec<String> {
    let mut rest: Vec<&str> = b.split_whitespace().collect();
    let mut out = Vec::new();
    for w in a.split_whitespace() {
        match rest.iter().position(|r| *r == w) {
            Some(i) => {
                rest.swap_remove(i);
            }
            None => out.push(w.to_string()),
        }
    }
    out.sort();
    out
}

#[test]
fn one_correction_reaches_chart_text_status_overview_and_letter_and_nothing_else() {
    let dir = content_copy("letter-figures-correction");
    let package = |name: &str| {
        let out = dir.join(format!("{name}.pdf"));
        let o = kamerbrief(
            &[
                "build",
                "content/brief-2019",
                "--package",
                "-o",
                out.to_str().unwrap(),
            ],
            &dir,
        );
        assert!(o.status.success(), "{}", stderr(&o));
        dir.join(format!("{name}-pakket.pdf"))
    };
    let before = package("voor");
    // The correction arrives as a spreadsheet: the export with one figure changed.
    let o = kamerbrief(&["export", "content/po-2017", "-o", "c.csv"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = std::fs::read_to_string(dir.join("c.csv")).unwrap();
    let row = "verbetering-zwakke-scholen,Aandeel (zeer) zwakke scholen dat zich binnen een jaar verbetert,1,% (zeer) zwakke scholen dat zich binnen een jaar verbetert,realisatie,realisation,2015/2016,";
    assert!(csv.contains(&format!("{row}38,")));
    std::fs::write(
        dir.join("c.csv"),
        csv.replace(&format!("{row}38,"), &format!("{row}55,")),
    )
    .unwrap();
    let o = kamerbrief(&["import", "content/po-2017", "c.csv", "--apply"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = package("na");

    let (old, new) = (pages(&before), pages(&after));
    assert_eq!(old.len(), new.len(), "the same pages");
    let changed: Vec<usize> = (0..old.len()).filter(|&i| old[i] != new[i]).collect();
    let whole_new = new.join(" ");
    // The letter's sentence.
    assert!(
        contains_loose(
            &whole_new,
            "van 21 procent in 2013/2014 naar 55 procent in 2015/2016, een stijging van 34 procentpunt."
        ),
        "{whole_new}"
    );
    // The indicator's bound text and its status.
    assert!(contains_loose(
        &whole_new,
        "was 55 procent binnen een jaar verbeterd"
    ));
    let status_old = "achter op koers";
    let count =
        |pages: &[String], s: &str| pages.iter().map(|p| p.matches(s).count()).sum::<usize>();
    assert!(
        count(&new, status_old) < count(&old, status_old),
        "one status fewer is achter op koers"
    );
    // Nothing else: every changed page differs only in the figures and the status words.
    assert!(
        changed.len() >= 3,
        "letter, overview and indicator pages: {changed:?}"
    );
    let allowed = [
        "38",
        "55",
        "17",
        "34",
        "procent",
        "procentpunt",
        "achter",
        "op",
        "koers",
        "Achter",
        "Op",
        "38,",
        "55,",
        "(38",
        "(55",
        "38%",
        "55%",
        "koers.",
        "koers)",
        "koers,",
    ];
    for &i in &changed {
        for w in words_not_in(&old[i], &new[i])
            .into_iter()
            .chain(words_not_in(&new[i], &old[i]))
        {
            assert!(
                allowed.iter().any(|a| w.contains(a))
                    || w.chars()
                        .all(|c| c.is_ascii_digit() || c == ',' || c == '.'),
                "page {}: unexpected change `{w}`\nold: {}\nnew: {}",
                i + 1,
                old[i],
                new[i]
            );
        }
    }
}
