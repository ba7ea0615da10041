//! Text metrics of the chart font, read from the font file itself: chart labels are placed by
//! their real width, so boxes can be tested for overlap before anything is drawn.

use std::sync::OnceLock;

/// The regular face of the body font, which Typst uses for the text in the SVG.
static REGULAR: &[u8] = include_bytes!("../../fonts/NotoSans-Regular.ttf");

/// Every chart text, as printed: at least 7.5 pt (the SVG is printed at its own size).
pub const TEXT_PT: f64 = 8.0;

/// Height of a line of chart text, in points.
pub const LINE_PT: f64 = TEXT_PT * 1.25;

/// The box a label occupies from its top (digits, letters with accents and descenders).
pub const BOX_HEIGHT: f64 = TEXT_PT * 0.95;

struct Metrics {
    units_per_em: f64,
    /// Advance widths for U+0000..U+024F (Latin), in font units; others use `fallback`.
    advances: Vec<u16>,
    fallback: u16,
}

fn metrics() -> &'static Metrics {
    static M: OnceLock<Metrics> = OnceLock::new();
    M.get_or_init(|| {
        let face = ttf_parser::Face::parse(REGULAR, 0).expect("the shipped font parses");
        let advance = |c: char| face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g));
        let fallback = advance('M').unwrap_or(1000);
        let advances = (0u32..0x250)
            .map(|u| char::from_u32(u).and_then(advance).unwrap_or(fallback))
            .collect();
        Metrics {
            units_per_em: f64::from(face.units_per_em()),
            advances,
            fallback,
        }
    })
}

/// The width of `text` at `pt` points, in points (kerning ignored; it only narrows).
pub fn width(text: &str, pt: f64) -> f64 {
    let m = metrics();
    let units: u32 = text
        .chars()
        .map(|c| u32::from(m.advances.get(c as usize).copied().unwrap_or(m.fallback)))
        .sum();
    f64::from(units) / m.units_per_em * pt
}

/// Breaks `text` into lines of at most `max` points at `pt` (a single word longer than `max`
/// keeps its own line).
pub fn wrap(text: &str, pt: f64, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if width(&format!("{line} {word}"), pt) <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_the_font() {
        // Noto Sans digits are 572 units of 1000 wide; "%" is wider than a digit.
        assert!(
            (width("0", 10.0) - 5.72).abs() < 0.01,
            "{}",
            width("0", 10.0)
        );
        assert!(width("100%", 8.0) > width("1000", 8.0));
        assert!(width("i", 8.0) < width("m", 8.0));
        assert_eq!(width("", 8.0), 0.0);
    }

    #[test]
    fn wrapping_keeps_lines_within_the_width() {
        let text = "didactische vaardigheden grotendeels of volledig in beeld";
        let lines = wrap(text, 8.0, 100.0);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| width(l, 8.0) <= 100.0), "{lines:?}");
        assert_eq!(lines.join(" "), text);
    }
}
