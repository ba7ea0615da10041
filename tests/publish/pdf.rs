//! Reading the example PDFs for tests/publish.rs: link annotations (qpdf's objects) and rendered pages
//! (pdftoppm).

use crate::common::qpdf::Objects;
use crate::common::tool;
use serde_json::Value;
use std::path::Path;

fn unquote(v: &Value) -> Option<String> {
    v.as_str()
        .map(|s| s.strip_prefix("u:").unwrap_or(s).to_string())
}

/// A link annotation: its page (from 1), rectangle in points (x0, y0, x1, y1), target URI (none
/// for a link inside the document).
#[derive(Debug)]
pub struct LinkAnnot {
    pub page: usize,
    /// Each line's rectangle (x0, y0, x1, y1) in points: a link broken over lines has several.
    pub rects: Vec<[f64; 4]>,
    pub uri: Option<String>,
    /// For a link inside the document: the page (from 1) it goes to.
    pub dest_page: Option<usize>,
    /// The annotation's description (`/Contents`), e.g. "Voetnoot 3".
    pub contents: Option<String>,
}

pub fn links(pdf: &Path) -> Vec<LinkAnnot> {
    let objects = Objects::read(pdf);
    let pages = objects.pages();
    let mut out = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let annots = objects.resolve(&objects.deref(page)["/Annots"]);
        for a in annots.as_array().into_iter().flatten() {
            let a = objects.resolve(a);
            if a["/Subtype"] != "/Link" {
                continue;
            }
            let numbers = |v: &Value| -> Vec<f64> {
                v.as_array()
                    .into_iter()
                    .flatten()
                    .map(|v| v.as_f64().unwrap())
                    .collect()
            };
            let r = numbers(&a["/Rect"]);
            let quads = numbers(&a["/QuadPoints"]);
            let rects = if quads.is_empty() {
                vec![[r[0], r[1], r[2], r[3]]]
            } else {
                quads
                    .chunks(8)
                    .map(|q| {
                        let xs = [q[0], q[2], q[4], q[6]];
                        let ys = [q[1], q[3], q[5], q[7]];
                        let min = |v: [f64; 4]| v.into_iter().fold(f64::MAX, f64::min);
                        let max = |v: [f64; 4]| v.into_iter().fold(f64::MIN, f64::max);
                        [min(xs), min(ys), max(xs), max(ys)]
                    })
                    .collect()
            };
            out.push(LinkAnnot {
                page: i + 1,
                rects,
                uri: unquote(&a["/A"]["/URI"]),
                dest_page: dest_page(&objects, &a["/Dest"], &pages),
                contents: unquote(&a["/Contents"]),
            });
        }
    }
    out
}

/// The page (from 1) an explicit destination (`[page /XYZ …]`, perhaps by reference) names.
fn dest_page(objects: &Objects, dest: &Value, pages: &[String]) -> Option<usize> {
    let page = objects.resolve(dest).as_array()?.first()?.as_str()?;
    pages.iter().position(|p| *p == page).map(|i| i + 1)
}

/// One page rendered in grey (0 black … 255 white) at `dpi`.
pub struct Gray {
    pub width: usize,
    pub height: usize,
    pub pixels: Vec<u8>,
}

pub fn render_gray(pdf: &Path, page: usize, dpi: u32, dir: &Path) -> Gray {
    let p = page.to_string();
    let stem = dir.join(format!("gray-{page}"));
    tool(
        "pdftoppm",
        &[
            "-gray",
            "-r",
            &dpi.to_string(),
            "-f",
            &p,
            "-l",
            &p,
            "-singlefile",
            pdf.to_str().unwrap(),
            stem.to_str().unwrap(),
        ],
    );
    read_pgm(&stem.with_extension("pgm"))
}

/// Reads a binary PGM ("P5\n<w> <h>\n<max>\n", then one byte per pixel), as `pdftoppm -gray`
/// writes it.
pub fn read_pgm(path: &Path) -> Gray {
    let bytes = std::fs::read(path).unwrap();
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5", "{} is not a binary PGM", path.display());
    assert_eq!(fields[3], "255", "{}: 8-bit grey expected", path.display());
    let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    let pixels = bytes[at + 1..].to_vec();
    assert_eq!(pixels.len(), width * height, "{}", path.display());
    Gray {
        width,
        height,
        pixels,
    }
}

impl Gray {
    pub fn dark(&self, x: usize, y: usize) -> bool {
        self.pixels[y * self.width + x] < 200
    }
}
