//! HTML stage: the same Typst inputs the PDF is typeset from (src/render), rendered as one
//! accessible web page per edition with the templates in html-templates/.
//!
//! The page is a self-contained folder: `index.html` (styles inline, no scripts, no external
//! fonts), `charts/<id>-<n>.svg` (the same drawings, also inline in the page) and, for a
//! dashboard, `cijfers.csv` (every figure, as `kamerbrief export` writes it). Everything a writer
//! typed is inserted by minijinja with HTML escaping on, so it prints as text.

mod charts;
mod hyphens;
mod notes;
mod site;
mod templates;
mod view;

use crate::edition::Document;
use std::collections::BTreeMap;
use std::path::Path;

pub use site::{annex_links, write_page};
pub use view::AnnexLink;

/// The page's main file.
pub const INDEX: &str = "index.html";
/// The figures of a dashboard, beside the page.
pub const FIGURES_CSV: &str = "cijfers.csv";
/// The same figures as a spreadsheet with a cover sheet (`kamerbrief export -o cijfers.xlsx`).
pub const FIGURES_XLSX: &str = "cijfers.xlsx";

/// The files of one page, by path relative to its folder (the page and its charts; `write_page`
/// adds a dashboard's figures). Sorted: same model, same bytes.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Page {
    pub files: BTreeMap<String, Vec<u8>>,
}

/// A template could not render valid inputs: a bug in html-templates/, not in the edition.
#[derive(Debug)]
pub struct TemplateError(pub String);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "HTML template error: {}", self.0)
    }
}

/// The page of a checked document. `annexes` are the pages a letter links to.
pub fn page(doc: &Document, annexes: &[AnnexLink]) -> Result<Page, TemplateError> {
    let (context, template, files) = view::document_view(doc, annexes);
    let html = templates::render(template, &context)?;
    let mut page = Page { files };
    page.files.insert(INDEX.into(), html.into_bytes());
    Ok(page)
}

impl Page {
    /// Writes the files under `dir`, each atomically, the page itself last (so it never links
    /// to a chart that is not there yet); chart files left from an earlier build are removed.
    pub fn write_to(&self, dir: &Path) -> std::io::Result<()> {
        for (path, bytes) in self.files.iter().filter(|(p, _)| p.as_str() != INDEX) {
            crate::output::write_atomic(&dir.join(path), bytes)?;
        }
        if let Some(index) = self.files.get(INDEX) {
            crate::output::write_atomic(&dir.join(INDEX), index)?;
        }
        self.remove_stale(dir, "charts")
    }

    fn remove_stale(&self, dir: &Path, sub: &str) -> std::io::Result<()> {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            return Ok(());
        };
        for entry in entries.flatten() {
            let name = format!("{sub}/{}", entry.file_name().to_string_lossy());
            if !self.files.contains_key(&name) && entry.file_type()?.is_file() {
                std::fs::remove_file(entry.path())?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
