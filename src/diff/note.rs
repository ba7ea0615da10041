//! A diff as a correction note in Dutch, in Markdown, to paste into a letter's brief.md:
//! one sentence per change, one paragraph for the edition and its goals, one per indicator.
//!
//! "In indicator 8 is de realisatie voor 2015/2016 gecorrigeerd van 36 naar 38 procent."
//!
//! Numbers are written the Dutch way ("5,9 procent", "6.009"); school years as written
//! ("2015/2016"), dates in words ("1 september 2017"). Chart 1 is implied; a change in another
//! chart names it ("In indicator 2 (grafiek 2) …").

use super::*;
use crate::edition::period::Period;
use crate::locale;

/// The note; empty when nothing changed.
pub fn render(d: &Diff) -> String {
    let mut paragraphs: Vec<Vec<String>> = Vec::new();
    let mut general = Vec::new();
    for f in &d.edition {
        general.push(match f.field {
            Field::Date => format!(
                "De datum van het dashboard is gewijzigd van {} in {}.",
                date(&f.old),
                date(&f.new)
            ),
            _ => format!(
                "De titel van het dashboard is gewijzigd in {} (was: {}).",
                quoted(&f.new),
                quoted(&f.old)
            ),
        });
    }
    if !d.intro.is_empty() {
        general.push("De toelichting op het dashboard is aangepast.".to_string());
    }
    for g in &d.goals {
        let title = quote(&g.title);
        match g.change {
            Change::Added => {
                general.push(format!("Hoofddoel {} ({title}) is toegevoegd.", g.number))
            }
            Change::Removed => general.push(format!("Hoofddoel {title} is vervallen.")),
            Change::Changed => {
                for f in &g.fields {
                    general.push(format!(
                        "De titel van hoofddoel {} is gewijzigd in {} (was: {}).",
                        g.number,
                        quoted(&f.new),
                        quoted(&f.old)
                    ));
                }
                if !g.intro.is_empty() {
                    general.push(format!(
                        "De inleiding bij hoofddoel {} is aangepast.",
                        g.number
                    ));
                }
            }
        }
    }
    paragraphs.push(general);
    for i in &d.indicators {
        paragraphs.push(indicator(i));
    }
    paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.join("\n") + "\n")
        .collect::<Vec<_>>()
        .join("\n")
}

fn indicator(i: &IndicatorDiff) -> Vec<String> {
    let title = quote(&i.title);
    match i.change {
        Change::Added => return vec![format!("Indicator {} ({title}) is toegevoegd.", i.number)],
        Change::Removed => return vec![format!("Indicator {} ({title}) is vervallen.", i.number)],
        Change::Changed => {}
    }
    let n = i.number;
    let mut out = Vec::new();
    // The layout is not news to parliament; the status comes last, after its causes.
    let shown = i
        .fields
        .iter()
        .filter(|f| !matches!(f.field, Field::Layout | Field::Status));
    for f in shown {
        out.push(match f.field {
            Field::Number => format!("Indicator {} ({title}) heeft nu nummer {n}.", plain(&f.old)),
            Field::Goal => format!(
                "Indicator {n} valt nu onder hoofddoel {} (was: {}).",
                quoted(&f.new),
                quoted(&f.old)
            ),
            Field::Sources => format!("In indicator {n} {}", changed("de bronvermelding", f)),
            Field::Note => format!("In indicator {n} {}", changed("de opmerking", f)),
            Field::ShortTitle => format!("In indicator {n} {}", changed("de korte titel", f)),
            Field::StatusOverride => format!(
                "In indicator {n} {}",
                changed("de met de hand vastgestelde status", f)
            ),
            Field::Tolerance => {
                format!("In indicator {n} {}", changed("de marge voor de status", f))
            }
            _ => format!("In indicator {n} {}", changed("de titel", f)),
        });
    }
    for c in &i.charts {
        let name = format!("grafiek {}", c.chart);
        let title = c
            .title
            .as_deref()
            .map(|t| format!(" ({})", quote(t)))
            .unwrap_or_default();
        match c.change {
            Change::Added => out.push(format!("In indicator {n} is {name}{title} toegevoegd.")),
            Change::Removed => out.push(format!("In indicator {n} is {name}{title} vervallen.")),
            Change::Changed => {
                // Axis bounds are presentation, not news to parliament.
                let shown = c
                    .fields
                    .iter()
                    .filter(|f| !matches!(f.field, Field::YMin | Field::YMax));
                for f in shown {
                    let what = match f.field {
                        Field::Title => format!("de titel van {name}"),
                        Field::Unit => format!("de eenheid van {name}"),
                        Field::Source => format!("de bron bij {name}"),
                        _ => format!("de opmerking bij {name}"),
                    };
                    out.push(format!("In indicator {n} {}", changed(&what, f)));
                }
            }
        }
    }
    for s in &i.series {
        let label = quote(&s.label);
        out.push(match s.change {
            Change::Removed => {
                format!(
                    "In indicator {n} is de reeks {label} uit grafiek {} verwijderd.",
                    s.chart
                )
            }
            _ => format!(
                "In indicator {n} is de reeks {label} aan grafiek {} toegevoegd.",
                s.chart
            ),
        });
    }
    for p in &i.points {
        let at = if p.chart > 1 {
            format!(" (grafiek {})", p.chart)
        } else {
            String::new()
        };
        out.push(format!("In indicator {n}{at} {}", point(p)));
    }
    for section in [Section::Doelstelling, Section::Beweging, Section::Acties] {
        if i.text.iter().any(|t| t.section == section) {
            out.push(format!(
                "In indicator {n} is de tekst onder '{}' aangepast.",
                section.heading()
            ));
        }
    }
    if let Some(f) = i.fields.iter().find(|f| f.field == Field::Status) {
        out.push(format!(
            "De status van indicator {n} is daarmee {} (was: {}).",
            quoted(&f.new),
            quoted(&f.old)
        ));
    }
    out
}

/// "is de realisatie voor 2015/2016 gecorrigeerd van 36 naar 38 procent."
pub(super) fn point(p: &PointChange) -> String {
    let (the, a) = match p.role {
        Role::Realisation if p.series.eq_ignore_ascii_case("realisatie") => {
            ("de realisatie".to_string(), "een realisatie".to_string())
        }
        Role::Realisation => {
            let v = format!("waarde van {}", quote(&p.series));
            (format!("de {v}"), format!("een {v}"))
        }
        Role::Baseline => ("de basiswaarde".into(), "een basiswaarde".into()),
        Role::Interim => ("het tussendoel".into(), "een tussendoel".into()),
        Role::Streefwaarde => ("de streefwaarde".into(), "een streefwaarde".into()),
    };
    let verb = if p.role == Role::Realisation {
        "gecorrigeerd"
    } else {
        "gewijzigd"
    };
    match (&p.old, &p.new) {
        (Some(o), Some(n)) if o.period == n.period => format!(
            "is {the} {} {verb} van {} naar {}.",
            for_period(&n.period),
            number(o.value),
            amount(n.value, p.unit)
        ),
        (Some(o), Some(n)) => format!(
            "is {the} {verb} van {} {} naar {} {}.",
            amount(o.value, p.unit),
            in_period(&o.period),
            amount(n.value, p.unit),
            in_period(&n.period)
        ),
        (None, Some(n)) => {
            let who = if p.role == Role::Realisation {
                &the
            } else {
                &a
            };
            format!(
                "is {who} {} toegevoegd: {}.",
                for_period(&n.period),
                amount(n.value, p.unit)
            )
        }
        (Some(o), None) => format!(
            "is {the} {} ({}) {}.",
            for_period(&o.period),
            amount(o.value, p.unit),
            if p.role == Role::Realisation {
                "verwijderd"
            } else {
                "vervallen"
            }
        ),
        (None, None) => format!("is {the} gewijzigd."),
    }
}

/// "is de bronvermelding gewijzigd in 'B' (was: 'A')." and the forms for added and removed.
fn changed(what: &str, f: &FieldChange) -> String {
    let present = |v: &Option<FieldValue>| match v {
        None => false,
        Some(FieldValue::List(l)) => !l.is_empty(),
        Some(FieldValue::Text(t)) => !t.is_empty(),
        Some(FieldValue::Number(_)) => true,
    };
    match (present(&f.old), present(&f.new)) {
        (false, _) => format!("is {what} {} toegevoegd.", quoted(&f.new)),
        (_, false) => format!("is {what} {} vervallen.", quoted(&f.old)),
        _ if f.field == Field::Unit => format!(
            "is {what} gewijzigd van {} in {}.",
            unit_word(&f.old),
            unit_word(&f.new)
        ),
        _ => format!(
            "is {what} gewijzigd in {} (was: {}).",
            quoted(&f.new),
            quoted(&f.old)
        ),
    }
}

fn unit_word(v: &Option<FieldValue>) -> &'static str {
    match v {
        Some(FieldValue::Text(t)) if t == "count" => "aantal",
        _ => "procent",
    }
}

fn plain(v: &Option<FieldValue>) -> String {
    match v {
        None => String::new(),
        Some(FieldValue::Number(n)) => n.to_string(),
        Some(FieldValue::Text(t)) => escape(t),
        Some(FieldValue::List(l)) => escape(&l.join("; ")),
    }
}

fn quoted(v: &Option<FieldValue>) -> String {
    format!("'{}'", plain(v))
}

fn quote(s: &str) -> String {
    format!("'{}'", escape(s))
}

/// What the writer typed must stay text when the note is pasted into Markdown.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn date(v: &Option<FieldValue>) -> String {
    match v {
        Some(FieldValue::Text(t)) => chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map_or_else(|_| t.clone(), locale::format_date),
        _ => plain(v),
    }
}

/// 36 → "36", 5.9 → "5,9", 6009 → "6.009": exact, never rounded to fewer decimals than written.
pub fn number(v: f64) -> String {
    locale::format_number(v, 6)
}

/// "38 procent" for percentages, "6.009" for counts.
pub fn amount(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Percent => format!("{} procent", number(v)),
        Unit::Count => number(v),
    }
}

/// "voor 2015/2016", "op 1 september 2017".
fn for_period(written: &str) -> String {
    match Period::parse(written) {
        Ok(p @ Period::Date(_)) => format!("op {p}"),
        Ok(p) => format!("voor {p}"),
        Err(_) => format!("voor {written}"),
    }
}

/// "in 2015/2016", "op 1 september 2017".
fn in_period(written: &str) -> String {
    match Period::parse(written) {
        Ok(p @ Period::Date(_)) => format!("op {p}"),
        Ok(p) => format!("in {p}"),
        Err(_) => format!("in {written}"),
    }
}
