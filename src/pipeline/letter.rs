//! A letter with its annexes: each part laid out once, on all cores, and the parts' PDFs and the
//! package's made from those layouts.

use super::{Failure, Timings, Typeset, date_of, timed};
use crate::edition::Document;
use crate::edition::Letter;
use crate::edition::annexes::annex_heading;
use crate::pdf;
use crate::render::documents::{doc_title, kamerstuk_line, package_inputs};
use crate::render::engine::TypstProblem;
use crate::render::{InputFiles, Typesetter};
use chrono::NaiveDate;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};
use typst_layout::PagedDocument;

/// A letter with its annexes, each part laid out once: each part's PDF (none where not asked
/// for) and the package's, put together from the parts' layouts.
pub struct LetterTypeset {
    /// The letter, then the annexes in the letter's order.
    pub parts: Vec<Option<Typeset>>,
    pub package: Option<Typeset>,
    /// Each part's inputs, with what decides its layout: for skipping an unchanged part.
    pub fingerprints: Vec<u64>,
    /// How many parts were laid out (an unchanged annex is not, unless the package needs it).
    pub laid_out: usize,
    /// How many threads did the work.
    pub threads: usize,
    pub timings: Timings,
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
    /// The parts to lay out, the largest first, so that no core is left with a big part at the
    /// end. A part neither exported nor in the package is not laid out at all.
    jobs: Vec<usize>,
}

impl Plan {
    fn new(
        letter: &Letter,
        annexes: &[Document],
        inputs: &InputFiles,
        export: &(dyn Fn(usize, u64) -> bool + Sync),
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
        let exported: Vec<bool> = (0..names.len())
            .map(|i| export(i, fingerprints[i]))
            .collect();
        let size = |i: usize| -> usize {
            let dir = dir(i);
            inputs
                .files
                .iter()
                .filter(|(path, _)| path.starts_with(&dir))
                .map(|(_, bytes)| bytes.len())
                .sum()
        };
        let mut jobs: Vec<usize> = (0..names.len())
            .filter(|&i| package || exported[i])
            .collect();
        jobs.sort_by_key(|&i| std::cmp::Reverse(size(i)));
        Plan {
            names,
            dates,
            titles,
            fingerprints,
            exported,
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

type Laid = Result<PagedDocument, Failure>;
type Exported = Result<(usize, Vec<u8>, Duration), Failure>;

/// A PDF of `doc` with its page count and how long the export took.
fn export_one(doc: &PagedDocument, ident: String, date: NaiveDate) -> Exported {
    let t = Instant::now();
    let when = pdf::timestamp(date).map_err(Failure::Output)?;
    let pdf = pdf::pdf(doc, &ident, when).map_err(Failure::Output)?;
    Ok((doc.pages().len(), pdf, t.elapsed()))
}

/// Lays out the letter and its annexes and exports the parts for which `export` says so, and
/// the package when `package` is set. Parts are laid out in parallel, each on its own, and each
/// part's PDF is exported as soon as its layout is done; the package is put together from the
/// parts' layouts and exported once all are in. A part neither exported nor in the package is
/// not laid out at all.
pub fn typeset_letter(
    letter: &Letter,
    annexes: &[Document],
    typesetter: &Typesetter,
    export: &(dyn Fn(usize, u64) -> bool + Sync),
    package: bool,
) -> Result<LetterTypeset, Failure> {
    let (inputs, inputs_time) = timed(|| package_inputs(letter, annexes));
    let plan = Plan::new(letter, annexes, &inputs, export, package);
    let threads = plan.threads();

    let started = Instant::now();
    typesetter.set_inputs(&inputs);
    let next = AtomicUsize::new(0);
    let (layouts, part_pdfs, package_pdf, compile) = std::thread::scope(|scope| {
        let (laid_tx, laid_rx) = std::sync::mpsc::channel::<(usize, Laid)>();
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let laid_tx = laid_tx.clone();
                let (plan, next) = (&plan, &next);
                scope.spawn(move || lay_out_then_export(typesetter, plan, next, laid_tx))
            })
            .collect();
        drop(laid_tx);
        // The layouts, as they come in; then the package, from all of them. Workers go on to
        // export their parts: count the layouts rather than wait for the end.
        let mut layouts: Vec<Option<Laid>> = (0..plan.names.len()).map(|_| None).collect();
        for (i, laid) in laid_rx.iter().take(plan.jobs.len()) {
            layouts[i] = Some(laid);
        }
        let compile = started.elapsed();
        let package_pdf = package.then(|| export_package(letter, &layouts));
        let mut part_pdfs: Vec<Option<Exported>> = (0..plan.names.len()).map(|_| None).collect();
        for worker in workers {
            let pdfs = worker
                .join()
                .unwrap_or_else(|_| vec![(0, Err(Failure::Output("typesetting panicked".into())))]);
            for (i, pdf) in pdfs {
                part_pdfs[i] = Some(pdf);
            }
        }
        (layouts, part_pdfs, package_pdf, compile)
    });
    typesetter.done();
    let total = started.elapsed();
    // The first part that failed to lay out, in the letter's order.
    for laid in layouts.into_iter().flatten() {
        laid?;
    }
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
    let parts = part_pdfs
        .into_iter()
        .map(|p| p.transpose().map(|p| p.map(typeset)))
        .collect::<Result<Vec<_>, _>>()?;
    let package = match package_pdf {
        Some(Ok(Some(p))) => Some(typeset(p)),
        Some(Ok(None)) => return Err(Failure::Output("the package has no layout".into())),
        Some(Err(f)) => return Err(f),
        None => None,
    };
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

/// One worker: lays out parts from the plan's queue, sending each layout as it is done, so
/// that the package can start as early as possible; then exports the PDFs of the parts it laid
/// out that are wanted, beside the package's.
fn lay_out_then_export(
    typesetter: &Typesetter,
    plan: &Plan,
    next: &AtomicUsize,
    laid_tx: Sender<(usize, Laid)>,
) -> Vec<(usize, Exported)> {
    let mut mine = Vec::new();
    while let Some(&i) = plan.jobs.get(next.fetch_add(1, Ordering::Relaxed)) {
        let laid = typesetter.compile_part(i).map_err(Failure::Typeset);
        if let (Ok(doc), true) = (laid.as_ref(), plan.exported[i]) {
            mine.push((i, doc.clone()));
        }
        let _ = laid_tx.send((i, laid));
    }
    drop(laid_tx);
    mine.into_iter()
        .map(|(i, doc)| {
            let part = crate::package::part_document(&doc, &plan.titles[i]);
            let ident = format!("kamerbrief/{}", plan.names[i]);
            (i, export_one(&part, ident, plan.dates[i]))
        })
        .collect()
}

/// The package's PDF, put together from every part's layout. `Ok(None)` when a part failed to
/// lay out: that part's own failure is what is reported.
fn export_package(
    letter: &Letter,
    layouts: &[Option<Laid>],
) -> Result<Option<(usize, Vec<u8>, Duration)>, Failure> {
    let mut docs = Vec::with_capacity(layouts.len());
    for layout in layouts {
        match layout {
            Some(Ok(doc)) => docs.push(doc.clone()),
            Some(Err(_)) => return Ok(None),
            None => return Err(Failure::Output("a part was not laid out".into())),
        }
    }
    let whole = crate::package::package(&docs, &kamerstuk_line(letter))
        .map_err(|e| Failure::Typeset(vec![TypstProblem::new(e)]))?;
    export_one(
        &whole,
        format!("kamerbrief/{}-pakket", letter.name),
        letter.date,
    )
    .map(Some)
}
