//! Letter (Kamerbrief) and narrative annex editions: metadata in edition.yaml, body in Markdown.

use super::files::parse_yaml;
use super::markdown::{FootnoteResolver, warn_unused_footnotes};
use super::model::{Annex, Dossier, Letter, Located, NarrativeFile, Signatory};
use super::narrative::Block;
use super::yaml::{parse_date, pos_of};
use crate::diag::{Diagnostic, Diagnostics, Pos};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LetterFile {
    #[allow(dead_code)]
    kind: String,
    parliamentary_year: Spanned<String>,
    dossiers: Spanned<Vec<Spanned<Dossier>>>,
    number: Spanned<super::unset::Settable>,
    letter_type: String,
    #[serde(default = "default_addressee")]
    addressee: String,
    #[serde(default = "default_place")]
    place: String,
    date: Spanned<String>,
    signatory: Signatory,
    #[serde(default)]
    annexes: Vec<Spanned<String>>,
    #[serde(default)]
    body: Option<Spanned<String>>,
}

fn default_addressee() -> String {
    "Aan de Voorzitter van de Tweede Kamer der Staten-Generaal".into()
}

fn default_place() -> String {
    "Den Haag".into()
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnexFile {
    #[allow(dead_code)]
    kind: String,
    title: String,
    date: Spanned<String>,
    #[serde(default)]
    body: Option<Spanned<String>>,
}

pub fn load_letter(
    dir: &Path,
    name: String,
    file: &Path,
    text: &str,
    diags: &mut Diagnostics,
) -> Option<Letter> {
    let raw: LetterFile = parse_yaml(text, file).map_err(|d| diags.push(d)).ok()?;
    let date = parse_date(&raw.date, file, diags);
    let parliamentary_year = check_parliamentary_year(&raw.parliamentary_year, file, diags);
    let number = raw
        .number
        .value
        .get(pos_of(&raw.number), file, "Kamerstuk number", diags);
    if raw.dossiers.value.is_empty() {
        diags.push(
            Diagnostic::error(
                file,
                pos_of(&raw.dossiers),
                "a letter needs at least one dossier",
            )
            .with_hint("add `dossiers:` with `- number: 31 293` and `title: Primair Onderwijs`"),
        );
    }
    for d in &raw.dossiers.value {
        check_dossier_number(&d.value.number, file, pos_of(d), diags);
    }
    let mut texts = Vec::new();
    let body = load_body(
        dir,
        raw.body.as_ref(),
        "brief.md",
        "letter",
        file,
        diags,
        &mut texts,
    );
    Some(Letter {
        dir: dir.to_path_buf(),
        name,
        file: file.to_path_buf(),
        parliamentary_year,
        dossiers: raw.dossiers.value.into_iter().map(|d| d.value).collect(),
        number: number?,
        letter_type: raw.letter_type,
        addressee: raw.addressee,
        place: raw.place,
        date: date?,
        // The template sets the comma after the function: one typed there is accepted.
        signatory: Signatory {
            function: raw
                .signatory
                .function
                .trim_end()
                .trim_end_matches(',')
                .trim_end()
                .into(),
            ..raw.signatory
        },
        annexes: raw
            .annexes
            .iter()
            .map(|a| Located {
                value: a.value.clone(),
                pos: pos_of(a),
            })
            .collect(),
        body: body?,
        texts,
    })
}

pub fn load_annex(
    dir: &Path,
    name: String,
    file: &Path,
    text: &str,
    diags: &mut Diagnostics,
) -> Option<Annex> {
    let raw: AnnexFile = parse_yaml(text, file).map_err(|d| diags.push(d)).ok()?;
    let date = parse_date(&raw.date, file, diags);
    let mut texts = Vec::new();
    let body = load_body(
        dir,
        raw.body.as_ref(),
        "bijlage.md",
        "annex",
        file,
        diags,
        &mut texts,
    );
    Some(Annex {
        dir: dir.to_path_buf(),
        name,
        file: file.to_path_buf(),
        title: raw.title,
        date: date?,
        body: body?,
        texts,
    })
}

/// "2018–2019" or "2018-2019": two consecutive years, printed with an en dash.
fn check_parliamentary_year(s: &Spanned<String>, file: &Path, diags: &mut Diagnostics) -> String {
    let parts: Vec<&str> = s.value.split(['-', '–', '/']).map(str::trim).collect();
    if let [a, b] = parts.as_slice()
        && let (Ok(a), Ok(b)) = (a.parse::<i32>(), b.parse::<i32>())
        && b == a + 1
    {
        return format!("{a}–{b}");
    }
    diags.push(
        Diagnostic::error(
            file,
            pos_of(s),
            format!("`{}` is not a parliamentary year", s.value),
        )
        .with_hint("write two consecutive years, e.g. `2018–2019`"),
    );
    s.value.clone()
}

/// Kamerstuk dossiers are written "31 293" (with a space), sometimes with a part: "35 000 VIII".
fn check_dossier_number(number: &str, file: &Path, pos: Pos, diags: &mut Diagnostics) {
    let mut parts = number.split_whitespace();
    let ok = matches!((parts.next(), parts.next()), (Some(a), Some(b))
        if a.len() == 2 && b.len() == 3 && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit()));
    if !ok {
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        let hint = if digits.len() == 5 {
            format!("write `{} {}`", &digits[..2], &digits[2..])
        } else {
            "write the dossier number as two and three digits, e.g. `31 293`".into()
        };
        diags.push(
            Diagnostic::warning(
                file,
                pos,
                format!("dossier number `{number}` is not in the form `31 293`"),
            )
            .with_hint(hint),
        );
    }
}

/// The body: headings `##` to `####` (the document title is level 1), no skipped levels.
fn load_body(
    dir: &Path,
    named: Option<&Spanned<String>>,
    default: &str,
    prefix: &str,
    file: &Path,
    diags: &mut Diagnostics,
    texts: &mut Vec<NarrativeFile>,
) -> Option<Vec<Block>> {
    let rel = named.map_or(default, |s| s.value.as_str());
    let pos = named.map_or(Pos::FILE, pos_of);
    let (path, md) = super::files::read_markdown(dir, rel, file, pos, diags, texts)?;
    let mut level = 1;
    for (pos, block) in &md.blocks {
        if let Block::Heading { level: l, .. } = block {
            if *l == 1 {
                diags.push(
                    Diagnostic::error(
                        &path,
                        *pos,
                        "a `#` heading is the document's title, which comes from edition.yaml",
                    )
                    .with_hint("use `##` for sections, `###` and `####` below them"),
                );
            } else if *l > level + 1 {
                diags.push(
                    Diagnostic::error(
                        &path,
                        *pos,
                        format!("heading level {l} follows level {level}: a level is skipped"),
                    )
                    .with_hint(format!("use {} here", "#".repeat(level as usize + 1))),
                );
            }
            level = *l;
        }
    }
    let mut blocks: Vec<Block> = md.blocks.iter().map(|(_, b)| b.clone()).collect();
    let mut resolver = FootnoteResolver::new(prefix, &md.footnotes, &path);
    resolver.blocks(&mut blocks, diags);
    warn_unused_footnotes(&resolver, &path, diags);
    Some(blocks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::path::PathBuf;

    fn letter_in(dir: &str) -> Letter {
        Letter {
            dir: PathBuf::from(dir),
            name: "brief".into(),
            file: PathBuf::from(dir).join("edition.yaml"),
            parliamentary_year: "2018–2019".into(),
            dossiers: Vec::new(),
            number: 1,
            letter_type: String::new(),
            addressee: String::new(),
            place: String::new(),
            date: NaiveDate::from_ymd_opt(2019, 7, 10).unwrap(),
            signatory: Signatory {
                function: String::new(),
                name: String::new(),
            },
            annexes: Vec::new(),
            body: Vec::new(),
            texts: Vec::new(),
        }
    }

    #[test]
    fn the_content_directory_is_found_from_any_spelling_of_the_letter_directory() {
        assert_eq!(
            letter_in("content/brief").content_dir(),
            Path::new("content")
        );
        assert_eq!(letter_in("brief").content_dir(), Path::new("."));
        // `check .` inside the letter's directory: its parent, not the letter itself.
        let here = std::env::current_dir().unwrap();
        assert_eq!(
            letter_in(".").content_dir(),
            here.canonicalize().unwrap().parent().unwrap()
        );
    }
}
