//! The fonts the typesetter loads: the embedded ones of `crate::fonts`, nothing from the machine.

pub use crate::fonts::FONTS;
