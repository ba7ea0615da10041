mod read_back;

use super::{Part, merge};
use crate::pdf::examples::{laid_out, when};
use hayro_syntax::object::{Array, Dict, MaybeRef, Object, String as PdfString};
use read_back::{catalog, checked_structure, open, outline, page_count, xmp};
use std::sync::OnceLock;

/// An example edition's PDF as the build writes it (Typst's, with described back-links).
fn pdf_of(example: &str) -> Vec<u8> {
    crate::pdf::pdf(&laid_out(example), &format!("kamerbrief/{example}"), when()).unwrap()
}

/// Two parts that both have footnotes (element IDs "Note 1", …), a table with header IDs in
/// the second, and bookmarks in both.
fn parts() -> &'static (Vec<u8>, Vec<u8>) {
    static PARTS: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    PARTS.get_or_init(|| (pdf_of("bijlage-2019"), pdf_of("po-2017")))
}

/// `letter` and `annex` joined as the letter and its first annex.
fn join(letter: &[u8], annex: &[u8], ident: &str) -> Result<Vec<u8>, String> {
    let parts = [
        Part {
            pdf: letter,
            prefix: String::new(),
        },
        Part {
            pdf: annex,
            prefix: "B1-".into(),
        },
    ];
    merge(&parts, ident).map(|j| j.pdf)
}

fn joined(ident: &str) -> Vec<u8> {
    let (a, b) = parts();
    join(a, b, ident).unwrap()
}

#[test]
fn the_joined_pdf_holds_each_part_whole_with_one_tree_and_unique_keys() {
    let (a, b) = parts();
    let joined = joined("kamerbrief/test-pakket");
    assert_eq!(page_count(&joined), page_count(a) + page_count(b));

    // One structure tree, consistent throughout, that reads as the parts one after the other.
    let (sa, sb, sj) = (
        checked_structure(a),
        checked_structure(b),
        checked_structure(&joined),
    );
    assert_eq!(sj[0], "0 Document  ");
    let parts: Vec<String> = sa[1..].iter().chain(&sb[1..]).cloned().collect();
    assert_eq!(sj[1..], parts[..]);

    // One outline: the parts' bookmarks in order.
    let mut bookmarks = outline(a);
    bookmarks.extend(outline(b));
    assert!(bookmarks.len() > 10);
    assert_eq!(outline(&joined), bookmarks);

    // The first part's metadata, for the whole.
    let meta = xmp(&joined);
    let total = page_count(&joined);
    assert!(meta.contains(&format!("<xmpTPg:NPages>{total}</xmpTPg:NPages>")));
    assert!(meta.contains("<pdfuaid:part>1</pdfuaid:part>"));
    assert!(meta.contains("<pdfaid:part>2</pdfaid:part>"));
    let title = |x: &str| {
        x.split("<dc:title>")
            .nth(1)
            .unwrap()
            .split("</dc:title>")
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(title(&meta), title(&xmp(a)));
    let lang = |pdf: &[u8]| {
        let p = open(pdf);
        catalog(&p)
            .get::<PdfString>(b"Lang")
            .map(|s| s.as_bytes().to_vec())
    };
    assert_eq!(lang(&joined), lang(a));
}

#[test]
fn an_annex_s_labels_and_element_ids_carry_its_prefix() {
    let (a, b) = parts();
    let joined = joined("kamerbrief/test-pakket");
    let pdf = open(&joined);
    let labels: Dict = catalog(&pdf).get(b"PageLabels").unwrap();
    let nums: Vec<MaybeRef<Object>> = labels.get::<Array>(b"Nums").unwrap().raw_iter().collect();
    // Each range: where it starts, its prefix and first number.
    let ranges: Vec<(i32, String, i32)> = nums
        .chunks(2)
        .map(|pair| {
            let MaybeRef::NotRef(Object::Number(from)) = &pair[0] else {
                panic!()
            };
            let MaybeRef::NotRef(Object::Dict(d)) = &pair[1] else {
                panic!()
            };
            let prefix = d
                .get::<PdfString>(b"P")
                .map(|p| String::from_utf8_lossy(p.as_bytes()).into_owned())
                .unwrap_or_default();
            (
                from.as_i64() as i32,
                prefix,
                d.get::<i32>(b"St").unwrap_or(1),
            )
        })
        .collect();
    let first_annex_page = page_count(a) as i32;
    assert_eq!(ranges[0], (0, String::new(), 1));
    assert!(
        ranges.contains(&(first_annex_page, "B1-".into(), 1)),
        "{ranges:?}"
    );
    assert!(
        ranges
            .iter()
            .all(|(from, prefix, _)| (*from >= first_annex_page) == (prefix == "B1-")),
        "{ranges:?}"
    );
    let _ = b;
    // Both parts have a "Note 1"; in the package they are two IDs.
    let raw = String::from_utf8_lossy(&joined);
    assert!(raw.contains("(Note 1)") && raw.contains("(B1-Note 1)"));
    // A table cell's headers follow their header cells' new IDs.
    assert!(raw.contains("/Headers[(B1-U1x0y0)") || raw.contains("/Headers [(B1-U1x0y0)"));
}

#[test]
fn the_same_parts_give_the_same_bytes_and_the_package_a_name_of_its_own() {
    let (a, _) = parts();
    let one = joined("kamerbrief/test-pakket");
    assert_eq!(one, joined("kamerbrief/test-pakket"));
    let other = joined("kamerbrief/ander-pakket");
    assert_ne!(one, other);
    let id = |bytes: &[u8]| {
        let trailer = super::last_trailer(bytes).unwrap();
        let ids: Vec<Vec<u8>> = trailer
            .get::<Array>(b"ID")
            .unwrap()
            .iter::<PdfString>()
            .map(|s| s.as_bytes().to_vec())
            .collect();
        ids
    };
    let (ours, first) = (id(&one), id(a));
    assert_ne!(ours[0], first[0], "the package is not the first part");
    assert_ne!(id(&other)[0], ours[0]);
    // The XMP names the package as the trailer does.
    let meta = xmp(&one);
    for i in &ours {
        assert!(meta.contains(std::str::from_utf8(i).unwrap()));
    }
    assert!(!meta.contains(std::str::from_utf8(&first[1]).unwrap()));
}

/// `pdf` with its last `from` replaced by `to`, of the same length (so the file stays valid).
fn replaced(pdf: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    assert_eq!(from.len(), to.len());
    let at = pdf
        .windows(from.len())
        .rposition(|w| w == from)
        .unwrap_or_else(|| panic!("{}", String::from_utf8_lossy(from)));
    let mut out = pdf.to_vec();
    out[at..at + from.len()].copy_from_slice(to);
    out
}

#[test]
fn what_it_cannot_join_is_refused_not_dropped() {
    let (a, b) = parts();
    // A catalog entry it does not know.
    let odd = replaced(b, b"/ViewerPreferences", b"/ViewerPreferencez");
    let e = join(a, &odd, "x").unwrap_err();
    assert!(
        e.contains("part 2") && e.contains("/ViewerPreferencez"),
        "{e}"
    );
    // A part in another language.
    let english = replaced(b, b"/Lang(nl-NL)", b"/Lang(en-GB)");
    let e = join(a, &english, "x").unwrap_err();
    assert!(e.contains("part 2") && e.contains("en-GB"), "{e}");
    assert!(merge(&[], "x").is_err());
}
