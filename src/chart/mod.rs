//! Chart stage: chart model → SVG (plotters) and a Dutch text alternative from the same data.

mod alt;
mod axis;
mod check;
mod legend;
pub mod place;
mod size;
mod style;
mod svg;
mod targets;
pub mod text;

pub use alt::{alt_text, alt_text_for, unmeasured_text};
pub use axis::{Axes, XKind};
pub use place::{Drawing, Label};
pub use svg::{Size, draw, render_svg};

/// The family the template sets as body text: Typst uses it for the SVG's text as well.
pub const FONT_FAMILY: &str = "Noto Sans";

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_labels;
