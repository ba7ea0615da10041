//! A joined PDF read back, its structure tree and outline checked for consistency on the way.

use hayro_syntax::Pdf;
use hayro_syntax::object::{
    Array, Dict, MaybeRef, Name, ObjRef, Object, Stream, String as PdfString,
};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

pub(super) fn open(pdf: &[u8]) -> Pdf {
    Pdf::new(Arc::new(pdf.to_vec())).unwrap()
}

pub(super) fn catalog(pdf: &Pdf) -> Dict<'_> {
    pdf.xref().get(pdf.xref().root_id()).unwrap()
}

fn refs_of(array: &Array) -> Vec<ObjRef> {
    array
        .raw_iter()
        .map(|i| i.as_obj_ref().expect("a reference"))
        .collect()
}

/// What a structure tree says, checked for consistency on the way: every element's `/P` is the
/// element it hangs under; every marked-content ID and every link it claims is given back to it
/// by the ParentTree (through its page's `/StructParents` or the link's `/StructParent`); every
/// ID in the IDTree is that element's `/ID`, and every table cell's `/Headers` names one.
/// Returns one line per element: depth, type, title and alternative text.
pub(super) fn checked_structure(bytes: &[u8]) -> Vec<String> {
    let pdf = open(bytes);
    let get = |r: ObjRef| -> Dict { pdf.xref().get(r.into()).expect("a readable object") };
    let cat = catalog(&pdf);
    let root_ref = cat.get_ref(b"StructTreeRoot").unwrap();
    let root = get(root_ref);
    let mut parent_tree: HashMap<i32, MaybeRef<Object>> = HashMap::new();
    let nums: Array = root
        .get::<Dict>(b"ParentTree")
        .unwrap()
        .get(b"Nums")
        .unwrap();
    let items: Vec<MaybeRef<Object>> = nums.raw_iter().collect();
    for pair in items.chunks(2) {
        let MaybeRef::NotRef(Object::Number(k)) = &pair[0] else {
            panic!("a ParentTree key")
        };
        let value = match &pair[1] {
            MaybeRef::Ref(r) => MaybeRef::Ref(*r),
            MaybeRef::NotRef(o) => MaybeRef::NotRef(o.clone()),
        };
        assert!(
            parent_tree.insert(k.as_i64() as i32, value).is_none(),
            "a ParentTree key twice"
        );
    }
    let next_key = root.get::<i32>(b"ParentTreeNextKey").unwrap();
    assert!(parent_tree.keys().all(|&k| k < next_key));
    // The element the ParentTree gives for marked content `mcid` on `page`.
    let owner_of_mcid = |page: ObjRef, mcid: i32| -> ObjRef {
        let key = get(page)
            .get::<i32>(b"StructParents")
            .expect("/StructParents");
        let array = match &parent_tree[&key] {
            MaybeRef::Ref(r) => pdf.xref().get::<Array>((*r).into()).unwrap(),
            MaybeRef::NotRef(Object::Array(a)) => a.clone(),
            other => panic!("a page's ParentTree entry: {other:?}"),
        };
        refs_of(&array)[mcid as usize]
    };
    let owner_of_annot = |annot: ObjRef| -> ObjRef {
        let key = get(annot)
            .get::<i32>(b"StructParent")
            .expect("/StructParent");
        parent_tree[&key].as_obj_ref().expect("an element")
    };

    let mut ids: HashMap<Vec<u8>, ObjRef> = HashMap::new();
    let mut headers: Vec<Vec<u8>> = Vec::new();
    let mut lines = Vec::new();
    let mut marked = 0;
    let mut stack: Vec<(ObjRef, ObjRef, usize)> = refs_of(&root.get::<Array>(b"K").unwrap())
        .into_iter()
        .rev()
        .map(|r| (r, root_ref, 0))
        .collect();
    while let Some((elem_ref, parent, depth)) = stack.pop() {
        let elem = get(elem_ref);
        assert_eq!(elem.get_ref(b"P"), Some(parent), "an element's /P");
        let text = |key: &[u8]| {
            elem.get::<PdfString>(key)
                .map(|s| String::from_utf8_lossy(s.as_bytes()).into_owned())
                .unwrap_or_default()
        };
        let kind = elem.get::<Name>(b"S").unwrap();
        lines.push(format!(
            "{depth} {} {} {}",
            kind.as_str(),
            text(b"T"),
            text(b"Alt")
        ));
        if let Some(id) = elem.get::<PdfString>(b"ID") {
            ids.insert(id.as_bytes().to_vec(), elem_ref);
        }
        let attributes: Vec<Dict> = match elem.get_raw::<Object>(b"A") {
            Some(MaybeRef::NotRef(Object::Dict(d))) => vec![d],
            Some(MaybeRef::NotRef(Object::Array(a))) => a.iter::<Dict>().collect(),
            _ => Vec::new(),
        };
        for a in attributes {
            if let Some(h) = a.get::<Array>(b"Headers") {
                headers.extend(h.iter::<PdfString>().map(|s| s.as_bytes().to_vec()));
            }
        }
        let page = elem.get_ref(b"Pg");
        let kids: Vec<MaybeRef<Object>> = match elem.get_raw::<Object>(b"K") {
            Some(MaybeRef::NotRef(Object::Array(a))) => a.raw_iter().collect(),
            Some(k) => vec![k],
            None => Vec::new(),
        };
        let mut children = Vec::new();
        for kid in kids {
            match kid {
                MaybeRef::Ref(r) => children.push((r, elem_ref, depth + 1)),
                MaybeRef::NotRef(Object::Number(n)) => {
                    assert_eq!(owner_of_mcid(page.unwrap(), n.as_i64() as i32), elem_ref);
                    marked += 1;
                }
                MaybeRef::NotRef(Object::Dict(d)) => {
                    let pg = d.get_ref(b"Pg").or(page).unwrap();
                    match d.get::<Name>(b"Type").unwrap().as_str() {
                        "MCR" => {
                            let mcid = d.get::<i32>(b"MCID").unwrap();
                            assert_eq!(owner_of_mcid(pg, mcid), elem_ref);
                            marked += 1;
                        }
                        "OBJR" => {
                            assert_eq!(owner_of_annot(d.get_ref(b"Obj").unwrap()), elem_ref);
                        }
                        other => panic!("a structure kid of type {other}"),
                    }
                }
                other => panic!("a structure kid {other:?}"),
            }
        }
        stack.extend(children.into_iter().rev());
    }
    assert!(marked > 0, "no marked content at all");
    let tree: Vec<MaybeRef<Object>> = root
        .get::<Dict>(b"IDTree")
        .and_then(|t| t.get::<Array>(b"Names"))
        .map(|a| a.raw_iter().collect())
        .unwrap_or_default();
    let mut named = HashSet::new();
    let mut last: Option<Vec<u8>> = None;
    for pair in tree.chunks(2) {
        let MaybeRef::NotRef(Object::String(name)) = &pair[0] else {
            panic!("an IDTree key")
        };
        let name = name.as_bytes().to_vec();
        assert!(last.as_ref().is_none_or(|l| *l < name), "IDTree not sorted");
        assert_eq!(pair[1].as_obj_ref(), ids.get(&name).copied());
        named.insert(name.clone());
        last = Some(name);
    }
    assert_eq!(named.len(), ids.len(), "every element ID is in the IDTree");
    for h in &headers {
        assert!(
            named.contains(h),
            "{:?} names no element",
            String::from_utf8_lossy(h)
        );
    }
    lines
}

/// The outline's titles, depth first, with its links checked both ways.
pub(super) fn outline(bytes: &[u8]) -> Vec<String> {
    let pdf = open(bytes);
    let cat = catalog(&pdf);
    let Some(root_ref) = cat.get_ref(b"Outlines") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    fn walk(pdf: &Pdf, parent: ObjRef, depth: usize, out: &mut Vec<String>) {
        let node: Dict = pdf.xref().get(parent.into()).unwrap();
        let mut prev: Option<ObjRef> = None;
        let mut next = node.get_ref(b"First");
        while let Some(item_ref) = next {
            let item: Dict = pdf.xref().get(item_ref.into()).unwrap();
            assert_eq!(item.get_ref(b"Parent"), Some(parent));
            assert_eq!(item.get_ref(b"Prev"), prev);
            let title = item.get::<PdfString>(b"Title").unwrap();
            out.push(format!(
                "{depth} {}",
                String::from_utf8_lossy(title.as_bytes())
            ));
            walk(pdf, item_ref, depth + 1, out);
            prev = Some(item_ref);
            next = item.get_ref(b"Next");
        }
        assert_eq!(node.get_ref(b"Last"), prev);
    }
    walk(&pdf, root_ref, 0, &mut out);
    out
}

pub(super) fn page_count(bytes: &[u8]) -> usize {
    open(bytes).pages().len()
}

pub(super) fn xmp(bytes: &[u8]) -> String {
    let pdf = open(bytes);
    let stream = catalog(&pdf).get::<Stream>(b"Metadata").unwrap();
    String::from_utf8(stream.decoded().unwrap().to_vec()).unwrap()
}
