//! The browser boundary: `Engine` for JavaScript (see CONTRACT: `new Engine(bytes)`,
//! `engine.search(query, options)`, `engine.info()`). No search logic here: it
//! converts options in, results out (byte ranges → UTF-16 offsets, plain objects)
//! and decode errors into a `VerbatimIndexError`. Nothing here may panic.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use crate::index::{DecodeError, FORMAT_VERSION, Index};
use crate::record::SpeakerKind;
use crate::search::{Facets, Results, SearchOptions};
use serde::Serialize;
use std::ops::Range;
use wasm_bindgen::prelude::*;

/// A loaded index, ready to answer queries.
#[wasm_bindgen]
pub struct Engine {
    index: Index,
}

#[wasm_bindgen]
impl Engine {
    /// Decodes index bytes; throws a `VerbatimIndexError` (with `kind`) when they are unusable.
    #[wasm_bindgen(constructor)]
    pub fn new(bytes: &[u8]) -> Result<Engine, JsValue> {
        Index::from_bytes(bytes).map(|index| Engine { index }).map_err(|e| index_error(&e))
    }

    /// Runs a query. Never throws for any query string; throws a TypeError for
    /// options that are neither undefined, null nor an object of the documented shape.
    pub fn search(&self, query: &str, options: JsValue) -> Result<JsValue, JsValue> {
        let options = read_options(options)?;
        let results = self.index.search(query, &options);
        to_js(&JsResults::from(results))
    }

    /// What the index holds: format version, passage count, records, sections, speakers.
    pub fn info(&self) -> JsValue {
        let data = &self.index.data;
        let info = Info {
            format_version: FORMAT_VERSION,
            passages: data.passages.len(),
            records: data
                .records
                .iter()
                .map(|r| RecordInfo {
                    symbol: &r.symbol,
                    title: &r.title,
                    session: &r.session,
                    meeting: &r.meeting,
                    date: &r.date,
                    url: &r.url,
                    lang: r.lang.map_or("", |l| l.code()),
                })
                .collect(),
            sections: &data.sections,
            speakers: data.speakers.iter().map(|s| SpeakerInfo { name: &s.name, kind: kind_name(s.kind) }).collect(),
        };
        to_js(&info).unwrap_or(JsValue::NULL)
    }
}

fn index_error(e: &DecodeError) -> JsValue {
    let kind = match e {
        DecodeError::NotAnIndex { .. } => "not-an-index",
        DecodeError::NewerVersion { .. } => "newer",
        DecodeError::OlderVersion { .. } => "older",
        DecodeError::Checksum { .. } | DecodeError::Damaged { .. } => "damaged",
    };
    let error = js_sys::Error::new(&e.to_string());
    error.set_name("VerbatimIndexError");
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("kind"), &JsValue::from_str(kind));
    error.into()
}

fn kind_name(kind: SpeakerKind) -> &'static str {
    match kind {
        SpeakerKind::Person => "person",
        SpeakerKind::Delegation => "delegation",
        SpeakerKind::Organization => "organization",
    }
}

/// Reads `{limit?, section?, speaker?, record?}`: undefined or null (the whole
/// object or a field) means the default; unknown fields are ignored. Read with
/// `Reflect` rather than serde: serde's error messages would pull float formatting
/// (about 14 KB) into the wasm.
fn read_options(value: JsValue) -> Result<SearchOptions, JsValue> {
    let mut options = SearchOptions::default();
    if value.is_undefined() || value.is_null() {
        return Ok(options);
    }
    let bad = |detail: &str| -> JsValue {
        js_sys::TypeError::new(&format!(
            "Verbatim search options must be an object {{limit?: number, section?: string, speaker?: string, record?: string}}: {detail}"
        ))
        .into()
    };
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(bad("got a value that is not an object"));
    }
    let field = |name: &str| -> Result<Option<JsValue>, JsValue> {
        let v = js_sys::Reflect::get(&value, &JsValue::from_str(name))?;
        Ok((!v.is_undefined() && !v.is_null()).then_some(v))
    };
    if let Some(limit) = field("limit")? {
        let limit = limit.as_f64().ok_or_else(|| bad("limit is not a number"))?;
        // NaN, negative or fractional limits: clamp rather than fail.
        if limit.is_finite() {
            options.limit = limit.clamp(0.0, f64::from(u32::MAX)) as usize;
        }
    }
    // An empty string (an "all" choice in a <select>) means no filter.
    let text = |name: &str| -> Result<Option<String>, JsValue> {
        match field(name)? {
            None => Ok(None),
            Some(v) => v
                .as_string()
                .map(|s| (!s.is_empty()).then_some(s))
                .ok_or_else(|| bad(&format!("{name} is not a string"))),
        }
    };
    options.section = text("section")?;
    options.speaker = text("speaker")?;
    options.record = text("record")?;
    Ok(options)
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| js_sys::Error::new(&format!("Verbatim could not convert a result: {e}")).into())
}

/// UTF-16 code unit offset of a byte offset of `text` (a JS string index).
/// An offset inside a character counts that character; past the end gives the length.
fn utf16_offset(text: &str, byte: usize) -> u32 {
    let mut units = 0u32;
    for (i, c) in text.char_indices() {
        if i >= byte {
            break;
        }
        units = units.saturating_add(c.len_utf16() as u32);
    }
    units
}

fn utf16_ranges(text: &str, ranges: &[Range<usize>]) -> Vec<[u32; 2]> {
    ranges.iter().map(|r| [utf16_offset(text, r.start), utf16_offset(text, r.end)]).collect()
}

#[derive(Serialize)]
struct JsResults {
    query: String,
    total: usize,
    suggestion: Option<String>,
    warnings: Vec<String>,
    hits: Vec<JsHit>,
    facets: Facets,
}

#[derive(Serialize)]
struct JsHit {
    id: String,
    anchor: String,
    record: String,
    number: u32,
    section: Option<String>,
    speaker: Option<String>,
    speakers: Vec<String>,
    score: f32,
    highlights: Vec<[u32; 2]>,
    text: String,
    snippet: JsSnippet,
}

#[derive(Serialize)]
struct JsSnippet {
    highlights: Vec<[u32; 2]>,
    text: String,
}

impl From<Results> for JsResults {
    fn from(r: Results) -> JsResults {
        let hits = r
            .hits
            .into_iter()
            .map(|h| JsHit {
                highlights: utf16_ranges(&h.text, &h.highlights),
                snippet: JsSnippet {
                    highlights: utf16_ranges(&h.snippet.text, &h.snippet.highlights),
                    text: h.snippet.text,
                },
                id: h.id,
                anchor: h.anchor,
                record: h.record,
                number: h.number,
                section: h.section,
                speaker: h.speaker,
                speakers: h.speakers,
                score: h.score,
                text: h.text,
            })
            .collect();
        JsResults {
            query: r.query,
            total: r.total,
            suggestion: r.suggestion,
            warnings: r.warnings,
            hits,
            facets: r.facets,
        }
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Info<'a> {
    format_version: u8,
    passages: usize,
    records: Vec<RecordInfo<'a>>,
    sections: &'a [String],
    speakers: Vec<SpeakerInfo<'a>>,
}

#[derive(Serialize)]
struct RecordInfo<'a> {
    symbol: &'a str,
    title: &'a str,
    session: &'a str,
    meeting: &'a str,
    date: &'a str,
    url: &'a str,
    lang: &'a str,
}

#[derive(Serialize)]
struct SpeakerInfo<'a> {
    name: &'a str,
    kind: &'static str,
}
