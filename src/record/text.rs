//! The plain-text layout of UN press releases: three header lines (session,
//! meeting, symbol), the headline, then one paragraph per line; short lines
//! without final punctuation are section headings; the press footer is dropped.
//!
//! A file without that header (any other text) still indexes: each line is a
//! passage and the file name stands in for the symbol.

use super::{InputError, Passage, Record, decode_utf8, speakers};
#[cfg(test)]
use crate::analysis::Lang;
use crate::analysis::detect_lang;

/// Lines this long or longer are paragraphs even without final punctuation.
const MAX_HEADING_CHARS: usize = 200;

/// Lines of the press-release footer (French and English), matched at the start.
const FOOTER_MARKERS: &[&str] = &[
    "À l’intention des organes d’information",
    "À l'intention des organes d'information",
    "Retrouvez les délibérations",
    "For information media",
    "Not an official record",
    "For more information",
];

pub fn parse_text(file: &str, bytes: &[u8]) -> Result<Record, InputError> {
    let text = decode_utf8(file, bytes)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim())).filter(|(_, l)| !l.is_empty());
    let first: Vec<(usize, &str)> = lines.by_ref().take(4).collect();
    let has_header = first.len() == 4 && looks_like_symbol(first[2].1);

    let mut record = Record { source: file.to_string(), ..Record::default() };
    let body: Vec<(usize, &str)> = if has_header {
        record.session = first[0].1.to_string();
        record.meeting = first[1].1.to_string();
        record.symbol = first[2].1.to_string();
        record.title = first[3].1.to_string();
        lines.collect()
    } else {
        record.symbol = file_stem(file).to_string();
        first.into_iter().chain(lines).collect()
    };
    let body = strip_footer(body);

    let mut section: Option<String> = None;
    for (line_no, line) in body {
        if is_heading(line) {
            section = Some(line.to_string());
            continue;
        }
        let number = u32::try_from(record.passages.len() + 1).map_err(|_| InputError::Layout {
            file: file.to_string(),
            line: line_no,
            message: "too many paragraphs in one record".into(),
        })?;
        record.passages.push(Passage {
            id: format!("{}#p{number}", record.symbol),
            number,
            section: section.clone(),
            speakers: Vec::new(),
            text: line.to_string(),
            lang: None,
            line: line_no,
        });
    }
    if record.passages.is_empty() {
        return Err(InputError::Empty { file: file.to_string() });
    }
    let sample: String = record.passages.iter().take(20).map(|p| p.text.as_str()).collect::<Vec<_>>().join(" ");
    let lang = detect_lang(&sample);
    record.lang = Some(lang);
    speakers::assign(&mut record.passages, lang);
    Ok(record)
}

fn file_stem(file: &str) -> &str {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// "AG/12734", "A/80/PV.48", "SC/15000", "GA/12345".
fn looks_like_symbol(line: &str) -> bool {
    line.len() < 40 && line.contains('/') && line.starts_with(|c: char| c.is_ascii_uppercase()) && !line.contains(' ')
}

fn is_heading(line: &str) -> bool {
    let last = line.chars().next_back().unwrap_or('.');
    line.chars().count() < MAX_HEADING_CHARS
        && !matches!(last, '.' | '!' | '?' | '»' | '"' | ':' | ';' | '…' | ',' | ')')
}

fn strip_footer(mut body: Vec<(usize, &str)>) -> Vec<(usize, &str)> {
    while body.last().is_some_and(|(_, l)| FOOTER_MARKERS.iter().any(|m| l.starts_with(m))) {
        body.pop();
    }
    body
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "Quatre-vingtième session\n48e séance plénière\nAG/12734\n\nTitre de la séance\n\n\
        Premier paragraphe du communiqué.\n\nUne section\n\nMme Annalena Baerbock a demandé des lois.\n\n\
        Elle a, de plus, appelé les gouvernements à agir.\n\n\
        Retrouvez les délibérations: En direct de l'ONU | Couverture\n\nÀ l’intention des organes d’information. Document non officiel.\n";

    #[test]
    fn reads_header_sections_paragraphs_and_drops_footer() {
        let r = parse_text("AG12734-fr.txt", SAMPLE.as_bytes()).unwrap();
        assert_eq!(r.symbol, "AG/12734");
        assert_eq!(r.session, "Quatre-vingtième session");
        assert_eq!(r.title, "Titre de la séance");
        assert_eq!(r.lang, Some(Lang::French));
        let ids: Vec<_> = r.passages.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["AG/12734#p1", "AG/12734#p2", "AG/12734#p3"]);
        assert_eq!(r.passages[0].section, None);
        assert_eq!(r.passages[1].section.as_deref(), Some("Une section"));
        assert_eq!(r.passages[2].anchor(), "p3");
    }

    #[test]
    fn text_without_header_uses_the_file_name() {
        let r = parse_text("notes/FRA_78_2023.txt", b"We meet again.\nPeace matters.\n").unwrap();
        assert_eq!(r.symbol, "FRA_78_2023");
        assert_eq!(r.passages.len(), 2);
        assert_eq!(r.lang, Some(Lang::English));
    }
}
