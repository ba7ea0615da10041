//! Links go to parliament: they must be public web addresses. Only `https:`, `http:` and
//! `mailto:` targets are allowed, judged after decoding and case folding, so no script
//! (`javascript:`, `data:`, `vbscript:`) or local file ever becomes a link in a PDF.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use std::path::Path;

/// The schemes a link may use.
pub const ALLOWED_SCHEMES: [&str; 3] = ["https", "http", "mailto"];

const HINT: &str =
    "link to a public page, e.g. `https://www.rijksoverheid.nl/…`, or remove the link";

/// Reports, where the link stands, a target that is empty or not a web or e-mail address (an
/// error), and a web address that looks malformed (a warning).
pub fn check_link(url: &str, file: &Path, pos: Pos, diags: &mut Diagnostics) {
    match link_problem(url) {
        Some(Problem::Refused(message)) => {
            diags.push(Diagnostic::error(file, pos, message).with_hint(HINT))
        }
        Some(Problem::Empty) => diags.push(
            Diagnostic::error(file, pos, "the link has no target")
                .with_hint("write the address between the brackets, `[zie hier](https://…)`, or remove the link"),
        ),
        Some(Problem::Malformed(message)) => {
            diags.push(Diagnostic::warning(file, pos, message).with_hint(HINT))
        }
        None => {}
    }
}

#[derive(Debug, PartialEq)]
enum Problem {
    Empty,
    /// Not an allowed scheme: never printed as a link.
    Refused(String),
    /// An allowed scheme, but probably not a working address.
    Malformed(String),
}

/// The target as a reader's software would see it: percent-escapes decoded, whitespace and
/// control characters (which browsers skip inside a scheme) removed, lower case.
fn normalized(url: &str) -> String {
    let bytes = url.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            decoded.push((h * 16 + l) as u8);
            i += 3;
            continue;
        }
        decoded.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&decoded)
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Does the target use one of `ALLOWED_SCHEMES`? Decides whether a link may reach a PDF.
pub fn allowed(url: &str) -> bool {
    let n = normalized(url);
    ALLOWED_SCHEMES
        .iter()
        .any(|s| n.strip_prefix(s).is_some_and(|rest| rest.starts_with(':')))
}

fn link_problem(url: &str) -> Option<Problem> {
    if url.trim().is_empty() {
        return Some(Problem::Empty);
    }
    let lower = normalized(url);
    if !allowed(url) {
        let local = lower.starts_with("file:")
            || lower.starts_with('/')
            || lower.starts_with('\\')
            || lower.as_bytes().get(1) == Some(&b':');
        let message = if local {
            format!("link `{url}` points to a file on someone's computer")
        } else if lower.starts_with("www.") {
            format!("link `{url}` is not a web address (it should start with https://)")
        } else {
            format!(
                "link `{url}` is not a web address: a link must start with https://, http:// or mailto:"
            )
        };
        return Some(Problem::Refused(message));
    }
    if lower.starts_with("mailto:") {
        return (!lower.contains('@'))
            .then(|| Problem::Malformed(format!("link `{url}` is not an e-mail address")));
    }
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return Some(Problem::Malformed(format!(
            "link `{url}` is not a valid web address"
        )));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let valid = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    (!valid || url.trim().contains(char::is_whitespace))
        .then(|| Problem::Malformed(format!("link `{url}` is not a valid web address")))
}

#[cfg(test)]
mod tests {
    use super::{Problem, allowed, link_problem};

    #[test]
    fn public_addresses_pass_and_local_or_broken_ones_do_not() {
        for ok in [
            "https://www.rijksoverheid.nl/documenten",
            "http://bijscholingvmbo.nl/",
            "mailto:info@minocw.nl",
            "HTTPS://WWW.RIJKSOVERHEID.NL/",
        ] {
            assert_eq!(link_problem(ok), None, "{ok}");
        }
        for malformed in [
            "https://",
            "https://www.rijks overheid.nl",
            "https://localhost/x",
        ] {
            assert!(
                matches!(link_problem(malformed), Some(Problem::Malformed(_))),
                "{malformed}"
            );
        }
        for refused in [
            "file:///C:/Users/x/functiemix.docx",
            "C:\\Users\\x.docx",
            "www.passendonderwijs.nl",
            "#kop",
            "../brief.pdf",
        ] {
            assert!(
                matches!(link_problem(refused), Some(Problem::Refused(_))),
                "{refused}"
            );
        }
        assert_eq!(link_problem(""), Some(Problem::Empty));
        assert_eq!(link_problem("  "), Some(Problem::Empty));
    }

    #[test]
    fn scripts_are_refused_however_they_are_spelled() {
        for script in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java%73cript:alert(1)",
            "%6A%61%76%61script:alert(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox(1)",
            "\u{1}javascript:alert(1)",
            "https\u{0}javascript:x",
        ] {
            assert!(!allowed(script), "{script:?}");
            assert!(
                matches!(link_problem(script), Some(Problem::Refused(_))),
                "{script:?}"
            );
        }
        // A web address whose scheme is written in capitals or with an escape is still one.
        assert!(allowed("Https://www.rijksoverheid.nl"));
        assert!(allowed("http%3A//www.rijksoverheid.nl"));
    }
}
