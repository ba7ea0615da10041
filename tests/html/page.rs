//! Reading a page back: its text, its elements, and the structure every page must have.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of a piece of HTML: tags dropped, the entities minijinja writes decoded.
pub fn text_of(html: &str) -> String {
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

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2f;")
}

/// Every `<tag …>` opening of an element, with its attributes.
pub fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
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

pub fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    Some(&tag[from..from + tag[from..].find('"')?])
}

/// The structure every page must have; returns the problems found.
pub fn page_problems(html: &str, page: &Path) -> Vec<String> {
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
pub fn footnotes(html: &str) -> BTreeMap<usize, String> {
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
