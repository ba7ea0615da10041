//! The annexes a letter names, as its closing list shows them: "Bijlage 2: Dashboard
//! bestuursakkoord po 2017". Numbered in the order the letter lists them.

use super::files::EDITION_FILE;
use super::files::{parse_yaml, read_text};
use super::model::Letter;
use serde::Deserialize;

/// Only the title of an edition.yaml.
#[derive(Deserialize)]
struct TitleProbe {
    title: Option<String>,
}

/// One annex of a letter: its number ("Bijlage 2") and its title without a "Bijlage N:" of its
/// own.
#[derive(Debug, Clone, PartialEq)]
pub struct AnnexEntry {
    pub number: usize,
    pub title: String,
}

/// The letter's annexes in its order. An annex whose edition.yaml does not read keeps its
/// directory name (its own problems are reported when it is built).
pub fn annex_entries(letter: &Letter) -> Vec<AnnexEntry> {
    let content = letter.content_dir();
    (1..)
        .zip(&letter.annexes)
        .map(|(number, annex)| {
            let file = content.join(&annex.value).join(EDITION_FILE);
            let title = read_text(&file)
                .ok()
                .and_then(|text| parse_yaml::<TitleProbe>(&text, &file).ok())
                .and_then(|probe| probe.title)
                .unwrap_or_else(|| annex.value.clone());
            AnnexEntry {
                number,
                title: without_annex_number(&title).to_string(),
            }
        })
        .collect()
}

/// The heading of annex `number` in the letter's package: "Bijlage 2: Dashboard …". A title that
/// already says which annex it is ("Bijlage 1: …") is kept as it is.
pub fn annex_heading(number: usize, title: &str) -> String {
    if without_annex_number(title) != title {
        title.to_string()
    } else {
        format!("Bijlage {number}: {title}")
    }
}

/// "Bijlage 1: Extra inspanningen" → "Extra inspanningen"; other titles as they are.
pub fn without_annex_number(title: &str) -> &str {
    let Some(rest) = title.strip_prefix("Bijlage ") else {
        return title;
    };
    let number_end = rest
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, 'I' | 'V' | 'X')))
        .unwrap_or(rest.len());
    if number_end == 0 {
        return title;
    }
    match rest[number_end..].strip_prefix([':', '.']) {
        Some(after) if !after.trim().is_empty() => after.trim_start(),
        _ => title,
    }
}

#[cfg(test)]
mod tests {
    use super::without_annex_number;

    #[test]
    fn an_annex_number_in_the_title_is_left_out() {
        assert_eq!(
            without_annex_number("Bijlage 1: Extra inspanningen achterblijvende ambities"),
            "Extra inspanningen achterblijvende ambities"
        );
        assert_eq!(without_annex_number("Bijlage IV. Cijfers"), "Cijfers");
        for kept in [
            "Dashboard sectorakkoord vo",
            "Bijlage bij de brief",
            "Bijlage 2:",
            "Bijlagen 1 en 2: samen",
        ] {
            assert_eq!(without_annex_number(kept), kept);
        }
    }
}
