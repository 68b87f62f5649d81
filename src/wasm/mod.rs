//! The browser boundary: `Engine` (one index file: `new Engine(bytes)`,
//! `engine.search(query, options)`, `engine.info()`) or, built with the `archive`
//! feature, `Archive` (a sharded archive: `search` answers or names the files it
//! needs, `add` takes them). No search logic here: it converts options in,
//! results out (byte ranges → UTF-16 offsets, plain objects) and decode errors
//! into a `VerbatimIndexError`. Nothing here may panic.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use crate::index::DecodeError;
use crate::record::SpeakerKind;
use crate::search::{Facets, Results, SearchOptions};
use serde::Serialize;
use std::ops::Range;
use wasm_bindgen::prelude::*;

#[cfg(feature = "archive")]
mod archive;
#[cfg(not(feature = "archive"))]
mod engine;
#[cfg(feature = "archive")]
pub use archive::Archive;
#[cfg(not(feature = "archive"))]
pub use engine::Engine;

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

/// Reads `{limit?, section?, speaker?, record?, year?, lang?}` (an archive also reads `text?`): undefined or null (the whole
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
            "Verbatim search options must be an object {{limit?: number, section?: string, speaker?: string, record?: string, year?: string, lang?: string}}: {detail}"
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
    if let Some(limit) = read_count(&value, "limit")? {
        options.limit = limit;
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
    options.year = text("year")?;
    options.lang = text("lang")?;
    Ok(options)
}

/// A count field of the options object (`limit`, `text`): absent → None; NaN,
/// negative or fractional counts are clamped rather than refused.
fn read_count(options: &JsValue, name: &str) -> Result<Option<usize>, JsValue> {
    if !options.is_object() {
        return Ok(None);
    }
    let v = js_sys::Reflect::get(options, &JsValue::from_str(name))?;
    if v.is_undefined() || v.is_null() {
        return Ok(None);
    }
    let n = v.as_f64().ok_or_else(|| -> JsValue {
        js_sys::TypeError::new(&format!("Verbatim search options: {name} must be a number")).into()
    })?;
    Ok(n.is_finite().then(|| n.clamp(0.0, f64::from(u32::MAX)) as usize))
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
    title: String,
    date: String,
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
                title: h.title,
                date: h.date,
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
struct SpeakerInfo<'a> {
    name: &'a str,
    kind: &'static str,
}
