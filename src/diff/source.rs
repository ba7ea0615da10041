//! The two versions `kamerbrief diff` compares: a directory, or a git revision and path
//! (`HEAD~1:content/po-2017`), read with the git command into a temporary directory.

use crate::diag::{Diagnostic, Diagnostics};
use crate::edition::{Document, Edition};
use crate::pipeline;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Where a version is read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spec {
    Dir(PathBuf),
    /// `rev:path`. The path is from the repository root, as in `git show`; `./` or `../` at
    /// its start makes it relative to the current directory.
    Git {
        rev: String,
        path: String,
    },
}

impl Spec {
    /// An argument is a git spec when it contains `:` and is not an existing path.
    pub fn parse(arg: &str) -> Spec {
        match arg.split_once(':') {
            Some((rev, path)) if !Path::new(arg).exists() && !rev.is_empty() => Spec::Git {
                rev: rev.to_string(),
                path: path.to_string(),
            },
            _ => Spec::Dir(PathBuf::from(arg)),
        }
    }
}

/// Why a version could not be compared.
#[derive(Debug)]
pub enum LoadError {
    /// The edition has errors; paths in a git version read `rev:path/file`.
    Invalid {
        version: String,
        diagnostics: Diagnostics,
    },
    NotDashboard {
        version: String,
        kind: &'static str,
    },
    Git(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Invalid {
                version,
                diagnostics,
            } => write!(
                f,
                "{version} has {} error(s); fix them before comparing",
                diagnostics.errors().count()
            ),
            LoadError::NotDashboard { version, kind } => write!(
                f,
                "{version} is {kind}; diff compares dashboard editions (`kind: dashboard`)"
            ),
            LoadError::Git(msg) => f.write_str(msg),
        }
    }
}

/// Loads and checks one version of a dashboard edition.
pub fn load_version(arg: &str) -> Result<Edition, LoadError> {
    match Spec::parse(arg) {
        Spec::Dir(dir) => load_dir(&dir, arg, None),
        Spec::Git { rev, path } => {
            let checkout = Checkout::new(&rev, &path)?;
            let shown = format!("{rev}:{}", checkout.path);
            load_dir(&checkout.edition, arg, Some((&checkout.edition, &shown)))
        }
    }
}

fn load_dir(
    dir: &Path,
    version: &str,
    rename: Option<(&Path, &str)>,
) -> Result<Edition, LoadError> {
    let doc = pipeline::check_document(dir).map_err(|diags| LoadError::Invalid {
        version: version.to_string(),
        diagnostics: match rename {
            Some((from, to)) => renamed(diags, from, to),
            None => diags,
        },
    })?;
    let kind = match doc.0 {
        Document::Dashboard(e) => return Ok(e),
        Document::Letter(_) => "a letter",
        Document::Annex(_) => "a narrative annex",
    };
    Err(LoadError::NotDashboard {
        version: version.to_string(),
        kind,
    })
}

/// Diagnostics with the temporary directory replaced by `rev:path`, so messages name the file
/// the writer knows.
fn renamed(diags: Diagnostics, from: &Path, to: &str) -> Diagnostics {
    let mut out = Diagnostics::new();
    for d in diags.iter() {
        let file = match d.file.strip_prefix(from) {
            Ok(rel) if rel.as_os_str().is_empty() => PathBuf::from(to),
            Ok(rel) => PathBuf::from(format!("{to}/{}", rel.to_string_lossy().replace('\\', "/"))),
            Err(_) => d.file.clone(),
        };
        out.push(Diagnostic { file, ..d.clone() });
    }
    out
}

/// An edition read from git into a fresh temporary directory, removed on drop.
struct Checkout {
    root: PathBuf,
    edition: PathBuf,
    /// The path from the repository root.
    path: String,
}

impl Drop for Checkout {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

fn git(args: &[&str], cwd: Option<&Path>) -> Result<String, String> {
    let mut cmd = Command::new("git");
    if let Some(dir) = cwd {
        cmd.arg("-C").arg(dir);
    }
    let out = cmd
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

/// `a/./b/../c` → `a/c`; `None` when it climbs above the root.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for c in Path::new(path).components() {
        match c {
            Component::Normal(p) => parts.push(p.to_str()?),
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::CurDir => {}
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.join("/"))
}

impl Checkout {
    fn new(rev: &str, path: &str) -> Result<Checkout, LoadError> {
        let top = git(&["rev-parse", "--show-toplevel"], None).map_err(|e| {
            LoadError::Git(format!(
                "`{rev}:{path}` is not a directory, and git cannot read it as a revision and path: {e}"
            ))
        })?;
        let top = PathBuf::from(top.trim());
        let relative =
            path.starts_with("./") || path.starts_with("../") || path == "." || path == "..";
        let full = if relative {
            let prefix = git(&["rev-parse", "--show-prefix"], None).map_err(LoadError::Git)?;
            format!("{}{path}", prefix.trim())
        } else {
            path.to_string()
        };
        let full = normalize(&full)
            .ok_or_else(|| LoadError::Git(format!("`{path}` leaves the repository")))?;
        git(
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{rev}^{{tree}}"),
            ],
            Some(&top),
        )
        .map_err(|_| LoadError::Git(format!("git revision `{rev}` does not exist")))?;
        let files = list(rev, &full, &top)?;
        if files.is_empty() {
            return Err(LoadError::Git(format!(
                "`{full}` is not a directory in git revision `{rev}` (the path after `:` is from \
                 the repository root; write `{rev}:./{path}` for one from the current directory)"
            )));
        }
        let root = fresh_temp_dir()
            .map_err(|e| LoadError::Git(format!("cannot make a temporary directory: {e}")))?;
        let name = full
            .rsplit('/')
            .next()
            .filter(|n| !n.is_empty())
            .unwrap_or("edition");
        let checkout = Checkout {
            edition: root.join(name),
            root,
            path: full,
        };
        checkout.write(rev, &top, &files).map_err(|e| {
            LoadError::Git(format!(
                "cannot read `{rev}:{}` from git: {e}",
                checkout.path
            ))
        })?;
        Ok(checkout)
    }

    /// Writes each `(object, path under the edition)` into the edition directory, read through
    /// one `git cat-file --batch`.
    fn write(&self, rev: &str, top: &Path, files: &[(String, String)]) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.edition)?;
        let mut child = Command::new("git")
            .arg("-C")
            .arg(top)
            .args(["cat-file", "--batch"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let mut stdin = child.stdin.take().expect("piped stdin");
        let mut stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
        let result = (|| {
            for (object, rel) in files {
                writeln!(stdin, "{object}")?;
                stdin.flush()?;
                let mut header = String::new();
                stdout.read_line(&mut header)?;
                let size: usize = header
                    .split_whitespace()
                    .nth(2)
                    .and_then(|s| s.parse().ok())
                    .ok_or_else(|| {
                        std::io::Error::other(format!("{rev}: unexpected `{}`", header.trim()))
                    })?;
                let mut content = vec![0; size + 1];
                stdout.read_exact(&mut content)?;
                content.pop();
                let target = self.edition.join(rel);
                if let Some(parent) = target.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                std::fs::write(target, content)?;
            }
            Ok(())
        })();
        drop(stdin);
        let _ = child.wait();
        result
    }
}

/// The regular files under `path` in `rev`: (object id, path relative to `path`).
fn list(rev: &str, path: &str, top: &Path) -> Result<Vec<(String, String)>, LoadError> {
    let mut args = vec![
        "--literal-pathspecs",
        "ls-tree",
        "-r",
        "-z",
        "--full-tree",
        rev,
    ];
    if !path.is_empty() {
        args.extend(["--", path]);
    }
    let out = git(&args, Some(top)).map_err(LoadError::Git)?;
    let prefix = if path.is_empty() {
        String::new()
    } else {
        format!("{path}/")
    };
    Ok(out
        .split('\0')
        .filter_map(|entry| {
            let (meta, file) = entry.split_once('\t')?;
            let mut meta = meta.split(' ');
            let (mode, kind, object) = (meta.next()?, meta.next()?, meta.next()?);
            let regular = kind == "blob" && (mode == "100644" || mode == "100755");
            let rel = file.strip_prefix(&prefix)?;
            regular.then(|| (object.to_string(), rel.to_string()))
        })
        .collect())
}

fn fresh_temp_dir() -> std::io::Result<PathBuf> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!(
            "kamerbrief-diff-{}-{nanos}-{n}",
            std::process::id()
        ));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_spec_is_git_only_when_it_is_not_a_path() {
        assert_eq!(
            Spec::parse("HEAD~1:content/po-2017"),
            Spec::Git {
                rev: "HEAD~1".into(),
                path: "content/po-2017".into()
            }
        );
        assert_eq!(
            Spec::parse("content/po-2017"),
            Spec::Dir("content/po-2017".into())
        );
        let dir = std::env::temp_dir().join(format!("kamerbrief-a:b-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let arg = dir.to_str().unwrap();
        assert_eq!(Spec::parse(arg), Spec::Dir(dir.clone()));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn paths_normalize_inside_the_repository() {
        assert_eq!(
            normalize("content/./po-2017/").as_deref(),
            Some("content/po-2017")
        );
        assert_eq!(normalize("a/../content/po").as_deref(), Some("content/po"));
        assert_eq!(normalize("../x"), None);
    }
}
