//! The legend under a chart: a line sample with the series' marker or dash pattern, and its
//! label, wrapped where the width asks for it.

use super::place::Rect;
use super::style::{Look, MARKER, SAMPLE, draw_text_at};
use super::text::{self, BOX_HEIGHT, LINE_PT, TEXT_PT};
use crate::edition::{Chart, SeriesKind};
use plotters::coord::Shift;
use plotters::prelude::*;

/// One legend entry: its series, where it starts, and its label broken into lines.
pub(super) struct LegendItem {
    series: usize,
    x: i32,
    row: usize,
    lines: Vec<String>,
}

/// Legend items side by side while they fit the width, else on the next row; a label too long
/// for the width is wrapped.
pub(super) fn legend_layout(chart: &Chart, width: u32) -> Vec<LegendItem> {
    let width = f64::from(width);
    let text_x = f64::from(SAMPLE) + 4.0;
    let mut items: Vec<LegendItem> = Vec::new();
    let mut x = 2.0;
    let mut row = 0;
    for (i, s) in chart.series.iter().enumerate() {
        // A target in words is not drawn, so it has no legend entry (the alt text says it).
        if s.kind == SeriesKind::Target && s.points.is_empty() && s.form.value.is_none() {
            continue;
        }
        let label = s.label.trim();
        let w = text_x + text::width(label, TEXT_PT) + 10.0;
        if x + w > width && x > 2.0 {
            row += 1;
            x = 2.0;
        }
        let lines = text::wrap(label, TEXT_PT, width - x - text_x - 2.0);
        let used = lines
            .iter()
            .map(|l| text::width(l, TEXT_PT))
            .fold(0.0, f64::max);
        items.push(LegendItem {
            series: i,
            x: x as i32,
            row,
            lines,
        });
        x += text_x + used + 10.0;
    }
    items
}

/// The height of each legend row: its tallest item.
pub(super) fn row_heights(items: &[LegendItem]) -> Vec<f64> {
    let rows = items.last().map_or(0, |i| i.row + 1);
    (0..rows)
        .map(|r| {
            let lines = items
                .iter()
                .filter(|i| i.row == r)
                .map(|i| i.lines.len())
                .max()
                .unwrap_or(1);
            lines as f64 * LINE_PT + 3.0
        })
        .collect()
}

pub(super) fn draw_legend(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    items: &[LegendItem],
    looks: &[Look],
) -> Result<(), Box<dyn std::error::Error>> {
    let heights = row_heights(items);
    for item in items {
        let row_top = 2.0 + heights[..item.row].iter().sum::<f64>();
        let look = looks[item.series];
        let y = (row_top + LINE_PT / 2.0 - 0.5).round() as i32;
        let x = item.x;
        let style = ShapeStyle::from(&look.color).stroke_width(2);
        if look.target {
            let (dash, gap) = if look.nth == 0 { (3, 3) } else { (8, 4) };
            let mut x0 = x;
            while x0 < x + SAMPLE {
                let x1 = (x0 + dash).min(x + SAMPLE);
                area.draw(&PathElement::new(vec![(x0, y), (x1, y)], style))?;
                x0 += dash + gap;
            }
        } else {
            area.draw(&PathElement::new(vec![(x, y), (x + SAMPLE, y)], style))?;
            let (cx, m) = (x + SAMPLE / 2, MARKER);
            match look.nth % 3 {
                0 => area.draw(&Circle::new((cx, y), m, style.filled()))?,
                1 => area.draw(&Rectangle::new(
                    [(cx - m, y - m), (cx + m, y + m)],
                    style.filled(),
                ))?,
                _ => area.draw(&TriangleMarker::new((cx, y), m + 1, style.filled()))?,
            }
        }
        for (n, line) in item.lines.iter().enumerate() {
            let top = row_top + n as f64 * LINE_PT + (LINE_PT - BOX_HEIGHT) / 2.0;
            let rect = Rect::new(f64::from(x + SAMPLE + 4), top, 0.0, BOX_HEIGHT);
            draw_text_at(area, line, rect)?;
        }
    }
    Ok(())
}
