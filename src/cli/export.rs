//! `kamerbrief export <EDITION> -o cijfers.csv [--dutch]`: every data point as one tidy CSV.

use super::Exit;
use std::path::Path;

pub fn run(_edition: &Path, _output: &Path, _dutch: bool) -> Exit {
    eprintln!("error: `kamerbrief export` is not built yet");
    Exit::Usage
}
