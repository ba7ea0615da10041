//! Links go to parliament: they must be public web addresses.

use crate::diag::{Diagnostic, Diagnostics, Pos};
use std::path::Path;

/// Warns, where the link stands, about `file://` and other local targets, and about text that
/// is not a web address at all.
pub fn check_link(url: &str, file: &Path, pos: Pos, diags: &mut Diagnostics) {
    if let Some(message) = link_problem(url) {
        diags.push(Diagnostic::warning(file, pos, message).with_hint(
            "link to a public page, e.g. `https://www.rijksoverheid.nl/…`, or remove the link",
        ));
    }
}

fn link_problem(url: &str) -> Option<String> {
    let lower = url.trim().to_ascii_lowercase();
    let local = lower.starts_with("file:")
        || lower.starts_with('/')
        || lower.starts_with('\\')
        || lower.as_bytes().get(1) == Some(&b':');
    if local {
        return Some(format!(
            "link `{url}` points to a file on someone's computer"
        ));
    }
    if lower.starts_with("mailto:") {
        return (!lower.contains('@')).then(|| format!("link `{url}` is not an e-mail address"));
    }
    let Some(rest) = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
    else {
        return Some(format!(
            "link `{url}` is not a web address (it should start with https://)"
        ));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let valid = host.contains('.')
        && !host.starts_with('.')
        && !host.ends_with('.')
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
    (!valid || url.contains(' ')).then(|| format!("link `{url}` is not a valid web address"))
}

#[cfg(test)]
mod tests {
    use super::link_problem;

    #[test]
    fn public_addresses_pass_and_local_or_broken_ones_do_not() {
        for ok in [
            "https://www.rijksoverheid.nl/documenten",
            "http://bijscholingvmbo.nl/",
            "mailto:info@minocw.nl",
        ] {
            assert_eq!(link_problem(ok), None, "{ok}");
        }
        for bad in [
            "file:///C:/Users/x/functiemix.docx",
            "C:\\Users\\x.docx",
            "www.passendonderwijs.nl",
            "https://",
            "https://www.rijks overheid.nl",
            "https://localhost/x",
        ] {
            assert!(link_problem(bad).is_some(), "{bad}");
        }
    }
}
