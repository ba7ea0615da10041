use super::{Part, merge};
use crate::pipeline::check_document;
use crate::render::Typesetter;
use crate::render::documents::document_inputs;
use hayro_syntax::Pdf;
use hayro_syntax::object::{
    Array, Dict, MaybeRef, Name, ObjRef, Object, Stream, String as PdfString,
};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// An example edition's PDF as the build writes it (Typst's, with described back-links).
fn pdf_of(example: &str) -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content")
        .join(example);
    let (doc, _) = check_document(&dir).unwrap_or_else(|_| panic!("{example} checks"));
    let (inputs, template) = document_inputs(&doc);
    let typesetter = Typesetter::new();
    typesetter.set_inputs(&inputs);
    let laid = typesetter.compile(&format!("/{template}.typ")).unwrap();
    let when = chrono::DateTime::from_timestamp(1_562_716_800, 0).unwrap();
    crate::pdf::pdf(&laid, &format!("kamerbrief/{example}"), when).unwrap()
}

/// Two parts that both have footnotes (element IDs "Note 1", …), a table with header IDs in
/// the second, and bookmarks in both.
fn parts() -> &'static (Vec<u8>, Vec<u8>) {
    static PARTS: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    PARTS.get_or_init(|| (pdf_of("bijlage-2019"), pdf_of("po-2017")))
}

fn joined(ident: &str) -> Vec<u8> {
    let (a, b) = parts();
    merge(
        &[
            Part {
                pdf: a,
                prefix: String::new(),
            },
            Part {
                pdf: b,
                prefix: "B1-".into(),
            },
        ],
        ident,
    )
    .unwrap()
    .pdf
}

fn open(pdf: &[u8]) -> Pdf {
    Pdf::new(Arc::new(pdf.to_vec())).unwrap()
}

fn catalog(pdf: &Pdf) -> Dict<'_> {
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
fn checked_structure(bytes: &[u8]) -> Vec<String> {
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
        assert_eq!(
            Some(&pair[1].as_obj_ref().unwrap()),
            ids.get(&name).as_deref()
        );
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
fn outline(bytes: &[u8]) -> Vec<String> {
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

fn page_count(bytes: &[u8]) -> usize {
    open(bytes).pages().len()
}

fn xmp(bytes: &[u8]) -> String {
    let pdf = open(bytes);
    let stream = catalog(&pdf).get::<Stream>(b"Metadata").unwrap();
    String::from_utf8(stream.decoded().unwrap().to_vec()).unwrap()
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

#[test]
fn what_it_cannot_join_is_refused_not_dropped() {
    let (a, b) = parts();
    // A catalog entry it does not know (same length, so the file stays valid).
    let needle = b"/ViewerPreferences";
    let at = b
        .windows(needle.len())
        .rposition(|w| w == needle)
        .expect("the catalog's /ViewerPreferences");
    let mut odd = b.clone();
    odd[at..at + needle.len()].copy_from_slice(b"/ViewerPreferencez");
    let e = merge(
        &[
            Part {
                pdf: a,
                prefix: String::new(),
            },
            Part {
                pdf: &odd,
                prefix: "B1-".into(),
            },
        ],
        "x",
    )
    .unwrap_err();
    assert!(
        e.contains("part 2") && e.contains("/ViewerPreferencez"),
        "{e}"
    );
    // A part in another language (same length again).
    let needle = b"/Lang(nl-NL)";
    let at = b
        .windows(needle.len())
        .rposition(|w| w == needle)
        .expect("the catalog's /Lang");
    let mut english = b.clone();
    english[at..at + needle.len()].copy_from_slice(b"/Lang(en-GB)");
    let e = merge(
        &[
            Part {
                pdf: a,
                prefix: String::new(),
            },
            Part {
                pdf: &english,
                prefix: "B1-".into(),
            },
        ],
        "x",
    )
    .unwrap_err();
    assert!(e.contains("part 2") && e.contains("en-GB"), "{e}");
    assert!(merge(&[], "x").is_err());
}
