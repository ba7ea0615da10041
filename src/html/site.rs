//! Where pages go: `<root>/<edition>/index.html`, so that a letter's page reaches its annexes'
//! pages at `../<annex>/index.html`.

use super::{AnnexLink, FIGURES_CSV, FIGURES_XLSX, INDEX, page};
use crate::diag::Diagnostics;
use crate::edition::{self, Document};
use crate::figures;
use std::path::{Path, PathBuf};

/// The annexes a letter names, with their titles for the links (the name when an annex cannot
/// be read: its own build reports why).
pub fn annex_links(doc: &Document) -> Vec<AnnexLink> {
    let Document::Letter(letter) = doc else {
        return Vec::new();
    };
    letter
        .annexes
        .iter()
        .map(|a| {
            let dir = letter.content_dir().join(&a.value);
            let title = match edition::load_document(&dir, &mut Diagnostics::new()) {
                Some(Document::Dashboard(e)) => e.meta.title,
                Some(Document::Annex(x)) => x.title,
                _ => a.value.clone(),
            };
            AnnexLink {
                name: a.value.clone(),
                title,
            }
        })
        .collect()
}

/// Renders a checked document's page and writes it under `root`, a dashboard's figures beside it
/// (by `figures::export`, as `kamerbrief export` writes them: CSV and an accessible .xlsx). Returns the page's path.
pub fn write_page(doc: &Document, root: &Path) -> Result<PathBuf, String> {
    let page = page(doc, &annex_links(doc)).map_err(|e| e.to_string())?;
    let dir = root.join(doc.name());
    if let Document::Dashboard(edition) = doc {
        let csv = dir.join(FIGURES_CSV);
        figures::export(
            &edition.dir,
            &csv,
            figures::Format::Csv(figures::Style::Plain),
        )
        .map_err(|e| format!("cannot write {}: {e}", csv.display()))?;
        let sheet = dir.join(FIGURES_XLSX);
        figures::export(&edition.dir, &sheet, figures::Format::Xlsx)
            .map_err(|e| format!("cannot write {}: {e}", sheet.display()))?;
    }
    page.write_to(&dir)
        .map_err(|e| format!("cannot write {}: {e}", dir.display()))?;
    Ok(dir.join(INDEX))
}
