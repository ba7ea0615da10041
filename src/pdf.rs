//! PDF stage: the typeset document → PDF/A-2b + PDF/UA-1 bytes.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use typst::foundations::{Datetime, Smart};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// The moment the PDF claims it was made: `SOURCE_DATE_EPOCH` when set (reproducible-builds
/// convention), otherwise midnight UTC of the edition's date. Never the clock.
pub fn timestamp(edition_date: NaiveDate) -> DateTime<Utc> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(|| {
            edition_date
                .and_hms_opt(0, 0, 0)
                .expect("midnight exists")
                .and_utc()
        })
}

/// PDF bytes that declare PDF/A-2b and PDF/UA-1. `ident` names the document stably, so the
/// file identifier does not change between builds.
pub fn pdf(doc: &PagedDocument, ident: &str, when: DateTime<Utc>) -> Result<Vec<u8>, String> {
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
