//! The browser boundary: `Engine` (one index file: `new Engine(bytes)`,
//! `engine.search(query, options)`, `engine.info()`) or, built with the `archive`
//! feature, `Archive` (a sharded archive: `search` answers or names the files it
//! needs, `add` takes them). No search logic here: it converts options in,
//! results out (byte ranges → UTF-16 offsets, plain objects parsed from JSON) and decode errors
//! into a `VerbatimIndexError`. Nothing here may panic.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use crate::index::DecodeError;
use crate::record::{Speaker, SpeakerKind};
use crate::search::{FacetCount, Facets, Hit, Results, SearchOptions, Snippet};
use json::{Object, ToJson};
use std::ops::Range;
use wasm_bindgen::prelude::*;

// Talc instead of the standard dlmalloc: smaller wasm and faster allocation.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(feature = "archive")]
mod archive;
#[cfg(not(feature = "archive"))]
mod engine;
mod json;
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

/// The results as JS sees them: highlights as UTF-16 offsets of the text (JS string indexes).
struct JsResults(Results);

impl ToJson for JsResults {
    fn write_json(&self, out: &mut String) {
        let r = &self.0;
        Object::new(out)
            .field("query", &r.query)
            .field("total", &r.total)
            .field("suggestion", &r.suggestion)
            .field("warnings", &r.warnings)
            .field("hits", &r.hits)
            .field("facets", &r.facets)
            .end();
    }
}

impl ToJson for Hit {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("id", &self.id)
            .field("anchor", &self.anchor)
            .field("record", &self.record)
            .field("title", &self.title)
            .field("date", &self.date)
            .field("number", &self.number)
            .field("section", &self.section)
            .field("speaker", &self.speaker)
            .field("speakers", &self.speakers)
            .field("score", &self.score)
            .field("highlights", &utf16_ranges(&self.text, &self.highlights))
            .field("text", &self.text)
            .field("snippet", &JsSnippet(&self.snippet))
            .end();
    }
}

struct JsSnippet<'a>(&'a Snippet);

impl ToJson for JsSnippet<'_> {
    fn write_json(&self, out: &mut String) {
        let s = self.0;
        Object::new(out).field("highlights", &utf16_ranges(&s.text, &s.highlights)).field("text", &s.text).end();
    }
}

impl ToJson for Facets {
    fn write_json(&self, out: &mut String) {
        Object::new(out)
            .field("records", &self.records)
            .field("sections", &self.sections)
            .field("speakers", &self.speakers)
            .field("years", &self.years)
            .field("languages", &self.languages)
            .end();
    }
}

impl ToJson for FacetCount {
    fn write_json(&self, out: &mut String) {
        Object::new(out).field("value", &self.value).field("count", &self.count).end();
    }
}

/// A speaker in `info()`: `{name, kind}`.
struct SpeakerInfo<'a>(&'a Speaker);

impl ToJson for SpeakerInfo<'_> {
    fn write_json(&self, out: &mut String) {
        let kind = match self.0.kind {
            SpeakerKind::Person => "person",
            SpeakerKind::Delegation => "delegation",
            SpeakerKind::Organization => "organization",
        };
        Object::new(out).field("name", &self.0.name).field("kind", kind).end();
    }
}
