//! Why an upload was turned away before any row was read. Travels as a short code in the
//! address of the upload page (never as free text, so no link can show made-up messages).

/// Files one user may have waiting for confirmation at a time (each up to 8 MB, kept for
/// 24 hours): uploads are bounded per person, not only per request.
pub const MAX_PENDING_UPLOADS: i64 = 10;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UploadProblem {
    /// The user already has [`MAX_PENDING_UPLOADS`] files waiting for confirmation.
    TooMany,
    NoFile,
    TooLarge,
    Empty,
    NotText,
    Utf16,
    /// The agency is not one the user files for.
    Agency,
}

impl UploadProblem {
    pub const ALL: [UploadProblem; 7] = [
        UploadProblem::TooMany,
        UploadProblem::NoFile,
        UploadProblem::TooLarge,
        UploadProblem::Empty,
        UploadProblem::NotText,
        UploadProblem::Utf16,
        UploadProblem::Agency,
    ];

    pub fn code(self) -> &'static str {
        match self {
            UploadProblem::TooMany => "zu-viele",
            UploadProblem::NoFile => "keine-datei",
            UploadProblem::TooLarge => "zu-gross",
            UploadProblem::Empty => "leer",
            UploadProblem::NotText => "keine-textdatei",
            UploadProblem::Utf16 => "utf16",
            UploadProblem::Agency => "agentur",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn message(self) -> &'static str {
        match self {
            UploadProblem::TooMany => "Zehn hochgeladene Dateien warten schon auf Ihre Übernahme. Übernehmen Sie eine davon, oder laden Sie neu hoch, wenn die älteste verfallen ist (24 Stunden nach dem Hochladen).",
            UploadProblem::NoFile => "Bitte wählen Sie eine CSV-Datei aus.",
            UploadProblem::TooLarge => "Die Datei ist größer als 8 MB. Bitte teilen Sie sie auf.",
            UploadProblem::Empty => "Die Datei ist leer.",
            UploadProblem::NotText => "Die Datei ist keine CSV-Textdatei. Bitte speichern Sie sie in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“.",
            UploadProblem::Utf16 => "Die Datei ist als Unicode-Text (UTF-16) gespeichert. Bitte speichern Sie sie in Excel als „CSV UTF-8 (durch Trennzeichen getrennt)“.",
            UploadProblem::Agency => "Für diese Agentur dürfen Sie keine Aufträge stellen.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for p in UploadProblem::ALL {
            assert_eq!(UploadProblem::from_code(p.code()), Some(p));
        }
        assert_eq!(UploadProblem::from_code("<script>"), None);
    }
}
