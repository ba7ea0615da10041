//! The package as one PDF, joined from its parts' PDFs.
//!
//! The letter and each annex are exported as PDFs of their own; the package is those PDFs
//! joined, not a second export. Every part's pages, tags, links, bookmarks and fonts are copied
//! as they are, under one catalog. What a joined document needs of its own is made here:
//!
//! - one page tree, with page labels that are unique in the package: an annex's labels get a
//!   prefix ("B1-" for the first annex), so "B1-2" names one page;
//! - one structure tree: the parts' top-level elements, in order, under one Document element;
//!   the keys that tie marked content and links to their elements (`/StructParents`,
//!   `/StructParent`, the ParentTree) renumbered after the parts before, and element IDs (the
//!   IDTree, a table cell's `/Headers`) prefixed as the labels are, so that no two parts share one;
//! - one outline: the parts' bookmarks one after another;
//! - the first part's catalog entries (language, output intent, viewer preferences), document
//!   information and XMP metadata, with the package's page count and file identifiers. Every
//!   part must be in the first part's language.
//!
//! Anything in a part that this stage does not know how to join (a catalog entry, an inherited
//! page attribute, a structure-tree key, a nested number tree) is refused with an error rather
//! than dropped, so that a Typst upgrade that writes something new fails loudly.

mod copy;
mod read;

use super::trailer::last_trailer;
use copy::{Added, Refs, Source, drain, owned, write_entries, write_value};
use hayro_syntax::Pdf;
use hayro_syntax::object::{Array, MaybeRef, Object, String as PdfString};
use pdf_writer::{Chunk, Name as PName, Ref, Settings, Str};
use read::{Outline, PartTree};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// One part of the package: its PDF and what its page labels and element IDs are prefixed with
/// ("" for the letter, "B1-" for the first annex).
pub struct Part<'a> {
    pub pdf: &'a [u8],
    pub prefix: String,
}

/// The joined PDF.
#[derive(Debug)]
pub struct Joined {
    pub pdf: Vec<u8>,
    pub pages: usize,
}

/// The parts joined into one PDF, in order. `ident` names the package stably (its file
/// identifier); the bytes depend only on the parts' bytes, their prefixes and `ident`.
pub fn merge(parts: &[Part], ident: &str) -> Result<Joined, String> {
    let first = parts.first().ok_or("a package needs at least one part")?;
    let pdfs: Vec<Pdf> = parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            Pdf::new(Arc::new(p.pdf.to_vec()))
                .map_err(|e| format!("part {}: cannot read its PDF: {e:?}", i + 1))
        })
        .collect::<Result<_, _>>()?;
    let mut refs = Refs::default();
    // The package's own objects first.
    let catalog = refs.bump();
    let pages_root = refs.bump();
    let struct_root = refs.bump();
    let document = refs.bump();
    let outline_root = refs.bump();
    let metadata = refs.bump();

    let mut read = Vec::with_capacity(parts.len());
    let mut next_key = 0i32;
    for (i, (part, pdf)) in parts.iter().zip(&pdfs).enumerate() {
        let what = |e: String| format!("part {}: {e}", i + 1);
        let r = PartTree::read(pdf, part, next_key).map_err(what)?;
        next_key = next_key
            .checked_add(r.next_key)
            .ok_or("too many structure parents")?;
        // The part's own roots become the package's.
        refs.fix(i, r.pages_root, pages_root);
        refs.fix(i, r.struct_root, struct_root);
        refs.fix(i, r.document, document);
        if let Some(o) = &r.outline {
            refs.fix(i, o.root, outline_root);
        }
        // The package has one language, the first part's: a part in another would be misread.
        let lang = |t: &PartTree| {
            t.catalog
                .get::<PdfString>(b"Lang")
                .map(|l| l.as_bytes().to_vec())
        };
        if let Some(lead) = read.first()
            && lang(&r) != lang(lead)
        {
            return Err(format!(
                "part {} is in another language ({}) than the first",
                i + 1,
                String::from_utf8_lossy(&lang(&r).unwrap_or_default())
            ));
        }
        read.push(r);
    }

    // Seed the copy with what the package's own objects point to, in document order.
    let mut kids = Vec::new();
    for (i, r) in read.iter().enumerate() {
        for &page in &r.pages {
            kids.push(refs.refer(i, page));
        }
    }
    // The outline: each part's bookmarks, chained to the next part's.
    let (outline, mut extra) = chain_outlines(&read, &mut refs);

    let sources: Vec<Source> = read
        .iter()
        .enumerate()
        .map(|(i, r)| Source {
            pdf: r.pdf,
            context: r.context(i),
        })
        .collect();
    let mut body = Chunk::with_settings(Settings { pretty: false });
    write_structure(&mut body, &mut refs, &read, struct_root, document, next_key)?;

    // Everything the parts' pages, elements and bookmarks point to, copied once each.
    drain(&mut refs, &sources, &mut extra, &mut body)?;
    if let Some((part, old)) = extra.keys().next() {
        return Err(format!(
            "part {}: bookmark {} 0 R was not copied",
            part + 1,
            old.obj_number
        ));
    }

    // The page tree.
    body.pages(pages_root)
        .kids(kids.iter().copied())
        .count(kids.len() as i32);
    // The outline root.
    if let Some((first_item, last_item, count)) = outline {
        let mut o = body.outline(outline_root);
        o.first(first_item).last(last_item);
        if count != 0 {
            o.count(count);
        }
    }
    // The page labels: each part's, under its prefix.
    let labels = refs.bump();
    write_page_labels(&mut body, labels, &read);

    // The identifiers: the package's name, and what it holds.
    let document_id = format!("{:032x}", typst::utils::hash128(&("kamerbrief", ident)));
    let instance_id = format!("{:032x}", typst::utils::hash128(body.as_bytes()));
    let lead = &read[0];
    let xmp = package_xmp(first.pdf, lead, kids.len(), &document_id, &instance_id)?;

    let mut pdf = pdf_writer::Pdf::with_settings(Settings { pretty: false });
    let (major, minor) = version(first.pdf)?;
    pdf.set_version(major, minor);
    pdf.extend(&body);
    pdf.stream(metadata, xmp.as_bytes())
        .pair(PName(b"Type"), PName(b"Metadata"))
        .pair(PName(b"Subtype"), PName(b"XML"));
    {
        let ctx = lead.context(0);
        let mut cat = pdf.catalog(catalog);
        cat.pair(PName(b"Pages"), pages_root);
        cat.pair(PName(b"Metadata"), metadata);
        cat.pair(PName(b"StructTreeRoot"), struct_root);
        cat.pair(PName(b"PageLabels"), labels);
        if outline.is_some() {
            cat.pair(PName(b"Outlines"), outline_root);
        }
        // The first part's language, output intent and preferences stand for the package.
        for key in [
            b"Lang".as_slice(),
            b"MarkInfo",
            b"ViewerPreferences",
            b"OutputIntents",
        ] {
            if let Some(value) = lead.catalog.get_raw::<Object>(key) {
                write_value(&mut refs, &ctx, cat.insert(PName(key)), value)?;
            }
        }
    }
    // The output intent, if the first part has one, is the only object still to copy.
    drain(&mut refs, &sources, &mut extra, &mut pdf)?;
    if let Some(info) = &lead.info {
        let ctx = lead.context(0);
        let mut out = pdf.document_info(refs.bump());
        write_entries(&mut refs, &ctx, &mut out, info, false)?;
    }
    drain(&mut refs, &sources, &mut extra, &mut pdf)?;
    pdf.set_file_id((document_id.into_bytes(), instance_id.into_bytes()));
    Ok(Joined {
        pdf: pdf.finish(),
        pages: kids.len(),
    })
}

/// The parts' outlines as one: the first and last top-level bookmarks and the count of open ones,
/// and the entries that chain each part's last top-level bookmark to the next part's first.
fn chain_outlines(read: &[PartTree], refs: &mut Refs) -> (Option<(Ref, Ref, i32)>, Added) {
    let outlined: Vec<(usize, &Outline)> = read
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.outline.as_ref().map(|o| (i, o)))
        .collect();
    let mut extra: Added = HashMap::new();
    for pair in outlined.windows(2) {
        let ((a, oa), (b, ob)) = (pair[0], pair[1]);
        let (new_last_a, new_first_b) = (refs.refer(a, oa.last), refs.refer(b, ob.first));
        extra
            .entry((a, oa.last))
            .or_default()
            .push((b"Next", new_first_b));
        extra
            .entry((b, ob.first))
            .or_default()
            .push((b"Prev", new_last_a));
    }
    let ends = match (outlined.first(), outlined.last()) {
        (Some(&(a, oa)), Some(&(b, ob))) => Some((
            refs.refer(a, oa.first),
            refs.refer(b, ob.last),
            outlined.iter().map(|(_, o)| o.count).sum(),
        )),
        _ => None,
    };
    (ends, extra)
}

/// The structure tree root and its one document element, which holds every part's top-level
/// elements in order; the ParentTree with each part's keys after the parts before, the IDTree
/// with each part's IDs under its prefix, and the parts' role maps as one.
fn write_structure(
    body: &mut Chunk,
    refs: &mut Refs,
    read: &[PartTree],
    struct_root: Ref,
    document: Ref,
    next_key: i32,
) -> Result<(), String> {
    {
        let mut elem = body.indirect(document).dict();
        elem.pair(PName(b"Type"), PName(b"StructElem"));
        elem.pair(PName(b"S"), PName(b"Document"));
        elem.pair(PName(b"P"), struct_root);
        let mut k = elem.insert(PName(b"K")).array();
        for (i, r) in read.iter().enumerate() {
            let ctx = r.context(i);
            for item in &r.top {
                write_value(refs, &ctx, k.push(), owned(item))?;
            }
        }
    }
    let mut root = body.indirect(struct_root).dict();
    root.pair(PName(b"Type"), PName(b"StructTreeRoot"));
    root.insert(PName(b"K")).array().item(document);
    {
        let mut tree = root.insert(PName(b"ParentTree")).dict();
        let mut nums = tree.insert(PName(b"Nums")).array();
        for (i, r) in read.iter().enumerate() {
            let ctx = r.context(i);
            for (key, value) in &r.parent_tree {
                nums.item(key + r.key_offset);
                write_value(refs, &ctx, nums.push(), owned(value))?;
            }
        }
    }
    root.pair(PName(b"ParentTreeNextKey"), next_key);
    let mut ids: BTreeMap<Vec<u8>, (usize, MaybeRef<Object>)> = BTreeMap::new();
    for (i, r) in read.iter().enumerate() {
        for (name, value) in &r.ids {
            let name = [r.prefix.as_bytes(), name].concat();
            if ids.insert(name.clone(), (i, owned(value))).is_some() {
                return Err(format!(
                    "two parts give a structure element the ID `{}`",
                    String::from_utf8_lossy(&name)
                ));
            }
        }
    }
    if !ids.is_empty() {
        let mut tree = root.insert(PName(b"IDTree")).dict();
        let mut names = tree.insert(PName(b"Names")).array();
        for (name, (i, value)) in ids {
            names.item(Str(&name));
            write_value(refs, &read[i].context(i), names.push(), value)?;
        }
    }
    let mut roles: BTreeMap<&[u8], &[u8]> = BTreeMap::new();
    for r in read {
        for (from, to) in &r.roles {
            if roles.insert(from, to).is_some_and(|t| t != to.as_slice()) {
                return Err(format!(
                    "the parts map the structure type /{} differently",
                    String::from_utf8_lossy(from)
                ));
            }
        }
    }
    if !roles.is_empty() {
        let mut map = root.insert(PName(b"RoleMap")).dict();
        for (from, to) in roles {
            map.pair(PName(from), PName(to));
        }
    }
    Ok(())
}

/// The page labels: each part's own ranges, after the parts before and under its prefix.
fn write_page_labels(body: &mut Chunk, labels: Ref, read: &[PartTree]) {
    let mut tree = body.indirect(labels).dict();
    let mut nums = tree.insert(PName(b"Nums")).array();
    let mut start = 0i32;
    for r in read {
        for range in &r.labels {
            nums.item(start + range.from);
            let mut label = nums.push().dict();
            label.pair(PName(b"Type"), PName(b"PageLabel"));
            if let Some(style) = &range.style {
                label.pair(PName(b"S"), PName(style));
            }
            let prefix = [r.prefix.as_bytes(), &range.prefix].concat();
            if !prefix.is_empty() {
                label.pair(PName(b"P"), Str(&prefix));
            }
            label.pair(PName(b"St"), range.start);
        }
        start += r.pages.len() as i32;
    }
}

/// The PDF version in the file's header (`%PDF-1.7`).
fn version(pdf: &[u8]) -> Result<(u8, u8), String> {
    match pdf.get(..8) {
        Some([b'%', b'P', b'D', b'F', b'-', major, b'.', minor])
            if major.is_ascii_digit() && minor.is_ascii_digit() =>
        {
            Ok((major - b'0', minor - b'0'))
        }
        _ => Err("the first part does not start with a PDF header".into()),
    }
}

/// The first part's XMP metadata, describing the package: its page count and identifiers.
fn package_xmp(
    pdf: &[u8],
    lead: &PartTree,
    pages: usize,
    document_id: &str,
    instance_id: &str,
) -> Result<String, String> {
    let stream = lead
        .catalog
        .get::<hayro_syntax::object::Stream>(b"Metadata")
        .ok_or("the first part has no XMP metadata")?;
    let data = stream
        .decoded()
        .map_err(|e| format!("the first part's XMP metadata cannot be read: {e:?}"))?;
    let mut xmp = String::from_utf8(data.to_vec())
        .map_err(|_| "the first part's XMP metadata is not UTF-8")?;
    let trailer = last_trailer(pdf)?;
    let ids: Vec<Vec<u8>> = trailer
        .get::<Array>(b"ID")
        .map(|a| {
            a.iter::<PdfString>()
                .map(|s| s.as_bytes().to_vec())
                .collect()
        })
        .unwrap_or_default();
    let [old_document, old_instance] = ids.as_slice() else {
        return Err("the first part has no file identifier".into());
    };
    let own_pages = lead.pages.len();
    let count = format!("<xmpTPg:NPages>{own_pages}</xmpTPg:NPages>");
    if !xmp.contains(&count) {
        return Err("the first part's XMP metadata does not give its page count".into());
    }
    xmp = xmp.replace(&count, &format!("<xmpTPg:NPages>{pages}</xmpTPg:NPages>"));
    for (old, new) in [(old_instance, instance_id), (old_document, document_id)] {
        let old = std::str::from_utf8(old).map_err(|_| "a file identifier that is not text")?;
        if old.is_empty() || !xmp.contains(old) {
            return Err("the first part's XMP metadata does not give its identifiers".into());
        }
        xmp = xmp.replace(old, new);
    }
    Ok(xmp)
}

#[cfg(test)]
mod tests;
