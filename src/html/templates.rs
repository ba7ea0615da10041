//! The page templates, embedded in the binary from html-templates/ (plain Jinja files a
//! designer can edit). Autoescape is on for every `.html` template: a value is inserted as text
//! unless a template marks it `|safe`, which only the chart drawings are.

use super::TemplateError;
use minijinja::syntax::SyntaxConfig;
use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior, Value};
use std::sync::OnceLock;

/// (name, source) of every template, as the templates refer to each other.
pub const TEMPLATES: [(&str, &str); 6] = [
    ("base.html", include_str!("../../html-templates/base.html")),
    (
        "narrative.html",
        include_str!("../../html-templates/narrative.html"),
    ),
    (
        "dashboard.html",
        include_str!("../../html-templates/dashboard.html"),
    ),
    (
        "letter.html",
        include_str!("../../html-templates/letter.html"),
    ),
    (
        "annex.html",
        include_str!("../../html-templates/annex.html"),
    ),
    ("style.css", include_str!("../../html-templates/style.css")),
];

fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        // A misspelt field is an error, not an empty string: template slips fail the tests.
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        env.set_syntax(
            SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .build()
                .expect("the default delimiters are valid"),
        );
        // `{{ text | breakable }}`: soft hyphens in long Dutch words, for narrow table columns.
        env.add_filter("breakable", |text: String| {
            super::hyphens::soft_hyphens(&text)
        });
        for (name, source) in TEMPLATES {
            env.add_template(name, source)
                .unwrap_or_else(|e| panic!("html-templates/{name} does not parse: {e:#}"));
        }
        env
    })
}

/// Renders the template `name` with `context`.
pub fn render(name: &str, context: &serde_json::Value) -> Result<String, TemplateError> {
    let template = environment()
        .get_template(name)
        .map_err(|e| TemplateError(format!("{e:#}")))?;
    template
        .render(Value::from(Serde(context)))
        .map_err(|e| TemplateError(format!("{e:#}")))
}
