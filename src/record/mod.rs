//! Meeting records in: plain-text press releases, JSON Lines passages and
//! General Debate statements → [`Record`]s.
//!
//! Parsing takes bytes and a file name (for error messages) and does no I/O,
//! so the same code runs in the CLI, in tests and anywhere else.

pub mod delegations;
mod jsonl;
pub mod speakers;
mod text;
mod ungdc;

use crate::analysis::Lang;
use std::fmt;

pub use jsonl::parse_jsonl;
pub use speakers::{Speaker, SpeakerKind};
pub use text::parse_text;
pub use ungdc::parse_ungdc;

/// One meeting record (or one JSON Lines file): metadata and its passages.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Record {
    /// The UN document symbol ("AG/12734"), or the file name for other corpora.
    pub symbol: String,
    /// The headline.
    pub title: String,
    /// "Quatre-vingtième session".
    pub session: String,
    /// "48e séance plénière – matin & après-midi".
    pub meeting: String,
    /// ISO date of the meeting ("2025-11-24"), when known.
    pub date: String,
    /// Where the record is published, when known.
    pub url: String,
    pub lang: Option<Lang>,
    pub passages: Vec<Passage>,
    /// The file it was read from, for error messages.
    pub source: String,
}

/// One paragraph: the unit that search returns.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Passage {
    /// Stable id: "AG/12734#p23" for records, the given id for JSON Lines.
    pub id: String,
    /// Paragraph number within the record, from 1.
    pub number: u32,
    /// The section heading the paragraph stands under.
    pub section: Option<String>,
    /// Who speaks, the main speaker first.
    pub speakers: Vec<Speaker>,
    pub text: String,
    /// Per-passage language (JSON Lines may mix them); `None` means the record's.
    pub lang: Option<Lang>,
    /// The line of the source file it came from, for error messages.
    pub line: usize,
}

impl Passage {
    /// The URL fragment that points at this paragraph ("p23").
    pub fn anchor(&self) -> String {
        format!("p{}", self.number)
    }
}

/// Why an input file could not be read. Every variant names the file; the
/// line is 1-based. `LineTooLong`: a line (a paragraph of the text layout, a
/// passage of JSON Lines) longer than [`MAX_LINE_BYTES`], refused before
/// anything is tokenized.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum InputError {
    Empty { file: String },
    Binary { file: String },
    NotUtf8 { file: String, line: usize },
    Json { file: String, line: usize, message: String },
    MissingField { file: String, line: usize, field: &'static str },
    DuplicateId { file: String, line: usize, id: String },
    Layout { file: String, line: usize, message: String },
    LineTooLong { file: String, line: usize, bytes: usize },
}

/// The longest line the indexer takes: a paragraph of the text layout, or one
/// passage of JSON Lines with its fields. Real paragraphs of meeting records are
/// a few kilobytes; a longer line is a file without line breaks (or not a
/// record at all), and indexing it would take minutes and give one passage no
/// snippet can show.
pub const MAX_LINE_BYTES: usize = 1_000_000;

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Empty { file } => {
                write!(f, "{file}: the file is empty; give a record with at least one paragraph")
            }
            InputError::Binary { file } => {
                write!(f, "{file}: this looks like a binary file, not UTF-8 text or JSON Lines")
            }
            InputError::NotUtf8 { file, line } => {
                write!(f, "{file}:{line}: invalid UTF-8; save the file as UTF-8 text")
            }
            InputError::Json { file, line, message } => write!(f, "{file}:{line}: malformed JSON line: {message}"),
            InputError::MissingField { file, line, field } => {
                write!(f, "{file}:{line}: missing or empty field \"{field}\"")
            }
            InputError::DuplicateId { file, line, id } => {
                write!(f, "{file}:{line}: duplicate passage id \"{id}\"; ids must be unique across the corpus")
            }
            InputError::Layout { file, line, message } => write!(f, "{file}:{line}: {message}"),
            InputError::LineTooLong { file, line, bytes } => write!(
                f,
                "{file}:{line}: this line is {:.1} MB; a paragraph longer than {} MB is not supported — put one paragraph a line",
                *bytes as f64 / 1e6,
                MAX_LINE_BYTES / 1_000_000
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// Decodes a file as UTF-8 text, refusing empty and binary files with the line of the first bad byte,
/// and lines longer than [`MAX_LINE_BYTES`] with their line number.
fn decode_utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, InputError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::Empty { file: file.to_string() });
    }
    if bytes.iter().take(8192).any(|&b| b == 0) {
        return Err(InputError::Binary { file: file.to_string() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
        InputError::NotUtf8 { file: file.to_string(), line }
    })?;
    check_line_lengths(file, text)?;
    Ok(text)
}

/// Refuses the first line longer than [`MAX_LINE_BYTES`]. A scan for line breaks
/// only (memchr), so a 100 MB line is refused in milliseconds, before parsing.
fn check_line_lengths(file: &str, text: &str) -> Result<(), InputError> {
    if text.len() <= MAX_LINE_BYTES {
        return Ok(());
    }
    match text.lines().enumerate().find(|(_, line)| line.len() > MAX_LINE_BYTES) {
        Some((i, line)) => Err(InputError::LineTooLong { file: file.to_string(), line: i + 1, bytes: line.len() }),
        None => Ok(()),
    }
}

/// Parses one input by its name: `.jsonl` is JSON Lines, `FRA_78_2023.txt` (the
/// General Debate corpus, see [`parse_ungdc`]) one statement, anything else the text layout.
pub fn parse_file(file: &str, bytes: &[u8]) -> Result<Vec<Record>, InputError> {
    if file.ends_with(".jsonl") || file.ends_with(".ndjson") {
        parse_jsonl(file, bytes)
    } else if ungdc::file_name(file).is_some() {
        parse_ungdc(file, bytes).map(|r| vec![r])
    } else {
        parse_text(file, bytes).map(|r| vec![r])
    }
}

/// Checks that passage ids are unique across records.
pub fn check_unique_ids(records: &[Record]) -> Result<(), InputError> {
    let mut seen = std::collections::HashSet::new();
    for record in records {
        for passage in &record.passages {
            if !seen.insert(passage.id.as_str()) {
                return Err(InputError::DuplicateId {
                    file: record.source.clone(),
                    line: passage.line,
                    id: passage.id.clone(),
                });
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_empty_binary_and_non_utf8_input() {
        assert_eq!(parse_file("a.txt", b" \n\n"), Err(InputError::Empty { file: "a.txt".into() }));
        assert_eq!(parse_file("a.txt", b"PK\x03\x04\0\0"), Err(InputError::Binary { file: "a.txt".into() }));
        assert_eq!(
            parse_file("a.txt", b"ok\nok\n\xff\xfe"),
            Err(InputError::NotUtf8 { file: "a.txt".into(), line: 3 })
        );
    }

    #[test]
    fn refuses_a_line_longer_than_the_limit_before_parsing_it() {
        let long = "Un mot. ".repeat(MAX_LINE_BYTES / 8 + 1);
        let text = format!("Premier paragraphe.\n\n{long}\nDernier paragraphe.\n");
        let e = parse_file("a.txt", text.as_bytes()).unwrap_err();
        assert_eq!(e, InputError::LineTooLong { file: "a.txt".into(), line: 3, bytes: long.len() });
        assert!(e.to_string().starts_with("a.txt:3: this line is 1.0 MB; a paragraph longer than 1 MB"), "{e}");

        let jsonl = format!("{{\"id\":\"a\",\"text\":\"court\"}}\n{{\"id\":\"b\",\"text\":\"{long}\"}}\n");
        let e = parse_file("b.jsonl", jsonl.as_bytes()).unwrap_err();
        assert!(matches!(e, InputError::LineTooLong { line: 2, .. }), "{e:?}");

        // At the limit exactly, the line is taken.
        let at_limit = format!("Titre\r\n{}.\r\n", "a".repeat(MAX_LINE_BYTES - 1));
        assert_eq!(check_line_lengths("c.txt", &at_limit), Ok(()));
    }

    #[test]
    fn errors_name_file_and_line() {
        let e = InputError::NotUtf8 { file: "x.txt".into(), line: 7 };
        assert!(e.to_string().starts_with("x.txt:7:"));
    }
}
