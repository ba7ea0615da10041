//! `kamerbrief diff <OLD> <NEW> [--json | --note]`: what changed between two versions.

use super::Exit;

pub fn run(_old: &str, _new: &str, _json: bool, _note: bool) -> Exit {
    eprintln!("error: `kamerbrief diff` is not built yet");
    Exit::Usage
}
