//! PDF stage: the typeset document → PDF/A-2b + PDF/UA-1 bytes.

mod backlinks;
#[cfg(test)]
mod examples;
pub mod merge;
mod trailer;

/// What this stage adds to Typst's PDF, for the stamps that let an unchanged part be skipped
/// (`crate::stamp`): change it whenever that changes, so that no part made before is kept.
pub const STAGE: &str = "footnote back-links described (1)";

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// The moment the PDF claims it was made: `SOURCE_DATE_EPOCH` when set (reproducible-builds
/// convention), otherwise midnight UTC of the edition's date. Never the clock. A variable that is
/// set but not a whole number of seconds from 1970 up to the year 9999 is an error naming it.
pub fn timestamp(edition_date: NaiveDate) -> Result<DateTime<Utc>, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => source_date_epoch(&value),
        Err(std::env::VarError::NotUnicode(_)) => Err(
            "SOURCE_DATE_EPOCH is not a number: set it to whole seconds since 1970-01-01 UTC, or unset it"
                .into(),
        ),
        Err(std::env::VarError::NotPresent) => Ok(edition_date
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc()),
    }
}

/// The latest moment a PDF date can hold (its year has four digits).
const LAST_SECOND: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z

fn source_date_epoch(value: &str) -> Result<DateTime<Utc>, String> {
    let secs: i64 = value.trim().parse().map_err(|_| {
        format!(
            "SOURCE_DATE_EPOCH is `{value}`, not a number: set it to whole seconds since 1970-01-01 UTC (e.g. `1562709600`), or unset it"
        )
    })?;
    if !(0..=LAST_SECOND).contains(&secs) {
        return Err(format!(
            "SOURCE_DATE_EPOCH is `{value}`, out of range: it must lie between 0 (1970) and {LAST_SECOND} (the end of the year 9999)"
        ));
    }
    DateTime::from_timestamp(secs, 0)
        .ok_or_else(|| format!("SOURCE_DATE_EPOCH `{value}` is out of range"))
}

/// PDF bytes that declare PDF/A-2b and PDF/UA-1. `ident` names the document stably, so the
/// file identifier does not change between builds. Footnote back-links say where they go.
pub fn pdf(doc: &PagedDocument, ident: &str, when: DateTime<Utc>) -> Result<Vec<u8>, String> {
    backlinks::describe(typst_pdf(doc, ident, when)?)
}

/// Typst's PDF of `doc`, as Typst writes it.
pub(crate) fn typst_pdf(
    doc: &PagedDocument,
    ident: &str,
    when: DateTime<Utc>,
) -> Result<Vec<u8>, String> {
    let standards = PdfStandards::new(&[PdfStandard::A_2b, PdfStandard::Ua_1])
        .map_err(|e| e.message().to_string())?;
    let datetime = Datetime::from_ymd_hms(
        when.year(),
        when.month() as u8,
        when.day() as u8,
        when.hour() as u8,
        when.minute() as u8,
        when.second() as u8,
    )
    .ok_or("timestamp out of range")?;
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(format!("kamerbrief {}", env!("CARGO_PKG_VERSION")))),
        timestamp: Some(Timestamp::new_utc(datetime)),
        standards,
        tagged: true,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| {
        errors
            .iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    })
}

#[cfg(test)]
mod tests {
    use super::source_date_epoch;

    #[test]
    fn source_date_epoch_is_whole_seconds_in_range_or_an_error_naming_it() {
        assert_eq!(
            source_date_epoch("1562716800").unwrap().to_rfc3339(),
            "2019-07-10T00:00:00+00:00"
        );
        for bad in ["gisteren", "1.5", "", "-1", "99999999999999"] {
            let e = source_date_epoch(bad).unwrap_err();
            assert!(e.starts_with("SOURCE_DATE_EPOCH is"), "{bad}: {e}");
        }
    }
}
