//! Page layout, measured on the rendered pages of the real documents: no page is left more than
//! a fifth blank before a page break, except the last page of each part (issue 13, item 4).
mod common;
#[path = "publish/pdf.rs"]
#[allow(dead_code)] // its link reader is for tests/publish.rs and tests/letters.rs
mod pdf;
use common::*;
use pdf::{Gray, read_pgm};
use std::path::Path;

/// The text area of the house style (typst-templates/common/style.typ): A4 with 2,2 cm margin at
/// the top and 2,5 cm at the bottom. The footer with the page number lies below it.
const PAGE_HEIGHT_PT: f64 = 841.89;
const TOP_MARGIN_PT: f64 = 2.2 / 2.54 * 72.0;
const BOTTOM_MARGIN_PT: f64 = 2.5 / 2.54 * 72.0;
/// A page may leave at most this fraction of its text area blank before a break.
const MAX_BLANK: f64 = 0.20;

/// The tallest band of rows without ink inside the text area, as a fraction of its height. A
/// page that breaks early is blank at its foot, or above its footnotes; the space between
/// paragraphs and around headings is a few percent.
fn blank_fraction(page: &Gray) -> f64 {
    let scale = page.height as f64 / PAGE_HEIGHT_PT;
    let top = (TOP_MARGIN_PT * scale).round() as usize;
    let bottom = ((PAGE_HEIGHT_PT - BOTTOM_MARGIN_PT) * scale).floor() as usize;
    let inked = |row: usize| {
        page.pixels[row * page.width..(row + 1) * page.width]
            .iter()
            .any(|&p| p < 200)
    };
    let (mut tallest, mut run) = (0, 0);
    for row in top..bottom {
        run = if inked(row) { 0 } else { run + 1 };
        tallest = tallest.max(run);
    }
    tallest as f64 / (bottom - top) as f64
}

/// The number printed in each page's footer (the last word on the page): every part of a
/// package starts again at 1.
fn printed_numbers(pdf: &Path) -> Vec<u32> {
    let text = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    let mut pages: Vec<&str> = text.split('\u{c}').collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let last = p.split_whitespace().last().unwrap_or("");
            last.parse()
                .unwrap_or_else(|_| panic!("page {} has no page number at its foot", i + 1))
        })
        .collect()
}

/// Renders `pdf` and returns, for every page that is not the last of its part, its number and
/// blank fraction.
fn measure(pdf: &Path, dir: &Path) -> Vec<(usize, f64)> {
    let prefix = dir.join(pdf.file_stem().unwrap());
    tool(
        "pdftoppm",
        &[
            "-gray",
            "-r",
            "40",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let mut images: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "pgm")
                && p.file_name()
                    .unwrap()
                    .to_string_lossy()
                    .starts_with(&format!("{}-", pdf.file_stem().unwrap().to_string_lossy()))
        })
        .collect();
    images.sort();
    let numbers = printed_numbers(pdf);
    assert_eq!(images.len(), numbers.len(), "{}", pdf.display());
    (0..images.len())
        .filter(|&i| i + 1 < numbers.len() && numbers[i + 1] != 1)
        .map(|i| (i + 1, blank_fraction(&read_pgm(&images[i]))))
        .collect()
}

fn assert_no_page_a_fifth_blank(pdf: &Path, dir: &Path) {
    let pages = measure(pdf, dir);
    assert!(pages.len() > 5, "{}: too few pages measured", pdf.display());
    let shown: Vec<String> = pages
        .iter()
        .map(|(p, f)| format!("p{p} {:.0}%", f * 100.0))
        .collect();
    let over: Vec<&String> = pages
        .iter()
        .zip(&shown)
        .filter(|((_, f), _)| *f > MAX_BLANK)
        .map(|(_, s)| s)
        .collect();
    assert!(
        over.is_empty(),
        "{}: pages more than a fifth blank before a break: {over:?} (all pages but each part's \
         last: {})",
        pdf.display(),
        shown.join(", ")
    );
}

#[test]
fn no_dashboard_page_is_more_than_a_fifth_blank_before_a_break() {
    let dir = scratch("layout-dashboards");
    for edition in ["po-2017", "vo-2016"] {
        let pdf = dir.join(format!("{edition}.pdf"));
        build(&format!("content/{edition}"), &pdf);
        assert_no_page_a_fifth_blank(&pdf, &dir);
    }
}

#[test]
fn no_page_of_the_package_is_more_than_a_fifth_blank_before_a_break() {
    let dir = scratch("layout-package");
    copy_examples(&dir);
    let o = kamerbrief(
        &[
            "build",
            "content/brief-2019",
            "--package",
            "-o",
            "out/brief.pdf",
        ],
        &dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let pdf = dir.join("out/brief-pakket.pdf");
    // Letter, narrative annex and two dashboards: four parts, each numbered from 1.
    let starts = printed_numbers(&pdf).iter().filter(|&&n| n == 1).count();
    assert_eq!(starts, 4, "{}", pdf.display());
    assert_no_page_a_fifth_blank(&pdf, &dir);
}
