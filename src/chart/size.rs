//! How large a chart is drawn. The SVG is printed at its own size (one SVG unit is one point), so
//! the sizes here are the widths the template gives the charts: text is never scaled down.
//!
//! The text column of an A4 page with the house margins (2,3 cm each side) is 464,9 pt wide.

use crate::edition::{Chart, Layout};

/// Canvas size in points: the width as printed and the height of the plot (the legend is added
/// below it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub plot_height: u32,
}

impl Size {
    /// A chart in the column beside the narrative (44 % of the text width, 204,5 pt).
    pub const BESIDE: Size = Size {
        width: 204,
        plot_height: 150,
    };
    /// A chart above the narrative (76 % of the text width, 353 pt).
    pub const ABOVE: Size = Size {
        width: 352,
        plot_height: 190,
    };
    /// One of two charts side by side across the text width.
    pub const PAIR: Size = Size {
        width: 224,
        plot_height: 160,
    };
    /// A chart with one or two periods: little to show, so little room taken.
    pub const SMALL: Size = Size {
        width: 170,
        plot_height: 120,
    };

    /// The same chart drawn lower, for a page that has room for the indicator's heading and a
    /// lower chart but not the full one: the template prints it only there, so that the page is
    /// not left a fifth blank. Same width and text sizes: only the plot is half as high.
    pub const fn compact(self) -> Size {
        Size {
            width: self.width,
            plot_height: self.plot_height / 2,
        }
    }

    /// The size for a chart in an indicator with `layout`, `side_by_side` when it shares the
    /// width with another chart.
    pub fn for_chart(chart: &Chart, layout: Layout, side_by_side: bool) -> Size {
        let mut periods: Vec<f64> = chart
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.period.x()))
            .collect();
        periods.sort_by(f64::total_cmp);
        periods.dedup();
        if periods.len() <= 2 {
            Size::SMALL
        } else if side_by_side {
            Size::PAIR
        } else {
            match layout {
                Layout::Beside => Size::BESIDE,
                Layout::Above => Size::ABOVE,
            }
        }
    }
}
