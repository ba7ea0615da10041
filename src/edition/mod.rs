//! Load stage: edition directory → typed model.

pub mod annexes;
pub mod bind;
pub mod charts;
pub mod files;
pub mod glyphs;
pub mod indicator;
pub mod letter;
pub mod links;
pub mod load;
pub mod markdown;
pub mod model;
pub mod narrative;
pub mod note;
pub mod period;
pub mod raw;
pub mod sections;
#[cfg(test)]
pub mod test_model;
pub mod unset;
pub mod yaml;

pub use load::{load, load_document};
pub use model::*;
