//! Reading the end of a PDF file as Typst writes it: where its last cross-reference section
//! starts and its last trailer dictionary. Shared by the stages that read Typst's PDF back.

use hayro_syntax::object::{Dict, FromBytes};

/// The offset after the file's last `startxref`.
pub(super) fn last_startxref(pdf: &[u8]) -> Option<usize> {
    let at = rfind(pdf, b"startxref")?;
    let rest = std::str::from_utf8(&pdf[at + b"startxref".len()..]).ok()?;
    rest.split_ascii_whitespace().next()?.parse().ok()
}

/// The bytes from the file's last trailer dictionary on.
pub(super) fn last_trailer_bytes(pdf: &[u8]) -> Option<&[u8]> {
    let at = rfind(pdf, b"trailer")?;
    let dict = &pdf[at + b"trailer".len()..];
    let start = dict.iter().position(|b| !b.is_ascii_whitespace())?;
    Some(&dict[start..])
}

/// The file's last trailer dictionary (`/Root`, `/Info`, `/ID`, …).
pub(super) fn last_trailer(pdf: &[u8]) -> Result<Dict<'_>, String> {
    let bytes = last_trailer_bytes(pdf).ok_or("the PDF has no trailer dictionary")?;
    Dict::from_bytes(bytes).ok_or_else(|| "the PDF's trailer cannot be read".to_string())
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}
