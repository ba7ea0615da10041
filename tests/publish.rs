//! Ready to publish: what a careful reader and a screen-reader user meet in the example PDFs —
//! links, page labels, blank space, typesetting and structure — measured on the real output.

mod common;

use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The PDF's objects and pages, as qpdf's JSON.
fn qpdf_json(pdf: &Path) -> Value {
    serde_json::from_str(&tool(
        "qpdf",
        &[
            "--json",
            "--json-key=pages",
            "--json-key=qpdf",
            pdf.to_str().unwrap(),
        ],
    ))
    .unwrap()
}

fn object<'a>(json: &'a Value, reference: &str) -> &'a Value {
    &json["qpdf"][1][format!("obj:{reference}")]["value"]
}

fn unquote(v: &Value) -> Option<String> {
    v.as_str()
        .map(|s| s.strip_prefix("u:").unwrap_or(s).to_string())
}

/// A link annotation: its page (from 1), rectangle in points (x0, y0, x1, y1), target URI (none
/// for a link inside the document) and the text it announces.
#[derive(Debug)]
#[allow(dead_code)]
struct LinkAnnot {
    page: usize,
    /// Each line's rectangle (x0, y0, x1, y1) in points: a link broken over lines has several.
    rects: Vec<[f64; 4]>,
    uri: Option<String>,
    contents: String,
}

fn links(pdf: &Path) -> Vec<LinkAnnot> {
    let json = qpdf_json(pdf);
    let mut out = Vec::new();
    for (i, page) in json["pages"].as_array().unwrap().iter().enumerate() {
        let page_obj = object(&json, page["object"].as_str().unwrap());
        let annots = match &page_obj["/Annots"] {
            Value::String(r) => object(&json, r).clone(),
            other => other.clone(),
        };
        for a in annots.as_array().into_iter().flatten() {
            let a = object(&json, a.as_str().unwrap());
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
                contents: unquote(&a["/Contents"]).unwrap_or_default(),
            });
        }
    }
    out
}

/// One page rendered in grey (0 black … 255 white) at `dpi`.
struct Gray {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

fn render_gray(pdf: &Path, page: usize, dpi: u32, dir: &Path) -> Gray {
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
    let bytes = std::fs::read(stem.with_extension("pgm")).unwrap();
    // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte per pixel.
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
    assert_eq!(fields[0], "P5");
    let (width, height) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
    Gray {
        width,
        height,
        pixels: bytes[at + 1..].to_vec(),
    }
}

impl Gray {
    fn dark(&self, x: usize, y: usize) -> bool {
        self.pixels[y * self.width + x] < 200
    }
}

fn build_to(edition: &str, dir: &Path) -> PathBuf {
    let pdf = dir.join(format!("{}.pdf", edition.rsplit('/').next().unwrap()));
    build(edition, &pdf);
    pdf
}

#[test]
fn bare_addresses_are_links_and_every_web_link_is_underlined() {
    let dir = scratch("publish-links");
    let expected = [
        ("content/po-2017", "https://www.functiemix.nl"),
        ("content/po-2017", "https://www.scholenopdekaart.nl"),
        (
            "content/po-2017",
            "https://www.onderwijsinspectie.nl/onderwerpen/peil-onderwijs/natuur-en-techniek",
        ),
        ("content/vo-2016", "https://bijscholingvmbo.nl/"),
        ("content/vo-2016", "https://www.burgerschapindeschool.nl"),
        ("content/vo-2016", "https://www.onderwijsjeugd.nl"),
        ("content/brief-2019", "https://www.tweedekamer.nl"),
    ];
    for edition in ["content/po-2017", "content/vo-2016", "content/brief-2019"] {
        let pdf = build_to(edition, &dir);
        let found = links(&pdf);
        for (_, uri) in expected.iter().filter(|(e, _)| *e == edition) {
            assert!(
                found.iter().any(|l| l.uri.as_deref() == Some(uri)),
                "{edition}: no link to {uri}: {found:?}"
            );
        }
        // Underlined: under each web link runs a line nearly as wide as the link.
        let dpi = 144;
        let scale = f64::from(dpi) / 72.0;
        for link in found.iter().filter(|l| l.uri.is_some()) {
            let page = render_gray(&pdf, link.page, dpi, &dir);
            for &[x0, y0, x1, y1] in &link.rects {
                let (left, right) = ((x0 * scale) as usize + 2, (x1 * scale) as usize - 2);
                let top = page.height - (y1 * scale) as usize;
                let bottom = (page.height - (y0 * scale) as usize + 3).min(page.height - 1);
                let underlined = (top..=bottom).any(|y| {
                    let dark = (left..right).filter(|&x| page.dark(x, y)).count();
                    dark * 10 >= (right - left) * 9
                });
                assert!(
                    underlined,
                    "{edition} page {}: link to {:?} is not underlined",
                    link.page, link.uri
                );
            }
        }
    }
}
