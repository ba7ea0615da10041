//! Status, overview table and bound numbers follow the data: one YAML value changes, and the
//! PDF text, the status and the overview table change with it.

mod common;

use common::*;

fn copy_mini(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    let o = std::process::Command::new("cp")
        .args([
            "-r",
            root().join("tests/fixtures/mini").to_str().unwrap(),
            dir.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    dir
}

fn status_json(dir: &std::path::Path) -> serde_json::Value {
    let o = kamerbrief(&["status", "mini", "--json"], dir);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn a_corrected_value_changes_text_status_and_overview() {
    let dir = copy_mini("status-follow");
    let o = kamerbrief(&["build", "mini"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = pdf_text(&dir.join("out/mini.pdf"));
    // Path 21 → 100 procent from 2013/2014 to 2017/2018 asks 80,25 in 2016/2017; 44 is behind.
    assert!(contains_loose(&text, "Overzicht van de indicatoren"));
    assert!(
        contains_loose(
            &text,
            "1 Aandeel scholen met een leesplan 44% in 2016/2017 100% in 2017/2018 achter op koers"
        ),
        "{text}"
    );
    assert!(contains_loose(&text, "Status: achter op koers"));
    assert!(contains_loose(
        &text,
        "naar 44 procent in 2016/2017, 23 procentpunt erbij"
    ));
    let before = status_json(&dir);
    assert_eq!(before[0]["status"], "achter op koers");
    assert_eq!(before[0]["latest"]["value"], 44.0);

    let yaml = dir.join("mini/indicators/leesplan.yaml");
    let data = std::fs::read_to_string(&yaml)
        .unwrap()
        .replace("2016/2017: 44", "2016/2017: 78");
    std::fs::write(&yaml, data).unwrap();
    let o = kamerbrief(&["build", "mini"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = pdf_text(&dir.join("out/mini.pdf"));
    assert!(
        contains_loose(
            &text,
            "1 Aandeel scholen met een leesplan 78% in 2016/2017 100% in 2017/2018 op koers"
        ),
        "{text}"
    );
    assert!(contains_loose(&text, "Status: op koers"));
    assert!(
        contains_loose(&text, "naar 78 procent in 2016/2017, 57 procentpunt erbij"),
        "bound numbers follow the data"
    );
    // A literal figure does not follow (the lint suggests binding it, see below).
    assert!(contains_loose(&text, "steeg van 21 naar 44 procent"));
    let after = status_json(&dir);
    assert_eq!(after[0]["status"], "op koers");
    assert_eq!(after[0]["expected"], 80.25);
}

#[test]
fn the_lint_flags_stale_figures_and_suggests_binding() {
    let dir = copy_mini("status-lint");
    let md = dir.join("mini/indicators/leesplan.md");
    let text = std::fs::read_to_string(&md).unwrap();
    // A lone figure close to the value of the period its sentence names: stale.
    let stale = text.replace(
        "## Welke acties worden ondernomen?",
        "In 2015/2016 verbeterde 36 procent zich.\n\n## Welke acties worden ondernomen?",
    );
    std::fs::write(&md, &stale).unwrap();
    let o = kamerbrief(&["check", "mini"], &dir);
    let err = stderr(&o);
    assert!(o.status.success(), "a warning does not fail check: {err}");
    assert!(err.contains("mini/indicators/leesplan.md:11:25: warning: tekst zegt 36 procent, data zegt 38 procent voor 2015/2016"), "{err}");
    // The figure that equals the data is a suggestion, not a warning.
    assert!(err.contains("mini/indicators/leesplan.md:7:31: note: 44 procent is the value for 2016/2017 in the data"), "{err}");
    assert!(err.contains("write `{waarde 2016/2017}`"), "{err}");
    let o = kamerbrief(&["check", "--deny-warnings", "mini"], &dir);
    assert_eq!(o.status.code(), Some(1));
    // Far from the data, or in a sentence comparing several figures: no warning.
    let fine = text.replace("## Welke acties worden ondernomen?", "In 2015/2016 had 12 procent een plan en 35 procent niet.\n\n## Welke acties worden ondernomen?");
    std::fs::write(&md, fine).unwrap();
    let o = kamerbrief(&["check", "--deny-warnings", "mini"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn unknown_references_are_located_errors() {
    let dir = copy_mini("status-refs");
    let md = dir.join("mini/indicators/leesplan.md");
    let text = std::fs::read_to_string(&md)
        .unwrap()
        .replace("{periode}", "{periode} {waarde 2030} {wat}");
    std::fs::write(&md, text).unwrap();
    let o = kamerbrief(&["check", "mini"], &dir);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(
            "leesplan.md:9:88: error: `{waarde 2030}`: series `realisatie` has no value for 2030"
        ),
        "{err}"
    );
    assert!(
        err.contains("leesplan.md:9:102: error: `{wat}`: unknown reference `wat`"),
        "{err}"
    );
}

#[test]
fn a_status_set_by_hand_needs_a_reason() {
    let dir = copy_mini("status-override");
    let yaml = dir.join("mini/indicators/leesplan.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(&yaml, format!("{text}status:\n  override: op koers\n")).unwrap();
    let o = kamerbrief(&["check", "mini"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "leesplan.yaml:20:3: error: status `op koers` is set by hand without a reason"
        ),
        "{}",
        stderr(&o)
    );
    std::fs::write(
        &yaml,
        format!(
            "{text}status:\n  override: op koers\n  reason: Nieuwe meting in 2018 volgt de lijn.\n"
        ),
    )
    .unwrap();
    let v = status_json(&dir);
    assert_eq!(v[0]["status"], "op koers");
    assert_eq!(v[0]["reason"], "Nieuwe meting in 2018 volgt de lijn.");
}

#[test]
fn nothing_to_judge_gives_no_status_line_and_the_edition_can_leave_status_out() {
    let dir = copy_mini("status-off");
    let o = kamerbrief(&["build", "mini"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = pdf_text(&dir.join("out/mini.pdf"));
    // Indicator 3 has no chart and no streefwaarde: two status lines for three indicators.
    assert_eq!(text.matches("Status:").count(), 2, "{text}");
    assert!(!text.contains("Geen grafiek met metingen"), "{text}");
    assert!(contains_loose(&text, "Overzicht van de indicatoren"));

    let yaml = dir.join("mini/edition.yaml");
    let edition = std::fs::read_to_string(&yaml).unwrap();
    std::fs::write(
        &yaml,
        edition.replace("goals:", "status: false\noverview: false\ngoals:"),
    )
    .unwrap();
    let o = kamerbrief(&["build", "mini"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = pdf_text(&dir.join("out/mini.pdf"));
    assert!(!text.contains("Status:"), "{text}");
    assert!(
        !contains_loose(&text, "Overzicht van de indicatoren"),
        "{text}"
    );
    assert!(contains_loose(&text, "Aandeel scholen met een leesplan"));
    // The status command still computes it for the team.
    assert_eq!(status_json(&dir)[0]["status"], "achter op koers");

    std::fs::write(&yaml, edition.replace("goals:", "overview: nee\ngoals:")).unwrap();
    let o = kamerbrief(&["check", "mini"], &dir);
    assert_eq!(o.status.code(), Some(1), "a flag is true or false");
    assert!(
        stderr(&o).contains("mini/edition.yaml:6:"),
        "{}",
        stderr(&o)
    );
}
