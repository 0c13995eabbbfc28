//! CSV as German Excel reads and writes it: `;` between cells, CRLF between rows, UTF-8
//! with byte-order mark, quotes only where needed. Cells that a spreadsheet would run as a
//! formula (starting with = + - @ tab CR LF) get a leading apostrophe (OWASP "CSV
//! injection"); reading takes exactly one leading apostrophe off again, so every string
//! survives export → import unchanged.

use super::upload::UploadProblem;
use std::borrow::Cow;

/// UTF-8 byte-order mark: without it Excel reads the file as Windows-1252.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Characters that make a spreadsheet treat a cell as a formula (or split it).
const FORMULA_START: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

/// The cell as written: an apostrophe before a formula start, and before an apostrophe
/// (so that reading can always take exactly one off).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    match cell.chars().next() {
        Some(c) if FORMULA_START.contains(&c) || c == '\'' => Cow::Owned(format!("'{cell}")),
        _ => Cow::Borrowed(cell),
    }
}

/// The cell as it was before `neutralise`.
pub fn restore(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// Writes rows into memory; `take` hands out what has been written so far, so a large
/// export leaves in small chunks instead of as one buffer.
pub struct CsvWriter {
    inner: csv::Writer<Vec<u8>>,
}

impl Default for CsvWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl CsvWriter {
    /// A writer whose first bytes are the byte-order mark.
    pub fn new() -> Self {
        Self {
            inner: Self::writer(BOM.to_vec()),
        }
    }

    fn writer(start: Vec<u8>) -> csv::Writer<Vec<u8>> {
        csv::WriterBuilder::new()
            .delimiter(b';')
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .flexible(true)
            .from_writer(start)
    }

    pub fn row<I, S>(&mut self, cells: I)
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for cell in cells {
            self.inner
                .write_field(neutralise(cell.as_ref()).as_bytes())
                .expect("writing to memory cannot fail");
        }
        self.inner
            .write_record(None::<&[u8]>)
            .expect("writing to memory cannot fail");
    }

    /// Everything written since the last call.
    pub fn take(&mut self) -> Vec<u8> {
        // The next chunk will be about as long: one allocation instead of a doubling series.
        let room = self.inner.get_ref().len() + 8 * 1024;
        let done = std::mem::replace(&mut self.inner, Self::writer(Vec::with_capacity(room)));
        done.into_inner()
            .unwrap_or_else(|_| unreachable!("writing to memory cannot fail"))
    }
}

/// Why an uploaded file cannot be read at all (row errors are the caller's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    Empty,
    /// A spreadsheet or other binary file, not CSV text.
    NotText,
    /// UTF-16 (Excel's "Unicode-Text"), neither UTF-8 nor Windows-1252.
    Utf16,
    WrongSeparator(char),
    MissingColumns(Vec<&'static str>),
    TooManyRows(usize),
    /// A quote left open or another syntax error at this line.
    Malformed(u64),
}

impl FileError {
    /// The problems that stop an upload before any row is read.
    pub fn upload_problem(&self) -> Option<UploadProblem> {
        match self {
            FileError::Empty => Some(UploadProblem::Empty),
            FileError::NotText => Some(UploadProblem::NotText),
            FileError::Utf16 => Some(UploadProblem::Utf16),
            _ => None,
        }
    }

    pub fn message(&self) -> String {
        match self {
            FileError::Empty => UploadProblem::Empty.message().into(),
            FileError::NotText => UploadProblem::NotText.message().into(),
            FileError::Utf16 => UploadProblem::Utf16.message().into(),
            FileError::WrongSeparator(c) => format!(
                "Die Spalten sind durch „{}“ getrennt; erwartet wird das Semikolon „;“. Bitte speichern Sie die Datei mit deutschen Ländereinstellungen als CSV.",
                if *c == '\t' { "Tabulator".to_string() } else { c.to_string() }
            ),
            FileError::MissingColumns(cols) => format!(
                "Der Datei fehlen Spalten: {}. Bitte verwenden Sie einen Export der gültigen Konfiguration als Vorlage.",
                cols.join(", ")
            ),
            FileError::TooManyRows(max) => format!("Die Datei hat mehr als {max} Zeilen. Bitte teilen Sie sie auf."),
            FileError::Malformed(line) => format!("Die Datei ist in Zeile {line} nicht lesbar (vermutlich ein nicht geschlossenes Anführungszeichen)."),
        }
    }
}

/// The text of an uploaded file: UTF-8 (with or without byte-order mark) or, failing
/// that, Windows-1252, which is what German Excel writes for "CSV (Trennzeichen-getrennt)".
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, FileError> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(FileError::Utf16);
    }
    // Zip (xlsx), OLE (xls), or anything with NUL bytes is not a text file.
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"\xD0\xCF\x11\xE0")
        || bytes.contains(&0)
    {
        return Err(FileError::NotText);
    }
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FileError::Empty);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok(text)
        }
    }
}

/// A data row: its line in the file (1 is the header) and its cells by column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    pub line: u64,
    cells: Vec<String>,
}

impl Row {
    /// The restored cell of a column (empty where the row is short).
    pub fn cell(&self, column: usize) -> &str {
        self.cells.get(column).map(String::as_str).unwrap_or("")
    }
}

/// The rows of a file, with the position of each requested column.
#[derive(Clone, Debug)]
pub struct Table {
    /// For each column asked for: its index in the file, if present.
    pub columns: Vec<Option<usize>>,
    pub rows: Vec<Row>,
}

fn same_header(a: &str, b: &str) -> bool {
    a.trim().trim_end_matches('.').to_lowercase() == b.trim().trim_end_matches('.').to_lowercase()
}

/// Reads `;`-separated text. `columns` are the header names looked for (in any order,
/// case and a trailing dot ignored); `required` of them must be there. Rows of only empty
/// cells are skipped.
pub fn read(
    text: &str,
    columns: &[&'static str],
    required: &[&'static str],
    max_rows: usize,
) -> Result<Table, FileError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = loop {
        match records.next() {
            None => return Err(FileError::Empty),
            Some(Err(e)) => return Err(malformed(&e)),
            Some(Ok(r)) if blank(&r) => continue,
            Some(Ok(r)) => break r,
        }
    };
    let header: Vec<&str> = header.iter().map(restore).collect();
    let found: Vec<Option<usize>> = columns
        .iter()
        .map(|c| header.iter().position(|h| same_header(h, c)))
        .collect();
    let missing: Vec<&'static str> = required
        .iter()
        .filter(|r| !header.iter().any(|h| same_header(h, r)))
        .copied()
        .collect();
    if !missing.is_empty() {
        if header.len() == 1 {
            if let Some(sep) = [',', '\t', '|']
                .into_iter()
                .find(|s| header[0].contains(*s))
            {
                return Err(FileError::WrongSeparator(sep));
            }
        }
        return Err(FileError::MissingColumns(missing));
    }
    let mut rows = Vec::new();
    // Line numbers from byte offsets, counted as the reader moves on.
    let (mut counted_to, mut line) = (0usize, 1u64);
    for record in records {
        let record = record.map_err(|e| malformed(&e))?;
        if blank(&record) {
            continue;
        }
        if rows.len() == max_rows {
            return Err(FileError::TooManyRows(max_rows));
        }
        let start = record
            .position()
            .map(|p| p.byte() as usize)
            .unwrap_or(counted_to);
        let mut start = start.clamp(counted_to, text.len());
        // The reader may place a record at the LF of the previous CRLF.
        while start < text.len() && matches!(text.as_bytes()[start], b'\r' | b'\n') {
            start += 1;
        }
        line += text.as_bytes()[counted_to..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count() as u64;
        counted_to = start;
        let cells = found
            .iter()
            .map(|i| {
                i.and_then(|i| record.get(i))
                    .map(|c| restore(c).to_string())
                    .unwrap_or_default()
            })
            .collect();
        rows.push(Row { line, cells });
    }
    Ok(Table {
        columns: found,
        rows,
    })
}

fn blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|c| restore(c).trim().is_empty())
}

fn malformed(e: &csv::Error) -> FileError {
    FileError::Malformed(e.position().map(|p| p.line()).unwrap_or(1))
}

#[cfg(test)]
mod tests;
