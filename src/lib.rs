//! kamerbrief: the Ministry of Education's progress reporting to the Tweede Kamer, from an
//! edition directory (Markdown + YAML) to PDF.
//!
//! The pipeline runs one way, a module per stage:
//! [`edition`] (load) → [`validate`] → [`chart`] → [`render`] → [`pdf`]; [`output`] writes files atomically.
//! [`pipeline`] strings them together; the binary only parses arguments and prints.

pub mod chart;
pub mod diag;
pub mod diff;
pub mod edition;
pub mod figures;
pub mod fonts;
pub mod html;
pub mod locale;
pub mod output;
pub mod pdf;
pub mod pipeline;
pub mod render;
pub mod rollover;
pub mod stamp;
pub mod status;
pub mod validate;
pub mod watch;
