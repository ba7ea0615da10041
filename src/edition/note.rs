//! The note beside an indicator's or a chart's source: "geen nieuwe data", printed as
//! "(NB: geen nieuwe data)", and the other spellings of it that a writer types.

use super::yaml::pos_of;
use crate::diag::{Diagnostic, Diagnostics};
use serde_saphyr::Spanned;
use std::path::Path;

/// The note that says an indicator has no new figures this year.
pub const GEEN_NIEUWE_DATA: &str = "geen nieuwe data";

/// "(NB: geen nieuwe data)", "GEEN NIEUWE DATA": the template adds the "NB" and the brackets.
/// Warns, at the note, about other spellings of the flag; returns the note as written.
pub fn checked_note(note: Spanned<String>, file: &Path, diags: &mut Diagnostics) -> String {
    let bare: String = note
        .value
        .to_lowercase()
        .replace("nb:", "")
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == ' ')
        .collect();
    let bare = bare.split_whitespace().collect::<Vec<_>>().join(" ");
    if bare == GEEN_NIEUWE_DATA && note.value != GEEN_NIEUWE_DATA {
        diags.push(
            Diagnostic::warning(
                file,
                pos_of(&note),
                format!(
                    "note `{}` is one spelling of `{GEEN_NIEUWE_DATA}`",
                    note.value
                ),
            )
            .with_hint(format!(
                "write `note: {GEEN_NIEUWE_DATA}`; the template adds “(NB: …)”"
            )),
        );
    }
    note.value
}
