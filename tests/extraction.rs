//! Text extraction by tools that read only the fonts' ToUnicode CMaps and ignore /ActualText:
//! a typed hyphen ("PO-Raad") must come out as U+002D and a hyphenation hyphen at a line end as
//! U+00AD, which needs a glyph of its own for each (see fonts/README.md). The PDF is read back
//! with qpdf (objects as JSON, streams decoded to files) and its text shown through the CMaps
//! alone; poppler's pdftotext, which also reads /ActualText, is checked beside it.

mod common;

use common::*;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

const SHY: char = '\u{ad}';

/// The PDF's objects as qpdf's JSON, stream data decoded into files under `dir`.
struct Objects {
    json: Value,
}

impl Objects {
    fn read(pdf: &Path, dir: &Path) -> Objects {
        let prefix = dir.join("stream");
        let text = tool(
            "qpdf",
            &[
                "--json",
                "--json-key=qpdf",
                "--json-stream-data=file",
                &format!("--json-stream-prefix={}", prefix.display()),
                "--decode-level=generalized",
                pdf.to_str().unwrap(),
            ],
        );
        Objects {
            json: serde_json::from_str(&text).unwrap(),
        }
    }

    fn get(&self, reference: &str) -> &Value {
        &self.json["qpdf"][1][format!("obj:{reference}")]
    }

    /// The object `reference` names: its value, or a stream's dictionary.
    fn deref(&self, reference: &str) -> &Value {
        let o = self.get(reference);
        if o.get("value").is_some() {
            &o["value"]
        } else {
            &o["stream"]["dict"]
        }
    }

    /// A value, following an indirect reference ("12 0 R").
    fn resolve<'a>(&'a self, v: &'a Value) -> &'a Value {
        match v.as_str() {
            Some(r) if r.ends_with(" R") => self.deref(r),
            _ => v,
        }
    }

    fn stream_data(&self, reference: &str) -> Vec<u8> {
        let file = self.get(reference)["stream"]["datafile"]
            .as_str()
            .unwrap_or_else(|| panic!("{reference} is not a stream"));
        std::fs::read(file).unwrap()
    }

    fn pages(&self) -> Vec<String> {
        let mut pages = Vec::new();
        let mut stack = vec![
            self.resolve(&self.json["qpdf"][1]["trailer"]["value"]["/Root"])["/Pages"]
                .as_str()
                .unwrap()
                .to_string(),
        ];
        while let Some(r) = stack.pop() {
            let node = self.deref(&r);
            match node["/Kids"].as_array() {
                Some(kids) => {
                    stack.extend(kids.iter().rev().map(|k| k.as_str().unwrap().to_string()))
                }
                None => pages.push(r),
            }
        }
        pages
    }
}

/// A ToUnicode CMap: code (two bytes, Identity-H) → text.
fn to_unicode(cmap: &str) -> HashMap<u16, String> {
    let hex = |s: &str| -> Vec<u16> {
        let s = s.trim_matches(|c| c == '<' || c == '>');
        (0..s.len() / 4)
            .map(|i| u16::from_str_radix(&s[i * 4..i * 4 + 4], 16).unwrap())
            .collect()
    };
    let text = |s: &str| String::from_utf16(&hex(s)).unwrap();
    let mut map = HashMap::new();
    let mut rest = cmap;
    while let Some(start) = rest.find("beginbf") {
        let body = &rest[start..];
        let kind = &body[7..11];
        let end = body.find("endbf").unwrap();
        let tokens: Vec<&str> = body[12..end].split_whitespace().collect();
        if kind == "char" {
            for pair in tokens.chunks(2) {
                map.insert(hex(pair[0])[0], text(pair[1]));
            }
        } else {
            assert_eq!(kind, "rang");
            assert!(
                !body[..end].contains('['),
                "bfrange arrays are not read here"
            );
            for triple in tokens.chunks(3) {
                let (lo, hi) = (hex(triple[0])[0], hex(triple[1])[0]);
                let mut first = hex(triple[2]);
                for code in lo..=hi {
                    map.insert(code, String::from_utf16(&first).unwrap());
                    *first.last_mut().unwrap() += 1;
                }
            }
        }
        rest = &body[end..];
    }
    map
}

/// Content-stream tokens: operands and operators (strings as their bytes, dictionaries skipped).
#[derive(Debug)]
enum Token {
    Name(String),
    Bytes(Vec<u8>),
    Number,
    ArrayStart,
    ArrayEnd,
    Op(String),
}

fn tokens(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    let delimiter = |c: u8| c.is_ascii_whitespace() || b"()<>[]{}/%".contains(&c);
    while i < data.len() {
        let c = data[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if data[i..].starts_with(b"<<") || data[i..].starts_with(b">>") {
            i += 2;
        } else if c == b'<' {
            let end = i + data[i..].iter().position(|&b| b == b'>').unwrap();
            let digits: Vec<u8> = data[i + 1..end]
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            let bytes = digits
                .chunks(2)
                .map(|p| u8::from_str_radix(std::str::from_utf8(p).unwrap(), 16).unwrap())
                .collect();
            out.push(Token::Bytes(bytes));
            i = end + 1;
        } else if c == b'(' {
            let (string, end) = literal(data, i);
            out.push(Token::Bytes(string));
            i = end;
        } else if c == b'[' {
            out.push(Token::ArrayStart);
            i += 1;
        } else if c == b']' {
            out.push(Token::ArrayEnd);
            i += 1;
        } else {
            let start = i;
            i += 1;
            while i < data.len() && !delimiter(data[i]) {
                i += 1;
            }
            let word = String::from_utf8_lossy(&data[start..i]).into_owned();
            out.push(if let Some(name) = word.strip_prefix('/') {
                Token::Name(name.to_string())
            } else if word.parse::<f64>().is_ok() {
                Token::Number
            } else {
                Token::Op(word)
            });
        }
    }
    out
}

/// The literal string starting at `data[start]` ('('): its bytes and the index after its ')'.
fn literal(data: &[u8], start: usize) -> (Vec<u8>, usize) {
    let (mut i, mut depth, mut bytes) = (start + 1, 1, Vec::new());
    while i < data.len() {
        let c = data[i];
        i += 1;
        match c {
            b'\\' => {
                let e = data[i];
                i += 1;
                match e {
                    b'n' => bytes.push(b'\n'),
                    b'r' => bytes.push(b'\r'),
                    b't' => bytes.push(b'\t'),
                    b'b' => bytes.push(8),
                    b'f' => bytes.push(12),
                    b'0'..=b'7' => {
                        let mut value = u32::from(e - b'0');
                        for _ in 0..2 {
                            match data.get(i) {
                                Some(&d @ b'0'..=b'7') => {
                                    value = value * 8 + u32::from(d - b'0');
                                    i += 1;
                                }
                                _ => break,
                            }
                        }
                        bytes.push(value as u8);
                    }
                    b'\r' | b'\n' => {
                        if e == b'\r' && data.get(i) == Some(&b'\n') {
                            i += 1;
                        }
                    }
                    other => bytes.push(other),
                }
            }
            b'(' => {
                depth += 1;
                bytes.push(c);
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
                bytes.push(c);
            }
            _ => bytes.push(c),
        }
    }
    (bytes, i)
}

/// What a PDF's pages show.
#[derive(Default)]
struct Extracted {
    /// The text as the fonts' CMaps alone give it (/ActualText ignored): a line per text object
    /// (BT … ET).
    lines: Vec<String>,
    /// Every /ActualText: the text a reader that honours it reads instead of the CMaps'.
    actual_texts: Vec<String>,
}

fn extract(pdf: &Path, dir: &Path) -> Extracted {
    let objects = Objects::read(pdf, dir);
    let mut cmaps: HashMap<String, HashMap<u16, String>> = HashMap::new();
    let mut out = Extracted::default();
    for page in objects.pages() {
        let dict = objects.deref(&page);
        let contents: Vec<String> = match &dict["/Contents"] {
            Value::Array(a) => a.iter().map(|v| v.as_str().unwrap().to_string()).collect(),
            v => vec![v.as_str().unwrap().to_string()],
        };
        for content in contents {
            let data = objects.stream_data(&content);
            show(&objects, &data, &dict["/Resources"], &mut cmaps, &mut out);
        }
    }
    out
}

fn show(
    objects: &Objects,
    data: &[u8],
    resources: &Value,
    cmaps: &mut HashMap<String, HashMap<u16, String>>,
    out: &mut Extracted,
) {
    let resources = objects.resolve(resources);
    let fonts = objects.resolve(&resources["/Font"]);
    let (mut font, mut line, mut operands) = (String::new(), String::new(), Vec::new());
    for token in tokens(data) {
        match token {
            Token::Op(op) => {
                match op.as_str() {
                    "Tf" => {
                        if let Some(Token::Name(name)) = operands.first() {
                            font = fonts[format!("/{name}")].as_str().unwrap().to_string();
                        }
                    }
                    "Tj" | "TJ" => {
                        for operand in &operands {
                            if let Token::Bytes(b) = operand {
                                let map = cmaps.entry(font.clone()).or_insert_with(|| {
                                    let cmap = objects.deref(&font)["/ToUnicode"]
                                        .as_str()
                                        .expect("a ToUnicode CMap");
                                    to_unicode(&String::from_utf8_lossy(&objects.stream_data(cmap)))
                                });
                                for code in b.chunks(2) {
                                    let code = u16::from_be_bytes([code[0], code[1]]);
                                    line.push_str(
                                        map.get(&code).map_or("\u{fffd}", String::as_str),
                                    );
                                }
                            }
                        }
                    }
                    // Typst sets a hyphenation hyphen in a text object of its own, after its line.
                    "ET" => match out.lines.last_mut() {
                        Some(last) if line == SHY.to_string() => {
                            last.push(SHY);
                            line.clear();
                        }
                        _ => out.lines.push(std::mem::take(&mut line)),
                    },
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
                                let own = form.get("/Resources").unwrap_or(resources);
                                let data = objects.stream_data(r);
                                show(objects, &data, own, cmaps, out);
                            }
                        }
                    }
                    _ => {}
                }
                operands.clear();
            }
            other => operands.push(other),
        }
    }
}

/// A PDF text string: UTF-16BE after its byte-order mark, else (near enough) Latin-1.
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(utf16) => String::from_utf16_lossy(
            &utf16
                .chunks(2)
                .map(|p| u16::from_be_bytes([p[0], p[1]]))
                .collect::<Vec<_>>(),
        ),
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// The edition's own text (Markdown and YAML), whitespace collapsed: where typed hyphens come
/// from.
fn source_text(edition: &Path) -> String {
    fn walk(dir: &Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if let Ok(text) = std::fs::read_to_string(&path) {
                out.push_str(&text);
                out.push('\n');
            }
        }
    }
    let mut out = String::new();
    walk(edition, &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The last word of a line and the first of the next, as they stand.
fn line_ends(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(2)
        .map(|w| {
            let last = w[0].split_whitespace().last().unwrap_or("").to_string();
            let next = w[1].split_whitespace().next().unwrap_or("").to_string();
            (last, next)
        })
        .collect()
}

/// Checks one edition; returns (typed hyphens, hyphenated line ends) seen through the CMaps.
fn check_edition(name: &str, typed: &str) -> (usize, usize) {
    let dir = scratch(&format!("extraction-{name}"));
    let pdf = dir.join(format!("{name}.pdf"));
    build(&format!("content/{name}"), &pdf);
    let source = source_text(&root().join("content").join(name));
    let extracted = extract(&pdf, &dir);
    let text = extracted.lines.join("\n");
    // Kept beside the PDF for whoever reads a failure.
    std::fs::write(dir.join("cmap-text.txt"), &text).unwrap();

    assert!(
        text.contains(typed),
        "{name}: {typed:?} does not extract through the fonts' CMaps alone; it reads {:?}",
        text.lines()
            .find(|l| l.contains(&typed.replace('-', "\u{ad}"))
                || l.contains(&typed.replace('-', "")))
    );
    // A hyphenation hyphen is a soft hyphen, and only ever ends a line.
    let mut soft = 0;
    for (last, next) in line_ends(&text) {
        if let Some(head) = last.strip_suffix(SHY) {
            soft += 1;
            let joined = format!("{head}{next}");
            let word = joined.trim_matches(|c: char| !c.is_alphanumeric());
            assert!(
                !source.contains(&format!("{head}-{next}")),
                "{name}: {head:?} + {next:?} is a typed hyphen, extracted as a soft one"
            );
            assert!(!word.is_empty(), "{name}: a soft hyphen ends {last:?}");
        } else if let Some(head) = last.strip_suffix('-') {
            // A typed hyphen at a line end is one that the edition typed.
            let head = head.trim_start_matches(|c: char| !c.is_alphanumeric());
            let next = next.trim_end_matches(|c: char| !c.is_alphanumeric());
            assert!(
                source.contains(&format!("{head}-{next}"))
                    || source.contains(&format!("{head}- {next}")),
                "{name}: the line end {head}-/{next} extracts as a typed hyphen; the edition has no \
                 {head}-{next}"
            );
        }
    }
    let inside = text
        .lines()
        .flat_map(|l| l.split_whitespace())
        .filter(|w| w.trim_end_matches(SHY).contains(SHY))
        .collect::<Vec<_>>();
    assert!(
        inside.is_empty(),
        "{name}: soft hyphens inside words: {inside:?}"
    );
    let typed_count = text.matches('-').count();

    // No hyphen needs /ActualText to be read right any more: the CMaps say it all.
    let replaced: Vec<&String> = extracted
        .actual_texts
        .iter()
        .filter(|t| t.contains(['-', SHY]))
        .collect();
    assert!(
        replaced.is_empty(),
        "{name}: hyphens still read through /ActualText: {replaced:?}"
    );

    // Poppler (which reads /ActualText too) agrees.
    let poppler = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(poppler.contains(typed), "{name}: pdftotext lost {typed:?}");
    let poppler_soft = poppler.matches("\u{ad}\n").count();
    assert_eq!(
        poppler_soft, soft,
        "{name}: pdftotext and the CMaps disagree on the hyphenated line ends"
    );
    (typed_count, soft)
}

#[test]
fn typed_hyphens_and_hyphenation_hyphens_extract_apart_through_the_cmaps_alone() {
    let (typed, soft) = check_edition("po-2017", "PO-Raad");
    // po-2017 hyphenates about 140 line ends and types dozens of hyphens.
    assert!(soft > 50, "po-2017: only {soft} hyphenated line ends");
    assert!(typed > 20, "po-2017: only {typed} typed hyphens");
    let (typed, soft) = check_edition("vo-2016", "VO-raad");
    assert!(soft > 20, "vo-2016: only {soft} hyphenated line ends");
    assert!(typed > 10, "vo-2016: only {typed} typed hyphens");
}
