//! JSON Lines corpora: one passage a line, `{"id", "title", "text", "lang"?, "url"?, "speaker"?}`.
//! The file becomes one record named after it; `title` is the passage's section.

use super::{InputError, Passage, Record, Speaker, SpeakerKind, decode_utf8};
use crate::analysis::{Lang, detect_lang};
use serde::Deserialize;
use std::collections::HashSet;

#[derive(Deserialize)]
struct Line {
    id: Option<serde_json::Value>,
    title: Option<String>,
    text: Option<String>,
    lang: Option<String>,
    url: Option<String>,
    speaker: Option<String>,
}

pub fn parse_jsonl(file: &str, bytes: &[u8]) -> Result<Vec<Record>, InputError> {
    let text = decode_utf8(file, bytes)?;
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let mut record =
        Record { symbol: name.trim_end_matches(".jsonl").to_string(), source: file.to_string(), ..Record::default() };
    let mut ids = HashSet::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let err = |message: String| InputError::Json { file: file.to_string(), line: line_no, message };
        let parsed: Line = serde_json::from_str(line).map_err(|e| err(e.to_string()))?;
        let missing = |field| InputError::MissingField { file: file.to_string(), line: line_no, field };
        let id = match parsed.id {
            Some(serde_json::Value::String(s)) if !s.trim().is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => return Err(missing("id")),
        };
        let text = parsed.text.filter(|t| !t.trim().is_empty()).ok_or_else(|| missing("text"))?;
        if !ids.insert(id.clone()) {
            return Err(InputError::DuplicateId { file: file.to_string(), line: line_no, id });
        }
        let lang = match parsed.lang.as_deref() {
            Some(code) => Some(
                Lang::from_code(code)
                    .ok_or_else(|| err(format!("unsupported \"lang\": \"{code}\"; use \"fr\" or \"en\"")))?,
            ),
            None => None,
        };
        if record.url.is_empty()
            && let Some(url) = parsed.url
        {
            record.url = url;
        }
        let number = u32::try_from(record.passages.len() + 1).map_err(|_| err("too many passages".into()))?;
        record.passages.push(Passage {
            id,
            number,
            section: parsed.title.filter(|t| !t.trim().is_empty()),
            speakers: parsed.speaker.into_iter().map(|name| Speaker { name, kind: SpeakerKind::Person }).collect(),
            text,
            lang,
            line: line_no,
        });
    }
    if record.passages.is_empty() {
        return Err(InputError::Empty { file: file.to_string() });
    }
    let sample: Vec<&str> = record.passages.iter().take(20).map(|p| p.text.as_str()).collect();
    record.lang = Some(detect_lang(&sample.join(" ")));
    Ok(vec![record])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_passages_with_optional_fields() {
        let input = "{\"id\":\"a-1\",\"title\":\"Loire\",\"text\":\"La Loire est un fleuve.\",\"lang\":\"fr\"}\n\n{\"id\":2,\"text\":\"Le fleuve coule.\"}\n";
        let records = parse_jsonl("dir/fleuves.jsonl", input.as_bytes()).unwrap();
        let r = &records[0];
        assert_eq!(r.symbol, "fleuves");
        assert_eq!(r.passages.len(), 2);
        assert_eq!(r.passages[0].section.as_deref(), Some("Loire"));
        assert_eq!(r.passages[1].id, "2");
        assert_eq!(r.passages[0].lang, Some(Lang::French));
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let e = parse_jsonl("c.jsonl", b"{\"id\":\"a\",\"text\":\"x\"}\n{oops\n").unwrap_err();
        assert!(matches!(e, InputError::Json { line: 2, .. }), "{e:?}");
        let e = parse_jsonl("c.jsonl", b"{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}\n").unwrap_err();
        assert_eq!(e, InputError::DuplicateId { file: "c.jsonl".into(), line: 2, id: "a".into() });
        let e = parse_jsonl("c.jsonl", b"{\"id\":\"a\"}\n").unwrap_err();
        assert_eq!(e, InputError::MissingField { file: "c.jsonl".into(), line: 1, field: "text" });
        let e = parse_jsonl("c.jsonl", b"{\"id\":\"a\",\"text\":\"x\",\"lang\":\"de\"}\n").unwrap_err();
        assert!(e.to_string().contains("unsupported"), "{e}");
    }
}
