//! Export stage: the typeset document → PDF/A-2 + PDF/UA-1 bytes, written atomically.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use std::io::Write;
use std::path::{Path, PathBuf};
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

/// Writes `bytes` to `target` through a temporary file in the same directory, renamed into place
/// only when complete: a failed or interrupted build never leaves a half-written or broken file.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out.pdf".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, target)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
