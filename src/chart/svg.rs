//! Drawing a chart with plotters' SVG backend. Same chart → same bytes: no randomness, no clock.

use super::FONT_FAMILY;
use super::axis::Axes;
use crate::edition::{Chart, Series, SeriesKind};
use crate::locale;
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const LEGEND_ROW: u32 = 24;

/// Canvas size in SVG units. The template scales the SVG to its column, so a narrower canvas
/// means larger text: charts beside the text are drawn narrower than charts above it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub plot_height: u32,
}

impl Size {
    /// For a chart in a column beside the narrative (about 44 % of the text width).
    pub const BESIDE: Size = Size {
        width: 370,
        plot_height: 260,
    };
    /// For a chart above the narrative (about 80 % of the text width).
    pub const ABOVE: Size = Size {
        width: 560,
        plot_height: 300,
    };
}

/// Rijkshuisstijl blue, orange and green: distinct also in grey print, and never the only cue.
const PALETTE: [RGBColor; 3] = [
    RGBColor(0x01, 0x68, 0x9B),
    RGBColor(0xE1, 0x70, 0x00),
    RGBColor(0x39, 0x87, 0x0C),
];
const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
const INK: RGBColor = RGBColor(0x33, 0x33, 0x33);

/// How one series is drawn: colour, line pattern and marker all differ between series.
#[derive(Clone, Copy)]
struct Look {
    color: RGBColor,
    target: bool,
    /// Index among the series of the same kind: selects marker shape or dash pattern.
    nth: usize,
}

fn looks(series: &[Series]) -> Vec<Look> {
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

/// Renders the chart as an SVG document.
pub fn render_svg(chart: &Chart, size: Size) -> String {
    let axes = Axes::for_chart(chart);
    let looks = looks(&chart.series);
    let legend_rows = legend_layout(chart, size.width).len() as u32;
    let height = size.plot_height + legend_rows.max(1) * LEGEND_ROW + 6;
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (size.width, height)).into_drawing_area();
        let (plot, legend) = root.split_vertically(size.plot_height);
        // Drawing into a String cannot fail for I/O reasons; a failure here is a bug in our
        // ranges, and an empty chart is better than a crash in a build for parliament.
        let _ = draw_plot(&plot, chart, &axes, &looks);
        let _ = draw_legend(&legend, chart, &looks, size.width);
        let _ = root.present();
    }
    out
}

fn font(size: f64) -> TextStyle<'static> {
    (FONT_FAMILY, size).into_font().color(&INK)
}

fn draw_plot(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    chart: &Chart,
    axes: &Axes,
    looks: &[Look],
) -> Result<(), Box<dyn std::error::Error>> {
    let mut ctx = ChartBuilder::on(area)
        .margin_top(14)
        .margin_right(18)
        .margin_left(4)
        .x_label_area_size(30)
        .y_label_area_size(52)
        .build_cartesian_2d(axes.x_min..axes.x_max, axes.y_min..axes.y_max)?;
    let x_fmt = |x: &f64| axes.x_label(*x);
    let y_fmt = |y: &f64| axes.y_label(*y);
    ctx.configure_mesh()
        .disable_x_mesh()
        .x_labels(axes.x_label_count(area.dim_in_pixel().0.saturating_sub(74)))
        .y_labels(6)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&y_fmt)
        .label_style(font(13.0))
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(INK)
        .draw()?;
    for (series, look) in chart.series.iter().zip(looks) {
        // A lone point has no line; its marker shows it.
        for run in runs(series).into_iter().filter(|r| r.len() > 1) {
            let style = ShapeStyle::from(&look.color).stroke_width(2);
            if look.target {
                let (dash, gap) = if look.nth == 0 { (3, 4) } else { (10, 5) };
                ctx.draw_series(DashedLineSeries::new(run.clone(), dash, gap, style))?;
            } else {
                ctx.draw_series(LineSeries::new(run.clone(), style))?;
            }
        }
        let pts: Vec<(f64, f64)> = series.values().map(|(p, v)| (p.x(), v)).collect();
        if let (true, Some(&end)) = (look.target, pts.last()) {
            // The streefwaarde as an open circle at the end of the path.
            let ring = ShapeStyle::from(&look.color).stroke_width(2);
            ctx.plotting_area().draw(&Circle::new(end, 4, ring))?;
        }
        if !look.target {
            let area = ctx.plotting_area();
            let fill = ShapeStyle::from(&look.color).filled();
            for &p in &pts {
                match look.nth % 3 {
                    0 => area.draw(&Circle::new(p, 4, fill))?,
                    1 => area
                        .draw(&(EmptyElement::at(p) + Rectangle::new([(-4, -4), (4, 4)], fill)))?,
                    _ => area.draw(&TriangleMarker::new(p, 5, fill))?,
                }
            }
        }
    }
    draw_value_labels(&ctx, chart, axes, looks)?;
    Ok(())
}

/// Values printed at the points, so the chart reads without colour and in print: every measured
/// point and each streefwaarde, skipping a label that would overlap one already placed.
fn draw_value_labels(
    ctx: &ChartContext<'_, SVGBackend<'_>, Cartesian2d<RangedCoordf64, RangedCoordf64>>,
    chart: &Chart,
    axes: &Axes,
    looks: &[Look],
) -> Result<(), Box<dyn std::error::Error>> {
    let mut wanted: Vec<(bool, f64, f64)> = Vec::new();
    for (series, look) in chart.series.iter().zip(looks) {
        let pts = series.values().map(|(p, v)| (look.target, p.x(), v));
        if look.target {
            wanted.extend(pts.last());
        } else {
            wanted.extend(pts);
        }
    }
    // Measurements before targets: when two collide, the measurement keeps its label.
    wanted.sort_by_key(|(target, _, _)| *target);
    let min_gap = (axes.y_max - axes.y_min) * 0.07;
    let mut placed: Vec<(f64, f64)> = Vec::new();
    for (target, x, y) in wanted {
        if placed
            .iter()
            .any(|&(px, py)| (px - x).abs() < 0.3 && (py - y).abs() < min_gap)
        {
            continue;
        }
        placed.push((x, y));
        // Near the top the label cannot go above the point, or the plot edge would cut it off:
        // a measurement's goes under it; a streefwaarde's goes to its left, clear of the target
        // line, which reaches the top point from below.
        let near_top = y > axes.y_max - (axes.y_max - axes.y_min) * 0.08;
        let (h, v, offset) = match (near_top, target) {
            (true, true) => (HPos::Right, VPos::Center, (-8, 0)),
            (true, false) => (HPos::Center, VPos::Top, (0, 8)),
            (false, _) => (HPos::Center, VPos::Bottom, (0, -7)),
        };
        let style = font(12.0).pos(Pos::new(h, v));
        let text = value_label(chart, y);
        ctx.plotting_area()
            .draw(&(EmptyElement::at((x, y)) + Text::new(text, offset, style)))?;
    }
    Ok(())
}

fn value_label(chart: &Chart, v: f64) -> String {
    match chart.unit {
        crate::edition::Unit::Percent => format!("{}%", locale::number(v)),
        crate::edition::Unit::Count => locale::number(v),
    }
}

/// Consecutive measured points; a period without a value ends a run, so the line shows a gap.
fn runs(series: &Series) -> Vec<Vec<(f64, f64)>> {
    let mut out = vec![Vec::new()];
    for p in &series.points {
        match p.value {
            Some(v) => out.last_mut().expect("never empty").push((p.period.x(), v)),
            None => out.push(Vec::new()),
        }
    }
    out.retain(|r| !r.is_empty());
    out
}

/// Legend items in rows of at most the canvas width (text widths are estimated).
fn legend_layout(chart: &Chart, width: u32) -> Vec<Vec<(usize, i32)>> {
    let mut rows: Vec<Vec<(usize, i32)>> = vec![Vec::new()];
    let mut x = 56;
    for (i, s) in chart.series.iter().enumerate() {
        let w = 40 + (s.label.chars().count() as i32) * 7 + 24;
        if x + w > width as i32 && !rows.last().expect("never empty").is_empty() {
            rows.push(Vec::new());
            x = 56;
        }
        rows.last_mut().expect("never empty").push((i, x));
        x += w;
    }
    rows
}

fn draw_legend(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    chart: &Chart,
    looks: &[Look],
    width: u32,
) -> Result<(), Box<dyn std::error::Error>> {
    for (row, items) in legend_layout(chart, width).iter().enumerate() {
        let y = 12 + row as i32 * LEGEND_ROW as i32;
        for &(i, x) in items {
            let look = looks[i];
            let style = ShapeStyle::from(&look.color).stroke_width(2);
            if look.target {
                let (dash, gap) = if look.nth == 0 { (3, 4) } else { (10, 5) };
                let mut x0 = x;
                while x0 < x + 32 {
                    let x1 = (x0 + dash).min(x + 32);
                    area.draw(&PathElement::new(vec![(x0, y), (x1, y)], style))?;
                    x0 += dash + gap;
                }
            } else {
                area.draw(&PathElement::new(vec![(x, y), (x + 32, y)], style))?;
                match look.nth % 3 {
                    0 => area.draw(&Circle::new((x + 16, y), 4, style.filled()))?,
                    1 => area.draw(&Rectangle::new(
                        [(x + 12, y - 4), (x + 20, y + 4)],
                        style.filled(),
                    ))?,
                    _ => area.draw(&TriangleMarker::new((x + 16, y), 5, style.filled()))?,
                }
            }
            let label = font(13.0).pos(Pos::new(HPos::Left, VPos::Center));
            area.draw(&Text::new(
                chart.series[i].label.clone(),
                (x + 40, y),
                label,
            ))?;
        }
    }
    Ok(())
}
