//! The fonts shipped in `fonts/`, embedded in the binary (output never depends on the machine),
//! and which characters they can print. Noto Sans sets the text; Noto Sans Math, Symbols and
//! Symbols 2 are the fallbacks Typst picks for what Noto Sans lacks (≥, →, ✓, …).

use std::sync::OnceLock;

pub static FONTS: [&[u8]; 7] = [
    include_bytes!("../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../fonts/NotoSans-Italic.ttf"),
    include_bytes!("../fonts/NotoSans-BoldItalic.ttf"),
    include_bytes!("../fonts/NotoSansMath-Regular.ttf"),
    include_bytes!("../fonts/NotoSansSymbols-Regular.ttf"),
    include_bytes!("../fonts/NotoSansSymbols2-Regular.ttf"),
];

/// The fonts' table directories: each table's tag, checksum and length, so any change to a font
/// shows, for the price of a few hundred bytes rather than megabytes. (For the record of an
/// unchanged annex: the same inputs in other fonts make another PDF.)
pub fn directories() -> impl Iterator<Item = &'static [u8]> {
    FONTS.iter().map(|data| {
        let tables = data
            .get(4..6)
            .map_or(0, |n| u16::from_be_bytes([n[0], n[1]]) as usize);
        &data[..data.len().min(12 + 16 * tables)]
    })
}

/// Every character some embedded font has a glyph for, sorted.
fn covered() -> &'static [u32] {
    static COVERED: OnceLock<Vec<u32>> = OnceLock::new();
    COVERED.get_or_init(|| {
        let mut all: Vec<u32> = FONTS
            .iter()
            .filter_map(|data| typst::text::FontInfo::new(data, 0))
            .flat_map(|info| info.coverage.iter().collect::<Vec<_>>())
            .collect();
        all.sort_unstable();
        all.dedup();
        all
    })
}

/// Why `c` cannot be printed, if it cannot: a control character, or one no embedded font has.
/// Line breaks and tabs are layout, not glyphs, and pass.
pub fn unprintable(c: char) -> Option<&'static str> {
    // Printable ASCII, most of any text, without a search: Noto Sans has all of it (tested).
    if matches!(c, ' '..='~' | '\n' | '\r' | '\t') {
        return None;
    }
    if c.is_control() {
        return Some("a control character");
    }
    // PDF/A forbids these in text (krilla's validation of the PDF/A-2 and UA-1 export).
    if matches!(c as u32, 0xFEFF | 0xFFFE) {
        return Some(
            "an invisible character (a byte-order mark) that PDF/A does not allow in text",
        );
    }
    if matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0xFFFFD | 0x100000..=0x10FFFD) {
        return Some("a private-use character, which PDF/A does not allow");
    }
    // Variation selectors (the U+FE0F of a pasted "✔️") only choose between a text and an emoji
    // look; our fonts have one look per character, so they print nothing and change nothing.
    if matches!(c as u32, 0xFE00..=0xFE0F) || covered().binary_search(&(c as u32)).is_ok() {
        return None;
    }
    Some("not in the embedded fonts")
}

/// "U+2265", the way Unicode names a code point.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_text_and_policy_symbols_are_covered_and_the_rest_is_named() {
        for c in "ëïéĳ’„“–€‰≥≤≠→←↑↓✓✔×±½°§•…".chars() {
            assert_eq!(unprintable(c), None, "{c} ({})", code_point(c));
        }
        for c in ['\u{7}', '\u{1e}', '\u{0}', '\u{12}', '\u{7f}'] {
            assert_eq!(
                unprintable(c),
                Some("a control character"),
                "{}",
                code_point(c)
            );
        }
        assert!(unprintable('\u{feff}').unwrap().contains("byte-order mark"));
        assert!(unprintable('\u{e000}').unwrap().contains("private-use"));
        for c in ['漢', '😀'] {
            assert_eq!(unprintable(c), Some("not in the embedded fonts"), "{c}");
        }
        assert_eq!(code_point('≥'), "U+2265");
        // A pasted "✔️" keeps its variation selector: it prints nothing and is no error.
        assert_eq!(unprintable('\u{fe0f}'), None);
        assert_eq!(unprintable('\u{fe0e}'), None);
    }

    #[test]
    fn printable_ascii_is_covered_by_the_text_font() {
        let text = typst::text::FontInfo::new(FONTS[0], 0).expect("Noto Sans");
        for c in ' '..='~' {
            assert!(text.coverage.contains(c as u32), "{c:?}");
            assert!(covered().binary_search(&(c as u32)).is_ok(), "{c:?}");
        }
    }

    #[test]
    fn each_font_is_known_by_its_table_directory() {
        let dirs: Vec<&[u8]> = super::directories().collect();
        assert_eq!(dirs.len(), super::FONTS.len());
        for d in &dirs {
            let tables = u16::from_be_bytes([d[4], d[5]]) as usize;
            assert!(tables > 5, "a font has its tables");
            assert_eq!(d.len(), 12 + 16 * tables);
        }
        for (i, a) in dirs.iter().enumerate() {
            assert!(
                dirs[i + 1..].iter().all(|b| a != b),
                "font {i} is told apart"
            );
        }
    }
}
