//! A PDF's fonts, read from its objects as qpdf gives them: text (ToUnicode CMap) and widths.

use crate::common::qpdf::Objects;
use serde_json::Value;
use std::collections::HashMap;

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

/// A font as read here: the text (ToUnicode) and advance width (1/1000 em) of each code.
pub struct Font {
    pub text: HashMap<u16, String>,
    pub widths: HashMap<u16, f64>,
    pub default_width: f64,
}

impl Font {
    pub fn read(objects: &Objects, reference: &str) -> Font {
        let dict = objects.deref(reference);
        let cmap = dict["/ToUnicode"].as_str().expect("a ToUnicode CMap");
        let text = to_unicode(&String::from_utf8_lossy(&objects.stream_data(cmap)));
        let cid = objects.resolve(&dict["/DescendantFonts"][0]);
        let mut widths = HashMap::new();
        let w: Vec<&Value> = objects
            .resolve(&cid["/W"])
            .as_array()
            .map(|a| a.iter().collect())
            .unwrap_or_default();
        let mut i = 0;
        while i + 1 < w.len() {
            let first = w[i].as_u64().unwrap() as u16;
            if let Some(list) = w[i + 1].as_array() {
                for (k, v) in list.iter().enumerate() {
                    widths.insert(first + k as u16, v.as_f64().unwrap());
                }
                i += 2;
            } else {
                let last = w[i + 1].as_u64().unwrap() as u16;
                for code in first..=last {
                    widths.insert(code, w[i + 2].as_f64().unwrap());
                }
                i += 3;
            }
        }
        Font {
            text,
            widths,
            default_width: cid["/DW"].as_f64().unwrap_or(1000.0),
        }
    }
}
