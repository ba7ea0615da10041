use super::{describe, description};
use crate::pdf::examples::{laid_out, when};
use hayro_syntax::Pdf;
use hayro_syntax::object::{Array, Dict, ObjRef, String as PdfString};
use std::sync::Arc;

/// Typst's own PDF of an example edition, before this stage.
fn typst_pdf_of(example: &str) -> Vec<u8> {
    crate::pdf::typst_pdf(&laid_out(example), "kamerbrief/test", when()).unwrap()
}

/// Every link annotation of `pdf`: its reference, its description and its raw dictionary.
fn links(pdf: &[u8]) -> Vec<(ObjRef, String, Vec<u8>)> {
    let parsed = Pdf::new(Arc::new(pdf.to_vec())).unwrap();
    let mut out = Vec::new();
    for page in parsed.pages().iter() {
        let Some(annots) = page.raw().get::<Array>(b"Annots") else {
            continue;
        };
        for item in annots.raw_iter() {
            let id = item.as_obj_ref().unwrap();
            let annot = parsed.xref().get::<Dict>(id.into()).unwrap();
            let contents = annot.get::<PdfString>(b"Contents").unwrap();
            let text = String::from_utf8(contents.as_bytes().to_vec()).unwrap();
            out.push((id, text, annot.data().to_vec()));
        }
    }
    out
}

/// Every value of the annotation but `/Contents`, for comparing two versions of it.
fn without_contents(annot: &Dict) -> Vec<(Vec<u8>, String)> {
    annot
        .entries()
        .filter(|(k, _)| k.as_ref() != b"Contents")
        .map(|(k, v)| {
            let v = match v {
                hayro_syntax::object::MaybeRef::Ref(r) => format!("{r:?}"),
                hayro_syntax::object::MaybeRef::NotRef(o) => format!("{o:?}"),
            };
            (k.as_ref().to_vec(), v)
        })
        .collect()
}

/// Each value but `/Contents` of every link annotation, read back.
fn values(pdf: &[u8]) -> Vec<Vec<(Vec<u8>, String)>> {
    let parsed = Pdf::new(Arc::new(pdf.to_vec())).unwrap();
    links(pdf)
        .iter()
        .map(|(id, _, _)| without_contents(&parsed.xref().get::<Dict>((*id).into()).unwrap()))
        .collect()
}

#[test]
fn every_back_link_says_where_it_goes_and_nothing_else_changes() {
    let typst = typst_pdf_of("po-2017");
    let described = describe(typst.clone()).unwrap();
    // Typst's bytes are kept; the update follows them.
    assert!(described.starts_with(&typst));
    assert!(described.len() > typst.len());

    let (before, after) = (links(&typst), links(&described));
    assert_eq!(before.len(), after.len());
    let notes = before
        .iter()
        .filter(|l| l.1.starts_with("Voetnoot "))
        .count();
    let mut backs = 0;
    for ((id, old, raw_old), (id_after, new, raw_new)) in before.iter().zip(&after) {
        assert_eq!(id, id_after);
        if old.bytes().all(|b| b.is_ascii_digit()) {
            backs += 1;
            assert_eq!(new, &description(old));
            // Written again exactly as Typst wrote it, but for the description.
            let expected = String::from_utf8_lossy(raw_old)
                .replace(&format!("/Contents({old})"), &format!("/Contents({new})"));
            assert_eq!(String::from_utf8_lossy(raw_new), expected);
        } else {
            assert_eq!(old, new, "only back-links are described again");
            assert_eq!(raw_old, raw_new);
        }
    }
    assert!(notes > 10, "{notes} footnotes in po-2017");
    assert_eq!(backs, notes, "one back-link per footnote");
    assert_eq!(values(&typst), values(&described));
    // Same input, same bytes; and a described PDF has nothing left to describe.
    assert!(describe(typst).unwrap() == described);
    assert!(describe(described.clone()).unwrap() == described);
}

#[test]
fn a_pdf_without_footnotes_comes_back_unchanged() {
    let mut chunk = pdf_writer::Pdf::new();
    let (catalog, pages, page) = (
        pdf_writer::Ref::new(1),
        pdf_writer::Ref::new(2),
        pdf_writer::Ref::new(3),
    );
    chunk.catalog(catalog).pages(pages);
    chunk.pages(pages).kids([page]).count(1);
    chunk
        .page(page)
        .parent(pages)
        .media_box(pdf_writer::Rect::new(0.0, 0.0, 595.0, 842.0));
    let bytes = chunk.finish();
    assert_eq!(describe(bytes.clone()).unwrap(), bytes);
}

/// A one-page PDF whose page has one internal link, described as Typst describes a back-link
/// ("1"), with the given extra pair.
fn one_link_pdf(extra: Option<(&[u8], f32)>) -> Vec<u8> {
    use pdf_writer::{Name, Ref, Str};
    let mut pdf = pdf_writer::Pdf::new();
    let (catalog, pages, page, link, dest) = (
        Ref::new(1),
        Ref::new(2),
        Ref::new(3),
        Ref::new(4),
        Ref::new(5),
    );
    pdf.catalog(catalog).pages(pages);
    pdf.pages(pages).kids([page]).count(1);
    pdf.page(page)
        .parent(pages)
        .media_box(pdf_writer::Rect::new(0.0, 0.0, 595.0, 842.0))
        .annotations([link]);
    let mut annot = pdf.indirect(link).dict();
    annot.pair(Name(b"Type"), Name(b"Annot"));
    annot.pair(Name(b"Subtype"), Name(b"Link"));
    annot
        .insert(Name(b"Rect"))
        .array()
        .items([70.0f32, 80.0, 75.0, 90.0]);
    annot
        .insert(Name(b"Border"))
        .array()
        .items([0.0f32, 0.0, 0.0]);
    annot.pair(Name(b"Dest"), dest);
    annot.pair(Name(b"F"), 4);
    annot.pair(Name(b"Contents"), Str(b"1"));
    if let Some((key, value)) = extra {
        annot.pair(Name(key), value);
    }
    drop(annot);
    pdf.indirect(dest)
        .array()
        .item(page)
        .item(Name(b"XYZ"))
        .items([0.0f32, 800.0, 0.0]);
    pdf.finish()
}

#[test]
fn a_back_link_is_described_in_any_pdf_of_that_form_and_an_unknown_key_is_refused() {
    let described = describe(one_link_pdf(None)).unwrap();
    let found = links(&described);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, "Terug naar voetnoot 1 in de tekst");
    // A key this stage does not know would be lost in the rewrite: refused, not dropped.
    let refused = describe(one_link_pdf(Some((b"CA", 0.5)))).unwrap_err();
    assert!(refused.contains("unexpected key /CA"), "{refused}");
}
