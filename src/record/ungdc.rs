//! The UN General Debate corpus (UNGDC): one statement per file, named
//! `<ISO3>_<session>_<year>.txt` (`FRA_78_2023.txt`), no header inside, one
//! paragraph per line (some files put blank lines between paragraphs, some
//! start with a byte-order mark).
//!
//! All metadata comes from the file name: the delegation (its English name
//! from [`delegations`](super::delegations), or the code when the table does
//! not know it), the session and the year. The delegation speaks every
//! paragraph, so each passage carries it as its speaker.

use super::{InputError, MAX_LINE_BYTES, Passage, Record, Speaker, SpeakerKind, decode_utf8};
use crate::analysis::Lang;

/// The parts of a corpus file name.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct FileName<'a> {
    /// "FRA", or a group's short code ("EU").
    pub code: &'a str,
    /// The session as written in the name ("78", "07").
    pub session: &'a str,
    /// "2023".
    pub year: &'a str,
}

/// Reads `<CODE>_<session>_<year>.txt` from the base name of a path: a code of
/// two or three capitals (ISO 3166-1 alpha-3, or "EU", which the corpus files
/// under two letters), a session of one to three digits, a year of four.
pub(super) fn file_name(path: &str) -> Option<FileName<'_>> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = name.strip_suffix(".txt")?;
    let mut parts = stem.split('_');
    let (code, session, year) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |s: &str, lens: std::ops::RangeInclusive<usize>| {
        lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    let code_ok = (2..=3).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_uppercase());
    (parts.next().is_none() && code_ok && digits(session, 1..=3) && digits(year, 4..=4)).then_some(FileName {
        code,
        session,
        year,
    })
}

/// Parses one General Debate statement. `file` must satisfy [`file_name`]
/// (the dispatch in [`parse_file`](super::parse_file) checks it); a name that
/// does not is refused as a layout error rather than guessed at.
pub fn parse_ungdc(file: &str, bytes: &[u8]) -> Result<Record, InputError> {
    let Some(name) = file_name(file) else {
        return Err(InputError::Layout {
            file: file.to_string(),
            line: 1,
            message: "a General Debate statement must be named <CODE>_<session>_<year>.txt, like FRA_78_2023.txt"
                .into(),
        });
    };
    let text = decode_utf8(file, bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    let delegation = super::delegations::by_code(name.code).and_then(|d| d.en.first()).copied().unwrap_or(name.code);
    // "07" in the name is the 7th session.
    let session = name.session.trim_start_matches('0');
    let session = if session.is_empty() { "0" } else { session };
    let symbol = format!("{}_{}_{}", name.code, name.session, name.year);
    let speaker = Speaker { kind: SpeakerKind::Delegation, name: delegation.to_string() };

    let mut record = Record {
        title: format!("General Debate, {} session ({}): {delegation}", ordinal(session), name.year),
        session: session.to_string(),
        meeting: "General Debate".to_string(),
        date: name.year.to_string(),
        url: String::new(),
        lang: Some(Lang::English),
        source: file.to_string(),
        passages: Vec::new(),
        symbol,
    };
    let mut after_blank = true;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            after_blank = true;
            continue;
        }
        let joined = !after_blank && continues(record.passages.last().map_or("", |p| p.text.as_str()), line);
        after_blank = false;
        if let Some(previous) =
            record.passages.last_mut().filter(|p| joined && p.text.len() + line.len() < MAX_LINE_BYTES)
        {
            previous.text.push(' ');
            previous.text.push_str(line);
            continue;
        }
        let number = u32::try_from(record.passages.len() + 1).map_err(|_| InputError::Layout {
            file: file.to_string(),
            line: i + 1,
            message: "too many paragraphs in one statement".into(),
        })?;
        record.passages.push(Passage {
            id: format!("{}#p{number}", record.symbol),
            number,
            section: None,
            speakers: vec![speaker.clone()],
            text: line.to_string(),
            lang: None,
            line: i + 1,
        });
    }
    if record.passages.is_empty() {
        return Err(InputError::Empty { file: file.to_string() });
    }
    Ok(record)
}

/// Whether `line` carries on the paragraph `previous` broke off: many older
/// statements are wrapped mid-sentence ("…against Ukraine" / "on three previous
/// occasions"), and a fragment of a sentence is a poor search result.
fn continues(previous: &str, line: &str) -> bool {
    let ended = previous.ends_with(['.', '!', '?', ':', ';', '"', '”', '’', ')', '…']);
    let carries_on = line.chars().next().is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    !previous.is_empty() && !ended && carries_on
}

/// "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "112th" from a
/// string of digits without leading zeros.
fn ordinal(number: &str) -> String {
    let tens = number.len().checked_sub(2).and_then(|i| number.as_bytes().get(i)).copied();
    let suffix = match (tens, number.as_bytes().last()) {
        (Some(b'1'), _) => "th",
        (_, Some(b'1')) => "st",
        (_, Some(b'2')) => "nd",
        (_, Some(b'3')) => "rd",
        _ => "th",
    };
    format!("{number}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_code_session_and_year_from_the_base_name_only() {
        type Parts<'a> = Option<(&'a str, &'a str, &'a str)>;
        let table: &[(&str, Parts)] = &[
            ("FRA_78_2023.txt", Some(("FRA", "78", "2023"))),
            ("/tmp/ungdc/AFG_07_1952.txt", Some(("AFG", "07", "1952"))),
            ("C:\\corpus\\USA_1_1946.txt", Some(("USA", "1", "1946"))),
            ("EU_66_2011.txt", Some(("EU", "66", "2011"))),
            ("FRA_100_2045.txt", Some(("FRA", "100", "2045"))),
            ("fra_78_2023.txt", None),
            ("FRA_78_2023.jsonl", None),
            ("FRA_78_23.txt", None),
            ("FRA_1000_2023.txt", None),
            ("FRA_78_2023_x.txt", None),
            ("FRAN_78_2023.txt", None),
            ("FRA__2023.txt", None),
            ("FRA_78_2023.txt/notes.txt", None),
            ("AG12734-fr.txt", None),
        ];
        for &(path, want) in table {
            let got = file_name(path).map(|n| (n.code, n.session, n.year));
            assert_eq!(got, want, "{path}");
        }
    }

    #[test]
    fn takes_its_metadata_from_the_file_name() {
        let r = parse_ungdc("corpus/FRA_78_2023.txt", b"It is an honour.\n").unwrap();
        assert_eq!(r.symbol, "FRA_78_2023");
        assert_eq!(r.title, "General Debate, 78th session (2023): France");
        assert_eq!(r.session, "78");
        assert_eq!(r.meeting, "General Debate");
        assert_eq!(r.date, "2023");
        assert_eq!(r.url, "");
        assert_eq!(r.lang, Some(Lang::English));
        assert_eq!(r.source, "corpus/FRA_78_2023.txt");

        let r = parse_ungdc("AFG_07_1952.txt", b"Peace.\n").unwrap();
        assert_eq!((r.symbol.as_str(), r.session.as_str()), ("AFG_07_1952", "7"));
        assert_eq!(r.title, "General Debate, 7th session (1952): Afghanistan");

        // The first English name is the canonical one ("United States", not "United States of America").
        let r = parse_ungdc("USA_78_2023.txt", b"Peace.\n").unwrap();
        assert_eq!(r.title, "General Debate, 78th session (2023): United States");
    }

    #[test]
    fn each_non_empty_line_is_a_passage_spoken_by_the_delegation() {
        let text = "\u{feff}First paragraph. \r\n\r\n  Second paragraph.\r\n\n\nThird paragraph.";
        let r = parse_ungdc("GBR_70_2015.txt", text.as_bytes()).unwrap();
        let got: Vec<_> = r.passages.iter().map(|p| (p.id.as_str(), p.number, p.line, p.text.as_str())).collect();
        assert_eq!(
            got,
            [
                ("GBR_70_2015#p1", 1, 1, "First paragraph."),
                ("GBR_70_2015#p2", 2, 3, "Second paragraph."),
                ("GBR_70_2015#p3", 3, 6, "Third paragraph."),
            ]
        );
        let uk = Speaker { kind: SpeakerKind::Delegation, name: "United Kingdom".into() };
        for p in &r.passages {
            assert_eq!(p.speakers, std::slice::from_ref(&uk));
            assert_eq!((p.section.as_deref(), p.lang), (None, None));
        }
        assert_eq!(r.passages[1].anchor(), "p2");
    }

    #[test]
    fn a_line_that_carries_on_a_broken_sentence_joins_its_paragraph() {
        let text = "It condemned Russian aggression against Ukraine\non three occasions.\nNew paragraph here\nStarts upper.\n\nafter a blank line";
        let r = parse_ungdc("FRA_78_2023.txt", text.as_bytes()).unwrap();
        let got: Vec<_> = r.passages.iter().map(|p| (p.number, p.line, p.text.as_str())).collect();
        assert_eq!(
            got,
            [
                (1, 1, "It condemned Russian aggression against Ukraine on three occasions."),
                (2, 3, "New paragraph here"),
                (3, 4, "Starts upper."),
                (4, 6, "after a blank line"),
            ]
        );
    }

    #[test]
    fn an_unknown_code_names_the_delegation_by_its_code() {
        let r = parse_ungdc("XYZ_78_2023.txt", b"Hello.\n").unwrap();
        assert_eq!(r.title, "General Debate, 78th session (2023): XYZ");
        assert_eq!(r.passages[0].speakers[0].name, "XYZ");
        assert_eq!(r.passages[0].speakers[0].kind, SpeakerKind::Delegation);
    }

    #[test]
    fn ordinals_in_english() {
        let table = [
            ("1", "1st"),
            ("2", "2nd"),
            ("3", "3rd"),
            ("4", "4th"),
            ("10", "10th"),
            ("11", "11th"),
            ("12", "12th"),
            ("13", "13th"),
            ("21", "21st"),
            ("22", "22nd"),
            ("23", "23rd"),
            ("78", "78th"),
            ("101", "101st"),
            ("111", "111th"),
            ("112", "112th"),
        ];
        for (n, want) in table {
            assert_eq!(ordinal(n), want, "{n}");
        }
    }

    #[test]
    fn refuses_empty_binary_non_utf8_and_overlong_input_with_the_file_and_line() {
        let file = "FRA_78_2023.txt";
        assert_eq!(parse_ungdc(file, b" \n\r\n"), Err(InputError::Empty { file: file.into() }));
        assert_eq!(parse_ungdc(file, "\u{feff}\n\n".as_bytes()), Err(InputError::Empty { file: file.into() }));
        assert_eq!(parse_ungdc(file, b"PK\x03\x04\0\0"), Err(InputError::Binary { file: file.into() }));
        assert_eq!(parse_ungdc(file, b"ok\n\nbad \xff\n"), Err(InputError::NotUtf8 { file: file.into(), line: 3 }));

        let long = "word ".repeat(super::super::MAX_LINE_BYTES / 5 + 1);
        let text = format!("Short.\n\n{long}\nShort.\n");
        assert_eq!(
            parse_ungdc(file, text.as_bytes()),
            Err(InputError::LineTooLong { file: file.into(), line: 3, bytes: long.len() })
        );

        let e = parse_ungdc("notes.txt", b"Hello.\n").unwrap_err();
        assert!(e.to_string().starts_with("notes.txt:1: a General Debate statement must be named"), "{e}");
    }

    #[test]
    fn parse_file_routes_corpus_names_here_and_other_names_to_the_text_layout() {
        let r = super::super::parse_file("/data/JPN_50_1995.txt", b"Short line\nAnother one\n").unwrap();
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].title, "General Debate, 50th session (1995): Japan");
        // Short lines without final punctuation would be headings in the text layout; here they are passages.
        assert_eq!(r[0].passages.len(), 2);

        let r = super::super::parse_file("JPN-50-1995.txt", b"Short line\nAnother one.\n").unwrap();
        assert_eq!(r[0].symbol, "JPN-50-1995");
        assert_eq!(r[0].title, "");
    }
}
