//! The yearly cycle: po-2018 from po-2017 with `kamerbrief new`, one indicator inserted and one
//! removed with one edit each in edition.yaml, 2018 figures added; the PDF numbers the
//! indicators 1..n and cross-references print the new numbers; `check` lists exactly what was
//! carried over, and nothing once it is worked off. The letter follows with `new` on the letter.

mod common;

use common::*;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// (file, line, severity, message) of each diagnostic printed.
fn messages(stderr: &str) -> Vec<(String, u32, String, String)> {
    stderr
        .lines()
        .filter_map(|l| {
            let (at, rest) = ["error", "warning", "note"].iter().find_map(|s| {
                let marker = format!(": {s}: ");
                l.find(&marker)
                    .map(|i| (&l[..i], (s.to_string(), l[i + marker.len()..].to_string())))
            })?;
            let mut parts = at.rsplitn(3, ':');
            let (_col, line, file) = (parts.next()?, parts.next()?, parts.next()?);
            Some((file.to_string(), line.parse().ok()?, rest.0, rest.1))
        })
        .collect()
}

const NEW_YAML: &str = "title: Aandeel scholen met een nieuw leerplan
sources:
  - DUO, 2018
charts:
  - unit: percent
    series:
      - label: leerplan
        kind: realisation
        points:
          2018: 40
";

const NEW_MD: &str = "## Doelstelling

In 2020 heeft elke school een leerplan.

## Welke beweging is zichtbaar?

Dit jaar is voor het eerst gemeten. Zie ook {indicator talentbegeleiding}.

## Welke acties worden ondernomen?

Een handreiking voor scholen.
";

#[test]
fn po_2018_from_po_2017_with_new_and_a_worked_off_to_do_list() {
    let dir = scratch("cycle");
    copy_examples(&dir);
    let ed = dir.join("content/po-2018");
    let args = [
        "new",
        "content/po-2018",
        "--from",
        "content/po-2017",
        "--date",
        "2018-12-07",
    ];
    let o = kamerbrief(&args, &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let yaml = fs::read_to_string(ed.join("edition.yaml")).unwrap();
    for line in [
        "year: 2018\n",
        "title: Dashboard bestuursakkoord po 2018\n",
        "date: 2018-12-07\n",
        "previous: po-2017\n",
    ] {
        assert!(yaml.contains(line), "{line}in\n{yaml}");
    }
    // The to-do list is printed at once.
    assert!(
        stderr(&o).contains("niet bijgewerkt sinds po-2017"),
        "{}",
        stderr(&o)
    );
    // Never overwrites.
    let o = kamerbrief(&args, &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("already exists"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(ed.join("edition.yaml")).unwrap(), yaml);

    // The one warning po-2017 carries (a source spelled two ways) is not part of the cycle.
    edit(
        &ed.join("indicators/kwaliteitszorg.yaml"),
        "Regioplan, Enquête bestuursakkoord",
        "Regioplan, Enquêtes bestuursakkoord",
    );

    // Insert one indicator and remove another: one edit each in edition.yaml (and their files).
    let list = ed.join("edition.yaml");
    edit(
        &list,
        "      - ict-plan\n",
        "      - ict-plan\n      - nieuw\n",
    );
    fs::write(ed.join("indicators/nieuw.yaml"), NEW_YAML).unwrap();
    fs::write(ed.join("indicators/nieuw.md"), NEW_MD).unwrap();
    edit(&list, "      - cultuureducatie\n", "");
    fs::remove_file(ed.join("indicators/cultuureducatie.yaml")).unwrap();
    fs::remove_file(ed.join("indicators/cultuureducatie.md")).unwrap();
    // 2018 figures for two indicators; one was flagged "geen nieuwe data".
    edit(
        &ed.join("indicators/ict-plan.yaml"),
        "          2016: 90\n          2017: 90\n",
        "          2016: 90\n          2017: 90\n          2018: 93\n",
    );
    edit(
        &ed.join("indicators/didactische-vaardigheden.yaml"),
        "          2014/2015: 84\n",
        "          2014/2015: 84\n          2017/2018: 86\n",
    );

    // The PDF numbers the indicators 1..n in the order of edition.yaml.
    let pdf = dir.join("po-2018.pdf");
    let o = kamerbrief(
        &["build", "content/po-2018", "-o", pdf.to_str().unwrap()],
        &dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = pdf_text(&pdf);
    let order: Vec<String> = yaml_ids(&list);
    assert_eq!(order.len(), 22);
    assert_eq!(order[1], "nieuw");
    assert!(!order.contains(&"cultuureducatie".to_string()));
    // The blocks come after the overview table: start at the first block's heading.
    let mut at = 0;
    for (n, id) in (1..).zip(&order) {
        let yaml = fs::read_to_string(ed.join(format!("indicators/{id}.yaml"))).unwrap();
        let title = yaml
            .lines()
            .find_map(|l| l.strip_prefix("title: "))
            .unwrap();
        let heading = format!("{n}) {title}");
        at = find_loose(&text, &heading, at)
            .unwrap_or_else(|| panic!("`{heading}` after byte {at} in the PDF"));
    }
    // The cross-reference prints the new number: talentbegeleiding moved from 4 to 5.
    assert_eq!(order[4], "talentbegeleiding");
    assert!(contains_loose(&text, "Zie ook indicator 5."), "{text}");

    // The to-do list: exactly the carried-over sections, sources and flags.
    let o = kamerbrief(&["check", "content/po-2018"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let printed = messages(&stderr(&o));
    let warnings: BTreeSet<(String, u32, String)> = printed
        .iter()
        .filter(|m| m.2 != "note")
        .map(|(f, l, _, m)| (f.clone(), *l, m.clone()))
        .collect();
    let mut expected: BTreeSet<(String, u32, String)> = BTreeSet::new();
    let stale = |what: String| {
        format!("{what} niet bijgewerkt sinds po-2017: the text is the same as there")
    };
    expected.insert((
        "content/po-2018/toelichting.md".into(),
        1,
        stale("the toelichting".into()),
    ));
    for goal in [
        "talentontwikkeling",
        "onderwijsverbetering",
        "professionele-scholen",
        "bewegen",
    ] {
        expected.insert((
            format!("content/po-2018/goals/{goal}.md"),
            1,
            stale(format!("the intro of goal `{goal}`")),
        ));
    }
    for id in order.iter().filter(|id| *id != "nieuw") {
        let file = format!("content/po-2018/indicators/{id}.md");
        let md = fs::read_to_string(dir.join(&file)).unwrap();
        for heading in [
            "Welke beweging is zichtbaar?",
            "Welke acties worden ondernomen?",
        ] {
            let line = md
                .lines()
                .position(|l| l == format!("## {heading}"))
                .unwrap_or_else(|| panic!("{file} has `## {heading}`"));
            expected.insert((
                file.clone(),
                line as u32 + 1,
                stale(format!("section `{heading}` of indicator `{id}`")),
            ));
        }
    }
    let ict = "content/po-2018/indicators/ict-plan.yaml".to_string();
    let dv = "content/po-2018/indicators/didactische-vaardigheden.yaml".to_string();
    expected.insert((
        ict.clone(),
        3,
        "source names 2017, but the newest figure is of 2018".into(),
    ));
    expected.insert((
        dv.clone(),
        3,
        "source names 2015, but the newest figure is of 2018".into(),
    ));
    expected.insert((
        dv.clone(),
        4,
        "`geen nieuwe data`, but the figure for 2018 is newer than any in po-2017".into(),
    ));
    let missing: Vec<_> = expected.difference(&warnings).collect();
    let extra: Vec<_> = warnings.difference(&expected).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:#?}\nextra: {extra:#?}"
    );
    // Added and removed indicators are notes, for the letter.
    let notes: Vec<&String> = printed
        .iter()
        .filter(|m| m.2 == "note")
        .map(|m| &m.3)
        .collect();
    assert!(
        notes.contains(&&"indicator 2 (`nieuw`) is new since po-2017".to_string()),
        "{notes:#?}"
    );
    assert!(
        notes.contains(
            &&"indicator `cultuureducatie` (number 6 in po-2017) is no longer in this edition"
                .to_string()
        ),
        "{notes:#?}"
    );
    let o = kamerbrief(&["check", "--deny-warnings", "content/po-2018"], &dir);
    assert_eq!(o.status.code(), Some(1));

    // Work the list off: every item disappears once fixed.
    // From the end of each file, so an insertion does not move the lines still to fix.
    for (file, line, message) in warnings.iter().rev() {
        let path = dir.join(file);
        if message.starts_with("section") {
            let text = fs::read_to_string(&path).unwrap();
            let mut lines: Vec<String> = text.lines().map(String::from).collect();
            lines.insert(*line as usize, "\nIn 2018 is dit bijgewerkt.".into());
            fs::write(&path, lines.join("\n") + "\n").unwrap();
        } else if message.starts_with("the ") {
            let text = fs::read_to_string(&path).unwrap();
            fs::write(&path, format!("In 2018 is dit bijgewerkt.\n\n{text}")).unwrap();
        }
    }
    edit(&dir.join(&ict), ", 2017\n", ", 2018\n");
    edit(
        &dir.join(&dv),
        "Staat van het Onderwijs 2014-2015",
        "lesobservaties 2017/2018",
    );
    edit(&dir.join(&dv), "note: geen nieuwe data\n", "");
    let o = kamerbrief(&["check", "--deny-warnings", "content/po-2018"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning:"), "{}", stderr(&o));

    // The letter follows: the next vergaderjaar, its annex rolled forward to po-2018, and the
    // number and date left to set.
    let o = kamerbrief(
        &["new", "content/brief-2020", "--from", "content/brief-2019"],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let letter = dir.join("content/brief-2020/edition.yaml");
    let yaml = fs::read_to_string(&letter).unwrap();
    assert!(yaml.contains("parliamentary_year: 2019–2020\n"), "{yaml}");
    assert!(
        yaml.contains("  - po-2018\n") && yaml.contains("  - vo-2016"),
        "{yaml}"
    );
    let o = kamerbrief(&["check", "content/brief-2020"], &dir);
    assert_eq!(o.status.code(), Some(1));
    let todo: Vec<_> = messages(&stderr(&o))
        .into_iter()
        .map(|(f, l, s, m)| format!("{f}:{l}: {s}: {m}"))
        .collect();
    assert_eq!(
        todo,
        [
            "content/brief-2020/edition.yaml:8: error: the Kamerstuk number is still to set",
            "content/brief-2020/edition.yaml:12: error: the date is still to set",
        ]
    );
    edit(&letter, "number: TODO", "number: 490");
    edit(&letter, "date: TODO", "date: 2019-07-08");
    let body = dir.join("content/brief-2020/brief.md");
    let text = fs::read_to_string(&body).unwrap();
    fs::write(
        &body,
        format!("{text}\nZie {{indicator po-2018/talentbegeleiding}} van het dashboard.\n"),
    )
    .unwrap();
    let pdf = dir.join("brief-2020.pdf");
    let o = kamerbrief(
        &["build", "content/brief-2020", "-o", pdf.to_str().unwrap()],
        &dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = pdf_text(&pdf);
    assert!(
        contains_loose(&text, "Zie indicator 5 van het dashboard."),
        "{text}"
    );
    assert!(contains_loose(&text, "2019–2020"), "{text}");

    // Without --date the date is left for `check` to report where it is written.
    let o = kamerbrief(
        &["new", "content/po-2019", "--from", "content/po-2018"],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = kamerbrief(&["check", "content/po-2019"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/po-2019/edition.yaml:5:7: error: the date is still to set"),
        "{}",
        stderr(&o)
    );
}

/// The indicator ids of an edition.yaml, in order (the example's block-list layout).
fn yaml_ids(file: &Path) -> Vec<String> {
    let text = fs::read_to_string(file).unwrap();
    let start = text.find("goals:").unwrap();
    text[start..]
        .lines()
        .filter_map(|l| l.strip_prefix("      - "))
        .map(String::from)
        .collect()
}

#[test]
fn check_without_a_path_checks_every_edition_under_content() {
    let dir = scratch("check-all");
    copy_examples(&dir);
    let o = kamerbrief(&["check"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    for name in EXAMPLES {
        assert!(
            err.contains(&format!("content/{name}: ok (")),
            "{name}: {err}"
        );
    }
    // po-2017 and vo-2016 have their known warnings: fatal with --deny-warnings, and the others
    // are still checked.
    let o = kamerbrief(&["check", "--deny-warnings"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/bijlage-2019: ok ("),
        "{}",
        stderr(&o)
    );
    // One broken edition fails the run and names itself; the others are checked.
    edit(
        &dir.join("content/po-2017/edition.yaml"),
        "date: 2017-12-08",
        "date: TODO",
    );
    let o = kamerbrief(&["check"], &dir);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("content/po-2017/edition.yaml:5:7: error: the date is still to set"),
        "{err}"
    );
    // A letter is only as good as its annexes; the narrative annex still checks on its own.
    assert!(err.contains("content/bijlage-2019: ok ("), "{err}");
    assert!(!err.contains("content/brief-2019: ok ("), "{err}");
    // Outside a repository there is nothing to check.
    let o = kamerbrief(&["check"], &dir.join("content"));
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot read content/"),
        "{}",
        stderr(&o)
    );
}
