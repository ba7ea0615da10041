//! A PDF's objects as qpdf reads them, for the tests that look inside the PDFs.

use super::tool;
use serde_json::Value;
use std::path::Path;

/// The PDF's objects as qpdf's JSON (the latest version of each, after any update).
pub struct Objects {
    json: Value,
}

impl Objects {
    /// The objects, without stream data.
    pub fn read(pdf: &Path) -> Objects {
        Objects::qpdf(&["--json", "--json-key=qpdf", pdf.to_str().unwrap()])
    }

    /// The objects, with stream data decoded into files under `dir`.
    pub fn with_streams(pdf: &Path, dir: &Path) -> Objects {
        let prefix = dir.join("stream");
        Objects::qpdf(&[
            "--json",
            "--json-key=qpdf",
            "--json-stream-data=file",
            &format!("--json-stream-prefix={}", prefix.display()),
            "--decode-level=generalized",
            pdf.to_str().unwrap(),
        ])
    }

    fn qpdf(args: &[&str]) -> Objects {
        Objects {
            json: serde_json::from_str(&tool("qpdf", args)).unwrap(),
        }
    }

    fn get(&self, reference: &str) -> &Value {
        &self.json["qpdf"][1][format!("obj:{reference}")]
    }

    /// The object `reference` names: its value, or a stream's dictionary.
    pub fn deref(&self, reference: &str) -> &Value {
        let o = self.get(reference);
        if o.get("value").is_some() {
            &o["value"]
        } else {
            &o["stream"]["dict"]
        }
    }

    /// A value, following an indirect reference ("12 0 R").
    pub fn resolve<'a>(&'a self, v: &'a Value) -> &'a Value {
        match v.as_str() {
            Some(r) if r.ends_with(" R") => self.deref(r),
            _ => v,
        }
    }

    pub fn stream_data(&self, reference: &str) -> Vec<u8> {
        let file = self.get(reference)["stream"]["datafile"]
            .as_str()
            .unwrap_or_else(|| panic!("{reference} is not a stream"));
        std::fs::read(file).unwrap()
    }

    /// The pages' references ("12 0 R"), in order.
    pub fn pages(&self) -> Vec<String> {
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
