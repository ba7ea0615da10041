//! How a chart is drawn: the colours, each series' look (colour with a marker or a dash
//! pattern), the marker and legend-sample sizes, and the text style of its labels.

use super::FONT_FAMILY;
use super::place::Rect;
use super::text::TEXT_PT;
use crate::edition::{Series, SeriesKind};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// Rijkshuisstijl blue, orange and green: distinct also in grey print, and never the only cue.
const PALETTE: [RGBColor; 3] = [
    RGBColor(0x01, 0x68, 0x9B),
    RGBColor(0xE1, 0x70, 0x00),
    RGBColor(0x39, 0x87, 0x0C),
];
pub(super) const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
pub(super) const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);

/// Marker half-size in points.
pub(super) const MARKER: i32 = 3;
/// Width of the line sample in the legend.
pub(super) const SAMPLE: i32 = 20;

/// How one series is drawn: colour, line pattern and marker all differ between series.
#[derive(Clone, Copy)]
pub(super) struct Look {
    pub(super) color: RGBColor,
    pub(super) target: bool,
    /// Index among the series of the same kind: selects marker shape or dash pattern.
    pub(super) nth: usize,
}

pub(super) fn looks(series: &[Series]) -> Vec<Look> {
    let (mut real, mut target) = (0, 0);
    series
        .iter()
        .map(|s| {
            let counter = if s.kind == SeriesKind::Target {
                &mut target
            } else {
                &mut real
            };
            let nth = *counter;
            *counter += 1;
            Look {
                color: PALETTE[nth % PALETTE.len()],
                target: s.kind == SeriesKind::Target,
                nth,
            }
        })
        .collect()
}

/// A chart text style at `pt` points as printed. Plotters writes `font-size` as the given size
/// divided by 1.24, so the size is scaled up by that factor here.
pub(super) fn font(pt: f64) -> TextStyle<'static> {
    (FONT_FAMILY, pt * 1.24).into_font().color(&INK)
}

pub(super) fn draw_text_at(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    text: &str,
    rect: Rect,
) -> Result<(), Box<dyn std::error::Error>> {
    let style = font(TEXT_PT).pos(Pos::new(HPos::Left, VPos::Top));
    area.draw(&Text::new(
        text.to_string(),
        (rect.x0.round() as i32, rect.y0.round() as i32),
        style,
    ))?;
    Ok(())
}
