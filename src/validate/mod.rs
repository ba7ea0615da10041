//! Validate stage: rules over the loaded model. Each rule adds located errors or warnings; none
//! changes the model.

mod charts;
mod consistency;
mod text;

use crate::diag::{Diagnostic, Diagnostics};
use crate::edition::Edition;
use std::collections::HashMap;

pub fn validate(edition: &Edition) -> Diagnostics {
    let mut diags = Diagnostics::new();
    numbering(edition, &mut diags);
    text::check_texts(edition, &mut diags);
    consistency::check_consistency(edition, &mut diags);
    for ind in edition.indicators() {
        for (i, chart) in ind.charts.iter().enumerate() {
            charts::check_chart(ind, i, chart, &mut diags);
        }
        for source in &ind.sources {
            if source
                .value
                .trim_start()
                .to_lowercase()
                .starts_with("bron:")
            {
                diags.push(
                    Diagnostic::warning(
                        &ind.yaml_file,
                        source.pos,
                        "source starts with `Bron:`, which the template already prints",
                    )
                    .with_hint("remove `Bron:` from the source"),
                );
            }
        }
    }
    diags
}

/// Indicators are numbered 1, 2, 3 … through the annex, in the order the goals list them.
fn numbering(edition: &Edition, diags: &mut Diagnostics) {
    let mut seen: HashMap<u32, &str> = HashMap::new();
    let mut seen_ids: HashMap<&str, ()> = HashMap::new();
    for (expected, ind) in (1u32..).zip(edition.indicators()) {
        if seen_ids.insert(&ind.id, ()).is_some() {
            diags.push(
                Diagnostic::warning(
                    &edition.meta.file,
                    crate::diag::Pos::FILE,
                    format!("indicator `{}` is listed twice", ind.id),
                )
                .with_hint("list each indicator under one goal only"),
            );
        }
        if let Some(other) = seen.insert(ind.number, &ind.id) {
            diags.push(
                Diagnostic::warning(
                    &ind.yaml_file,
                    ind.number_pos,
                    format!("number {} is also used by indicator `{other}`", ind.number),
                )
                .with_hint(format!(
                    "indicators are numbered 1, 2, 3 … in order; this one is number {expected}"
                )),
            );
        } else if ind.number != expected {
            diags.push(
                Diagnostic::warning(
                    &ind.yaml_file,
                    ind.number_pos,
                    format!(
                        "indicator number {} where {expected} was expected",
                        ind.number
                    ),
                )
                .with_hint(format!(
                    "number indicators continuously through the annex: write `number: {expected}`"
                )),
            );
        }
    }
}
