//! "indicator 8" typed in narrative: a number that goes stale when an indicator is inserted or
//! moved. A note suggests the id form, `{indicator <id>}`, which the tool numbers; a number
//! that does not exist is warned about by `text::indicator_references`.

use crate::diag::{Diagnostic, Diagnostics, LineIndex};
use crate::edition::NarrativeFile;

/// Where a literal "indicator 8" or "indicator nr. 8" is typed: (byte offset, number).
pub fn literal_references(text: &str) -> Vec<(usize, u64)> {
    let words: Vec<(usize, &str)> = text
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
        .collect();
    let mut out = Vec::new();
    for (i, (offset, w)) in words.iter().enumerate() {
        let bare = w.trim_start_matches(|c: char| !c.is_alphanumeric());
        // `{indicator id}` is the id form itself; `indicatoren` is not a reference.
        if w.starts_with('{') || !bare.eq_ignore_ascii_case("indicator") {
            continue;
        }
        let mut rest = words[i + 1..].iter().map(|(_, w)| *w);
        let mut next = rest.next();
        if next.is_some_and(|n| n.eq_ignore_ascii_case("nr.") || n.eq_ignore_ascii_case("nr")) {
            next = rest.next();
        }
        let digits: String = next
            .map(|n| {
                n.trim_start_matches("nr.")
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect()
            })
            .unwrap_or_default();
        if let Ok(n) = digits.parse::<u64>() {
            out.push((offset + (w.len() - bare.len()), n));
        }
    }
    out
}

/// A note at each literal reference: `ids[n - 1]` is indicator n (for a letter: the candidates
/// of each dashboard annex, as `edition/id`).
pub fn suggest_id_form(
    file: &NarrativeFile,
    candidates: &dyn Fn(u64) -> Vec<String>,
    diags: &mut Diagnostics,
) {
    let found = literal_references(&file.text);
    if found.is_empty() {
        return;
    }
    let index = LineIndex::new(&file.text);
    for (offset, n) in found {
        let forms: Vec<String> = candidates(n)
            .iter()
            .map(|id| format!("`{{indicator {id}}}`"))
            .collect();
        let hint = match forms.as_slice() {
            [] => "refer to the indicator by its id, `{indicator <id>}`: the tool prints its current number".to_string(),
            [one] => format!("write {one}: the tool prints the current number, also after indicators are inserted or moved"),
            many => format!("write the id form of the indicator meant ({}): the tool prints its current number", many.join(" or ")),
        };
        diags.push(
            Diagnostic::note(
                &file.path,
                index.pos(offset),
                format!("indicator {n} is referred to by number"),
            )
            .with_hint(hint),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_references_in_their_spellings() {
        let text = "Zie indicator 8. Ook (indicator nr. 3) en indicator nr.4; niet indicatoren 5, \
                    niet {indicator ict-plan} en niet indicator ICT.";
        let found: Vec<u64> = literal_references(text).iter().map(|r| r.1).collect();
        assert_eq!(found, [8, 3, 4]);
        let (offset, _) = literal_references(text)[1];
        assert!(text[offset..].starts_with("indicator nr. 3"));
    }

    #[test]
    fn the_note_names_the_id_form_of_each_candidate() {
        let file = NarrativeFile {
            path: "brief.md".into(),
            text: "Eerste regel.\nZie indicator 2 in de bijlagen.\n".into(),
            indicator: None,
        };
        let mut diags = Diagnostics::new();
        let candidates = |n: u64| -> Vec<String> {
            assert_eq!(n, 2);
            vec!["po-2018/ict-plan".into(), "vo-2017/leerlingen".into()]
        };
        suggest_id_form(&file, &candidates, &mut diags);
        let notes: Vec<_> = diags.notes().collect();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].pos, crate::diag::Pos::new(2, 5));
        assert_eq!(notes[0].message, "indicator 2 is referred to by number");
        let hint = notes[0].hint.as_deref().unwrap();
        assert!(
            hint.contains("`{indicator po-2018/ict-plan}` or `{indicator vo-2017/leerlingen}`"),
            "{hint}"
        );
        assert_eq!(diags.warnings().count(), 0);
    }
}
