//! `kamerbrief build --html`: a web page per edition that reads like its PDF, is accessible, is
//! self-contained, prints typed text literally and comes out the same twice. The browser test
//! runs axe-core and a reflow check in headless Chromium (installed by scripts/test.sh).

mod common;

use common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

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

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of a piece of HTML: tags dropped, the entities minijinja writes decoded.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2f;")
}

/// Every `<tag …>` opening of an element, with its attributes.
fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = html[from..].find(&open) {
        let start = from + i;
        let after = html[start + open.len()..].chars().next().unwrap_or('>');
        let end = html[start..]
            .find('>')
            .map_or(html.len(), |e| start + e + 1);
        if after == ' ' || after == '>' {
            out.push(&html[start..end]);
        }
        from = end;
    }
    out
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    Some(&tag[from..from + tag[from..].find('"')?])
}

/// The structure every page must have; returns the problems found.
fn page_problems(html: &str, page: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let mut need = |ok: bool, what: &str| {
        if !ok {
            problems.push(format!("{}: {what}", page.display()));
        }
    };
    need(html.starts_with("<!DOCTYPE html>"), "no doctype");
    need(html.contains("<html lang=\"nl\">"), "not lang=nl");
    need(tags(html, "header").len() == 1, "one <header>");
    need(tags(html, "nav").len() == 1, "one <nav>");
    need(tags(html, "main").len() == 1, "one <main>");
    for banned in [
        "<script", "<link", "<img", "<iframe", " src=", "@import", "url(",
    ] {
        need(!html.contains(banned), &format!("contains {banned}"));
    }
    // Headings: one h1, and never a level skipped on the way down.
    let mut levels = Vec::new();
    for (i, _) in html.match_indices("<h") {
        if let Some(d) = html[i + 2..].chars().next().and_then(|c| c.to_digit(10))
            && matches!(html[i + 3..].chars().next(), Some(' ' | '>'))
        {
            levels.push(d);
        }
    }
    need(levels.first() == Some(&1), "the first heading is not h1");
    need(levels.iter().filter(|&&l| l == 1).count() == 1, "one h1");
    for w in levels.windows(2) {
        need(
            w[1] <= w[0] + 1,
            &format!("heading h{} after h{}", w[1], w[0]),
        );
    }
    // Tables: a caption, and every header cell says what it heads.
    let tables = html.matches("<table").count();
    need(
        html.matches("<table>\n<caption>").count()
            + html
                .matches("<table class=\"overview\">\n<caption>")
                .count()
            == tables,
        "a table without caption",
    );
    for th in tags(html, "th") {
        need(
            matches!(attr(th, "scope"), Some("col" | "row")),
            &format!("{th} without scope"),
        );
    }
    // Charts: an image with a name and a description.
    for svg in tags(html, "svg") {
        need(attr(svg, "role") == Some("img"), "svg without role=img");
        let title = attr(svg, "aria-labelledby").unwrap_or("");
        let desc = attr(svg, "aria-describedby").unwrap_or("");
        need(
            html.contains(&format!("<title id=\"{title}\">")),
            "svg title",
        );
        need(html.contains(&format!("<desc id=\"{desc}\">")), "svg desc");
        need(attr(svg, "viewBox").is_some(), "svg without viewBox");
    }
    // Ids unique; every in-page link lands; every relative link is a file beside the page.
    let ids: Vec<&str> = html
        .match_indices(" id=\"")
        .map(|(i, _)| {
            let rest = &html[i + 5..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    let unique: BTreeSet<&str> = ids.iter().copied().collect();
    need(unique.len() == ids.len(), "duplicate ids");
    for a in tags(html, "a") {
        let href = unescape(attr(a, "href").unwrap_or(""));
        let href = href.as_str();
        if let Some(anchor) = href.strip_prefix('#') {
            need(
                unique.contains(anchor),
                &format!("link to missing #{anchor}"),
            );
        } else if !href.starts_with("https://")
            && !href.starts_with("http://")
            && !href.starts_with("mailto:")
        {
            let target = page.parent().unwrap().join(href);
            need(target.is_file(), &format!("link to missing file {href}"));
        }
    }
    problems
}

/// The footnotes of a page: number → text.
fn footnotes(html: &str) -> BTreeMap<usize, String> {
    let mut out = BTreeMap::new();
    for (i, _) in html.match_indices("<li id=\"fn-") {
        let rest = &html[i + 11..];
        let n: usize = rest[..rest.find('"').unwrap()].parse().unwrap();
        let body = &rest[rest.find('>').unwrap() + 1..rest.find("</li>").unwrap()];
        let body = &body[..body.find("<a class=\"backref\"").unwrap_or(body.len())];
        out.insert(n, text_of(body).trim().to_string());
    }
    out
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
        "\nEen [link](javascript:alert(4)) en een [goede](https://www.example.nl/?a=1&b=\"2\").\n",
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

/// Where the browser test finds its tools: Debian's Chromium and the npm packages that
/// scripts/test.sh installs in tests/browser/node_modules.
fn browser_tools() -> Option<(PathBuf, PathBuf)> {
    if std::env::var_os("KAMERBRIEF_SKIP_BROWSER").is_some() {
        return None;
    }
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file());
    let modules = root().join("tests/browser/node_modules");
    let ready = modules.join("axe-core").is_dir() && modules.join("puppeteer-core").is_dir();
    match (chromium, ready) {
        (Some(c), true) => Some((c, root().join("tests/browser/check.mjs"))),
        _ => panic!(
            "the browser test needs Debian's chromium, node and tests/browser/node_modules: \
             run `bash scripts/test.sh` once (it installs them), or set KAMERBRIEF_SKIP_BROWSER=1"
        ),
    }
}

#[test]
fn axe_finds_no_violations_and_nothing_overflows_in_chromium() {
    let Some((chromium, script)) = browser_tools() else {
        eprintln!("KAMERBRIEF_SKIP_BROWSER is set: the browser test did not run");
        return;
    };
    let dir = scratch("html-browser");
    let mut pages = build_examples(&dir);
    // A page broken on purpose: the check must find its faults, or it proves nothing.
    let canary = dir.join("html/canary/index.html");
    std::fs::create_dir_all(canary.parent().unwrap()).unwrap();
    std::fs::write(
        &canary,
        "<!DOCTYPE html><html><head><title>x</title></head><body><main>\
         <p style=\"color:#bbb\">Te licht</p><svg role=\"img\" width=\"10\" height=\"10\"></svg>\
         <div style=\"width:2000px\">Te breed</div></main></body></html>",
    )
    .unwrap();
    pages.push(canary.clone());
    let shots = root().join("target/html-screenshots");
    let mut args = vec![
        script.to_str().unwrap().to_string(),
        "--chromium".into(),
        chromium.to_str().unwrap().into(),
        "--screenshots".into(),
        shots.to_str().unwrap().into(),
    ];
    args.extend(pages.iter().map(|p| p.to_str().unwrap().to_string()));
    let o = Command::new("node").args(&args).output().expect("run node");
    assert!(
        o.status.success(),
        "check.mjs failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_slice(&o.stdout).expect("check.mjs prints JSON");
    let results = report["results"].as_array().unwrap();
    assert_eq!(
        results.len(),
        pages.len() * 2,
        "each page at 1280 and 375 px"
    );
    let mut problems = Vec::new();
    for r in results {
        let (name, width) = (r["name"].as_str().unwrap(), r["width"].as_u64().unwrap());
        let violations: Vec<String> = r["violations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| format!("{} ({})", v["id"].as_str().unwrap(), v["nodes"]))
            .collect();
        let overflow = &r["overflow"];
        let too_wide = overflow["scrollWidth"].as_u64() > overflow["clientWidth"].as_u64()
            || !overflow["elements"].as_array().unwrap().is_empty();
        assert!(Path::new(r["screenshot"].as_str().unwrap()).is_file());
        if name == "canary" {
            assert!(
                violations.iter().any(|v| v.starts_with("color-contrast")),
                "{violations:?}"
            );
            assert!(
                violations.iter().any(|v| v.starts_with("html-has-lang")),
                "{violations:?}"
            );
            assert!(too_wide, "the canary is 2000 px wide");
            continue;
        }
        if !violations.is_empty() {
            problems.push(format!(
                "{name} at {width} px: axe: {}",
                violations.join("; ")
            ));
        }
        if too_wide {
            problems.push(format!("{name} at {width} px overflows: {overflow}"));
        }
        if !r["external_requests"].as_array().unwrap().is_empty() {
            problems.push(format!("{name} loads {}", r["external_requests"]));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    eprintln!(
        "axe-core {} over {} pages at 1280 and 375 px: no violations; screenshots in {}",
        report["axe"],
        pages.len() - 1,
        shots.display()
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
