//! Copying a part's objects into the package: each under a new number, once, with the keys and
//! IDs that must be unique in the package changed on the way.

use hayro_syntax::Pdf;
use hayro_syntax::object::{Dict, MaybeRef, Name, ObjRef, Object, ObjectIdentifier};
use pdf_writer::{Chunk, Name as PName, Ref, Str};
use std::collections::{HashMap, VecDeque};

/// A part's PDF, and how its objects are changed as they are copied.
pub(super) struct Source<'r> {
    pub(super) pdf: &'r Pdf,
    pub(super) context: Context<'r>,
}

/// Copies the objects waiting in `refs` into `out`, and what they point to. `sources` are the
/// parts, in order.
pub(super) fn drain(
    refs: &mut Refs,
    sources: &[Source],
    extra: &mut Added,
    out: &mut Chunk,
) -> Result<(), String> {
    while let Some((part, old, new)) = refs.queue.pop_front() {
        let source = &sources[part];
        let object = source
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
            ..source.context
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
pub(super) struct Refs {
    pub(super) next: i32,
    pub(super) map: HashMap<(usize, ObjRef), Ref>,
    pub(super) queue: VecDeque<(usize, ObjRef, Ref)>,
}

impl Refs {
    pub(super) fn bump(&mut self) -> Ref {
        self.next += 1;
        Ref::new(self.next)
    }

    /// `old` of `part` stands for the package's `new` and is not copied.
    pub(super) fn fix(&mut self, part: usize, old: ObjRef, new: Ref) {
        self.map.insert((part, old), new);
    }

    /// The package's number for `old` of `part`, copying it when first seen.
    pub(super) fn refer(&mut self, part: usize, old: ObjRef) -> Ref {
        if let Some(&r) = self.map.get(&(part, old)) {
            return r;
        }
        let new = self.bump();
        self.map.insert((part, old), new);
        self.queue.push_back((part, old, new));
        new
    }
}

/// Entries to add to some of a part's objects as they are copied (bookmarks chained to the
/// next part's), by part and object.
pub(super) type Added = HashMap<(usize, ObjRef), Vec<(&'static [u8], Ref)>>;

/// How a part's objects are changed as they are copied.
pub(super) struct Context<'r> {
    pub(super) part: usize,
    pub(super) prefix: &'r [u8],
    pub(super) key_offset: i32,
    /// Entries to add to the object being copied (a bookmark chained to the next part's).
    pub(super) extra: &'r [(&'static [u8], Ref)],
}

/// `MaybeRef` is not `Clone`; what it holds is.
pub(super) fn owned<'a>(value: &MaybeRef<Object<'a>>) -> MaybeRef<Object<'a>> {
    match value {
        MaybeRef::Ref(r) => MaybeRef::Ref(*r),
        MaybeRef::NotRef(o) => MaybeRef::NotRef(o.clone()),
    }
}

/// The entries of `src` written into `dst`, changed as the context says.
pub(super) fn write_entries(
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

pub(super) fn write_value(
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
