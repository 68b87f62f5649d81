//! The index: [`IndexBuilder`] (records → [`IndexData`]), the codec (IndexData ↔
//! bytes, see FORMAT.md) and [`Index`], the loaded form that search reads.

mod builder;
mod codec;
mod loaded;

use crate::analysis::Lang;
use crate::record::Speaker;

pub use builder::IndexBuilder;
pub(crate) use builder::{derive_dictionary, derive_postings};
pub use codec::{DecodeError, FORMAT_VERSION, MAGIC, OLDEST_FORMAT_VERSION, crc32, decode, encode};
pub(crate) use codec::{Reader, Writer};
pub use loaded::{CorpusStats, Index, WordId};

/// Everything the index file holds, as plain data. Encoding it twice gives the
/// same bytes; all lists are in a canonical order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct IndexData {
    /// Whether the file stores the dictionary and postings or leaves them to be derived.
    pub layout: Layout,
    pub records: Vec<RecordMeta>,
    /// Section headings, sorted.
    pub sections: Vec<String>,
    /// Speakers, sorted.
    pub speakers: Vec<Speaker>,
    pub passages: Vec<PassageData>,
    /// The dictionary: every distinct word, lowercase with accents, sorted by bytes.
    pub words: Vec<String>,
    /// Postings of each word, parallel to `words`, by passage.
    pub postings: Vec<Vec<Posting>>,
    /// Acronyms learned from "Long Name (ACR)", sorted.
    pub acronyms: Vec<Acronym>,
    /// Words of the other language (English for a French record, French for an
    /// English one) → the dictionary words that translate them, sorted by key.
    pub translations: Vec<Translation>,
}

impl IndexData {
    /// The language the translations lead into, from the passages' languages ([`Lang::translation_target`]).
    pub fn translation_target(&self) -> Option<Lang> {
        Lang::translation_target(self.passages.iter().filter_map(|p| p.lang))
    }
}

/// What an index file stores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Layout {
    /// Dictionary, postings and acronyms are in the file: nothing to redo at load.
    #[default]
    Stored,
    /// Only the passages and their metadata: the dictionary, postings and
    /// acronyms are rebuilt from the text at load time. About half the bytes
    /// for a single record, whose text must travel anyway.
    Derived,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordMeta {
    pub symbol: String,
    pub title: String,
    pub session: String,
    pub meeting: String,
    pub date: String,
    pub url: String,
    pub lang: Option<Lang>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PassageData {
    /// Index into `records`.
    pub record: u32,
    /// Paragraph number in its record, from 1.
    pub number: u32,
    /// Set when the id is not the derived "{symbol}#p{number}".
    pub id: Option<String>,
    /// Index into `sections`.
    pub section: Option<u32>,
    /// Indexes into `speakers`, main speaker first.
    pub speakers: Vec<u32>,
    pub lang: Option<Lang>,
    /// Number of word positions (for BM25 length normalization).
    pub length: u32,
    pub text: String,
}

/// Where one word occurs in one passage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Posting {
    pub passage: u32,
    /// Word positions, strictly increasing.
    pub positions: Vec<u32>,
}

/// "children" → « enfants », « enfant »: an English query on a French record
/// (« désarmement » → "disarmament": a French query on an English one).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Translation {
    /// The stem key of the words it translates, in their language (`stem_key(English, …)` on a French record).
    pub key: String,
    /// Word ids of the translations and their inflections, ascending.
    pub words: Vec<u32>,
}

/// "ONUDC" ↔ "Office des Nations Unies contre la drogue et le crime".
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Acronym {
    /// Word id of the acronym.
    pub acronym: u32,
    /// Word ids of the long name, in order.
    pub expansion: Vec<u32>,
}
