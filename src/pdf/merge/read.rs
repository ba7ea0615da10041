//! Reading a part: what its catalog, page tree, structure tree, outline and page labels hold,
//! refusing what the package cannot join.

use super::Part;
use super::copy::Context;
use crate::pdf::trailer::last_trailer;
use hayro_syntax::Pdf;
use hayro_syntax::object::{Array, Dict, MaybeRef, Name, ObjRef, Object, String as PdfString};

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

/// What a part contributes to the package's own objects.
pub(super) struct PartTree<'a> {
    pub(super) pdf: &'a Pdf,
    pub(super) catalog: Dict<'a>,
    /// The document information dictionary (title, author, dates).
    pub(super) info: Option<Dict<'a>>,
    pub(super) prefix: String,
    pub(super) pages_root: ObjRef,
    pub(super) pages: Vec<ObjRef>,
    pub(super) struct_root: ObjRef,
    pub(super) document: ObjRef,
    /// The children of the part's document element.
    pub(super) top: Vec<MaybeRef<Object<'a>>>,
    pub(super) parent_tree: Vec<(i32, MaybeRef<Object<'a>>)>,
    /// This part's structure-parent keys follow the parts before: they start here.
    pub(super) key_offset: i32,
    pub(super) next_key: i32,
    pub(super) ids: Vec<(Vec<u8>, MaybeRef<Object<'a>>)>,
    pub(super) roles: Vec<(Vec<u8>, Vec<u8>)>,
    pub(super) outline: Option<Outline>,
    pub(super) labels: Vec<LabelRange>,
}

pub(super) struct Outline {
    pub(super) root: ObjRef,
    pub(super) first: ObjRef,
    pub(super) last: ObjRef,
    pub(super) count: i32,
}

pub(super) struct LabelRange {
    pub(super) from: i32,
    pub(super) style: Option<Vec<u8>>,
    pub(super) prefix: Vec<u8>,
    pub(super) start: i32,
}

impl<'a> PartTree<'a> {
    pub(super) fn read(pdf: &'a Pdf, part: &Part, key_offset: i32) -> Result<PartTree<'a>, String> {
        let root_id = pdf.xref().root_id();
        let catalog: Dict = pdf.xref().get(root_id).ok_or("no catalog")?;
        refuse_unknown(&catalog, &CATALOG_KEYS, "catalog")?;
        let pages_root = catalog.get_ref(b"Pages").ok_or("no page tree")?;
        let tree: Dict = catalog.get(b"Pages").ok_or("no page tree")?;
        refuse_unknown(&tree, &[b"Type", b"Kids", b"Count"], "page tree")?;
        let page_refs: Array = tree.get(b"Kids").ok_or("a page tree without /Kids")?;
        let mut pages = Vec::new();
        for kid in page_refs.raw_iter() {
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
        let [MaybeRef::Ref(document)] = kids(&sroot)[..] else {
            return Err("the structure tree does not have one document element".into());
        };
        let doc: Dict = pdf
            .xref()
            .get(document.into())
            .ok_or("the document element cannot be read")?;
        refuse_unknown(&doc, &[b"Type", b"S", b"P", b"K"], "document element")?;
        if doc.get::<Name>(b"S").as_deref() != Some(b"Document".as_slice()) {
            return Err("the structure tree's top element is not a Document".into());
        }
        let top = kids(&doc);
        if top
            .iter()
            .any(|k| matches!(k, MaybeRef::NotRef(Object::Number(_))))
        {
            return Err("marked content directly under the document element".into());
        }

        let mut parent_tree = Vec::new();
        let mut max_key = -1;
        for (key, value) in flat_tree(&sroot, b"ParentTree", b"Nums")? {
            let Object::Number(key) = key else {
                return Err("a ParentTree key that is not a number".into());
            };
            let key = key.as_i64() as i32;
            max_key = max_key.max(key);
            parent_tree.push((key, value));
        }
        let next_key = sroot
            .get::<i32>(b"ParentTreeNextKey")
            .unwrap_or(max_key + 1)
            .max(max_key + 1);

        let mut ids = Vec::new();
        for (name, value) in flat_tree(&sroot, b"IDTree", b"Names")? {
            let Object::String(name) = name else {
                return Err("an IDTree key that is not a string".into());
            };
            ids.push((name.as_bytes().to_vec(), value));
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
        for (from, label) in flat_tree(&catalog, b"PageLabels", b"Nums")? {
            let Object::Number(from) = from else {
                return Err("a page label key that is not a number".into());
            };
            let label: Dict = match label {
                MaybeRef::Ref(r) => pdf.xref().get(r.into()),
                MaybeRef::NotRef(Object::Dict(d)) => Some(d),
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

    pub(super) fn context(&self, part: usize) -> Context<'_> {
        Context {
            part,
            prefix: self.prefix.as_bytes(),
            key_offset: self.key_offset,
            extra: &[],
        }
    }
}

/// The key-value pairs of `dict`'s number or name tree `tree` (its `entries`: `/Nums` or
/// `/Names`), which must be one flat node, as Typst writes them. No tree, no pairs.
fn flat_tree<'a>(
    dict: &Dict<'a>,
    tree: &[u8],
    entries: &[u8],
) -> Result<Vec<(Object<'a>, MaybeRef<Object<'a>>)>, String> {
    let what = String::from_utf8_lossy(tree);
    let Some(node) = dict.get::<Dict>(tree) else {
        return Ok(Vec::new());
    };
    if node.contains_key(b"Kids") {
        return Err(format!("a /{what} with /Kids is not supported"));
    }
    let items: Vec<MaybeRef<Object>> = node
        .get::<Array>(entries)
        .map(|a| a.raw_iter().collect())
        .unwrap_or_default();
    let mut pairs = Vec::with_capacity(items.len() / 2);
    let mut items = items.into_iter();
    while let Some(key) = items.next() {
        match (key, items.next()) {
            (MaybeRef::NotRef(key), Some(value)) => pairs.push((key, value)),
            _ => return Err(format!("a /{what} entry that is not a key and a value")),
        }
    }
    Ok(pairs)
}

/// The children (`/K`) of a structure element or of the structure tree root: one or an array.
fn kids<'a>(elem: &Dict<'a>) -> Vec<MaybeRef<Object<'a>>> {
    match elem.get_raw::<Object>(b"K") {
        Some(MaybeRef::NotRef(Object::Array(a))) => a.raw_iter().collect(),
        Some(item) => vec![item],
        None => Vec::new(),
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
