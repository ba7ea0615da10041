//! Soft hyphens in long Dutch words, for the narrow columns of a table on a phone: the browser
//! then breaks "onderwijskwaliteit" as Dutch does ("onderwijs-kwaliteit"), not after any letter.
//! (Browsers hyphenate Dutch only where they have a dictionary, and Chromium on Linux has none.)
//! The patterns are hypher's, as Typst uses for the PDF.

use hypher::{Lang, hyphenate};

/// Words shorter than this stay whole: they fit any column.
const LONG: usize = 10;

/// `text` with a soft hyphen (U+00AD) at each Dutch hyphenation point of its long words.
pub fn soft_hyphens(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.chars().count() >= LONG {
            let lower = word.to_lowercase();
            // Lowercasing can change lengths (rarely): then the word stays whole.
            if lower.len() == word.len() {
                let mut at = 0;
                for (i, syllable) in hyphenate(&lower, Lang::Dutch).enumerate() {
                    if i > 0 {
                        out.push('\u{ad}');
                    }
                    out.push_str(&word[at..at + syllable.len()]);
                    at += syllable.len();
                }
                word.clear();
                return;
            }
        }
        out.push_str(word);
        word.clear();
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::soft_hyphens;

    #[test]
    fn long_words_get_soft_hyphens_where_dutch_breaks_them() {
        let out = soft_hyphens("Aandeel besturen dat stuurt op onderwijskwaliteit (HRM-beleid)");
        assert_eq!(
            out.replace('\u{ad}', ""),
            "Aandeel besturen dat stuurt op onderwijskwaliteit (HRM-beleid)"
        );
        assert!(
            out.contains("on\u{ad}der\u{ad}wijs\u{ad}kwa\u{ad}li\u{ad}teit"),
            "{out}"
        );
        assert!(
            out.contains("Aandeel besturen dat stuurt op "),
            "short words stay whole: {out}"
        );
        assert!(soft_hyphens("Schoolleidersregister").contains('\u{ad}'));
        assert_eq!(soft_hyphens("56% in 2017"), "56% in 2017");
        assert_eq!(soft_hyphens(""), "");
    }
}
