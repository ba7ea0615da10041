//! The letter with its annexes as one PDF. Each part is laid out on its own, in parallel (see
//! `Typesetter::compile_part`), and exported as its own PDF; the package is put together from
//! the parts' pages, so no part is laid out twice and the parts print exactly as they do in the
//! package ("Bijlage 2: …" heads the second annex in both).

use std::collections::HashSet;
use std::str::FromStr;
use typst::introspection::{Location, Tag};
use typst::layout::{Frame, FrameItem};
use typst::model::{Numbering, NumberingPattern};
use typst_layout::PagedDocument;

/// The page labels of annex `annex` ("B2-"): unique in the package, where every part's pages
/// are numbered from 1. Typst's numbering patterns read a `1` in a prefix as a counter, so the
/// prefix is set on the laid-out pages.
fn prefixed(prefix: &str) -> Numbering {
    let mut pattern = NumberingPattern::from_str("1").expect("`1` is a numbering pattern");
    pattern.pieces.make_mut()[0].0 = prefix.into();
    Numbering::Pattern(pattern)
}

/// The package: the letter's pages (labelled "1", "2", …), then each annex's, labelled "B1-1",
/// "B2-1", …, with `title` as the PDF's title. An error if two parts share an element identity
/// (see `Typesetter::compile_part`): links and tags would then point into the wrong part.
pub fn package(parts: &[PagedDocument], title: &str) -> Result<PagedDocument, String> {
    let mut pages = Vec::with_capacity(parts.iter().map(|p| p.pages().len()).sum());
    for (annex, part) in parts.iter().enumerate() {
        let numbering = (annex > 0).then(|| prefixed(&format!("B{annex}-")));
        for page in part.pages() {
            let mut page = page.clone();
            if let Some(numbering) = &numbering {
                page.numbering = Some(numbering.clone());
            }
            pages.push(page);
        }
    }
    let shared = shared_locations(parts);
    if shared > 0 {
        return Err(format!(
            "{shared} element(s) of the package's parts have the same identity; \
             the package cannot be put together from them (a kamerbrief bug: please report it)"
        ));
    }
    let mut info = parts
        .first()
        .map(|p| typst::model::Document::info(p).clone())
        .unwrap_or_default();
    info.title = Some(title.into());
    Ok(PagedDocument::new(pages.into(), info))
}

/// One part as a document of its own, with `title` as its PDF title.
pub fn part_document(part: &PagedDocument, title: &str) -> PagedDocument {
    let mut info = typst::model::Document::info(part).clone();
    info.title = Some(title.into());
    PagedDocument::new(part.pages().iter().cloned().collect(), info)
}

/// How many element identities (locations) occur in more than one part.
fn shared_locations(parts: &[PagedDocument]) -> usize {
    let mut seen: HashSet<Location> = HashSet::new();
    let mut shared = 0;
    for part in parts {
        let mut own = HashSet::new();
        for page in part.pages() {
            locations(&page.frame, &mut own);
        }
        for loc in own {
            if !seen.insert(loc) {
                shared += 1;
            }
        }
    }
    shared
}

fn locations(frame: &Frame, into: &mut HashSet<Location>) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => locations(&group.frame, into),
            FrameItem::Tag(Tag::Start(elem, flags)) if flags.introspectable => {
                if let Some(loc) = elem.location() {
                    into.insert(loc);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::package;
    use crate::edition::Document;
    use crate::pipeline::check_document;
    use crate::render::Typesetter;
    use crate::render::documents::package_inputs;
    use std::path::Path;

    #[test]
    fn parts_laid_out_alone_keep_identities_of_their_own() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let Ok((Document::Letter(letter), _)) = check_document(&content.join("brief-2019")) else {
            panic!("the example letter checks");
        };
        let annexes: Vec<Document> = crate::validate::annex_dirs(&letter)
            .iter()
            .map(|d| check_document(d).expect("the example annexes check").0)
            .collect();
        let typesetter = Typesetter::new();
        typesetter.set_inputs(&package_inputs(&letter, &annexes));
        // Parts 2 and 3 are both dashboards, made by the same template lines.
        let po = typesetter.compile_part(2).unwrap();
        let vo = typesetter.compile_part(3).unwrap();
        let whole = package(&[po.clone(), vo.clone()], "pakket").unwrap();
        assert_eq!(whole.pages().len(), po.pages().len() + vo.pages().len());
        let labels: Vec<Option<String>> = whole
            .pages()
            .iter()
            .map(|p| p.numbering.as_ref().map(|n| format!("{n:?}")))
            .collect();
        assert_ne!(
            labels[0],
            labels[po.pages().len()],
            "the second part is labelled B1-"
        );
        assert_eq!(
            typst::model::Document::info(&whole).title.as_deref(),
            Some("pakket")
        );
        // The same part twice has the same identities: the package refuses to be made.
        let again = typesetter.compile_part(2).unwrap();
        let refused = package(&[po, again], "pakket").unwrap_err();
        assert!(refused.contains("same identity"), "{refused}");
    }
}
