//! `kamerbrief build --html`: a web page per edition that reads like its PDF, is accessible, is
//! self-contained, prints typed text literally and comes out the same twice. The browser test
//! runs axe-core and a reflow check in headless Chromium (installed by scripts/test.sh).

mod common;

#[path = "html/browser.rs"]
mod browser;
#[path = "html/page.rs"]
mod page;

use common::*;
use page::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const EDITIONS: [&str; 4] = ["brief-2019", "bijlage-2019", "po-2017", "vo-2016"];

/// Builds every example edition with `--html` into `dir` (PDFs at `dir/<name>.pdf`, pages under
/// `dir/html/`). Returns the page paths.
fn build_examples(dir: &Path) -> Vec<PathBuf> {
    for name in EDITIONS {
        let pdf = dir.join(format!("{name}.pdf"));
        let o = kamerbrief(
            &[
                "build",
                &format!("content/{name}"),
                "-o",
                pdf.to_str().unwrap(),
                "--html",
            ],
            &root(),
        );
        assert!(o.status.success(), "build {name} --html:\n{}", stderr(&o));
    }
    EDITIONS
        .iter()
        .map(|n| dir.join("html").join(n).join("index.html"))
        .collect()
}

#[test]
fn every_example_edition_gets_a_page_that_reads_like_its_pdf() {
    let dir = scratch("html-examples");
    let pages = build_examples(&dir);
    let mut problems = Vec::new();
    for (name, page) in EDITIONS.iter().zip(&pages) {
        let html = read(page);
        problems.extend(page_problems(&html, page));
        let pdf_text = pdf_text(&dir.join(format!("{name}.pdf")));
        let text = text_of(&html);
        // Footnotes: as many as the PDF has, each with the PDF's number for the same text.
        let notes = footnotes(&html);
        assert!(!notes.is_empty(), "{name} has footnotes");
        assert_eq!(
            notes.keys().copied().collect::<Vec<_>>(),
            (1..=notes.len()).collect::<Vec<_>>()
        );
        for (n, note) in &notes {
            let start: String = note.chars().take(40).collect();
            if !contains_loose(&pdf_text, &format!("{n}{start}")) {
                problems.push(format!(
                    "{name}: footnote {n} \"{start}\" is not footnote {n} in the PDF"
                ));
            }
            assert!(
                html.contains(&format!("id=\"fnref-{n}\" href=\"#fn-{n}\"")),
                "{name}: reference {n}"
            );
        }
        // The headings the PDF has (its text holds the title and every section heading).
        for level in ["h1", "h2", "h3", "h4"] {
            for h in html.split(&format!("<{level}")).skip(1) {
                let inner = &h[h.find('>').unwrap() + 1..h.find(&format!("</{level}>")).unwrap()];
                let heading = text_of(inner).trim().to_string();
                let heading = heading.trim_end_matches(char::is_numeric).trim();
                let page_only = ["Inhoud", "Voetnoten", "Bijlagen"].contains(&heading);
                if !page_only && !contains_loose(&pdf_text, heading) {
                    problems.push(format!("{name}: heading \"{heading}\" is not in the PDF"));
                }
            }
        }
        assert!(text.contains("Ministerie van Onderwijs, Cultuur en Wetenschap"));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn a_dashboard_page_has_the_pdfs_charts_status_and_figures() {
    use kamerbrief::edition::Document;
    let dir = scratch("html-dashboard");
    let pdf = dir.join("po-2017.pdf");
    let o = kamerbrief(
        &[
            "build",
            "content/po-2017",
            "-o",
            pdf.to_str().unwrap(),
            "--html",
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let page_dir = dir.join("html/po-2017");
    let html = read(&page_dir.join("index.html"));
    let (doc, _) = kamerbrief::pipeline::check_document(&root().join("content/po-2017")).unwrap();
    let Document::Dashboard(edition) = &doc else {
        panic!("po-2017 is a dashboard")
    };
    let (inputs, _) = kamerbrief::render::documents::document_inputs(&doc);
    let pdf_text = pdf_text(&pdf);
    let mut charts = 0;
    for ind in edition.indicators() {
        let json: serde_json::Value =
            serde_json::from_slice(&inputs.files[&format!("indicators/{}.json", ind.id)]).unwrap();
        // The status in words, as the PDF prints it.
        let status = format!("Status: {}", json["status"]["label"].as_str().unwrap());
        assert!(html.contains(&format!("<strong class=\"status-label\">{status}</strong>")));
        assert!(pdf_text.contains(&status));
        for c in json["charts"].as_array().unwrap() {
            charts += 1;
            // The PDF's alt text, word for word, as the chart's description.
            let alt = c["alt"].as_str().unwrap();
            assert!(
                html.contains(&format!("-beschrijving\">{}</desc>", escape(alt))),
                "{alt}"
            );
            // The same drawing beside the page.
            let file = c["file"].as_str().unwrap();
            assert_eq!(
                std::fs::read(page_dir.join(file)).unwrap(),
                inputs.files[file]
            );
        }
        // Every figure of the indicator's charts is in its tables.
        for chart in &ind.charts {
            for s in &chart.series {
                for p in s.values() {
                    let cell = format!(
                        "<td>{}</td>",
                        escape(&kamerbrief::status::short_value(chart.unit, p.1))
                    );
                    assert!(html.contains(&cell), "{}: {cell}", ind.id);
                    assert!(html.contains(&format!(
                        "<th scope=\"row\">{}</th>",
                        escape(&p.0.to_string())
                    )));
                }
            }
        }
    }
    assert_eq!(html.matches("<figure class=\"chart\"").count(), charts);
    assert_eq!(html.matches("<details>").count(), charts);
    // The overview: a row per indicator, linked to its block.
    let rows = html
        .split("<table class=\"overview\">")
        .nth(1)
        .unwrap()
        .split("</table>")
        .next()
        .unwrap();
    assert_eq!(
        rows.matches("<tr>").count(),
        edition.indicators().count() + 1
    );
    // The figures file is what `kamerbrief export` writes.
    let csv = dir.join("export.csv");
    let o = kamerbrief(
        &["export", "content/po-2017", "-o", csv.to_str().unwrap()],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(page_dir.join("cijfers.csv")).unwrap(),
        std::fs::read(&csv).unwrap()
    );
    assert!(html.contains("<a href=\"cijfers.csv\">"));
    // And as the accessible spreadsheet `kamerbrief export -o cijfers.xlsx` writes.
    let xlsx = dir.join("export.xlsx");
    let o = kamerbrief(
        &["export", "content/po-2017", "-o", xlsx.to_str().unwrap()],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(page_dir.join("cijfers.xlsx")).unwrap(),
        std::fs::read(&xlsx).unwrap()
    );
    assert!(html.contains("<a href=\"cijfers.xlsx\">"));
}

#[test]
fn the_letters_page_links_to_its_annexes_pages() {
    let dir = scratch("html-letter");
    let pdf = dir.join("brief.pdf");
    let o = kamerbrief(
        &[
            "build",
            "content/brief-2019",
            "-o",
            pdf.to_str().unwrap(),
            "--html",
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let page = dir.join("html/brief-2019/index.html");
    let html = read(&page);
    for (annex, title) in [
        (
            "bijlage-2019",
            "Bijlage 1: Extra inspanningen achterblijvende ambities",
        ),
        ("po-2017", "Dashboard bestuursakkoord po 2017"),
        ("vo-2016", "Dashboard sectorakkoord vo"),
    ] {
        assert!(
            html.contains(&format!(
                "<a href=\"..&#x2f;{annex}&#x2f;index.html\">{}</a>",
                escape(title)
            )),
            "{annex}"
        );
        assert!(
            dir.join("html").join(annex).join("index.html").is_file(),
            "{annex}'s page beside the letter's"
        );
    }
    let text = text_of(&html);
    for part in [
        "Tweede Kamer der Staten-Generaal",
        "Vergaderjaar 2018–2019",
        "31 293",
        "Nr. 489",
        "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal",
        "Den Haag, 10 juli 2019",
        "A. Slob",
    ] {
        assert!(text.contains(part), "{part}");
    }
    // The example box of the letter, titled as in the PDF.
    assert!(
        html.contains(
            "<div class=\"box\"><p class=\"box-title\"><strong>Voorbeeld uit de praktijk:"
        )
    );
}

#[test]
fn typed_text_never_becomes_markup() {
    let dir = scratch("html-typed");
    let edition = dir.join("mini");
    copy_dir(&root().join("tests/fixtures/mini"), &edition);
    let intro = edition.join("toelichting.md");
    let mut text = read(&intro);
    text.push_str(concat!(
        "\nGetypt: <script>alert(1)</script> en <img src=x onerror=alert(2)> en # $x$ @ref \\* _ \\\\ &amp;.\n",
        "\n<div onclick=\"alert(3)\">een HTML-blok</div>\n",
        // (A `javascript:` link is refused by `check`: see tests/bad/link-javascript.)
        "\nEen [link](mailto:info@example.nl) en een [goede](https://www.example.nl/?a=1&b=\"2\").\n",
    ));
    std::fs::write(&intro, text).unwrap();
    let pdf = dir.join("mini.pdf");
    let o = kamerbrief(
        &[
            "build",
            edition.to_str().unwrap(),
            "-o",
            pdf.to_str().unwrap(),
            "--html",
        ],
        &root(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(&dir.join("html/mini/index.html"));
    for absent in ["<script", "<img", "<div onclick", "javascript:", "<b>"] {
        assert!(!html.contains(absent), "{absent} in the page");
    }
    let page_text = text_of(&html);
    for literal in [
        // (`&amp;` is Markdown for "&", in the PDF as well.)
        "Getypt: <script>alert(1)</script> en <img src=x onerror=alert(2)> en # $x$ @ref * _ \\ &.",
        "<div onclick=\"alert(3)\">een HTML-blok</div>",
        "Een link en een goede.",
        "Tekens blijven tekst: #set, $x$, @ref, <b>, *ster*, x en \\.",
    ] {
        assert!(page_text.contains(literal), "{literal}\n{page_text}");
    }
    assert!(html.contains(
        "<a href=\"https:&#x2f;&#x2f;www.example.nl&#x2f;?a=1&amp;b=&quot;2&quot;\">goede</a>"
    ));
    // The same text in the PDF, so page and PDF agree.
    assert!(pdf_text(&pdf).contains("Getypt: <script>alert(1)</script>"));
}

#[test]
fn two_builds_give_the_same_bytes_and_without_html_none_is_written() {
    let a = scratch("html-same-a");
    let b = scratch("html-same-b");
    let files = |dir: &Path| {
        let mut out = BTreeMap::new();
        let mut stack = vec![dir.join("html")];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                if e.file_type().unwrap().is_dir() {
                    stack.push(e.path());
                } else {
                    let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
                    out.insert(rel, std::fs::read(e.path()).unwrap());
                }
            }
        }
        out
    };
    for dir in [&a, &b] {
        for name in ["po-2017", "brief-2019"] {
            let pdf = dir.join(format!("{name}.pdf"));
            let o = kamerbrief(
                &[
                    "build",
                    &format!("content/{name}"),
                    "-o",
                    pdf.to_str().unwrap(),
                    "--html",
                ],
                &root(),
            );
            assert!(o.status.success(), "{}", stderr(&o));
        }
    }
    let (fa, fb) = (files(&a), files(&b));
    assert!(fa.len() > 10, "{:?}", fa.keys());
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (path, bytes) in &fa {
        assert!(
            bytes == &fb[path],
            "{} differs between two builds",
            path.display()
        );
    }
    let plain = scratch("html-none");
    build("content/po-2017", &plain.join("po-2017.pdf"));
    assert!(
        !plain.join("html").exists(),
        "a build without --html writes no page"
    );
}

/// Every case of the bad-input corpus that builds (warnings only: code blocks, raw HTML, odd
/// links, gaps, duplicates, …) gets a page whose structure holds, with typed text as text.
#[test]
fn every_buildable_case_of_the_bad_input_corpus_gets_a_sound_page() {
    let dir = scratch("html-corpus");
    let bad = root().join("tests/bad");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&bad)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            let expect = std::fs::read_to_string(p.join("expect.txt")).unwrap_or_default();
            expect.lines().any(|l| l.trim() == "exit: 0")
                && !expect.lines().any(|l| l.starts_with("generate:"))
        })
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "{} buildable cases", cases.len());
    let mut problems = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_str().unwrap();
        let pdf = dir.join(format!("{name}.pdf"));
        let o = kamerbrief(
            &[
                "build",
                case.to_str().unwrap(),
                "-o",
                pdf.to_str().unwrap(),
                "--html",
            ],
            &root(),
        );
        if !o.status.success() {
            problems.push(format!("{name}: build --html failed: {}", stderr(&o)));
            continue;
        }
        let page = dir.join("html").join(name).join("index.html");
        let html = read(&page);
        problems.extend(page_problems(&html, &page));
        if html.contains("Tekens blijven tekst") {
            let literal =
                "Tekens blijven tekst: #set, $x$, @ref, &lt;b&gt;, *ster*, <em>x</em> en \\.";
            if !html.contains(literal) {
                problems.push(format!(
                    "{name}: the metacharacters are not printed as typed"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
