//! `kamerbrief watch <EDITION> [-o FILE]`: rebuild on every save.

use super::Exit;
use std::path::{Path, PathBuf};

pub fn run(_edition: &Path, _output: Option<PathBuf>, _deny_warnings: bool) -> Exit {
    eprintln!("error: `kamerbrief watch` is not built yet");
    Exit::Usage
}
