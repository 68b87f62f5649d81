//! `Engine`: one index file, loaded whole (the single-record widget).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use super::json::{Object, ToJson, to_js};
use super::{JsResults, SpeakerInfo, index_error, read_options};
use crate::index::{FORMAT_VERSION, Index, RecordMeta};
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
        to_js(&JsResults(results))
    }

    /// What the index holds: format version, passage count, records, sections, speakers.
    pub fn info(&self) -> JsValue {
        to_js(&Info(&self.index)).unwrap_or(JsValue::NULL)
    }
}

struct Info<'a>(&'a Index);

impl ToJson for Info<'_> {
    fn write_json(&self, out: &mut String) {
        let data = &self.0.data;
        let speakers: Vec<SpeakerInfo> = data.speakers.iter().map(SpeakerInfo).collect();
        Object::new(out)
            .field("formatVersion", &FORMAT_VERSION)
            .field("passages", &data.passages.len())
            .field("records", &data.records.iter().map(RecordInfo).collect::<Vec<_>>())
            .field("sections", &data.sections)
            .field("speakers", &speakers)
            .end();
    }
}

struct RecordInfo<'a>(&'a RecordMeta);

impl ToJson for RecordInfo<'_> {
    fn write_json(&self, out: &mut String) {
        let r = self.0;
        Object::new(out)
            .field("symbol", &r.symbol)
            .field("title", &r.title)
            .field("session", &r.session)
            .field("meeting", &r.meeting)
            .field("date", &r.date)
            .field("url", &r.url)
            .field("lang", r.lang.map_or("", |l| l.code()))
            .end();
    }
}
