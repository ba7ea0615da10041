//! For the PDF stages' tests: the example editions laid out, and the moment their PDFs claim.

use crate::pipeline::check_document;
use crate::render::Typesetter;
use crate::render::documents::document_inputs;
use chrono::{DateTime, Utc};
use std::path::Path;
use typst_layout::PagedDocument;

/// The example edition `content/<example>` checked and laid out.
pub(super) fn laid_out(example: &str) -> PagedDocument {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("content")
        .join(example);
    let (doc, _) = check_document(&dir).unwrap_or_else(|_| panic!("{example} checks"));
    let (inputs, template) = document_inputs(&doc);
    let typesetter = Typesetter::new();
    typesetter.set_inputs(&inputs);
    typesetter.compile(&format!("/{template}.typ")).unwrap()
}

/// 10 July 2019, the example letter's date.
pub(super) fn when() -> DateTime<Utc> {
    DateTime::from_timestamp(1_562_716_800, 0).unwrap()
}
