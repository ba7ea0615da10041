//! Render stage: model → the inputs a Typst template reads (JSON, SVG), and the Typst engine that
//! typesets them. Templates never receive generated Typst source.

pub mod documents;
pub mod engine;
pub mod fonts;
pub mod inputs;
pub mod templates;

pub use engine::Typesetter;
pub use inputs::{InputFiles, dashboard_inputs};
