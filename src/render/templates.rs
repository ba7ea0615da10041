//! The Typst templates, embedded at build time from `typst-templates/`. The same files work
//! with the Typst CLI and the sample inputs in `typst-templates/samples/`.

macro_rules! templates {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../typst-templates", $path)))),*]
    };
}

/// (path inside the Typst project, source). Paths mirror `typst-templates/`.
pub static TEMPLATES: &[(&str, &str)] = templates![
    "/dashboard.typ",
    "/letter.typ",
    "/annex.typ",
    "/package.typ",
    "/parts/dashboard.typ",
    "/parts/letter.typ",
    "/parts/annex.typ",
    "/common/style.typ",
    "/common/narrative.typ",
];

/// Where the Rust side puts a document's inputs inside the Typst project.
pub const DATA_DIR: &str = "/data";
