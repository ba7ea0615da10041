//! What a page template reads: the JSON the Typst templates read (src/render), parsed back and
//! completed with what a web page needs and a PDF does not — footnote numbers and anchors,
//! heading anchors, safe link targets, charts inline with their figures as a table.
//!
//! The order in which narrative is walked here is the reading order of the templates (and of
//! the Typst templates): footnotes are numbered in that order, as Typst numbers them.

use super::charts;
use super::notes::Notes;
use crate::edition::{Document, Edition};
use crate::render::InputFiles;
use crate::render::documents::document_inputs;
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// An annex page a letter's page links to.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnexLink {
    /// The edition's name: its page is `../<name>/index.html`.
    pub name: String,
    pub title: String,
}

/// The template context, the template's name and the files beside the page.
pub fn document_view(
    doc: &Document,
    annexes: &[AnnexLink],
) -> (Value, &'static str, BTreeMap<String, Vec<u8>>) {
    let (inputs, _) = document_inputs(doc);
    match doc {
        Document::Dashboard(e) => dashboard(e, &inputs),
        Document::Letter(_) => {
            let mut notes = Notes::default();
            let mut l = parse(&inputs, "letter.json");
            notes.walk(&mut l["body"]);
            let links: Vec<Value> = annexes
                .iter()
                .map(|a| json!({"title": a.title, "href": format!("../{}/{}", a.name, super::INDEX)}))
                .collect();
            let mut context = json!({
                "page_title": l["title"].clone(),
                "letter": l,
                "annexes": links,
                "toc": notes.headings(),
                "footnotes": notes.finish(),
            });
            notes.resolve_refs(&mut context);
            (context, "letter.html", BTreeMap::new())
        }
        Document::Annex(_) => {
            let mut notes = Notes::numbering_sections();
            let mut a = parse(&inputs, "annex.json");
            notes.walk(&mut a["body"]);
            let mut context = json!({
                "page_title": a["title"].clone(),
                "annex": a,
                "toc": notes.headings(),
                "footnotes": notes.finish(),
            });
            notes.resolve_refs(&mut context);
            (context, "annex.html", BTreeMap::new())
        }
    }
}

fn dashboard(
    edition: &Edition,
    inputs: &InputFiles,
) -> (Value, &'static str, BTreeMap<String, Vec<u8>>) {
    let mut notes = Notes::default();
    let mut e = parse(inputs, "edition.json");
    // The overview rows come in indicator order: give each the anchor of its block.
    if let Some(rows) = e["overview"].as_array_mut() {
        for (row, ind) in rows.iter_mut().zip(edition.indicators()) {
            row["anchor"] = json!(indicator_anchor(&ind.id));
        }
    }
    notes.walk(&mut e["intro"]);
    let models: Vec<_> = edition.indicators().collect();
    if let Some(goals) = e["goals"].as_array_mut() {
        for goal in goals.iter_mut() {
            notes.walk(&mut goal["intro"]);
            let paths: Vec<String> = goal["indicators"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|p| p.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default();
            let indicators: Vec<Value> = paths
                .iter()
                .map(|path| {
                    let mut ind = parse(inputs, path);
                    let id = ind["id"].as_str().unwrap_or_default().to_string();
                    let model = models.iter().find(|m| m.id == id).copied();
                    ind["anchor"] = json!(indicator_anchor(&id));
                    charts::complete(&mut ind, model, inputs);
                    walk_indicator(&mut notes, &mut ind);
                    ind
                })
                .collect();
            goal["anchor"] = json!(format!("doel-{}", goal["number"]));
            goal["indicators"] = Value::Array(indicators);
        }
    }
    // The figures file is written by `figures::export` beside the page (see site.rs).
    let files: BTreeMap<String, Vec<u8>> = inputs
        .files
        .iter()
        .filter(|(path, _)| path.starts_with("charts/") && path.ends_with(".svg"))
        .map(|(path, bytes)| (path.clone(), bytes.clone()))
        .collect();
    let mut context = json!({
        "page_title": e["title"].clone(),
        "edition": e,
        "figures_csv": super::FIGURES_CSV,
        "figures_xlsx": super::FIGURES_XLSX,
        "footnotes": notes.finish(),
    });
    notes.resolve_refs(&mut context);
    (context, "dashboard.html", files)
}

/// Numbers an indicator's footnotes in the order the page shows its parts: charts first when
/// they stand above the text, after the doelstelling and beweging when beside it.
fn walk_indicator(notes: &mut Notes, ind: &mut Value) {
    let above = ind["layout"] == "above";
    let walk_charts = |notes: &mut Notes, ind: &mut Value| {
        if let Some(charts) = ind["charts"].as_array_mut() {
            for c in charts {
                notes.walk(&mut c["title"]);
            }
        }
    };
    // Charts with a target but no measurement are said in words under the status line.
    if let Some(unmeasured) = ind.get_mut("unmeasured").and_then(Value::as_array_mut) {
        unmeasured
            .iter_mut()
            .for_each(|u| notes.walk(&mut u["title"]));
    }
    if above {
        walk_charts(notes, ind);
    }
    // (`get_mut`, not indexing: indexing would turn a missing doelstelling into an object.)
    let doelstelling = ind.get_mut("doelstelling");
    if let Some(items) = doelstelling
        .and_then(|d| d.get_mut("items"))
        .and_then(Value::as_array_mut)
    {
        items.iter_mut().for_each(|item| notes.walk(item));
    }
    notes.walk(&mut ind["beweging"]);
    if !above {
        walk_charts(notes, ind);
    }
    notes.walk(&mut ind["acties"]);
}

pub fn indicator_anchor(id: &str) -> String {
    format!("indicator-{id}")
}

/// One of the JSON inputs, parsed back. They are written by `serde_json` from typed structs a
/// moment earlier, so a file that is missing or does not parse is a bug: it panics.
fn parse(inputs: &InputFiles, path: &str) -> Value {
    let bytes = inputs
        .files
        .get(path)
        .unwrap_or_else(|| panic!("the render stage always writes {path}"));
    serde_json::from_slice(bytes).expect("the render stage writes valid JSON")
}
