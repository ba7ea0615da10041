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

use super::trailer::last_trailer;
use hayro_syntax::Pdf;
use hayro_syntax::object::{
    Array, Dict, MaybeRef, Name, ObjRef, Object, ObjectIdentifier, String as PdfString,
};
use pdf_writer::{Chunk, Name as PName, Ref, Settings, Str};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Arc;

/// One part of the package: its PDF and what its page labels and element IDs are prefixed with
/// ("" for the letter, "B1-" for the first annex).
pub struct Part<'a> {
    pub pdf: &'a [u8],
    pub prefix: String,
}

/// The catalog entries this stage joins; a part with any other is refused.
const CATALOG_KEYS: [&[u8]; 10] = [
    b"Type",
    b"Pages",
    b"Metadata",
    b"Outlines",
    b"OutputIntents",
    b"PageLabels",
    b"StructTreeRoot",
    b"Lang",
    b"MarkInfo",
    b"ViewerPreferences",
];
const STRUCT_ROOT_KEYS: [&[u8]; 6] = [
    b"Type",
    b"K",
    b"ParentTree",
    b"ParentTreeNextKey",
    b"IDTree",
    b"RoleMap",
];

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

    let mut body = Chunk::with_settings(Settings { pretty: false });
    write_structure(&mut body, &mut refs, &read, struct_root, document, next_key)?;

    // Everything the parts' pages, elements and bookmarks point to, copied once each.
    drain(&mut refs, &read, &mut extra, &mut body)?;
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
    drain(&mut refs, &read, &mut extra, &mut pdf)?;
    if let Some(info) = &lead.info {
        let ctx = lead.context(0);
        let mut out = pdf.document_info(refs.bump());
        write_entries(&mut refs, &ctx, &mut out, info, false)?;
    }
    drain(&mut refs, &read, &mut extra, &mut pdf)?;
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

/// Copies the objects waiting in `refs` into `out`, and what they point to.
fn drain(
    refs: &mut Refs,
    read: &[PartTree],
    extra: &mut Added,
    out: &mut Chunk,
) -> Result<(), String> {
    while let Some((part, old, new)) = refs.queue.pop_front() {
        let r = &read[part];
        let object = r
            .pdf
            .xref()
            .get::<Object>(ObjectIdentifier::new(old.obj_number, old.gen_number))
            .ok_or_else(|| {
                format!(
                    "part {}: object {} {} R is missing",
                    part + 1,
                    old.obj_number,
                    old.gen_number
                )
            })?;
        let added = extra.remove(&(part, old)).unwrap_or_default();
        let ctx = Context {
            extra: &added,
            ..r.context(part)
        };
        match object {
            Object::Stream(stream) => {
                let data = stream.raw_data();
                let mut s = out.stream(new, &data);
                write_entries(refs, &ctx, &mut s, stream.dict(), true)?;
            }
            Object::Dict(dict) => {
                let mut d = out.indirect(new).dict();
                write_entries(refs, &ctx, &mut d, &dict, false)?;
            }
            other => write_value(refs, &ctx, out.indirect(new), MaybeRef::NotRef(other))?,
        }
    }
    Ok(())
}

/// New object numbers for the parts' objects, each assigned once, and the objects still to copy.
#[derive(Default)]
struct Refs {
    next: i32,
    map: HashMap<(usize, ObjRef), Ref>,
    queue: VecDeque<(usize, ObjRef, Ref)>,
}

impl Refs {
    fn bump(&mut self) -> Ref {
        self.next += 1;
        Ref::new(self.next)
    }

    /// `old` of `part` stands for the package's `new` and is not copied.
    fn fix(&mut self, part: usize, old: ObjRef, new: Ref) {
        self.map.insert((part, old), new);
    }

    /// The package's number for `old` of `part`, copying it when first seen.
    fn refer(&mut self, part: usize, old: ObjRef) -> Ref {
        if let Some(&r) = self.map.get(&(part, old)) {
            return r;
        }
        let new = self.bump();
        self.map.insert((part, old), new);
        self.queue.push_back((part, old, new));
        new
    }
}

/// What a part contributes to the package's own objects.
struct PartTree<'a> {
    pdf: &'a Pdf,
    catalog: Dict<'a>,
    /// The document information dictionary (title, author, dates).
    info: Option<Dict<'a>>,
    prefix: String,
    pages_root: ObjRef,
    pages: Vec<ObjRef>,
    struct_root: ObjRef,
    document: ObjRef,
    /// The children of the part's document element.
    top: Vec<MaybeRef<Object<'a>>>,
    parent_tree: Vec<(i32, MaybeRef<Object<'a>>)>,
    /// This part's structure-parent keys follow the parts before: they start here.
    key_offset: i32,
    next_key: i32,
    ids: Vec<(Vec<u8>, MaybeRef<Object<'a>>)>,
    roles: Vec<(Vec<u8>, Vec<u8>)>,
    outline: Option<Outline>,
    labels: Vec<LabelRange>,
}

struct Outline {
    root: ObjRef,
    first: ObjRef,
    last: ObjRef,
    count: i32,
}

struct LabelRange {
    from: i32,
    style: Option<Vec<u8>>,
    prefix: Vec<u8>,
    start: i32,
}

/// Entries to add to some of a part's objects as they are copied (bookmarks chained to the
/// next part's), by part and object.
type Added = HashMap<(usize, ObjRef), Vec<(&'static [u8], Ref)>>;

/// How a part's objects are changed as they are copied.
struct Context<'r> {
    part: usize,
    prefix: &'r [u8],
    key_offset: i32,
    /// Entries to add to the object being copied (a bookmark chained to the next part's).
    extra: &'r [(&'static [u8], Ref)],
}

impl<'a> PartTree<'a> {
    fn read(pdf: &'a Pdf, part: &Part, key_offset: i32) -> Result<PartTree<'a>, String> {
        let root_id = pdf.xref().root_id();
        let catalog: Dict = pdf.xref().get(root_id).ok_or("no catalog")?;
        refuse_unknown(&catalog, &CATALOG_KEYS, "catalog")?;
        let pages_root = catalog.get_ref(b"Pages").ok_or("no page tree")?;
        let tree: Dict = catalog.get(b"Pages").ok_or("no page tree")?;
        refuse_unknown(&tree, &[b"Type", b"Kids", b"Count"], "page tree")?;
        let kids: Array = tree.get(b"Kids").ok_or("a page tree without /Kids")?;
        let mut pages = Vec::new();
        for kid in kids.raw_iter() {
            let id = kid.as_obj_ref().ok_or("a page that is not a reference")?;
            let page: Dict = pdf
                .xref()
                .get(id.into())
                .ok_or("a page that cannot be read")?;
            if page.get::<Name>(b"Type").as_deref() != Some(b"Page".as_slice()) {
                return Err("a nested page tree".into());
            }
            pages.push(id);
        }

        let struct_root = catalog
            .get_ref(b"StructTreeRoot")
            .ok_or("no structure tree: the part is not tagged")?;
        let sroot: Dict = catalog.get(b"StructTreeRoot").ok_or("no structure tree")?;
        refuse_unknown(&sroot, &STRUCT_ROOT_KEYS, "structure tree root")?;
        let top_items: Vec<MaybeRef<Object>> = match sroot.get_raw::<Object>(b"K") {
            Some(MaybeRef::NotRef(Object::Array(a))) => a.raw_iter().collect(),
            Some(item) => vec![item],
            None => Vec::new(),
        };
        let [MaybeRef::Ref(document)] = top_items.as_slice() else {
            return Err("the structure tree does not have one document element".into());
        };
        let document = *document;
        let doc: Dict = pdf
            .xref()
            .get(document.into())
            .ok_or("the document element cannot be read")?;
        refuse_unknown(&doc, &[b"Type", b"S", b"P", b"K"], "document element")?;
        if doc.get::<Name>(b"S").as_deref() != Some(b"Document".as_slice()) {
            return Err("the structure tree's top element is not a Document".into());
        }
        let top: Vec<MaybeRef<Object>> = match doc.get_raw::<Object>(b"K") {
            Some(MaybeRef::NotRef(Object::Array(a))) => a.raw_iter().collect(),
            Some(item) => vec![item],
            None => Vec::new(),
        };
        if top
            .iter()
            .any(|k| matches!(k, MaybeRef::NotRef(Object::Number(_))))
        {
            return Err("marked content directly under the document element".into());
        }

        let mut parent_tree = Vec::new();
        let mut max_key = -1;
        if let Some(t) = sroot.get::<Dict>(b"ParentTree") {
            let nums = flat_tree(&t, b"Nums", "ParentTree")?;
            for pair in nums.chunks(2) {
                let [MaybeRef::NotRef(Object::Number(key)), value] = pair else {
                    return Err("a ParentTree entry that is not a number and a value".into());
                };
                let key = key.as_i64() as i32;
                max_key = max_key.max(key);
                parent_tree.push((key, owned(value)));
            }
        }
        let next_key = sroot
            .get::<i32>(b"ParentTreeNextKey")
            .unwrap_or(max_key + 1)
            .max(max_key + 1);

        let mut ids = Vec::new();
        if let Some(t) = sroot.get::<Dict>(b"IDTree") {
            let names = flat_tree(&t, b"Names", "IDTree")?;
            for pair in names.chunks(2) {
                let [MaybeRef::NotRef(Object::String(name)), value] = pair else {
                    return Err("an IDTree entry that is not a string and a value".into());
                };
                ids.push((name.as_bytes().to_vec(), owned(value)));
            }
        }
        let mut roles = Vec::new();
        if let Some(map) = sroot.get::<Dict>(b"RoleMap") {
            for key in map.keys() {
                let to = map
                    .get::<Name>(key.as_ref())
                    .ok_or("a RoleMap entry that is not a name")?;
                roles.push((key.as_ref().to_vec(), to.as_ref().to_vec()));
            }
        }

        let outline = match catalog.get_ref(b"Outlines") {
            Some(root) => {
                let o: Dict = catalog.get(b"Outlines").ok_or("an unreadable outline")?;
                refuse_unknown(&o, &[b"Type", b"First", b"Last", b"Count"], "outline root")?;
                match (o.get_ref(b"First"), o.get_ref(b"Last")) {
                    (Some(first), Some(last)) => Some(Outline {
                        root,
                        first,
                        last,
                        count: o.get::<i32>(b"Count").unwrap_or(0),
                    }),
                    _ => None,
                }
            }
            None => None,
        };

        let mut labels = Vec::new();
        if let Some(t) = catalog.get::<Dict>(b"PageLabels") {
            let nums = flat_tree(&t, b"Nums", "PageLabels")?;
            for pair in nums.chunks(2) {
                let [MaybeRef::NotRef(Object::Number(from)), _] = pair else {
                    return Err("a page label entry that is not a number and a label".into());
                };
                let label: Dict = match &pair[1] {
                    MaybeRef::Ref(r) => pdf.xref().get((*r).into()),
                    MaybeRef::NotRef(Object::Dict(d)) => Some(d.clone()),
                    _ => None,
                }
                .ok_or("a page label that is not a dictionary")?;
                refuse_unknown(&label, &[b"Type", b"S", b"P", b"St"], "page label")?;
                labels.push(LabelRange {
                    from: from.as_i64() as i32,
                    style: label.get::<Name>(b"S").map(|s| s.as_ref().to_vec()),
                    prefix: label
                        .get::<PdfString>(b"P")
                        .map(|p| p.as_bytes().to_vec())
                        .unwrap_or_default(),
                    start: label.get::<i32>(b"St").unwrap_or(1),
                });
            }
        }
        if labels.first().is_none_or(|l| l.from != 0) {
            // Pages before the first range are numbered 1, 2, … (as every reader does).
            labels.insert(
                0,
                LabelRange {
                    from: 0,
                    style: Some(b"D".to_vec()),
                    prefix: Vec::new(),
                    start: 1,
                },
            );
        }

        let info = match last_trailer(part.pdf)?.get_ref(b"Info") {
            Some(id) => Some(
                pdf.xref()
                    .get::<Dict>(id.into())
                    .ok_or("the document information cannot be read")?,
            ),
            None => None,
        };
        Ok(PartTree {
            pdf,
            catalog,
            info,
            prefix: part.prefix.clone(),
            pages_root,
            pages,
            struct_root,
            document,
            top,
            parent_tree,
            key_offset,
            next_key,
            ids,
            roles,
            outline,
            labels,
        })
    }

    fn context(&self, part: usize) -> Context<'_> {
        Context {
            part,
            prefix: self.prefix.as_bytes(),
            key_offset: self.key_offset,
            extra: &[],
        }
    }
}

/// The entries of a number or name tree that is one flat node (as Typst writes them).
fn flat_tree<'a>(
    tree: &Dict<'a>,
    key: &[u8],
    what: &str,
) -> Result<Vec<MaybeRef<Object<'a>>>, String> {
    if tree.contains_key(b"Kids") {
        return Err(format!("a {what} with /Kids is not supported"));
    }
    Ok(tree
        .get::<Array>(key)
        .map(|a| a.raw_iter().collect())
        .unwrap_or_default())
}

/// `MaybeRef` is not `Clone`; what it holds is.
fn owned<'a>(value: &MaybeRef<Object<'a>>) -> MaybeRef<Object<'a>> {
    match value {
        MaybeRef::Ref(r) => MaybeRef::Ref(*r),
        MaybeRef::NotRef(o) => MaybeRef::NotRef(o.clone()),
    }
}

fn refuse_unknown(dict: &Dict, known: &[&[u8]], what: &str) -> Result<(), String> {
    match dict.keys().find(|k| !known.contains(&k.as_ref())) {
        Some(key) => Err(format!(
            "its {what} has /{}, which the package cannot join",
            String::from_utf8_lossy(key.as_ref())
        )),
        None => Ok(()),
    }
}

/// The entries of `src` written into `dst`, changed as the context says.
fn write_entries(
    refs: &mut Refs,
    ctx: &Context,
    dst: &mut pdf_writer::Dict,
    src: &Dict,
    stream: bool,
) -> Result<(), String> {
    let is_elem = src.get::<Name>(b"Type").as_deref() == Some(b"StructElem".as_slice());
    for (key, value) in src.entries() {
        let key = key.as_ref();
        if stream && key == b"Length" {
            continue;
        }
        let obj = dst.insert(PName(key));
        match (key, &value) {
            // Keys into the package's ParentTree.
            (b"StructParents" | b"StructParent", MaybeRef::NotRef(Object::Number(n))) => {
                obj.primitive(n.as_i64() as i32 + ctx.key_offset);
            }
            // An element ID, and the IDs a table cell's headers are named by.
            (b"ID", MaybeRef::NotRef(Object::String(s))) if is_elem => {
                obj.primitive(Str(&[ctx.prefix, s.as_bytes()].concat()));
            }
            (b"Headers", MaybeRef::NotRef(Object::Array(a))) => {
                let mut out = obj.array();
                for item in a.raw_iter() {
                    match item {
                        MaybeRef::NotRef(Object::String(s)) => {
                            out.item(Str(&[ctx.prefix, s.as_bytes()].concat()));
                        }
                        other => write_value(refs, ctx, out.push(), other)?,
                    }
                }
            }
            _ => write_value(refs, ctx, obj, value)?,
        }
    }
    for (key, r) in ctx.extra {
        if src.contains_key(key) {
            return Err(format!(
                "part {}: a bookmark already has /{}",
                ctx.part + 1,
                String::from_utf8_lossy(key)
            ));
        }
        dst.pair(PName(key), *r);
    }
    Ok(())
}

fn write_value(
    refs: &mut Refs,
    ctx: &Context,
    obj: pdf_writer::Obj,
    value: MaybeRef<Object>,
) -> Result<(), String> {
    match value {
        MaybeRef::Ref(r) => obj.primitive(refs.refer(ctx.part, r)),
        MaybeRef::NotRef(o) => match o {
            Object::Null(_) => obj.primitive(pdf_writer::Null),
            Object::Boolean(b) => obj.primitive(b),
            Object::Number(n) => {
                let f = n.as_f64();
                if f.fract() == 0.0 && f.abs() <= i32::MAX as f64 {
                    obj.primitive(f as i32)
                } else {
                    obj.primitive(f as f32)
                }
            }
            Object::String(s) => obj.primitive(Str(s.as_bytes())),
            Object::Name(n) => obj.primitive(PName(n.as_ref())),
            Object::Array(a) => {
                let mut out = obj.array();
                for item in a.raw_iter() {
                    write_value(refs, ctx, out.push(), item)?;
                }
            }
            Object::Dict(d) => {
                let mut out = obj.dict();
                write_entries(refs, ctx, &mut out, &d, false)?;
            }
            Object::Stream(_) => return Err("a stream that is not an indirect object".into()),
        },
    }
    Ok(())
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
