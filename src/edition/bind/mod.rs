//! References in narrative bound to what they name, each in a pass of its own: figures from an
//! indicator's data (`numbers`), cross-references to indicators once every number is known
//! (`crossref`) and a letter's figures from its annexes (`letter`). What the passes share, the
//! reference syntax and the binding of a block, is in `reference`.

pub mod crossref;
pub mod letter;
pub mod numbers;
pub mod reference;
