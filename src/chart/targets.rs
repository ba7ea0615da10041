//! Drawing the target kinds beyond a path: a range as a band (or a bar at a single period) and
//! a streefwaarde without a year as a level line. A target in words is not drawn.

use super::axis::Axes;
use super::place::{Drawing, Rect};
use crate::edition::Series;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;

type Ctx<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// The lower edge (the target path) at `x`, straight between its points.
pub fn lower_at(series: &Series, x: f64) -> Option<f64> {
    let pts: Vec<(f64, f64)> = series.values().map(|(p, v)| (p.x(), v)).collect();
    let first = pts.first()?;
    let last = pts.last()?;
    if x <= first.0 {
        return Some(first.1);
    }
    if x >= last.0 {
        return Some(last.1);
    }
    pts.windows(2)
        .find(|w| x >= w[0].0 && x <= w[1].0)
        .map(|w| w[0].1 + (w[1].1 - w[0].1) * (x - w[0].0) / (w[1].0 - w[0].0))
}

fn px(ctx: &Ctx<'_, '_>, p: (f64, f64)) -> (f64, f64) {
    let (a, b) = ctx.backend_coord(&p);
    (f64::from(a), f64::from(b))
}

/// A range target: a translucent band from the path up to the upper edge; at a single period a
/// bar. Its outline becomes an obstacle for labels.
pub fn draw_band(
    ctx: &mut Ctx<'_, '_>,
    series: &Series,
    color: RGBColor,
    drawing: &mut Drawing,
) -> Result<(), Box<dyn std::error::Error>> {
    let edges: Vec<(f64, f64, f64)> = series
        .form
        .upper
        .iter()
        .filter_map(|(p, up)| lower_at(series, p.x()).map(|lo| (p.x(), lo, *up)))
        .collect();
    let fill = color.mix(0.22).filled();
    let line = ShapeStyle::from(&color).stroke_width(1);
    if edges.len() >= 2 {
        let mut outline: Vec<(f64, f64)> = edges.iter().map(|&(x, lo, _)| (x, lo)).collect();
        outline.extend(edges.iter().rev().map(|&(x, _, up)| (x, up)));
        ctx.draw_series(std::iter::once(Polygon::new(outline.clone(), fill)))?;
        let top: Vec<(f64, f64)> = edges.iter().map(|&(x, _, up)| (x, up)).collect();
        ctx.draw_series(LineSeries::new(top.clone(), line))?;
        for w in top.windows(2) {
            drawing
                .obstacles
                .segments
                .push((px(ctx, w[0]), px(ctx, w[1])));
        }
    } else {
        for &(x, lo, up) in &edges {
            let (a, b) = (px(ctx, (x, lo)), px(ctx, (x, up)));
            let rect = Rect {
                x0: a.0 - 4.0,
                y0: b.1.min(a.1),
                x1: a.0 + 4.0,
                y1: b.1.max(a.1),
            };
            let height = (a.1 - b.1).abs().round() as i32;
            ctx.plotting_area().draw(
                &(EmptyElement::at((x, lo.max(up))) + Rectangle::new([(-4, 0), (4, height)], fill)),
            )?;
            ctx.plotting_area()
                .draw(&PathElement::new(vec![(x, lo), (x, up)], line))?;
            drawing.obstacles.boxes.push(rect);
        }
    }
    Ok(())
}

/// A streefwaarde without a year: a dashed level line across the whole period shown.
pub fn draw_level(
    ctx: &mut Ctx<'_, '_>,
    axes: &Axes,
    value: f64,
    color: RGBColor,
    drawing: &mut Drawing,
) -> Result<(), Box<dyn std::error::Error>> {
    let ends = vec![(axes.x_min, value), (axes.x_max, value)];
    let style = ShapeStyle::from(&color).stroke_width(2);
    ctx.draw_series(DashedLineSeries::new(ends.clone(), 6, 4, style))?;
    drawing
        .obstacles
        .segments
        .push((px(ctx, ends[0]), px(ctx, ends[1])));
    Ok(())
}
