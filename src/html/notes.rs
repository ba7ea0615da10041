//! A walk over narrative as the templates receive it (the JSON form of
//! `edition::narrative::{Block, Inline}`), in reading order: numbers the footnotes as Typst
//! numbers them (1, 2, … through the document, a later use of a note keeping its number), gives
//! headings an anchor (and, in a narrative annex, the section number the PDF prints), and keeps
//! a link's target only when it is a web or e-mail address.

use serde_json::{Map, Value, json};
use std::collections::BTreeMap;

#[derive(Debug, Default)]
pub struct Notes {
    /// Footnote id → number.
    numbers: BTreeMap<String, usize>,
    /// The notes' texts, in number order.
    list: Vec<Value>,
    headings: Vec<Value>,
    /// Section numbers "1.", "1.1." as the narrative annex prints them.
    number_sections: bool,
    /// Heading counters per level; the document's title counts as the first level-1 heading.
    counters: [usize; 6],
}

impl Notes {
    /// For a narrative annex: sections numbered 1., 2., sub-sections 1.1., as in the PDF.
    pub fn numbering_sections() -> Notes {
        Notes {
            number_sections: true,
            counters: [1, 0, 0, 0, 0, 0],
            ..Notes::default()
        }
    }

    /// Walks blocks or inlines (an array), or one node.
    pub fn walk(&mut self, value: &mut Value) {
        match value {
            Value::Array(nodes) => nodes.iter_mut().for_each(|n| self.walk(n)),
            Value::Object(node) => self.node(node),
            _ => {}
        }
    }

    fn node(&mut self, node: &mut Map<String, Value>) {
        let kind = node.get("type").and_then(Value::as_str).unwrap_or("");
        match kind {
            "footnote" => {
                let number = self.list.len() + 1;
                let id = node.get("id").and_then(Value::as_str).unwrap_or("");
                self.numbers.insert(id.to_string(), number);
                node.insert("number".into(), json!(number));
                let mut content = node.remove("content").unwrap_or(Value::Null);
                self.walk(&mut content);
                // A one-paragraph note is set as running text, as in the PDF.
                let single = match content.as_array().map(Vec::as_slice) {
                    Some([only]) if only["type"] == "par" => Some(only["content"].clone()),
                    _ => None,
                };
                self.list.push(json!({
                    "number": number,
                    "content": content,
                    "inline": single,
                }));
            }
            "link" => {
                let href = node.get("url").and_then(Value::as_str).and_then(safe_href);
                node.insert("href".into(), json!(href));
                self.children(node, "content");
            }
            "heading" => {
                self.children(node, "content");
                let level = node.get("level").and_then(Value::as_u64).unwrap_or(2);
                let level = level.clamp(1, 6) as usize;
                let anchor = format!("sectie-{}", self.headings.len() + 1);
                let number = self.section_number(level);
                let text = plain_text(node.get("content").unwrap_or(&Value::Null));
                node.insert("anchor".into(), json!(anchor));
                node.insert("number".into(), json!(number));
                self.headings.push(json!({
                    "anchor": anchor,
                    "level": level,
                    "number": number,
                    "text": text,
                }));
            }
            "box" => {
                self.children(node, "title");
                self.children(node, "content");
            }
            "list" => self.children(node, "items"),
            _ => self.children(node, "content"),
        }
    }

    fn children(&mut self, node: &mut Map<String, Value>, key: &str) {
        if let Some(v) = node.get_mut(key) {
            self.walk(v);
        }
    }

    fn section_number(&mut self, level: usize) -> Option<String> {
        if !self.number_sections {
            return None;
        }
        self.counters[level - 1] += 1;
        self.counters[level..].iter_mut().for_each(|c| *c = 0);
        let parts: Vec<String> = self.counters[1..level]
            .iter()
            .map(|c| c.to_string())
            .collect();
        (!parts.is_empty()).then(|| format!("{}.", parts.join(".")))
    }

    /// The headings walked so far, for the table of contents.
    pub fn headings(&self) -> Value {
        Value::Array(self.headings.clone())
    }

    /// The notes in number order. Call after walking everything.
    pub fn finish(&self) -> Value {
        Value::Array(self.list.clone())
    }

    /// Gives every later use of a note (`footnote-ref`) anywhere in `value` its note's number.
    pub fn resolve_refs(&self, value: &mut Value) {
        match value {
            Value::Array(items) => items.iter_mut().for_each(|v| self.resolve_refs(v)),
            Value::Object(map) => {
                if map.get("type").and_then(Value::as_str) == Some("footnote-ref") {
                    let number = map
                        .get("id")
                        .and_then(Value::as_str)
                        .and_then(|id| self.numbers.get(id));
                    map.insert("number".into(), json!(number));
                }
                map.values_mut().for_each(|v| self.resolve_refs(v));
            }
            _ => {}
        }
    }
}

/// A link target the page may carry: a web or e-mail address, or an anchor in the page
/// (`#indicator-ict-plan`). Anything else (`javascript:`, `file:`, a bare word; `check` warns
/// about these) is printed as text without a link.
pub fn safe_href(url: &str) -> Option<String> {
    let url = url.trim();
    if let Some(anchor) = url.strip_prefix('#') {
        let plain = !anchor.is_empty()
            && anchor
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        return plain.then(|| url.to_string());
    }
    let lower = url.to_ascii_lowercase();
    let ok = ["https://", "http://", "mailto:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme) && lower.len() > scheme.len());
    (ok && !url.chars().any(char::is_control)).then(|| url.to_string())
}

/// The text of inlines without footnotes (as `narrative::plain_text`, on the JSON form).
pub fn plain_text(value: &Value) -> String {
    let mut out = String::new();
    push_text(value, &mut out);
    out.trim().to_string()
}

fn push_text(value: &Value, out: &mut String) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| push_text(v, out)),
        Value::Object(node) => match node.get("type").and_then(Value::as_str) {
            Some("text" | "code") => out.push_str(node["text"].as_str().unwrap_or("")),
            Some("linebreak") => out.push(' '),
            Some("footnote" | "footnote-ref") => {}
            _ => push_text(node.get("content").unwrap_or(&Value::Null), out),
        },
        _ => {}
    }
}
