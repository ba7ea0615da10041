//! The browser test: axe-core and a reflow check over every page in headless Chromium.

use super::build_examples;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::common;

/// Where the browser test finds its tools: Debian's Chromium and the npm packages that
/// scripts/test.sh installs in tests/browser/node_modules.
fn browser_tools() -> Option<(PathBuf, PathBuf)> {
    if std::env::var_os("KAMERBRIEF_SKIP_BROWSER").is_some() {
        return None;
    }
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file());
    let modules = root().join("tests/browser/node_modules");
    let ready = modules.join("axe-core").is_dir() && modules.join("puppeteer-core").is_dir();
    match (chromium, ready) {
        (Some(c), true) => Some((c, root().join("tests/browser/check.mjs"))),
        _ => panic!(
            "the browser test needs Debian's chromium, node and tests/browser/node_modules: \
             run `bash scripts/test.sh` once (it installs them), or set KAMERBRIEF_SKIP_BROWSER=1"
        ),
    }
}

#[test]
fn axe_finds_no_violations_and_nothing_overflows_in_chromium() {
    let Some((chromium, script)) = browser_tools() else {
        eprintln!("KAMERBRIEF_SKIP_BROWSER is set: the browser test did not run");
        return;
    };
    let dir = scratch("html-browser");
    let mut pages = build_examples(&dir);
    // Two cases of the bad-input corpus that build: a chart with four series (a wide figures
    // table) and text read as a code block.
    for case in ["more-than-three-series", "code-block"] {
        let pdf = dir.join(format!("{case}.pdf"));
        let edition = format!("tests/bad/{case}");
        let o = kamerbrief(
            &["build", &edition, "-o", pdf.to_str().unwrap(), "--html"],
            &root(),
        );
        assert!(o.status.success(), "{case}: {}", stderr(&o));
        pages.push(dir.join("html").join(case).join("index.html"));
    }
    // A page broken on purpose: the check must find its faults, or it proves nothing.
    let canary = dir.join("html/canary/index.html");
    std::fs::create_dir_all(canary.parent().unwrap()).unwrap();
    std::fs::write(
        &canary,
        "<!DOCTYPE html><html><head><title>x</title></head><body><main>\
         <p style=\"color:#bbb\">Te licht</p><svg role=\"img\" width=\"10\" height=\"10\"></svg>\
         <div style=\"width:2000px\">Te breed</div></main></body></html>",
    )
    .unwrap();
    pages.push(canary.clone());
    let shots = root().join("target/html-screenshots");
    let mut args = vec![
        script.to_str().unwrap().to_string(),
        "--chromium".into(),
        chromium.to_str().unwrap().into(),
        "--screenshots".into(),
        shots.to_str().unwrap().into(),
    ];
    args.extend(pages.iter().map(|p| p.to_str().unwrap().to_string()));
    let o = Command::new("node").args(&args).output().expect("run node");
    assert!(
        o.status.success(),
        "check.mjs failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let report: serde_json::Value =
        serde_json::from_slice(&o.stdout).expect("check.mjs prints JSON");
    let results = report["results"].as_array().unwrap();
    assert_eq!(
        results.len(),
        pages.len() * 2,
        "each page at 1280 and 375 px"
    );
    let mut problems = Vec::new();
    for r in results {
        let (name, width) = (r["name"].as_str().unwrap(), r["width"].as_u64().unwrap());
        let violations: Vec<String> = r["violations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| format!("{} ({})", v["id"].as_str().unwrap(), v["nodes"]))
            .collect();
        let overflow = &r["overflow"];
        let too_wide = overflow["scrollWidth"].as_u64() > overflow["clientWidth"].as_u64()
            || !overflow["elements"].as_array().unwrap().is_empty();
        assert!(Path::new(r["screenshot"].as_str().unwrap()).is_file());
        if name == "canary" {
            assert!(
                violations.iter().any(|v| v.starts_with("color-contrast")),
                "{violations:?}"
            );
            assert!(
                violations.iter().any(|v| v.starts_with("html-has-lang")),
                "{violations:?}"
            );
            assert!(too_wide, "the canary is 2000 px wide");
            continue;
        }
        if !violations.is_empty() {
            problems.push(format!(
                "{name} at {width} px: axe: {}",
                violations.join("; ")
            ));
        }
        if too_wide {
            problems.push(format!("{name} at {width} px overflows: {overflow}"));
        }
        let split = r["split_headings"].as_array().unwrap();
        if !split.is_empty() {
            problems.push(format!(
                "{name} at {width} px cuts words in column headings: {split:?}"
            ));
        }
        if !r["external_requests"].as_array().unwrap().is_empty() {
            problems.push(format!("{name} loads {}", r["external_requests"]));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    eprintln!(
        "axe-core {} over {} pages at 1280 and 375 px: no violations; screenshots in {}",
        report["axe"],
        pages.len() - 1,
        shots.display()
    );
}
