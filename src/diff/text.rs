//! A diff as readable text, for the terminal (`kamerbrief diff` without options).

use super::*;
use crate::figures::{Style, value_as_written};
use std::fmt::Write;

/// The whole diff as text: a heading line, then one block per edition, goal and indicator.
pub fn render(d: &Diff) -> String {
    let mut out = String::new();
    let count = match d.changes {
        0 => "no changes".to_string(),
        1 => "1 change".to_string(),
        n => format!("{n} changes"),
    };
    let _ = writeln!(out, "{} → {}: {count}", d.old, d.new);
    if !d.edition.is_empty() || !d.intro.is_empty() {
        let _ = writeln!(out, "\nEdition");
        fields(&mut out, "", &d.edition);
        paragraphs(&mut out, &d.intro, "Toelichting op het dashboard");
    }
    for g in &d.goals {
        let _ = writeln!(
            out,
            "\nGoal {} {}: {}{}",
            g.number,
            g.id,
            g.title,
            status(g.change)
        );
        fields(&mut out, "", &g.fields);
        paragraphs(&mut out, &g.intro, "intro");
    }
    for i in &d.indicators {
        let _ = writeln!(
            out,
            "\nIndicator {} {}: {}{}",
            i.number,
            i.id,
            i.title,
            status(i.change)
        );
        fields(&mut out, "", &i.fields);
        for c in &i.charts {
            let title = c
                .title
                .as_deref()
                .map(|t| format!(" \"{t}\""))
                .unwrap_or_default();
            match c.change {
                Change::Changed => fields(&mut out, &format!("chart {}: ", c.chart), &c.fields),
                change => {
                    let _ = writeln!(out, "  chart {}{title} {}", c.chart, word(change));
                }
            }
        }
        for s in &i.series {
            let kind = crate::figures::kind_name(s.kind);
            let _ = writeln!(
                out,
                "  chart {}: {kind} series \"{}\" {}",
                s.chart,
                s.label,
                word(s.change)
            );
        }
        for p in &i.points {
            let _ = writeln!(out, "  {}", point(p));
        }
        for section in [Section::Doelstelling, Section::Beweging, Section::Acties] {
            let these: Vec<_> = i
                .text
                .iter()
                .filter(|t| t.section == section)
                .cloned()
                .collect();
            paragraphs(&mut out, &these, section.heading());
        }
    }
    out
}

fn status(change: Change) -> &'static str {
    match change {
        Change::Changed => "",
        Change::Added => " (added)",
        Change::Removed => " (removed)",
    }
}

fn word(change: Change) -> &'static str {
    match change {
        Change::Changed => "changed",
        Change::Added => "added",
        Change::Removed => "removed",
    }
}

fn value(v: &Option<FieldValue>) -> String {
    match v {
        None => "(none)".to_string(),
        Some(FieldValue::Number(n)) => n.to_string(),
        Some(FieldValue::Text(t)) => format!("\"{t}\""),
        Some(FieldValue::List(l)) if l.is_empty() => "(none)".to_string(),
        Some(FieldValue::List(l)) => format!("\"{}\"", l.join("; ")),
    }
}

fn field_name(f: Field) -> &'static str {
    match f {
        Field::Title => "title",
        Field::Date => "date",
        Field::Number => "number",
        Field::ShortTitle => "short title",
        Field::Sources => "sources",
        Field::Note => "note",
        Field::Goal => "goal",
        Field::Unit => "unit",
        Field::Source => "source",
        Field::Status => "status",
        Field::StatusOverride => "status set by hand",
        Field::Tolerance => "status tolerance",
        Field::Layout => "layout",
        Field::YMin => "y_min",
        Field::YMax => "y_max",
    }
}

fn fields(out: &mut String, prefix: &str, fields: &[FieldChange]) {
    for f in fields {
        let _ = writeln!(
            out,
            "  {prefix}{}: {} → {}",
            field_name(f.field),
            value(&f.old),
            value(&f.new)
        );
    }
}

fn amount(v: f64, unit: Unit) -> String {
    let n = value_as_written(v, Style::Plain);
    match unit {
        Unit::Percent => format!("{n} percent"),
        Unit::Count => n,
    }
}

/// `chart 1, "realisatie" 2015/2016: 36 → 38 percent`
pub(super) fn point(p: &PointChange) -> String {
    let role = match p.role {
        Role::Realisation => "",
        Role::Baseline => " baseline",
        Role::Interim => " interim target",
        Role::Streefwaarde => " streefwaarde",
    };
    let head = format!("chart {}, \"{}\"{role}", p.chart, p.series);
    match (&p.old, &p.new) {
        (Some(o), Some(n)) if o.period == n.period => {
            let to = amount(n.value, p.unit);
            let from = value_as_written(o.value, Style::Plain);
            format!("{head} {}: {from} → {to}", n.period)
        }
        (Some(o), Some(n)) => format!(
            "{head}: {} in {} → {} in {}",
            amount(o.value, p.unit),
            o.period,
            amount(n.value, p.unit),
            n.period
        ),
        (None, Some(n)) => format!("{head} {}: added, {}", n.period, amount(n.value, p.unit)),
        (Some(o), None) => format!(
            "{head} {}: removed (was {})",
            o.period,
            amount(o.value, p.unit)
        ),
        (None, None) => head,
    }
}

fn paragraphs(out: &mut String, changes: &[ParagraphChange], section: &str) {
    for t in changes {
        let _ = writeln!(
            out,
            "  {section}, paragraph {} {}:",
            t.paragraph,
            word(t.change)
        );
        let (old, new) = match (&t.old, &t.new) {
            (Some(o), Some(n)) => {
                let (o, n) = excerpt(o, n);
                (Some(o), Some(n))
            }
            (o, n) => (o.clone(), n.clone()),
        };
        if let Some(o) = old {
            let _ = writeln!(out, "    - {o}");
        }
        if let Some(n) = new {
            let _ = writeln!(out, "    + {n}");
        }
    }
}

/// Words of unchanged text kept on either side of a change.
const CONTEXT: usize = 8;

/// Two versions of a paragraph with the words they share at start and end cut to a few words
/// of context ("… de vier thema’s. Extra alinea."): long paragraphs stay readable.
pub(super) fn excerpt(old: &str, new: &str) -> (String, String) {
    let (o, n): (Vec<&str>, Vec<&str>) = (old.split(' ').collect(), new.split(' ').collect());
    let pre = o.iter().zip(&n).take_while(|(a, b)| a == b).count();
    let room = o.len().min(n.len()) - pre;
    let suf = o
        .iter()
        .rev()
        .zip(n.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    let start = pre.saturating_sub(CONTEXT);
    let cut = suf.saturating_sub(CONTEXT);
    let show = |w: &[&str]| {
        let mut s = w[start..w.len() - cut].join(" ");
        if start > 0 {
            s = format!("… {s}");
        }
        if cut > 0 {
            s.push_str(" …");
        }
        s
    };
    (show(&o), show(&n))
}
