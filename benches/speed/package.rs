//! Item 5 of the benchmark: the letter with its annexes against each part built alone.

use crate::common::copy_dir;
use crate::measure::{Measured, run_at_once, run_measured};
use crate::{median, ms};
use std::path::Path;
use std::process::Command;

/// Rounds of the package table: each round runs every build once, so that a machine that speeds
/// up or slows down during the table weighs on all of them alike. The package needs both cores
/// and moves more from round to round than a part alone (by a quarter either way on this
/// machine), so it takes more rounds than the other tables for a median that holds still.
const PACKAGE_ROUNDS: usize = 31;

/// The package (`build <letter> --package`, which writes the letter, its annexes and the
/// package) against each part built alone, as fresh processes in a copy of the content. The
/// builds are interleaved, round by round, and each is reported as its median.
pub fn package_table(root: &Path, work: &Path) -> String {
    const LETTER: &str = "brief-2019";
    const PARTS: [&str; 4] = ["brief-2019", "bijlage-2019", "po-2017", "vo-2016"];
    let content = work.join("package/content");
    for name in PARTS {
        copy_dir(&root.join("content").join(name), &content.join(name));
    }
    let cwd = work.join("package");
    let run = |args: &[String]| {
        run_measured(
            Command::new(env!("CARGO_BIN_EXE_kamerbrief"))
                .args(args)
                .current_dir(&cwd),
        )
    };
    let dir = |name: &str| format!("content/{name}");
    // Each build: its arguments, and whether it starts from an empty out/ (every part built; no
    // annex skipped as unchanged). The letter alone quotes its annexes' figures, so it cannot be
    // built without them; built again after a first build, its unchanged annexes are not laid out
    // or written, and what is measured is the letter's own work.
    let mut builds: Vec<(String, Vec<String>, bool)> = PARTS
        .iter()
        .map(|&name| {
            if name == LETTER {
                let what = format!("{name} alone (its annexes unchanged)");
                (what, vec!["build".into(), dir(name)], false)
            } else {
                let args = vec!["build".into(), dir(name), "-o".into(), "alone.pdf".into()];
                (format!("{name} alone"), args, true)
            }
        })
        .collect();
    let package_args = vec!["build".into(), dir(LETTER), "--package".into()];
    builds.push((
        format!("{LETTER} --package (letter, 3 annexes, package)"),
        package_args.clone(),
        true,
    ));
    // Day to day: the package built again after an edit in the letter alone, its annexes
    // unchanged on disk (not part of the ratio).
    builds.push((
        format!("{LETTER} --package again (its annexes unchanged)"),
        package_args,
        false,
    ));
    // What running at once costs on this machine, with no package code at all: the two
    // dashboards built alone, but at the same time, as two processes.
    let (po, vo) = (PARTS[2], PARTS[3]);
    let at_once = || {
        let alone = |name: &str| {
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_kamerbrief"));
            cmd.args(["build", &dir(name), "-o", &format!("at-once-{name}.pdf")])
                .current_dir(&cwd);
            cmd
        };
        run_at_once(&mut [&mut alone(po), &mut alone(vo)])
    };
    let mut runs: Vec<Vec<Measured>> = vec![Vec::new(); builds.len()];
    let mut pairs = Vec::new();
    for _ in 0..PACKAGE_ROUNDS {
        for (i, (_, args, fresh)) in builds.iter().enumerate() {
            let _ = std::fs::remove_dir_all(cwd.join("out"));
            if !fresh {
                run(args);
            }
            runs[i].push(run(args));
        }
        pairs.push(at_once());
    }
    let mut out = String::from(
        "| build | whole process, cold | processor time | peak RSS |\n| --- | ---: | ---: | ---: |\n",
    );
    let mut medians = Vec::new();
    let mut cpus = Vec::new();
    for ((what, _, _), r) in builds.iter().zip(&runs) {
        let wall = median(r.iter().map(|r| r.wall).collect());
        let cpu = median(r.iter().map(|r| r.cpu).collect());
        let rss = median(r.iter().map(|r| r.rss).collect());
        out.push_str(&format!(
            "| {what} | {} ms | {} ms | {} MB |\n",
            ms(wall),
            ms(cpu),
            rss / 1024
        ));
        medians.push(wall);
        cpus.push(cpu);
    }
    let pair = median(pairs.iter().map(|r| r.wall).collect());
    out.push_str(&format!(
        "| {po} and {vo} alone, at once (two processes; not a kamerbrief build) | {} ms | {} ms | {} MB |\n",
        ms(pair),
        ms(median(pairs.iter().map(|r| r.cpu).collect())),
        median(pairs.iter().map(|r| r.rss).collect()) / 1024
    ));
    let (parts, package) = (&medians[..PARTS.len()], medians[PARTS.len()]);
    let slowest = parts.iter().max().expect("parts");
    // The same ratio round by round: how much it moves on this machine.
    let mut ratios: Vec<f64> = (0..PACKAGE_ROUNDS)
        .map(|k| {
            let part = (0..parts.len()).map(|i| runs[i][k].wall).max().unwrap();
            runs[parts.len()][k].wall.as_secs_f64() / part.as_secs_f64()
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    out.push_str(&format!(
        "\nThe package takes {:.2}× its slowest part (target: at most 1.3×); round by round, from \
         {:.2}× to {:.2}× over {PACKAGE_ROUNDS} interleaved rounds, the middle half from {:.2}× \
         to {:.2}×.\n",
        package.as_secs_f64() / slowest.as_secs_f64(),
        ratios[0],
        ratios[ratios.len() - 1],
        ratios[ratios.len() / 4],
        ratios[ratios.len() * 3 / 4],
    ));
    // Processor time does not depend on how the work was spread over the cores: it shows
    // whether the package does more work than its parts do alone (a part laid out twice would).
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let package_cpu = cpus[PARTS.len()];
    out.push_str(&format!(
        "The package took {} ms of processor time, its four parts built alone {} ms together; on \
         {cores} cores that work takes at least {} ms.\n",
        ms(package_cpu),
        ms(cpus[..PARTS.len()].iter().sum()),
        ms(package_cpu / cores as u32),
    ));
    // The two dashboards alone (in PARTS' order), against the same two at once.
    let slower = medians[2].max(medians[3]);
    out.push_str(&format!(
        "Built alone but at the same time, {po} and {vo} took {:.2}× the slower of the two: what \
         two processes lose to each other on this machine's cores, with no package code at all.\n",
        pair.as_secs_f64() / slower.as_secs_f64(),
    ));
    out
}
