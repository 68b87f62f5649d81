//! `Archive`: a sharded archive, read shard by shard as queries need them.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use super::json::{Object, ToJson, to_js};
use super::{JsResults, SpeakerInfo, index_error, read_count, read_options};
use crate::archive as sharded;
use wasm_bindgen::prelude::*;

/// An archive (a manifest and shards fetched on demand), ready to answer queries.
#[wasm_bindgen]
pub struct Archive {
    archive: sharded::Archive,
}

#[wasm_bindgen]
impl Archive {
    /// Decodes the manifest; throws a `VerbatimIndexError` (with `kind`) when it is unusable.
    #[wasm_bindgen(constructor)]
    pub fn new(manifest: &[u8]) -> Result<Archive, JsValue> {
        sharded::Archive::new(manifest).map(|archive| Archive { archive }).map_err(|e| index_error(&e))
    }

    /// `{need: [paths]}` when files must be fetched first (paths relative to the
    /// manifest), else `{need, results}` with results shaped as `Engine.search`'s,
    /// to show now. With `options.text = n`, only the best n hits need their text
    /// first: `need` then names the text of the others (their `text` is empty);
    /// fetch it, `add` it and search again for them. `need` empty: complete.
    pub fn search(&mut self, query: &str, options: JsValue) -> Result<JsValue, JsValue> {
        let with_text = read_count(&options, "text")?;
        let options = read_options(options)?;
        match self.archive.search_showing(query, &options, with_text.unwrap_or(usize::MAX)) {
            sharded::Step::Need(need) => to_js(&ArchiveStep { need, results: None }),
            sharded::Step::Partial(results, need) => to_js(&ArchiveStep { need, results: Some(JsResults(results)) }),
            sharded::Step::Done(results) => to_js(&ArchiveStep { need: Vec::new(), results: Some(JsResults(results)) }),
        }
    }

    /// Takes a fetched file; throws a `VerbatimIndexError` when its bytes are damaged.
    pub fn add(&mut self, path: &str, bytes: &[u8]) -> Result<(), JsValue> {
        self.archive.add(path, bytes).map_err(|e| index_error(&e))
    }

    /// What the archive holds: format version, passage and record counts, years, languages, speakers, sections.
    pub fn info(&self) -> JsValue {
        to_js(&Info(self.archive.manifest())).unwrap_or(JsValue::NULL)
    }
}

struct Info<'a>(&'a sharded::Manifest);

impl ToJson for Info<'_> {
    fn write_json(&self, out: &mut String) {
        let m = self.0;
        let mut years: Vec<u16> = m.records.iter().map(|r| r.year).filter(|&y| y > 0).collect();
        crate::sort::sort(&mut years);
        years.dedup();
        let mut languages: Vec<&str> = m.records.iter().filter_map(|r| r.lang).map(|l| l.code()).collect();
        crate::sort::sort(&mut languages);
        languages.dedup();
        let speakers: Vec<SpeakerInfo> = m.speakers.iter().map(SpeakerInfo).collect();
        Object::new(out)
            .field("formatVersion", &sharded::ARCHIVE_VERSION)
            .field("passages", &m.passages)
            .field("records", &m.records.len())
            .field("years", &years)
            .field("languages", &languages)
            .field("sections", &m.sections)
            .field("speakers", &speakers)
            .end();
    }
}

/// `{need, results?}`: no `results` while files are missing.
struct ArchiveStep {
    need: Vec<String>,
    results: Option<JsResults>,
}

impl ToJson for ArchiveStep {
    fn write_json(&self, out: &mut String) {
        let object = Object::new(out).field("need", &self.need);
        match &self.results {
            Some(results) => object.field("results", results).end(),
            None => object.end(),
        }
    }
}
