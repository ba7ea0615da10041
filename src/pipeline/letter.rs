//! A letter with its annexes: each part laid out once and exported, on all cores, and the
//! package joined from the parts' PDFs (`Package::join`, which a build runs while it writes the
//! parts).

use super::{Failure, Timings, Typeset, date_of, timed};
use crate::edition::Document;
use crate::edition::Letter;
use crate::edition::annexes::annex_heading;
use crate::pdf;
use crate::render::documents::{doc_title, kamerstuk_line, package_inputs};
use crate::render::{InputFiles, Typesetter};
use chrono::NaiveDate;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use typst_layout::PagedDocument;

/// A letter with its annexes, each part laid out once: each part's PDF (none where not asked
/// for) and the package's parts, ready to be joined.
pub struct LetterTypeset {
    /// The letter, then the annexes in the letter's order.
    pub parts: Vec<Option<Typeset>>,
    pub package: Option<Package>,
    /// Each part's inputs, with what decides its layout: for skipping an unchanged part.
    pub fingerprints: Vec<u64>,
    /// How many parts were laid out (an unchanged annex is not, unless the package needs it).
    pub laid_out: usize,
    /// How many threads did the work.
    pub threads: usize,
    pub timings: Timings,
}

/// What a build wants of one part of a letter, given the fingerprint of what decides its bytes.
pub enum Want {
    /// Its own PDF.
    Pdf,
    /// No PDF of its own: the one on disk is unchanged since the build that wrote it, and these
    /// are its bytes, which the package takes as they are.
    Unchanged(Vec<u8>),
    /// No PDF of its own; it is laid out only for the package.
    Nothing,
}

/// The parts of a letter's build: what each is called, dated and titled, what decides its
/// bytes, and which are laid out, largest first.
struct Plan {
    names: Vec<String>,
    dates: Vec<NaiveDate>,
    titles: Vec<String>,
    fingerprints: Vec<u64>,
    /// Which parts' own PDFs are wanted.
    exported: Vec<bool>,
    /// The PDFs of the parts that are unchanged on disk.
    unchanged: Vec<Option<Vec<u8>>>,
    /// The parts to lay out, the largest first, so that no core is left with a big part at the
    /// end. A part that is unchanged, or neither exported nor in the package, is not laid out.
    jobs: Vec<usize>,
}

impl Plan {
    fn new(
        letter: &Letter,
        annexes: &[Document],
        inputs: &InputFiles,
        want: &(dyn Fn(usize, u64) -> Want + Sync),
        package: bool,
    ) -> Plan {
        let names: Vec<String> = std::iter::once(letter.name.clone())
            .chain(annexes.iter().map(|d| d.name().to_string()))
            .collect();
        let dates: Vec<NaiveDate> = std::iter::once(letter.date)
            .chain(annexes.iter().map(date_of))
            .collect();
        let titles: Vec<String> = std::iter::once(kamerstuk_line(letter))
            .chain(
                annexes
                    .iter()
                    .enumerate()
                    .map(|(i, d)| annex_heading(i + 1, doc_title(d))),
            )
            .collect();
        let dir = |i: usize| format!("parts/{}/", names[i]);
        let fingerprints: Vec<u64> = (0..names.len())
            .map(|i| crate::stamp::fingerprint(inputs, &dir(i), &titles[i], dates[i]))
            .collect();
        let wants: Vec<Want> = (0..names.len()).map(|i| want(i, fingerprints[i])).collect();
        let exported: Vec<bool> = wants.iter().map(|w| matches!(w, Want::Pdf)).collect();
        let laid_out = |i: usize| match wants[i] {
            Want::Pdf => true,
            Want::Unchanged(_) => false,
            Want::Nothing => package,
        };
        let size = |i: usize| -> usize {
            let dir = dir(i);
            inputs
                .files
                .iter()
                .filter(|(path, _)| path.starts_with(&dir))
                .map(|(_, bytes)| bytes.len())
                .sum()
        };
        let mut jobs: Vec<usize> = (0..names.len()).filter(|&i| laid_out(i)).collect();
        jobs.sort_by_key(|&i| std::cmp::Reverse(size(i)));
        let unchanged = wants
            .into_iter()
            .map(|w| match w {
                Want::Unchanged(bytes) => Some(bytes),
                _ => None,
            })
            .collect();
        Plan {
            names,
            dates,
            titles,
            fingerprints,
            exported,
            unchanged,
            jobs,
        }
    }

    /// One thread per core, no more than there are parts to lay out.
    fn threads(&self) -> usize {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .clamp(1, self.jobs.len().max(1))
    }
}

type Exported = Result<(usize, Vec<u8>, Duration), Failure>;

/// A PDF of `doc` with its page count and how long the export took.
fn export_one(doc: &PagedDocument, ident: String, date: NaiveDate) -> Exported {
    let t = Instant::now();
    let when = pdf::timestamp(date).map_err(Failure::Output)?;
    let pdf = pdf::pdf(doc, &ident, when).map_err(Failure::Output)?;
    Ok((doc.pages().len(), pdf, t.elapsed()))
}

/// Lays out the letter and its annexes and exports the parts for which `want` asks a PDF, and
/// gathers the package's parts when `package` is set. Parts are laid out in parallel, each on
/// its own, and each part's PDF is exported as soon as its layout is done; the package is the
/// parts' PDFs joined ([`Package::join`]), not exported again, with an unchanged part's PDF
/// taken from disk as it is. A part that is unchanged, or neither wanted nor in the package, is
/// not laid out at all.
pub fn typeset_letter(
    letter: &Letter,
    annexes: &[Document],
    typesetter: &Typesetter,
    want: &(dyn Fn(usize, u64) -> Want + Sync),
    package: bool,
) -> Result<LetterTypeset, Failure> {
    let (inputs, inputs_time) = timed(|| package_inputs(letter, annexes));
    let plan = Plan::new(letter, annexes, &inputs, want, package);
    let threads = plan.threads();

    let started = Instant::now();
    typesetter.set_inputs(&inputs);
    let next = AtomicUsize::new(0);
    let panicked = || {
        vec![(
            0,
            Instant::now(),
            Err(Failure::Output("typesetting panicked".into())),
        )]
    };
    let done: Vec<(usize, Instant, Exported)> = std::thread::scope(|scope| {
        // This thread works too, rather than wait for the others: one thread fewer to start,
        // and in `build` its allocations come from glibc's main heap, which grows in larger
        // steps than a thread's own (a package build makes half the `mprotect` calls, each of
        // which takes the process's memory-map lock).
        let helpers: Vec<_> = (1..threads)
            .map(|_| {
                let (plan, next) = (&plan, &next);
                scope.spawn(move || lay_out_and_export(typesetter, plan, next))
            })
            .collect();
        let mine = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            lay_out_and_export(typesetter, &plan, &next)
        }))
        .unwrap_or_else(|_| panicked());
        mine.into_iter()
            .chain(
                helpers
                    .into_iter()
                    .flat_map(|helper| helper.join().unwrap_or_else(|_| panicked())),
            )
            .collect()
    });
    typesetter.done();
    // When the last layout was done, and then the parts' PDFs.
    let compile = done
        .iter()
        .map(|(_, laid, _)| laid.duration_since(started))
        .max()
        .unwrap_or_default();
    let mut pdfs: Vec<Option<(usize, Vec<u8>, Duration)>> =
        (0..plan.names.len()).map(|_| None).collect();
    let mut failures: Vec<(usize, Failure)> = Vec::new();
    for (i, _, exported) in done {
        match exported {
            Ok(p) => pdfs[i] = Some(p),
            Err(f) => failures.push((i, f)),
        }
    }
    // The first part that failed, in the letter's order.
    if let Some((_, f)) = failures.into_iter().min_by_key(|(i, _)| *i) {
        return Err(f);
    }
    let total = started.elapsed();
    let package = if package {
        let timings = Timings {
            inputs: inputs_time,
            compile,
            ..Timings::default()
        };
        Some(Package::gather(letter, &pdfs, &plan.unchanged, timings)?)
    } else {
        None
    };
    let typeset = |(pages, pdf, export): (usize, Vec<u8>, Duration)| Typeset {
        pages,
        pdf,
        inputs: InputFiles::default(),
        timings: Timings {
            inputs: inputs_time,
            compile,
            export,
            ..Timings::default()
        },
    };
    let parts = pdfs
        .into_iter()
        .zip(&plan.exported)
        .map(|(pdf, &wanted)| pdf.filter(|_| wanted).map(typeset))
        .collect();
    Ok(LetterTypeset {
        parts,
        package,
        fingerprints: plan.fingerprints,
        laid_out: plan.jobs.len(),
        threads,
        timings: Timings {
            inputs: inputs_time,
            compile,
            export: total.saturating_sub(compile),
            ..Timings::default()
        },
    })
}

/// One worker: takes parts from the plan's queue, largest first, and lays each out and exports
/// its PDF, so that one part is exported while another is still being laid out. Returns, for
/// each of its parts, when its layout was done and its PDF.
fn lay_out_and_export(
    typesetter: &Typesetter,
    plan: &Plan,
    next: &AtomicUsize,
) -> Vec<(usize, Instant, Exported)> {
    let mut mine = Vec::new();
    while let Some(&i) = plan.jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
        let laid = typesetter.compile_part(i).map_err(Failure::Typeset);
        let at = Instant::now();
        let exported = laid.and_then(|doc| {
            let part = part_document(&doc, &plan.titles[i]);
            export_one(
                &part,
                format!("kamerbrief/{}", plan.names[i]),
                plan.dates[i],
            )
        });
        mine.push((i, at, exported));
    }
    mine
}

/// One part as a document of its own, with `title` as its PDF title.
fn part_document(part: &PagedDocument, title: &str) -> PagedDocument {
    let mut info = typst::model::Document::info(part).clone();
    info.title = Some(title.into());
    PagedDocument::new(part.pages().iter().cloned().collect(), info)
}

/// The package's parts, gathered when they are laid out and joined by [`Package::join`]: apart,
/// so that a build can write the parts' own PDFs while the package is joined.
pub struct Package {
    ident: String,
    /// Each part's PDF and its page labels' prefix, in the letter's order.
    parts: Vec<(Vec<u8>, String)>,
    /// How long the parts' inputs and their layout took (the join adds its own time).
    timings: Timings,
}

impl Package {
    /// The parts' PDFs, the letter's pages to be labelled "1", "2", … and each annex's "B1-1",
    /// "B2-1", … An unchanged part's PDF is the one on disk.
    fn gather(
        letter: &Letter,
        pdfs: &[Option<(usize, Vec<u8>, Duration)>],
        unchanged: &[Option<Vec<u8>>],
        timings: Timings,
    ) -> Result<Package, Failure> {
        let mut parts = Vec::with_capacity(pdfs.len());
        for (i, (made, kept)) in pdfs.iter().zip(unchanged).enumerate() {
            let bytes = match (made, kept) {
                (Some((_, bytes, _)), _) | (None, Some(bytes)) => bytes.clone(),
                (None, None) => {
                    return Err(Failure::Output(
                        "a part of the package was not laid out".into(),
                    ));
                }
            };
            let prefix = if i == 0 {
                String::new()
            } else {
                format!("B{i}-")
            };
            parts.push((bytes, prefix));
        }
        Ok(Package {
            ident: format!("kamerbrief/{}-pakket", letter.name),
            parts,
            timings,
        })
    }

    /// The package's PDF: the parts' PDFs joined (`pdf::merge`).
    pub fn join(self) -> Result<Typeset, Failure> {
        let t = Instant::now();
        let parts: Vec<pdf::merge::Part> = self
            .parts
            .iter()
            .map(|(pdf, prefix)| pdf::merge::Part {
                pdf,
                prefix: prefix.clone(),
            })
            .collect();
        let joined = pdf::merge::merge(&parts, &self.ident)
            .map_err(|e| Failure::Output(format!("cannot join the package's parts: {e}")))?;
        Ok(Typeset {
            pages: joined.pages,
            pdf: joined.pdf,
            inputs: InputFiles::default(),
            timings: Timings {
                export: t.elapsed(),
                ..self.timings
            },
        })
    }
}
