//! Footnote back-links that say where they go.
//!
//! At the foot of a page, a footnote's number links back to where the note is called in the
//! text. Typst describes that link with the bare number ("1"), and PDF/UA takes a link's
//! description from its annotation's `/Contents`: a screen reader announces "1". This stage
//! describes each such link as the web edition does ("Terug naar voetnoot 1 in de tekst").
//!
//! Typst's bytes are kept as they are: the described links are appended as an incremental update
//! (new versions of the link annotations, a cross-reference section for them, and a trailer
//! pointing back to Typst's), which every PDF reader applies and PDF/A allows.

use super::trailer::{last_startxref, last_trailer};
use hayro_syntax::Pdf;
use hayro_syntax::object::{Array, Dict, Name, ObjRef, String as PdfString};
use pdf_writer::types::{AnnotationFlags, AnnotationType};
use pdf_writer::writers::Annotation;
use pdf_writer::{Chunk, Ref, Settings, TextStr};
use std::sync::Arc;

/// What a footnote's back-link says, for footnote `number`: the web edition's words.
pub fn description(number: &str) -> String {
    format!("Terug naar voetnoot {number} in de tekst")
}

/// The keys Typst writes on an internal link annotation; one with any other key is not rewritten
/// but refused, so that nothing is ever dropped unseen.
const KEYS: [&[u8]; 8] = [
    b"Type",
    b"Subtype",
    b"Rect",
    b"Border",
    b"Dest",
    b"F",
    b"StructParent",
    b"Contents",
];

/// `pdf` with every footnote back-link described. A PDF without footnotes comes back unchanged.
pub fn describe(pdf: Vec<u8>) -> Result<Vec<u8>, String> {
    let pdf = Arc::new(pdf);
    let parsed = Pdf::new(pdf.clone()).map_err(|e| format!("cannot read the PDF back: {e:?}"))?;
    // Compact, as Typst writes.
    let mut update = Chunk::with_settings(Settings { pretty: false });
    let mut objects: Vec<(i32, usize)> = Vec::new();
    for page in parsed.pages().iter() {
        let Some(annots) = page.raw().get::<Array>(b"Annots") else {
            continue;
        };
        for item in annots.raw_iter() {
            let Some(id) = item.as_obj_ref() else {
                continue;
            };
            let Some(annot) = parsed.xref().get::<Dict>(id.into()) else {
                continue;
            };
            let Some(number) = back_link_number(&annot) else {
                continue;
            };
            let before = update.len();
            rewrite(&mut update, id, &annot, &description(&number))?;
            objects.push((id.obj_number, before));
        }
    }
    drop(parsed);
    let mut out = Arc::try_unwrap(pdf).unwrap_or_else(|shared| (*shared).clone());
    if !objects.is_empty() {
        append_update(&mut out, &update, &mut objects)?;
    }
    Ok(out)
}

/// The footnote number of a back-link: an internal link (`/Dest`) that Typst described with the
/// bare number. Typst describes every other internal link in words ("Voetnoot 1", "Pagina 3").
fn back_link_number(annot: &Dict) -> Option<String> {
    if annot.get::<Name>(b"Subtype").as_deref() != Some(b"Link".as_slice())
        || !annot.contains_key(b"Dest")
    {
        return None;
    }
    let contents = annot.get::<PdfString>(b"Contents")?;
    let text = std::str::from_utf8(contents.as_bytes()).ok()?;
    (!text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.to_string())
}

/// Writes link annotation `id` again, as Typst wrote it, with `contents` as its description.
fn rewrite(chunk: &mut Chunk, id: ObjRef, annot: &Dict, contents: &str) -> Result<(), String> {
    let refuse = |what: &str| format!("footnote link {} 0 R: {what}", id.obj_number);
    if let Some(key) = annot.keys().find(|k| !KEYS.contains(&k.as_ref())) {
        return Err(refuse(&format!(
            "unexpected key /{}",
            String::from_utf8_lossy(key.as_ref())
        )));
    }
    let numbers = |key: &[u8]| -> Result<Vec<f32>, String> {
        let array = annot
            .get::<Array>(key)
            .ok_or_else(|| refuse(&format!("no /{}", String::from_utf8_lossy(key))))?;
        Ok(array.iter::<f32>().collect())
    };
    let rect = numbers(b"Rect")?;
    let border = numbers(b"Border")?;
    let dest = annot
        .get_ref(b"Dest")
        .ok_or_else(|| refuse("/Dest is not a reference"))?;
    let flags = annot.get::<i32>(b"F").ok_or_else(|| refuse("no /F"))?;
    let (&[x1, y1, x2, y2], &[h, v, width]) = (rect.as_slice(), border.as_slice()) else {
        return Err(refuse("/Rect or /Border is not as Typst writes it"));
    };
    let mut link = chunk
        .indirect(Ref::new(id.obj_number))
        .start::<Annotation>();
    link.subtype(AnnotationType::Link)
        .rect(pdf_writer::Rect::new(x1, y1, x2, y2))
        .border(h, v, width, None);
    link.pair(pdf_writer::Name(b"Dest"), Ref::new(dest.obj_number));
    link.flags(AnnotationFlags::from_bits_truncate(flags as u32));
    if let Some(parent) = annot.get::<i32>(b"StructParent") {
        link.struct_parent(parent);
    }
    link.contents(TextStr(contents));
    drop(link);
    Ok(())
}

/// Appends `update` (its objects at the given offsets within it) to `pdf` as an incremental
/// update: a cross-reference section for those objects and a trailer that repeats Typst's, with
/// `/Prev` pointing to Typst's cross-reference table.
fn append_update(
    pdf: &mut Vec<u8>,
    update: &Chunk,
    objects: &mut [(i32, usize)],
) -> Result<(), String> {
    let prev = last_startxref(pdf).ok_or("the PDF has no startxref")?;
    let trailer = last_trailer(pdf)?;
    if trailer.contains_key(b"Prev") {
        return Err("the PDF is already an update".into());
    }
    let old = trailer.data();
    // The dictionary without its closing `>>`, then `/Prev` and the close.
    let mut new_trailer = old[..old.len() - 2].to_vec();
    new_trailer.extend_from_slice(format!("/Prev {prev}>>").as_bytes());

    if !pdf.ends_with(b"\n") {
        pdf.push(b'\n');
    }
    let base = pdf.len();
    pdf.extend_from_slice(update.as_bytes());
    let xref = pdf.len();
    objects.sort_unstable();
    // Object 0, the head of the free list, as in Typst's own table: readers expect a section to
    // begin so.
    pdf.extend_from_slice(b"xref\n0 1\n0000000000 65535 f\r\n");
    for &(number, offset) in objects.iter() {
        pdf.extend_from_slice(format!("{number} 1\n{:010} 00000 n\r\n", base + offset).as_bytes());
    }
    pdf.extend_from_slice(b"trailer\n");
    pdf.extend_from_slice(&new_trailer);
    pdf.extend_from_slice(format!("\nstartxref\n{xref}\n%%EOF").as_bytes());
    Ok(())
}

#[cfg(test)]
mod tests;
