//! Tests of YAML errors: locations, messages and hints.

use super::*;

fn yaml(text: &str) -> Diagnostic {
    parse_yaml::<Doc>(text, Path::new("x.yaml")).unwrap_err()
}

#[test]
fn a_missing_key_is_reported_where_its_mapping_starts() {
    let d = yaml("number: 1\nseries: []\n");
    assert_eq!(
        (d.pos, d.message.as_str()),
        (Pos::new(1, 1), "missing key `title`")
    );
    assert!(d.hint.unwrap().contains("add `title:`"));
    let d = yaml(
        "number: 1\ntitle: t\nseries:\n  - label: a\n    kind: b\n  - label: c\n    points: [1]\n",
    );
    assert_eq!(
        (d.pos, d.message.as_str()),
        (Pos::new(6, 5), "missing key `kind`")
    );
}

#[test]
fn mapping_start_walks_up_siblings_and_stops_at_the_parent() {
    let text = "a: 1\nb:\n  c: 2\n  d:\n    - x\n  e: 3\nf: 4\n";
    assert_eq!(mapping_start(text, Pos::new(6, 3)), Pos::new(3, 3));
    assert_eq!(mapping_start(text, Pos::new(7, 1)), Pos::new(1, 1));
    // Not a block key (inside a flow mapping): unchanged.
    assert_eq!(mapping_start("a: {b: 1}\n", Pos::new(1, 5)), Pos::new(1, 5));
}

#[test]
fn scalar_errors_quote_the_value_or_suspect_an_unclosed_bracket() {
    let d = yaml("number: een\ntitle: t\n");
    assert_eq!(d.pos, Pos::new(1, 9));
    assert_eq!(d.message, "`een` is not a whole number of zero or more");
    // `{2015: 70` never closed: YAML reads on into the next line, so `70` is "not a number".
    let text = "points: {2013: 62, 2015: 70\n  - label: b\n";
    let m = scalar_message("floating point", text, Pos::new(1, 26));
    assert!(m.starts_with("the value `70` runs on"), "{m}");
}

#[test]
fn duplicate_keys_tabs_and_colons_get_plain_messages() {
    let d = yaml("number: 1\nnumber: 2\ntitle: t\n");
    assert_eq!(d.pos, Pos::new(2, 1));
    assert_eq!(d.message, "key `number` appears twice in this mapping");
    let d = yaml("number: 1\ntitle: t\nseries:\n\t- label: a\n");
    assert_eq!(d.pos, Pos::new(4, 1), "at the tab itself: {d}");
    assert_eq!(d.hint.as_deref(), Some("indent with spaces, not tabs"));
    let d = yaml("number: 1\ntitle: NB: twee punten\n");
    assert!(d.hint.unwrap().contains("quotes"));
    let d = yaml("number: 1\ntitle: t\nseries: x\n");
    assert_eq!(
        (d.pos, d.message.as_str()),
        (Pos::new(3, 9), "expected a list here")
    );
}

#[test]
fn empty_files_and_second_documents_are_named_as_such() {
    assert_eq!(yaml("\n  \n").message, "the file is empty");
    let d = yaml("number: 1\ntitle: t\n---\nnumber: 2\n");
    assert_eq!(d.pos, Pos::new(4, 1));
    assert!(
        d.message.starts_with("a second YAML document"),
        "{}",
        d.message
    );
}

#[test]
fn deep_nesting_and_alias_bombs_are_refused_with_a_located_error() {
    let deep = format!(
        "number: 1\ntitle: t\nseries: {}{}\n",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    let d = yaml(&deep);
    assert_eq!(d.message, "the YAML nests too deep");
    assert_eq!(d.pos.line, 3);
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
        .iter()
        .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        bomb.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 10].join(", ")
        ));
    }
    let d = parse_yaml::<serde::de::IgnoredAny>(&bomb, Path::new("x.yaml")).unwrap_err();
    assert!(d.message.starts_with("the YAML"), "{}", d.message);
    assert!(d.pos.line > 1);
}

#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Doc {
    number: u32,
    title: String,
    #[serde(default)]
    series: Vec<Item>,
}

#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Item {
    label: String,
    kind: String,
    #[serde(default)]
    points: Vec<f64>,
}
