//! Speed and memory of kamerbrief, printed as Markdown tables (README.md "Benchmark").
//!
//! Run with `cargo bench --bench speed` (or `bash scripts/bench.sh`). Not part of the test run.
//! Every figure is the median of RUNS runs on this machine (PACKAGE_ROUNDS for item 5):
//!
//! 1. whole process, cold: `kamerbrief build` of each example edition as a fresh process, wall
//!    time and peak RSS (from wait4);
//! 2. in process: a `Typesetter` kept alive (as `kamerbrief watch` does), one value changed in one
//!    indicator's YAML, then load → validate → charts → Typst → PDF → write, split by stage;
//! 3. scaling: generated editions of 50, 200 and 1,000 indicators, whole process and in process;
//! 4. the same documents compiled by the bare Typst CLI from the inputs kamerbrief hands to Typst
//!    (`build --emit-typst`), when a `typst` binary is on PATH;
//! 5. the letter with its annexes (`build brief-2019 --package`: each part laid out once, the
//!    package joined from the parts' PDFs) against each of its parts built alone, whole
//!    process, wall and processor time (the letter, which quotes its annexes' figures, as rebuilt with its annexes
//!    unchanged); the package's target is at most 1.3 times its slowest part. No package run in
//!    that ratio may skip an unchanged annex; one more row shows the package built again with
//!    its annexes unchanged, as it is day to day, and one the two dashboards built alone but at
//!    the same time, as two processes: what working at once costs on this machine with no
//!    package code at all. The builds are interleaved round by round, so
//!    that a machine that speeds up or slows down meanwhile weighs on all of them alike; the
//!    spread of the ratio over the rounds is printed too.

#[path = "../tests/common/mod.rs"]
mod common;
#[path = "speed/measure.rs"]
mod measure;
#[path = "speed/package.rs"]
mod package;

use common::copy_dir;
use kamerbrief::pipeline::{self, Timings};
use kamerbrief::render::Typesetter;
use measure::{Measured, run_measured};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const RUNS: usize = 5;
/// In-process rebuilds are cheap: take more of them for a steadier median.
const REBUILDS: usize = 15;
const EXAMPLES: [&str; 2] = ["po-2017", "vo-2016"];
const SIZES: [usize; 3] = [50, 200, 1000];

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not supported, so ignore arguments.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let work = root.join("target/bench");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let mut editions: Vec<(String, PathBuf)> = Vec::new();
    for name in EXAMPLES {
        let dir = work.join(name);
        copy_dir(&root.join("content").join(name), &dir);
        editions.push((name.to_string(), dir));
    }
    for n in SIZES {
        let dir = work.join(format!("gen-{n}"));
        generate(&root.join("content/po-2017"), &dir, n);
        editions.push((n.to_string(), dir));
    }
    // Child processes first, while this process is small: a child's peak RSS as the kernel
    // reports it can include the parent's pages at the moment of spawning.
    let whole: Vec<(Duration, u64)> = editions
        .iter()
        .map(|(label, dir)| whole_process(dir, &work.join(format!("{label}.pdf"))))
        .collect();
    let bare = bare_typst(&root, &work);
    let package = package::package_table(&root, &work);

    println!("# kamerbrief benchmark\n");
    println!(
        "{}; medians of {RUNS} runs ({REBUILDS} for in-process rebuilds).\n",
        machine()
    );
    let header = "| pages | whole process, cold | peak RSS | rebuild after a one-value change | of which: check / inputs / typst / pdf / write |";
    for (i, (label, dir)) in editions.iter().enumerate() {
        if i == 0 {
            println!("## Example editions\n");
            println!("| edition {header}");
            println!("| --- | ---: | ---: | ---: | ---: | --- |");
        } else if i == EXAMPLES.len() {
            println!("\n## Scaling over generated editions\n");
            println!("| indicators {header}");
            println!("| ---: | ---: | ---: | ---: | ---: | --- |");
        }
        row(label, dir, &work.join(format!("{label}.pdf")), whole[i]);
    }
    println!("\n## The bare Typst CLI on the same inputs\n");
    println!("{bare}");
    println!("\n## The letter with its annexes\n");
    println!("{package}");
}

/// `kamerbrief build` as a fresh process, RUNS times: median wall time and peak RSS (KiB).
fn whole_process(dir: &Path, out: &Path) -> (Duration, u64) {
    let runs: Vec<(Duration, u64)> = (0..RUNS)
        .map(|_| {
            let m = run_measured(Command::new(env!("CARGO_BIN_EXE_kamerbrief")).args([
                "build",
                dir.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ]));
            (m.wall, m.rss)
        })
        .collect();
    (
        median(runs.iter().map(|r| r.0).collect()),
        median(runs.iter().map(|r| r.1).collect()),
    )
}

/// One table row: the whole-process figures, then in-process rebuilds after a one-value change.
fn row(label: &str, dir: &Path, out: &Path, (wall, rss): (Duration, u64)) {
    let (pages, stages) = rebuilds(dir, out);
    let total = median(stages.iter().map(Timings::total).collect());
    let split = |f: fn(&Timings) -> Duration| ms(median(stages.iter().map(f).collect()));
    println!(
        "| {label} | {pages} | {} ms | {} MB | {} ms | {} / {} / {} / {} / {} |",
        ms(wall),
        rss / 1024,
        ms(total),
        split(|t| t.check),
        split(|t| t.inputs),
        split(|t| t.compile),
        split(|t| t.export),
        split(|t| t.write),
    );
}

/// Builds once to warm the typesetter, then changes one value of the first indicator with a
/// chart and rebuilds, REBUILDS times. Each rebuild gets a value it has not seen before: a value
/// seen a few builds ago would be answered from Typst's cache and flatter the figure.
fn rebuilds(dir: &Path, out: &Path) -> (usize, Vec<Timings>) {
    let typesetter = Typesetter::new();
    let first = pipeline::build(dir, out, &typesetter, false).expect("the edition builds");
    let (file, original) = first_value(dir);
    let mut previous = std::fs::read(out).unwrap();
    let mut stages = Vec::new();
    for i in 0..REBUILDS {
        let text = std::fs::read_to_string(&file).unwrap();
        let changed = format!("{original}.{:02}", i + 1);
        std::fs::write(
            &file,
            text.replacen(&value_line(&original), &value_line(&changed), 1),
        )
        .unwrap();
        let built = pipeline::build(dir, out, &typesetter, false).expect("rebuild");
        let pdf = std::fs::read(out).unwrap();
        assert_ne!(pdf, previous, "a changed value must change the PDF");
        previous = pdf;
        stages.push(built.timings);
        std::fs::write(&file, text).unwrap();
    }
    (first.pages, stages)
}

fn value_line(v: &str) -> String {
    format!(": {v}\n")
}

/// The first indicator YAML (by name) with an integer data point: the file and that value.
fn first_value(dir: &Path) -> (PathBuf, String) {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("indicators"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let in_points = text.split("points:").nth(1).unwrap_or("");
        let value = in_points.lines().find_map(|l| {
            let v = l.split(": ").nth(1)?.trim();
            v.parse::<u32>().is_ok().then(|| v.to_string())
        });
        if let Some(v) = value {
            return (file, v);
        }
    }
    panic!(
        "no indicator with an integer data point in {}",
        dir.display()
    )
}

/// A dashboard edition of `n` indicators, cycling through the indicators of `model`, ten per
/// goal, numbered 1..=n.
fn generate(model: &Path, dir: &Path, n: usize) {
    let mut ids: Vec<String> = std::fs::read_dir(model.join("indicators"))
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            let stem = p.file_stem()?.to_string_lossy().into_owned();
            (p.extension()? == "yaml").then_some(stem)
        })
        .collect();
    ids.sort();
    std::fs::create_dir_all(dir.join("indicators")).unwrap();
    std::fs::create_dir_all(dir.join("goals")).unwrap();
    std::fs::copy(model.join("toelichting.md"), dir.join("toelichting.md")).unwrap();
    let mut edition = String::from(
        "kind: dashboard\nsector: po\nyear: 2017\ntitle: Gegenereerd dashboard\ndate: 2017-12-08\ngoals:\n",
    );
    for g in 0..n.div_ceil(10) {
        edition += &format!(
            "  - id: doel-{g}\n    title: Hoofddoel {}\n    indicators:\n",
            g + 1
        );
        std::fs::write(
            dir.join(format!("goals/doel-{g}.md")),
            "Een gegenereerd hoofddoel voor de benchmark.\n",
        )
        .unwrap();
        for k in g * 10..n.min(g * 10 + 10) {
            let from = &ids[k % ids.len()];
            let id = format!("i{k:04}-{from}");
            edition += &format!("      - {id}\n");
            let yaml =
                std::fs::read_to_string(model.join(format!("indicators/{from}.yaml"))).unwrap();
            let yaml = renumber(&yaml, k + 1);
            std::fs::write(dir.join(format!("indicators/{id}.yaml")), yaml).unwrap();
            std::fs::copy(
                model.join(format!("indicators/{from}.md")),
                dir.join(format!("indicators/{id}.md")),
            )
            .unwrap();
        }
    }
    std::fs::write(dir.join("edition.yaml"), edition).unwrap();
}

fn renumber(yaml: &str, number: usize) -> String {
    yaml.lines()
        .map(|l| {
            if l.starts_with("number:") {
                format!("number: {number}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Compiles the emitted Typst sources of each example with `typst compile`, if it is on PATH,
/// beside `kamerbrief build` of the same edition. Returns the table (or why there is none).
fn bare_typst(root: &Path, work: &Path) -> String {
    let version = Command::new("typst").arg("--version").output();
    let Some(version) = version.ok().filter(|o| o.status.success()) else {
        return "No `typst` binary on PATH: skipped. Install one (e.g. `cargo install typst-cli`, \
                ~10 minutes) to compare."
            .into();
    };
    let mut out = format!(
        "{}\n\n| edition | typst compile, whole process | peak RSS | kamerbrief build, whole process | peak RSS |\n| --- | ---: | ---: | ---: | ---: |\n",
        String::from_utf8_lossy(&version.stdout).trim()
    );
    for name in EXAMPLES {
        let emit = work.join(format!("typst-{name}"));
        let edition = root.join("content").join(name);
        let pdf = work.join(format!("{name}.pdf"));
        let o = Command::new(env!("CARGO_BIN_EXE_kamerbrief"))
            .arg("build")
            .arg(&edition)
            .arg("-o")
            .arg(&pdf)
            .arg("--emit-typst")
            .arg(&emit)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let runs: Vec<Measured> = (0..RUNS)
            .map(|_| {
                run_measured(
                    Command::new("typst")
                        .arg("compile")
                        .arg("--root")
                        .arg(&emit)
                        .args(["--input", "data=/data", "--ignore-system-fonts"])
                        .arg("--font-path")
                        .arg(root.join("fonts"))
                        .arg(emit.join("dashboard.typ"))
                        .arg(work.join(format!("typst-{name}.pdf"))),
                )
            })
            .collect();
        let (wall, rss) = whole_process(&edition, &pdf);
        out += &format!(
            "| {name} | {} ms | {} MB | {} ms | {} MB |\n",
            ms(median(runs.iter().map(|r| r.wall).collect())),
            median(runs.iter().map(|r| r.rss).collect()) / 1024,
            ms(wall),
            rss / 1024,
        );
    }
    out
}

fn median<T: Ord + Copy>(mut v: Vec<T>) -> T {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    let ms = d.as_secs_f64() * 1000.0;
    if ms < 10.0 {
        format!("{ms:.1}")
    } else {
        format!("{ms:.0}")
    }
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|m| m.trim_start_matches([' ', '\t', ':']).to_string())
            })
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{cores} cores, {cpu}")
}
