//! Subcommands, one file each. They print; the library does not.

mod build;
mod check;
mod diff;
mod export;
mod import;
mod new;
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
    /// Load and validate an edition; write nothing. Without a directory, every edition under content/.
    Check {
        /// The edition directory (contains edition.yaml).
        edition: Option<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Start next year's edition from this year's: copies it, sets the year, the date and
    /// `previous:` (a letter: the vergaderjaar and newer annexes), and prints what is still to do.
    New {
        /// The new edition directory; it must not exist yet.
        new: PathBuf,
        /// The edition to start from.
        #[arg(long, value_name = "OLD_DIR")]
        from: PathBuf,
        /// The new year (a letter: the first year of the vergaderjaar); default: the next.
        #[arg(long)]
        year: Option<i32>,
        /// The new date, YYYY-MM-DD; without it the date is left as `TODO` for `check` to report.
        #[arg(long, value_parser = parse_date)]
        date: Option<chrono::NaiveDate>,
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
    /// Write every data point of a dashboard edition to one tidy table: CSV, .xlsx or .ods.
    Export {
        /// The edition directory (contains edition.yaml).
        edition: PathBuf,
        /// The file to write: .csv, .xlsx (Excel) or .ods (OpenDocument), by extension; `-`
        /// writes CSV to standard output.
        #[arg(short, long)]
        output: PathBuf,
        /// Dutch spreadsheet style: `;` between fields and a decimal comma.
        #[arg(long)]
        dutch: bool,
    },
    /// Read figures from a CSV, .xlsx or .ods table into a dashboard edition's YAML: preview
    /// the changes, or write them with --apply.
    Import {
        /// The dashboard edition directory (contains edition.yaml).
        edition: PathBuf,
        /// The table: the columns of `export` (id, chart, series, period, value; others ignored).
        file: PathBuf,
        /// Print the changes as JSON instead of text.
        #[arg(long, conflicts_with = "note")]
        json: bool,
        /// Print the changes as a correction note in Dutch.
        #[arg(long)]
        note: bool,
        /// Write the changed figures into the YAML files (all or none).
        #[arg(long)]
        apply: bool,
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
        } => check::run(edition.as_deref(), deny_warnings),
        Command::New {
            new,
            from,
            year,
            date,
        } => new::run(&new, &from, year, date),
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
        Command::Import {
            edition,
            file,
            json,
            note,
            apply,
        } => import::run(&edition, &file, json, note, apply),
    }
}

/// `--date YYYY-MM-DD`.
fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date; write YYYY-MM-DD, e.g. 2018-12-07"))
}
