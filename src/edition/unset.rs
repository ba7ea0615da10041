//! Values `kamerbrief new` leaves for the writer to set: `date: TODO` and a letter's
//! `number: TODO`. `check` reports each where it is written.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use std::path::Path;

/// A value `kamerbrief new` leaves for the writer to set (the date, a letter's number).
pub const UNSET: &str = "TODO";

/// The located error for a value still written as [`UNSET`].
pub fn unset_error(file: &Path, pos: Pos, what: &str, example: &str) -> Diagnostic {
    Diagnostic::error(file, pos, format!("the {what} is still to set")).with_hint(format!(
        "`kamerbrief new` left `{UNSET}` here: write {example}"
    ))
}

/// A whole number, or [`UNSET`] where `kamerbrief new` left it for the writer (a letter's
/// Kamerstuk number). Anything else is kept as written, for a located error.
#[derive(Debug, Clone)]
pub enum Settable {
    Set(u32),
    Text(String),
}

impl<'de> serde::Deserialize<'de> for Settable {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Settable;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a whole number, or TODO")
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Settable, E> {
                Ok(u32::try_from(v).map_or_else(|_| Settable::Text(v.to_string()), Settable::Set))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Settable, E> {
                Ok(u32::try_from(v).map_or_else(|_| Settable::Text(v.to_string()), Settable::Set))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Settable, E> {
                Ok(Settable::Text(v.to_string()))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Settable, E> {
                Ok(Settable::Text(v.to_string()))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Settable, E> {
                Ok(Settable::Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

impl Settable {
    /// The value, or a located error: still to set, or not a whole number.
    pub fn get(&self, pos: Pos, file: &Path, what: &str, diags: &mut Diagnostics) -> Option<u32> {
        match self {
            Settable::Set(v) => Some(*v),
            Settable::Text(t) if t.trim().parse::<u32>().is_ok() => t.trim().parse().ok(),
            Settable::Text(t) if t.trim() == UNSET => {
                diags.push(unset_error(file, pos, what, "the number, e.g. `489`"));
                None
            }
            Settable::Text(t) => {
                diags.push(
                    Diagnostic::error(
                        file,
                        pos,
                        format!("`{t}` is not a whole number of zero or more"),
                    )
                    .with_hint(format!("write the {what} as a number, e.g. `489`")),
                );
                None
            }
        }
    }
}
