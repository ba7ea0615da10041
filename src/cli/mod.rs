//! Subcommands, one file each. They print; the library does not.

mod build;
mod check;
mod diff;
mod export;
mod report;
mod status;
mod watch;

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Exit codes, documented in README.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
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
        /// For a letter: also write the letter with its annexes as one PDF (<output>-pakket.pdf).
        #[arg(long)]
        package: bool,
        /// Also write the Typst templates and inputs to DIR, for `typst compile` without kamerbrief.
        #[arg(long, value_name = "DIR", requires = "edition")]
        emit_typst: Option<PathBuf>,
        /// Also write each document as an accessible web page: html/<edition>/index.html beside
        /// the PDF, with its charts and figures.
        #[arg(long)]
        html: bool,
    },
    /// Show each indicator's status (op koers, achter op koers, …) as a table.
    Status {
        /// The dashboard edition directory.
        edition: PathBuf,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Load and validate an edition; write nothing.
    Check {
        /// The edition directory (contains edition.yaml).
        edition: PathBuf,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Rebuild an edition's PDF on every save; a broken edit keeps the last good PDF.
    Watch {
        /// The edition directory (contains edition.yaml).
        edition: PathBuf,
        /// Output file (default: out/<edition-name>.pdf).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Compare two versions of a dashboard edition: changed figures, targets, titles, sources, text.
    Diff {
        /// The old version: a directory, or a git revision and path (`HEAD~1:content/po-2017`).
        old: String,
        /// The new version: a directory, or a git revision and path.
        new: String,
        /// Print JSON instead of text.
        #[arg(long, conflicts_with = "note")]
        json: bool,
        /// Print a correction note in Dutch (Markdown) for a letter.
        #[arg(long)]
        note: bool,
    },
    /// Write every data point of a dashboard edition to one tidy CSV.
    Export {
        /// The edition directory (contains edition.yaml).
        edition: PathBuf,
        /// The CSV file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Dutch spreadsheet style: `;` between fields and a decimal comma.
        #[arg(long)]
        dutch: bool,
    },
}

pub fn run(cli: Cli) -> Exit {
    match cli.command {
        Command::Build {
            edition,
            output,
            deny_warnings,
            package,
            emit_typst,
            html,
        } => build::run(
            edition,
            output,
            build::Options {
                deny_warnings,
                package,
                emit_typst,
                html: html.then(PathBuf::new),
            },
        ),
        Command::Status { edition, json } => status::run(&edition, json),
        Command::Check {
            edition,
            deny_warnings,
        } => check::run(&edition, deny_warnings),
        Command::Watch {
            edition,
            output,
            deny_warnings,
        } => watch::run(&edition, output, deny_warnings),
        Command::Diff {
            old,
            new,
            json,
            note,
        } => diff::run(&old, &new, json, note),
        Command::Export {
            edition,
            output,
            dutch,
        } => export::run(&edition, &output, dutch),
    }
}
