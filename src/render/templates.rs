//! The Typst templates, embedded at build time from `typst-templates/`. The same files work
//! with the Typst CLI and the sample inputs in `typst-templates/samples/`.

/// (path inside the Typst project, source). Paths mirror `typst-templates/`.
pub static TEMPLATES: &[(&str, &str)] = &[
    (
        "/dashboard.typ",
        include_str!("../../typst-templates/dashboard.typ"),
    ),
    (
        "/common/style.typ",
        include_str!("../../typst-templates/common/style.typ"),
    ),
    (
        "/common/narrative.typ",
        include_str!("../../typst-templates/common/narrative.typ"),
    ),
];

/// Where the Rust side puts a document's inputs inside the Typst project.
pub const DATA_DIR: &str = "/data";
