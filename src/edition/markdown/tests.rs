use super::*;
use crate::edition::narrative::{Block, Inline, plain_text};
use std::path::Path;

fn parse_ok(text: &str) -> (Markdown, Diagnostics) {
    let mut diags = Diagnostics::new();
    let md = parse(text, Path::new("t.md"), &mut diags);
    (md, diags)
}

fn blocks(text: &str) -> Vec<Block> {
    let (md, diags) = parse_ok(text);
    assert!(!diags.has_errors(), "{diags:?}");
    md.blocks.into_iter().map(|(_, b)| b).collect()
}

fn par(b: &Block) -> &[Inline] {
    match b {
        Block::Par { content } => content,
        other => panic!("expected a paragraph, got {other:?}"),
    }
}

#[test]
fn typst_and_markdown_metacharacters_stay_literal_text() {
    let b =
        blocks(r"Tekst met #set page(), $x^2$, @ref, <label>, \*ster\*, \_x\_ en \\ backslash.");
    assert_eq!(b.len(), 1);
    let inl = par(&b[0]);
    assert_eq!(inl.len(), 1, "one text run: {inl:?}");
    assert_eq!(
        plain_text(inl),
        r"Tekst met #set page(), $x^2$, @ref, <label>, *ster*, _x_ en \ backslash."
    );
}

#[test]
fn html_is_text_not_markup() {
    let b = blocks("Een <b>vet</b> woord en <script>x</script>.");
    assert_eq!(
        plain_text(par(&b[0])),
        "Een <b>vet</b> woord en <script>x</script>."
    );
}

#[test]
fn emphasis_strong_links() {
    let b = blocks("*schuin* en **vet** en [site](https://www.example.nl).");
    let inl = par(&b[0]);
    assert!(matches!(&inl[0], Inline::Emph { content } if plain_text(content) == "schuin"));
    assert!(matches!(&inl[2], Inline::Strong { content } if plain_text(content) == "vet"));
    assert!(
        matches!(&inl[4], Inline::Link { url, content } if url == "https://www.example.nl" && plain_text(content) == "site")
    );
}

#[test]
fn lists_bullet_and_numbered() {
    let b = blocks("- een\n- twee\n\n3. drie\n4. vier\n");
    match &b[0] {
        Block::List {
            ordered: false,
            items,
            ..
        } => assert_eq!(items.len(), 2),
        other => panic!("{other:?}"),
    }
    match &b[1] {
        Block::List {
            ordered: true,
            start: 3,
            items,
        } => {
            assert_eq!(items.len(), 2);
            assert_eq!(plain_text(par(&items[1][0])), "vier");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn soft_breaks_become_spaces_and_quotes_become_curly() {
    let b = blocks("regel een\nregel twee met 'quotes' en \"dubbel\"");
    assert_eq!(
        plain_text(par(&b[0])),
        "regel een regel twee met ‘quotes’ en “dubbel”"
    );
}

#[test]
fn footnotes_resolve_first_use_then_reference() {
    let text = "Eerst.[^a] Dan.[^b] Weer.[^a]\n\n[^a]: Noot A.\n[^b]: Noot *B*.\n";
    let (md, diags) = parse_ok(text);
    assert!(diags.is_empty(), "{diags:?}");
    let mut bl: Vec<Block> = md.blocks.iter().map(|(_, b)| b.clone()).collect();
    let mut diags = Diagnostics::new();
    let mut r = FootnoteResolver::new("x", &md.footnotes, Path::new("t.md"));
    r.blocks(&mut bl, &mut diags);
    let inl = par(&bl[0]).to_vec();
    let ids: Vec<String> = inl
        .iter()
        .filter_map(|i| match i {
            Inline::Footnote { id, content } => {
                Some(format!("note:{id}:{}", plain_text(par(&content[0]))))
            }
            Inline::FootnoteRef { id } => Some(format!("ref:{id}")),
            _ => None,
        })
        .collect();
    assert_eq!(
        ids,
        ["note:fn-x-a:Noot A.", "note:fn-x-b:Noot B.", "ref:fn-x-a"]
    );
    assert_eq!(r.unused().count(), 0);
}

#[test]
fn undefined_footnote_is_a_located_error() {
    let (_, diags) = parse_ok("Regel een.\nTekst[^nergens] hier.\n");
    let e: Vec<_> = diags.errors().collect();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].pos, Pos::new(2, 6));
    assert!(
        e[0].message
            .contains("`[^nergens]` is used but not defined")
    );
}

#[test]
fn unused_footnote_is_reported_by_the_resolver() {
    let (md, _) = parse_ok("Tekst.\n\n[^weg]: Niemand verwijst hiernaar.\n");
    let r = FootnoteResolver::new("x", &md.footnotes, Path::new("t.md"));
    let unused: Vec<_> = r.unused().map(|(l, d)| (l.clone(), d.pos)).collect();
    assert_eq!(unused, [("weg".to_string(), Pos::new(3, 1))]);
}

#[test]
fn images_are_errors_and_code_blocks_warn() {
    let (_, diags) = parse_ok("![grafiek](x.png)\n\n    ingesprongen\n");
    assert_eq!(diags.errors().count(), 1);
    assert_eq!(diags.warnings().count(), 1);
    let (md, _) = parse_ok("    ingesprongen tekst\n");
    assert_eq!(plain_text(par(&md.blocks[0].1)), "ingesprongen tekst");
}

#[test]
fn headings_keep_their_level_and_position() {
    let (md, _) = parse_ok("Intro.\n\n## Doelstelling\n\nTekst.\n");
    assert_eq!(md.blocks.len(), 3);
    assert_eq!(md.blocks[1].0, Pos::new(3, 1));
    assert!(matches!(&md.blocks[1].1, Block::Heading { level: 2, .. }));
}

#[test]
fn inline_titles_keep_footnote_labels() {
    let inl = parse_inline("Leraren met een plan[^7]");
    assert_eq!(footnote_labels(&inl), ["7"]);
    assert_eq!(plain_text(&inl), "Leraren met een plan");
}

#[test]
fn a_footnote_inside_a_footnote_is_an_error_but_not_unused() {
    let text = "Tekst.[^a]\n\n[^a]: Noot A.[^b]\n[^b]: Noot B.\n";
    let (md, _) = parse_ok(text);
    let mut bl: Vec<Block> = md.blocks.iter().map(|(_, b)| b.clone()).collect();
    let mut diags = Diagnostics::new();
    let mut r = FootnoteResolver::new("x", &md.footnotes, Path::new("t.md"));
    r.blocks(&mut bl, &mut diags);
    let errors: Vec<_> = diags.errors().collect();
    assert_eq!(errors.len(), 1, "{diags:?}");
    assert_eq!(errors[0].pos, Pos::new(3, 1));
    assert_eq!(r.unused().count(), 0, "`b` is referred to, if wrongly");
}

#[test]
fn undefined_references_are_found_on_their_line_only() {
    // A `]` on a later line closes no label; a definition after other lines is no use.
    let (_, diags) = parse_ok("Tekst [^open\nen] verder.\n\nMeer.\n[^def]: Noot.\n");
    assert!(diags.is_empty(), "{diags:?}");
    let long = format!("Tekst[^{}] en [^kort].\n", "x".repeat(2000));
    let (_, diags) = parse_ok(&long);
    let e: Vec<_> = diags.errors().map(|d| d.message.clone()).collect();
    assert_eq!(e, ["footnote `[^kort]` is used but not defined"]);
    // Many markers on one line stay linear; the one undefined label is reported once.
    let flood = "[^".repeat(200_000) + &"Tekst[^zz] ".repeat(20_000);
    let (_, diags) = parse_ok(&flood);
    let footnotes = diags.errors().filter(|d| d.message.contains("footnote"));
    assert_eq!(footnotes.count(), 1);
}

#[test]
fn the_position_cursor_agrees_with_the_line_index() {
    let text = "ab\nëé *x* [y](https://www.a.nl)\n\n- één\n- twee *drie*\n";
    let index = LineIndex::new(text);
    let mut cursor = PosCursor::new(&index, text);
    let offsets: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    for &o in &offsets {
        assert_eq!(cursor.pos(o), index.pos(o), "offset {o}");
    }
    // Going back falls back to the index.
    for &o in offsets.iter().rev().step_by(3) {
        assert_eq!(cursor.pos(o), index.pos(o), "offset {o}");
    }
}

#[test]
fn located_starts_are_unchanged_on_long_lines() {
    let line = "*a* ".repeat(1000) + "![x](y.png)";
    let (_, diags) = parse_ok(&format!("Eerst.\n\n{line}\n"));
    let e: Vec<_> = diags.errors().collect();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].pos, Pos::new(3, 4001));
}

#[test]
fn comments_are_dropped_and_empty_headings_duplicate_labels_and_deep_nesting_are_errors() {
    let b = blocks("Tekst <!-- TODO cijfer checken --> hier.\n\n<!--\nblok\n-->\n\nEinde.\n");
    assert_eq!(b.len(), 2, "{b:?}");
    assert!(!plain_text(par(&b[0])).contains("TODO"));
    assert_eq!(
        plain_text(par(&b[0])),
        "Tekst hier.",
        "one space where the comment was"
    );
    let b = blocks("<!-- x --> Begin, midden<!-- y -->, eind <!-- z -->\n");
    assert_eq!(plain_text(par(&b[0])), "Begin, midden, eind");
    let (_, d) = parse_ok("## Kop\n\n#### \n\nTekst.\n");
    let e: Vec<_> = d.errors().map(|d| (d.pos, d.message.clone())).collect();
    assert_eq!(
        e,
        [(Pos::new(3, 1), "this heading has no text".to_string())]
    );
    let (_, d) = parse_ok("Tekst.[^a]\n\n[^a]: een\n\n[^a]: twee\n");
    let e: Vec<_> = d.errors().map(|d| d.pos).collect();
    assert_eq!(e, [Pos::new(5, 1)]);
    let deep = format!("{}diep\n", "> ".repeat(MAX_NESTING));
    let (_, d) = parse_ok(&deep);
    assert_eq!(d.errors().count(), 1, "{d:?}");
    let ok = format!("{}diep\n", "> ".repeat(MAX_NESTING - 1));
    let (_, d) = parse_ok(&ok);
    assert!(!d.has_errors(), "{d:?}");
}
