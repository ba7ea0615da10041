//! Drawing a chart with plotters' SVG backend. Same chart → same bytes: no randomness, no clock.
//!
//! The SVG is drawn at the size it is printed, one SVG unit to the point, so its text is printed
//! at the size written here (at least 7.5 pt) in every layout.

use super::axis::Axes;
use super::legend::{draw_legend, legend_layout, row_heights};
use super::place::{self, Drawing, Label, Rect};
use super::style::{GRID, INK, Look, MARKER, draw_text_at, font, looks};
use super::text::{self, BOX_HEIGHT, LINE_PT, TEXT_PT};
use crate::edition::{Chart, Series};
use crate::locale;
use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

pub use super::size::Size;

type Ctx<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Renders the chart as an SVG document.
pub fn render_svg(chart: &Chart, size: Size) -> String {
    draw(chart, size).svg
}

/// Renders the chart and reports where its labels went.
pub fn draw(chart: &Chart, size: Size) -> Drawing {
    let axes = Axes::for_chart(chart);
    let looks = looks(&chart.series);
    let legend = legend_layout(chart, size.width);
    let legend_height: f64 = row_heights(&legend).iter().sum();
    let height = size.plot_height + legend_height.ceil() as u32 + 4;
    let mut drawing = Drawing::default();
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (size.width, height)).into_drawing_area();
        let (plot, legend_area) = root.split_vertically(size.plot_height);
        // Drawing into a String cannot fail for I/O reasons; a failure here is a bug in our
        // ranges, and an empty chart is better than a crash in a build for parliament.
        let _ = draw_plot(&plot, chart, &axes, &looks, &mut drawing);
        let _ = draw_legend(&legend_area, &legend, &looks);
        let _ = root.present();
    }
    drawing.svg = out;
    drawing
}

/// The room the y tick labels need: the widest label plus the tick and some air.
fn y_label_width(axes: &Axes) -> u32 {
    let steps = 10;
    let widest = (0..=steps)
        .map(|i| {
            let y = axes.y_min + (axes.y_max - axes.y_min) * f64::from(i) / f64::from(steps);
            text::width(&axes.y_label(y), TEXT_PT)
        })
        .fold(0.0, f64::max);
    (widest + 9.0).ceil() as u32
}

fn draw_plot(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    chart: &Chart,
    axes: &Axes,
    looks: &[Look],
    drawing: &mut Drawing,
) -> Result<(), Box<dyn std::error::Error>> {
    let plot_height = area.dim_in_pixel().1;
    let mut ctx = ChartBuilder::on(area)
        .margin_top((BOX_HEIGHT + 5.0).ceil() as u32)
        .margin_right(8)
        .margin_left(2)
        .x_label_area_size((LINE_PT + 6.0).ceil() as u32)
        .y_label_area_size(y_label_width(axes))
        .build_cartesian_2d(axes.x_min..axes.x_max, axes.y_min..axes.y_max)?;
    let y_fmt = |y: &f64| axes.y_label(*y);
    ctx.configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels((plot_height / 28).clamp(3, 6) as usize)
        .y_label_formatter(&y_fmt)
        .label_style(font(TEXT_PT))
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .axis_style(INK)
        .draw()?;
    let (xr, yr) = ctx.plotting_area().get_pixel_range();
    let plot = Rect {
        x0: f64::from(xr.start),
        y0: f64::from(yr.start),
        x1: f64::from(xr.end),
        y1: f64::from(yr.end),
    };
    drawing.plot = Some(plot);
    drawing.ticks = draw_x_ticks(area, &ctx, axes, plot)?;
    let px = |ctx: &Ctx<'_, '_>, (x, y): (f64, f64)| {
        let (a, b) = ctx.backend_coord(&(x, y));
        (f64::from(a), f64::from(b))
    };
    for (series, look) in chart.series.iter().zip(looks) {
        // A lone point has no line; its marker shows it.
        for run in runs(series).into_iter().filter(|r| r.len() > 1) {
            for w in run.windows(2) {
                drawing
                    .obstacles
                    .segments
                    .push((px(&ctx, w[0]), px(&ctx, w[1])));
            }
            let style = ShapeStyle::from(&look.color).stroke_width(2);
            if look.target {
                let (dash, gap) = if look.nth == 0 { (3, 3) } else { (8, 4) };
                ctx.draw_series(DashedLineSeries::new(run.clone(), dash, gap, style))?;
            } else {
                ctx.draw_series(LineSeries::new(run.clone(), style))?;
            }
        }
        if look.target && !series.form.upper.is_empty() {
            super::targets::draw_band(&mut ctx, series, look.color, drawing)?;
        }
        if let (true, Some(level)) = (look.target, series.form.value) {
            super::targets::draw_level(&mut ctx, axes, level, look.color, drawing)?;
        }
        let pts: Vec<(f64, f64)> = series.values().map(|(p, v)| (p.x(), v)).collect();
        if let (true, Some(&end)) = (look.target, pts.last()) {
            // The streefwaarde as an open circle at the end of the path.
            let ring = ShapeStyle::from(&look.color).stroke_width(2);
            ctx.plotting_area()
                .draw(&Circle::new(end, MARKER + 1, ring))?;
            drawing
                .obstacles
                .boxes
                .push(Rect::around(px(&ctx, end), f64::from(MARKER) + 2.0));
        }
        if !look.target {
            let area = ctx.plotting_area();
            let fill = ShapeStyle::from(&look.color).filled();
            for &p in &pts {
                let m = MARKER;
                match look.nth % 3 {
                    0 => area.draw(&Circle::new(p, m, fill))?,
                    1 => area
                        .draw(&(EmptyElement::at(p) + Rectangle::new([(-m, -m), (m, m)], fill)))?,
                    _ => area.draw(&TriangleMarker::new(p, m + 1, fill))?,
                }
                drawing
                    .obstacles
                    .boxes
                    .push(Rect::around(px(&ctx, p), f64::from(MARKER) + 1.0));
            }
        }
    }
    // Labels may use the margins above and right of the plot, never the axes' label areas.
    let room = Rect {
        y0: 1.0,
        x1: f64::from(area.dim_in_pixel().0) - 1.0,
        ..plot
    };
    draw_value_labels(area, &ctx, chart, looks, room, drawing)?;
    Ok(())
}

/// A tick and a label under the x axis at each period with data; a label that would touch its
/// neighbour is left out (the first and the last are kept first).
fn draw_x_ticks(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    ctx: &Ctx<'_, '_>,
    axes: &Axes,
    plot: Rect,
) -> Result<Vec<Label>, Box<dyn std::error::Error>> {
    let mut order: Vec<usize> = (0..axes.ticks.len()).collect();
    if let Some(last) = order.pop() {
        order.insert(1.min(order.len()), last);
    }
    let mut placed: Vec<Label> = Vec::new();
    let y = plot.y1;
    for i in order {
        let (x, label) = &axes.ticks[i];
        let (bx, _) = ctx.backend_coord(&(*x, axes.y_min));
        let bx = f64::from(bx);
        area.draw(&PathElement::new(
            vec![(bx as i32, y as i32), (bx as i32, y as i32 + 3)],
            ShapeStyle::from(&INK).stroke_width(1),
        ))?;
        let w = text::width(label, TEXT_PT);
        let left = (bx - w / 2.0).clamp(0.0, f64::from(area.dim_in_pixel().0) - w);
        let rect = Rect::new(left, y + 4.0, w, BOX_HEIGHT);
        if placed.iter().any(|l| l.rect.grow(2.0).overlaps(&rect)) {
            continue;
        }
        placed.push(Label {
            text: label.clone(),
            rect,
        });
    }
    placed.sort_by(|a, b| a.rect.x0.total_cmp(&b.rect.x0));
    for l in &placed {
        draw_text_at(area, &l.text, l.rect)?;
    }
    Ok(placed)
}

/// Values printed at the points, so the chart reads without colour and in print: every measured
/// point and each streefwaarde. Each label takes the first free place around its point; one
/// with no free place is left out rather than drawn over a line, a marker or another label.
fn draw_value_labels(
    area: &DrawingArea<SVGBackend<'_>, Shift>,
    ctx: &Ctx<'_, '_>,
    chart: &Chart,
    looks: &[Look],
    plot: Rect,
    drawing: &mut Drawing,
) -> Result<(), Box<dyn std::error::Error>> {
    // Measurements before streefwaarden, and within a series the latest value first: when
    // space runs out, the newest measurement keeps its label.
    let mut wanted: Vec<(u8, f64, f64, String)> = Vec::new();
    for (series, look) in chart.series.iter().zip(looks) {
        let pts: Vec<(f64, f64)> = series.values().map(|(p, v)| (p.x(), v)).collect();
        if look.target {
            // The streefwaarde; a range says both edges ("80–85%"), labelled at its top.
            let end = series.values().last();
            wanted.extend(end.map(|(p, y)| match series.form.upper_at(p) {
                Some(up) => (
                    2,
                    p.x(),
                    up,
                    format!("{}–{}", locale::number(y), value_label(chart, up)),
                ),
                None => (2, p.x(), y, value_label(chart, y)),
            }));
            if let Some(level) = series.form.value {
                wanted.push((2, axes_right(ctx), level, value_label(chart, level)));
            }
        } else {
            let n = pts.len();
            for (i, &(x, y)) in pts.iter().enumerate() {
                let rank = if i + 1 == n { 0 } else { 1 };
                wanted.push((rank, x, y, value_label(chart, y)));
            }
        }
    }
    wanted.sort_by_key(|(rank, _, _, _)| *rank);
    let mut obstacles = drawing.obstacles.clone();
    for (_, x, y, text) in wanted {
        let (bx, by) = ctx.backend_coord(&(x, y));
        let w = text::width(&text, TEXT_PT);
        let cands = place::candidates(
            (f64::from(bx), f64::from(by)),
            w,
            BOX_HEIGHT,
            f64::from(MARKER) + 3.0,
        );
        match place::place(&cands, &plot, &mut obstacles) {
            Some(rect) => {
                draw_text_at(area, &text, rect)?;
                drawing.labels.push(Label { text, rect });
            }
            None => drawing.dropped.push(text),
        }
    }
    Ok(())
}

/// The right end of the x axis, where a level line's label goes.
fn axes_right(ctx: &Ctx<'_, '_>) -> f64 {
    ctx.x_range().end
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
