//! Subcommands, one file each. They print; the library does not.

mod build;
mod check;
mod report;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Exit codes, documented in README.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    /// The edition has errors (or warnings with --deny-warnings).
    Invalid = 1,
    /// Wrong arguments (clap uses 2 as well).
    #[allow(dead_code)]
    Usage = 2,
    /// The output could not be written.
    Output = 3,
    /// Typst failed on valid inputs: a bug in the templates.
    Internal = 4,
}

#[derive(Parser)]
#[command(
    name = "kamerbrief",
    version,
    about = "Builds the progress letter to the Tweede Kamer and its dashboard annexes as PDF"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build an edition to PDF; without a directory, build every edition under content/ into out/.
    Build {
        /// The edition directory (contains edition.yaml).
        edition: Option<PathBuf>,
        /// Output file (default: out/<edition-name>.pdf). Only with one edition.
        #[arg(short, long, requires = "edition")]
        output: Option<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Load and validate an edition; write nothing.
    Check {
        /// The edition directory (contains edition.yaml).
        edition: PathBuf,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
}

pub fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::Build {
            edition,
            output,
            deny_warnings,
        } => build::run(edition, output, deny_warnings),
        Command::Check {
            edition,
            deny_warnings,
        } => check::run(&edition, deny_warnings),
    }
}
