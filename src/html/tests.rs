use super::notes::{Notes, plain_text, safe_href};
use super::*;
use crate::edition::Annex;
use crate::edition::narrative::{Block, Inline};
use chrono::NaiveDate;
use serde_json::json;

fn annex(body: Vec<Block>) -> Document {
    Document::Annex(Annex {
        dir: "bijlage".into(),
        name: "bijlage".into(),
        file: "bijlage/edition.yaml".into(),
        title: "Bijlage 1: <Toets> & \"citaat\"".into(),
        date: NaiveDate::from_ymd_opt(2019, 12, 13).unwrap(),
        body,
        texts: Vec::new(),
    })
}

fn html_of(doc: &Document) -> String {
    let page = page(doc, &[]).expect("renders");
    String::from_utf8(page.files[INDEX].clone()).unwrap()
}

fn par(text: &str) -> Block {
    Block::Par {
        content: vec![Inline::text(text)],
    }
}

#[test]
fn typed_text_is_printed_never_run() {
    let typed = [
        "<script>alert(1)</script>",
        "#set page(width: 1cm)",
        "$x^2$ @label <b>vet</b> *ster* _lijn_ \\ slash & amp",
    ];
    let mut body: Vec<Block> = typed.iter().map(|t| par(t)).collect();
    body.push(Block::Par {
        content: vec![Inline::Link {
            url: "javascript:alert(1)".into(),
            content: vec![Inline::text("klik")],
        }],
    });
    let html = html_of(&annex(body));
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("javascript:"), "{html}");
    assert!(!html.contains("<b>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"),
        "{html}"
    );
    assert!(html.contains("#set page(width: 1cm)"));
    assert!(
        html.contains("$x^2$ @label &lt;b&gt;vet&lt;&#x2f;b&gt; *ster* _lijn_ \\ slash &amp; amp"),
        "{html}"
    );
    assert!(
        html.contains("<title>Bijlage 1: &lt;Toets&gt; &amp; &quot;citaat&quot;</title>"),
        "{html}"
    );
    assert!(
        html.contains("<p>klik</p>"),
        "an unsafe link keeps its text, not its target"
    );
}

#[test]
fn only_web_and_mail_links_keep_their_target() {
    assert_eq!(
        safe_href(" https://www.rijksoverheid.nl/x "),
        Some("https://www.rijksoverheid.nl/x".into())
    );
    assert_eq!(
        safe_href("mailto:info@minocw.nl"),
        Some("mailto:info@minocw.nl".into())
    );
    assert_eq!(
        safe_href("#indicator-ict-plan"),
        Some("#indicator-ict-plan".into())
    );
    for bad in [
        "#",
        "#a\"b",
        "javascript:alert(1)",
        "JavaScript:x",
        "file:///etc/passwd",
        "data:text/html,x",
        "/etc",
        "https://",
        "www.x.nl",
    ] {
        assert_eq!(safe_href(bad), None, "{bad}");
    }
}

#[test]
fn footnotes_are_numbered_in_reading_order_and_link_both_ways() {
    let note = |id: &str, text: &str| Inline::Footnote {
        id: id.into(),
        content: vec![par(text)],
    };
    let body = vec![
        Block::Heading {
            level: 2,
            content: vec![Inline::text("Eerste")],
        },
        Block::Par {
            content: vec![
                Inline::text("a"),
                note("x", "Noot x."),
                Inline::text(" b"),
                note("y", "Noot y."),
            ],
        },
        Block::Heading {
            level: 3,
            content: vec![Inline::text("Sub")],
        },
        Block::Par {
            content: vec![Inline::text("c"), Inline::FootnoteRef { id: "x".into() }],
        },
        Block::Heading {
            level: 2,
            content: vec![Inline::text("Tweede")],
        },
    ];
    let html = html_of(&annex(body));
    assert!(html.contains("a<sup class=\"noteref\"><a id=\"fnref-1\" href=\"#fn-1\"><span class=\"vh\">voetnoot </span>1</a></sup> b<sup class=\"noteref\"><a id=\"fnref-2\" href=\"#fn-2\">"), "{html}");
    // A later use of note x: the same number, a link to the note, no second anchor.
    assert!(html.contains("c<sup class=\"noteref\"><a href=\"#fn-1\"><span class=\"vh\">voetnoot </span>1</a></sup>"), "{html}");
    assert!(
        html.contains("<li id=\"fn-1\"><p>Noot x. <a class=\"backref\" href=\"#fnref-1\">"),
        "{html}"
    );
    assert!(html.contains("<li id=\"fn-2\"><p>Noot y. "), "{html}");
    // Section numbers as the annex PDF prints them.
    assert!(
        html.contains("<h2 id=\"sectie-1\">1. Eerste</h2>"),
        "{html}"
    );
    assert!(html.contains("<h3 id=\"sectie-2\">1.1. Sub</h3>"), "{html}");
    assert!(
        html.contains("<h2 id=\"sectie-3\">2. Tweede</h2>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"#sectie-3\">2. Tweede</a>"),
        "table of contents: {html}"
    );
}

#[test]
fn notes_walk_numbers_box_titles_before_their_content() {
    let mut v = json!([{"type": "box",
        "title": [{"type": "footnote", "id": "t", "content": [{"type": "par", "content": [{"type": "text", "text": "T"}]}]}],
        "content": [{"type": "par", "content": [{"type": "footnote", "id": "c", "content": []}]}]}]);
    let mut notes = Notes::default();
    notes.walk(&mut v);
    assert_eq!(v[0]["title"][0]["number"], 1);
    assert_eq!(v[0]["content"][0]["content"][0]["number"], 2);
    assert_eq!(
        notes.finish()[0]["inline"],
        json!([{"type": "text", "text": "T"}])
    );
    assert_eq!(
        plain_text(
            &json!([{"type": "emph", "content": [{"type": "text", "text": " a "}]}, {"type": "footnote-ref", "id": "x"}])
        ),
        "a"
    );
}

#[test]
fn an_svg_document_splits_into_viewbox_and_drawing() {
    let svg = "<svg width=\"370\" height=\"290\" viewBox=\"0 0 370 290\" xmlns=\"http://www.w3.org/2000/svg\">\n<rect x=\"0\"/>\n<text>&lt;x&gt;</text>\n</svg>\n";
    let v = charts::inline_svg(svg);
    assert_eq!(v["viewbox"], "0 0 370 290");
    assert_eq!(v["width"], "370");
    assert_eq!(v["inner"], "<rect x=\"0\"/>\n<text>&lt;x&gt;</text>");
    let bare = charts::inline_svg("<svg width=\"10\" height=\"20\"><g/></svg>");
    assert_eq!(bare["viewbox"], "0 0 10 20");
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = annex(vec![par("Tekst.")]);
    assert_eq!(page(&doc, &[]).unwrap(), page(&doc, &[]).unwrap());
}

#[test]
fn a_node_kind_the_templates_do_not_know_still_prints_its_text() {
    let context = json!({
        "page_title": "t",
        "annex": {"title": "t", "date": "1 januari 2020", "body": [
            {"type": "par", "content": [
                {"type": "nieuw-soort", "content": [{"type": "text", "text": "binnen <x>"}]},
                {"type": "ander-soort", "text": " en tekst"}
            ]}
        ]},
        "toc": [],
        "footnotes": [],
    });
    let html = templates::render("annex.html", &context).unwrap();
    assert!(html.contains("<p>binnen &lt;x&gt; en tekst</p>"), "{html}");
}
