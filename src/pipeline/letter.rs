//! A letter with its annexes: each part laid out once, on all cores, and the parts' PDFs and the
//! package's made from those layouts.

use super::{Failure, Timings, Typeset, date_of, timed};
use crate::edition::Document;
use crate::edition::letter::Letter;
use crate::pdf;
use crate::render::documents::package_inputs;
use crate::render::engine::TypstProblem;
use crate::render::{InputFiles, Typesetter};
use chrono::NaiveDate;
use std::time::{Duration, Instant};

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
    let ((inputs, names), inputs_time) = timed(|| {
        let names: Vec<String> = std::iter::once(letter.name.clone())
            .chain(annexes.iter().map(|d| d.name().to_string()))
            .collect();
        (package_inputs(letter, annexes), names)
    });
    let dates: Vec<NaiveDate> = std::iter::once(letter.date)
        .chain(annexes.iter().map(date_of))
        .collect();
    let titles: Vec<String> = std::iter::once(crate::render::documents::kamerstuk_line(letter))
        .chain(annexes.iter().enumerate().map(|(i, d)| {
            crate::edition::annexes::annex_heading(i + 1, crate::render::documents::doc_title(d))
        }))
        .collect();
    let fingerprints: Vec<u64> = (0..names.len())
        .map(|i| {
            crate::stamp::fingerprint(
                &inputs,
                &format!("parts/{}/", names[i]),
                &titles[i],
                dates[i],
            )
        })
        .collect();
    let exported: Vec<bool> = (0..names.len())
        .map(|i| export(i, fingerprints[i]))
        .collect();
    // The largest parts first, so that no core is left with a big part at the end.
    let mut jobs: Vec<usize> = (0..names.len())
        .filter(|&i| package || exported[i])
        .collect();
    let size = |i: usize| -> usize {
        let dir = format!("parts/{}/", names[i]);
        inputs
            .files
            .iter()
            .filter(|(path, _)| path.starts_with(&dir))
            .map(|(_, bytes)| bytes.len())
            .sum()
    };
    jobs.sort_by_key(|&i| std::cmp::Reverse(size(i)));
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, jobs.len().max(1));

    let started = Instant::now();
    typesetter.set_inputs(&inputs);
    let export_one = |doc: &typst_layout::PagedDocument, ident: String, date: NaiveDate| {
        let t = Instant::now();
        let when = pdf::timestamp(date).map_err(Failure::Output)?;
        let pdf = pdf::pdf(doc, &ident, when).map_err(Failure::Output)?;
        Ok::<_, Failure>((doc.pages().len(), pdf, t.elapsed()))
    };
    let next = std::sync::atomic::AtomicUsize::new(0);
    type Laid = Result<typst_layout::PagedDocument, Failure>;
    type Exported = Result<(usize, Vec<u8>, Duration), Failure>;
    let (layouts, part_pdfs, package_pdf, compile) = std::thread::scope(|scope| {
        let (laid_tx, laid_rx) = std::sync::mpsc::channel::<(usize, Laid)>();
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let laid_tx = laid_tx.clone();
                let (jobs, next, names, titles, dates, exported) =
                    (&jobs, &next, &names, &titles, &dates, &exported);
                let export_one = &export_one;
                scope.spawn(move || {
                    // Layouts first, so that the package can start as early as possible;
                    // then this worker's parts' PDFs, beside the package's.
                    let mut mine = Vec::new();
                    loop {
                        let job = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&i) = jobs.get(job) else { break };
                        let laid = typesetter.compile_part(i).map_err(Failure::Typeset);
                        if let (Ok(doc), true) = (laid.as_ref(), exported[i]) {
                            mine.push((i, doc.clone()));
                        }
                        let _ = laid_tx.send((i, laid));
                    }
                    drop(laid_tx);
                    let pdfs: Vec<(usize, Exported)> = mine
                        .into_iter()
                        .map(|(i, doc)| {
                            let part = crate::package::part_document(&doc, &titles[i]);
                            let ident = format!("kamerbrief/{}", names[i]);
                            (i, export_one(&part, ident, dates[i]))
                        })
                        .collect();
                    pdfs
                })
            })
            .collect();
        drop(laid_tx);
        // The layouts, as they come in; then the package, from all of them.
        let mut layouts: Vec<Option<Laid>> = (0..names.len()).map(|_| None).collect();
        // Workers go on to export their parts: count the layouts rather than wait for the end.
        for (i, laid) in laid_rx.iter().take(jobs.len()) {
            layouts[i] = Some(laid);
        }
        let compile = started.elapsed();
        let package_pdf = package.then(|| {
            let docs = layouts
                .iter()
                .map(|l| match l {
                    Some(Ok(doc)) => Ok(doc.clone()),
                    Some(Err(_)) => Err(None),
                    None => Err(Some(Failure::Output("a part was not laid out".into()))),
                })
                .collect::<Result<Vec<_>, _>>();
            match docs {
                Ok(docs) => {
                    let whole = crate::package::package(
                        &docs,
                        &crate::render::documents::kamerstuk_line(letter),
                    )
                    .map_err(|e| Failure::Typeset(vec![TypstProblem::new(e)]))?;
                    export_one(
                        &whole,
                        format!("kamerbrief/{}-pakket", letter.name),
                        letter.date,
                    )
                    .map(Some)
                }
                // The part's own failure is reported below.
                Err(None) => Ok(None),
                Err(Some(f)) => Err(f),
            }
        });
        let mut part_pdfs: Vec<Option<Exported>> = (0..names.len()).map(|_| None).collect();
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
        fingerprints,
        laid_out: jobs.len(),
        threads,
        timings: Timings {
            inputs: inputs_time,
            compile,
            export: total.saturating_sub(compile),
            ..Timings::default()
        },
    })
}
