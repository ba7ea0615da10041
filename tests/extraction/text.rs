//! The text a PDF's pages show through their fonts' CMaps alone, in lines, and its /ActualText.

use super::content::{Token, text_string, tokens};
use super::pdf::Font;
use crate::common::qpdf::Objects;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// What a PDF's pages show.
#[derive(Default)]
pub struct Extracted {
    /// The text as the fonts' CMaps alone give it (/ActualText ignored), a line per run of text
    /// objects that each start where the one before ended.
    pub lines: Vec<String>,
    /// Every /ActualText: the text a reader that honours it reads instead of the CMaps'.
    pub actual_texts: Vec<String>,
}

/// A text object (BT … ET): where its first glyph starts and its last one ends, in points.
struct Run {
    start: (f64, f64),
    end: (f64, f64),
    text: String,
}

/// An affine matrix [a b c d e f], as PDF writes them.
type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` then `n` (PDF's m × n).
fn then(m: Matrix, n: Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: Matrix, x: f64, y: f64) -> (f64, f64) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

pub fn extract(pdf: &Path, dir: &Path) -> Extracted {
    let objects = Objects::with_streams(pdf, dir);
    let mut fonts: HashMap<String, Font> = HashMap::new();
    let mut out = Extracted::default();
    let mut runs = Vec::new();
    for page in objects.pages() {
        let dict = objects.deref(&page);
        let contents: Vec<String> = match &dict["/Contents"] {
            Value::Array(a) => a.iter().map(|v| v.as_str().unwrap().to_string()).collect(),
            v => vec![v.as_str().unwrap().to_string()],
        };
        for content in contents {
            let data = objects.stream_data(&content);
            let resources = &dict["/Resources"];
            let page = Page {
                objects: &objects,
                resources,
            };
            page.show(&data, IDENTITY, &mut fonts, &mut runs, &mut out);
        }
        // A line: runs that each start where the one before ended (a hyphenation hyphen, a
        // chart's glyphs set one by one, a footnote mark); anything else starts a new line.
        let mut last_end: Option<(f64, f64)> = None;
        for run in runs.drain(..) {
            let joins = last_end.is_some_and(|(x, y)| {
                (run.start.0 - x).abs() < 1.5 && (run.start.1 - y).abs() < 5.0
            });
            match out.lines.last_mut() {
                Some(line) if joins => line.push_str(&run.text),
                _ => out.lines.push(run.text),
            }
            last_end = Some(run.end);
        }
    }
    out
}

/// A content stream's context: its resources.
struct Page<'a> {
    objects: &'a Objects,
    resources: &'a Value,
}

impl Page<'_> {
    fn show(
        &self,
        data: &[u8],
        ctm: Matrix,
        fonts: &mut HashMap<String, Font>,
        runs: &mut Vec<Run>,
        out: &mut Extracted,
    ) {
        let objects = self.objects;
        let resources = objects.resolve(self.resources);
        let font_names = objects.resolve(&resources["/Font"]);
        let (mut ctm, mut stack) = (ctm, Vec::new());
        let (mut tm, mut advance, mut size) = (IDENTITY, 0.0, 0.0);
        let mut font = String::new();
        let mut run: Option<Run> = None;
        let mut operands: Vec<Token> = Vec::new();
        let numbers = |operands: &[Token]| -> Vec<f64> {
            operands
                .iter()
                .filter_map(|t| match t {
                    Token::Number(n) => Some(*n),
                    _ => None,
                })
                .collect()
        };
        for token in tokens(data) {
            let Token::Op(op) = token else {
                operands.push(token);
                continue;
            };
            match op.as_str() {
                "q" => stack.push(ctm),
                "Q" => ctm = stack.pop().unwrap_or(IDENTITY),
                "cm" => {
                    let n = numbers(&operands);
                    ctm = then([n[0], n[1], n[2], n[3], n[4], n[5]], ctm);
                }
                "BT" => (tm, advance) = (IDENTITY, 0.0),
                "Tm" => {
                    let n = numbers(&operands);
                    (tm, advance) = ([n[0], n[1], n[2], n[3], n[4], n[5]], 0.0);
                }
                "Tf" => {
                    if let Some(Token::Name(name)) = operands.first() {
                        font = font_names[format!("/{name}")].as_str().unwrap().to_string();
                    }
                    size = numbers(&operands)[0];
                }
                "Tj" | "TJ" => {
                    let f = fonts
                        .entry(font.clone())
                        .or_insert_with(|| Font::read(objects, &font));
                    let to_page = then(tm, ctm);
                    for operand in &operands {
                        match operand {
                            Token::Bytes(b) => {
                                for code in b.chunks(2) {
                                    let code = u16::from_be_bytes([code[0], code[1]]);
                                    let r = run.get_or_insert_with(|| Run {
                                        start: apply(to_page, advance, 0.0),
                                        end: (0.0, 0.0),
                                        text: String::new(),
                                    });
                                    r.text.push_str(
                                        f.text.get(&code).map_or("\u{fffd}", String::as_str),
                                    );
                                    let w = f.widths.get(&code).unwrap_or(&f.default_width);
                                    advance += w / 1000.0 * size;
                                    r.end = apply(to_page, advance, 0.0);
                                }
                            }
                            Token::Number(n) => advance -= n / 1000.0 * size,
                            _ => {}
                        }
                    }
                }
                "ET" => runs.extend(run.take()),
                "BDC" => {
                    for pair in operands.windows(2) {
                        if let [Token::Name(key), Token::Bytes(text)] = pair
                            && key == "ActualText"
                        {
                            out.actual_texts.push(text_string(text));
                        }
                    }
                }
                "Do" => {
                    if let Some(Token::Name(name)) = operands.first() {
                        let xobjects = objects.resolve(&resources["/XObject"]);
                        let r = xobjects[format!("/{name}")].as_str().unwrap();
                        let form = objects.deref(r);
                        if form["/Subtype"] == "/Form" {
                            let matrix = numbers_of(&form["/Matrix"]).unwrap_or(IDENTITY);
                            let inner = Page {
                                objects,
                                resources: form.get("/Resources").unwrap_or(resources),
                            };
                            let data = objects.stream_data(r);
                            inner.show(&data, then(matrix, ctm), fonts, runs, out);
                        }
                    }
                }
                _ => {}
            }
            operands.clear();
        }
    }
}

fn numbers_of(v: &Value) -> Option<Matrix> {
    let a = v.as_array()?;
    let n: Vec<f64> = a.iter().filter_map(Value::as_f64).collect();
    (n.len() == 6).then(|| [n[0], n[1], n[2], n[3], n[4], n[5]])
}
