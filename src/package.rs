//! The letter with its annexes, laid out once. The package PDF and each part's own PDF are cut
//! from that one layout and exported in parallel, so no part is laid out twice and the parts
//! print exactly as they do in the package ("Bijlage 2: …" heads the second annex in both).

use std::ops::Range;
use std::str::FromStr;
use typst::model::{Numbering, NumberingPattern};
use typst_layout::PagedDocument;

/// The page ranges of `parts` parts in the package's pages, given each page's logical number:
/// every part restarts its page numbers at 1 (the templates' `part`), and only there.
pub fn part_ranges(numbers: &[u64], parts: usize) -> Result<Vec<Range<usize>>, String> {
    let starts: Vec<usize> = (0..numbers.len()).filter(|&i| numbers[i] == 1).collect();
    if starts.len() != parts || starts.first() != Some(&0) {
        return Err(format!(
            "the package has {} parts where {parts} were expected (pages numbered {numbers:?})",
            starts.len()
        ));
    }
    Ok(starts
        .iter()
        .zip(starts.iter().skip(1).chain([&numbers.len()]))
        .map(|(&a, &b)| a..b)
        .collect())
}

/// The page labels of annex `annex` ("B2-"): unique in the package, where every part's pages
/// are numbered from 1. Typst's numbering patterns read a `1` in a prefix as a counter, so the
/// prefix is set on the laid-out pages.
fn prefixed(prefix: &str) -> Numbering {
    let mut pattern = NumberingPattern::from_str("1").expect("`1` is a numbering pattern");
    pattern.pieces.make_mut()[0].0 = prefix.into();
    Numbering::Pattern(pattern)
}

/// The whole package, its annexes' pages labelled "B1-1", "B2-1", … (the letter keeps "1").
pub fn labelled_package(doc: &PagedDocument, ranges: &[Range<usize>]) -> PagedDocument {
    let mut pages = doc.pages().to_vec();
    for (annex, range) in ranges.iter().enumerate().skip(1) {
        let numbering = prefixed(&format!("B{annex}-"));
        for page in &mut pages[range.clone()] {
            page.numbering = Some(numbering.clone());
        }
    }
    PagedDocument::new(pages.into(), typst::model::Document::info(doc).clone())
}

/// One part of the package as a document of its own, with `title` as its PDF title.
pub fn part_document(doc: &PagedDocument, range: Range<usize>, title: &str) -> PagedDocument {
    let mut info = typst::model::Document::info(doc).clone();
    info.title = Some(title.into());
    PagedDocument::new(doc.pages()[range].iter().cloned().collect(), info)
}

#[cfg(test)]
mod tests {
    use super::part_ranges;

    #[test]
    fn parts_start_where_the_page_number_restarts() {
        assert_eq!(
            part_ranges(&[1, 2, 3, 1, 2, 1, 1, 2], 4).unwrap(),
            [0..3, 3..5, 5..6, 6..8]
        );
        assert!(part_ranges(&[1, 2, 3, 1, 2], 3).is_err());
        assert!(part_ranges(&[2, 3, 1], 2).is_err());
        let one = part_ranges(&[1], 1).unwrap();
        assert_eq!((one.len(), one[0].clone()), (1, 0..1));
    }
}
