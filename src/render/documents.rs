//! Inputs for the letter, the narrative annex and the package of letter plus annexes.

use super::inputs::{InputFiles, dashboard_inputs};
use crate::edition::Document;
use crate::edition::annexes::{annex_entries, annex_heading};
use crate::edition::narrative::Block;
use crate::edition::{Annex, Letter};
use crate::locale;
use serde::Serialize;

#[derive(Serialize)]
pub struct LetterInput<'a> {
    /// The PDF's title; also the running footer.
    pub title: String,
    pub parliamentary_year: &'a str,
    pub dossiers: Vec<DossierInput<'a>>,
    pub number: u32,
    pub letter_type: &'a str,
    pub addressee: &'a str,
    pub place: &'a str,
    /// "10 juli 2019"
    pub date: String,
    pub signatory: SignatoryInput<'a>,
    pub body: &'a [Block],
    /// The closing list of annexes, numbered as the letter lists them.
    pub annexes: Vec<AnnexListInput>,
}

#[derive(Serialize)]
pub struct AnnexListInput {
    pub number: usize,
    pub title: String,
}

#[derive(Serialize)]
pub struct DossierInput<'a> {
    pub number: &'a str,
    pub title: &'a str,
}

#[derive(Serialize)]
pub struct SignatoryInput<'a> {
    pub function: &'a str,
    pub name: &'a str,
}

#[derive(Serialize)]
pub struct AnnexInput<'a> {
    pub title: &'a str,
    pub date: String,
    pub body: &'a [Block],
}

#[derive(Serialize)]
pub struct PackageInput {
    pub title: String,
    pub parts: Vec<PartInput>,
}

#[derive(Serialize)]
pub struct PartInput {
    /// "letter", "annex" or "dashboard": which template function renders the part.
    pub kind: &'static str,
    /// The part's input directory, relative to the package's.
    pub data: String,
    /// The part's heading as the letter numbers it ("Bijlage 2: Dashboard …"); none for the
    /// letter.
    pub title: Option<String>,
}

/// "Tweede Kamer, vergaderjaar 2018–2019, 31 293, nr. 489"
pub fn kamerstuk_line(l: &Letter) -> String {
    let dossier = l.dossiers.first().map_or("", |d| d.number.as_str());
    format!(
        "Tweede Kamer, vergaderjaar {}, {dossier}, nr. {}",
        l.parliamentary_year, l.number
    )
}

pub fn letter_inputs(l: &Letter) -> InputFiles {
    let input = LetterInput {
        title: kamerstuk_line(l),
        parliamentary_year: &l.parliamentary_year,
        dossiers: l
            .dossiers
            .iter()
            .map(|d| DossierInput {
                number: &d.number,
                title: &d.title,
            })
            .collect(),
        number: l.number,
        letter_type: &l.letter_type,
        addressee: &l.addressee,
        place: &l.place,
        date: locale::format_date(l.date),
        signatory: SignatoryInput {
            function: &l.signatory.function,
            name: &l.signatory.name,
        },
        body: &l.body,
        annexes: annex_entries(l)
            .into_iter()
            .map(|a| AnnexListInput {
                number: a.number,
                title: a.title,
            })
            .collect(),
    };
    let mut files = InputFiles::default();
    files.insert_json("letter.json", &input);
    files
}

pub fn annex_inputs(a: &Annex) -> InputFiles {
    let input = AnnexInput {
        title: &a.title,
        date: locale::format_date(a.date),
        body: &a.body,
    };
    let mut files = InputFiles::default();
    files.insert_json("annex.json", &input);
    files
}

/// Inputs for one document, and the template that renders it.
pub fn document_inputs(doc: &Document) -> (InputFiles, &'static str) {
    match doc {
        Document::Dashboard(e) => (dashboard_inputs(e), "dashboard"),
        Document::Letter(l) => letter_document_inputs(l),
        Document::Annex(a) => (annex_inputs(a), "annex"),
    }
}

/// A letter's inputs and its template, as `document_inputs` gives them, without a `Document`.
fn letter_document_inputs(l: &Letter) -> (InputFiles, &'static str) {
    (letter_inputs(l), "letter")
}

/// The letter and its annexes as one document: each part's inputs in its own directory.
///
/// The annexes' inputs are made each on a thread of their own, beside the letter's: a
/// dashboard's charts are most of this work, and no part is laid out before all are made.
pub fn package_inputs(letter: &Letter, parts: &[Document]) -> InputFiles {
    let (letter_files, part_files) = std::thread::scope(|scope| {
        let made: Vec<_> = parts
            .iter()
            .map(|doc| scope.spawn(move || document_inputs(doc)))
            .collect();
        let letter_files = letter_document_inputs(letter);
        let part_files: Vec<_> = made
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect();
        (letter_files, part_files)
    });
    let mut files = InputFiles::default();
    let mut list = Vec::new();
    let names = std::iter::once(letter.name.as_str()).chain(parts.iter().map(Document::name));
    let made = std::iter::once(letter_files).chain(part_files);
    for (i, (name, (inputs, kind))) in names.zip(made).enumerate() {
        let dir = format!("parts/{name}");
        for (path, bytes) in inputs.files {
            files.files.insert(format!("{dir}/{path}"), bytes);
        }
        list.push(PartInput {
            kind,
            data: dir,
            title: (i > 0).then(|| annex_heading(i, doc_title(&parts[i - 1]))),
        });
    }
    files.insert_json(
        "package.json",
        &PackageInput {
            title: kamerstuk_line(letter),
            parts: list,
        },
    );
    files
}

/// A document's own title, as its first heading prints it.
pub fn doc_title(doc: &Document) -> &str {
    match doc {
        Document::Dashboard(e) => &e.meta.title,
        Document::Letter(l) => &l.letter_type,
        Document::Annex(a) => &a.title,
    }
}
