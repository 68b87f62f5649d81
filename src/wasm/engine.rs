//! `Engine`: one index file, loaded whole (the single-record widget).
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use super::{JsResults, SpeakerInfo, index_error, kind_name, read_options, to_js};
use crate::index::{FORMAT_VERSION, Index};
use serde::Serialize;
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
