//! Records → [`IndexData`], deterministically: every list is sorted or in input
//! order, never in hash order, so the same records give the same bytes.

use super::{Acronym, IndexData, PassageData, Posting, RecordMeta};
use crate::analysis::acronyms::find_definitions;
use crate::analysis::tokenize;
use crate::record::{Record, Speaker};
use crate::sort::sort;
use std::collections::BTreeSet;

/// Collects records, then builds the index data.
#[derive(Default)]
pub struct IndexBuilder {
    records: Vec<Record>,
}

impl IndexBuilder {
    pub fn new() -> IndexBuilder {
        IndexBuilder::default()
    }

    pub fn add(&mut self, record: Record) -> &mut IndexBuilder {
        self.records.push(record);
        self
    }

    pub fn build(&self) -> IndexData {
        let sections: Vec<String> = sorted_unique(self.passages().filter_map(|(_, p)| p.section.clone()));
        let speakers: Vec<Speaker> = sorted_unique(self.passages().flat_map(|(_, p)| p.speakers.iter().cloned()));

        let mut passages = Vec::new();
        for (record_no, record) in self.records.iter().enumerate() {
            for passage in &record.passages {
                let derived_id = format!("{}#p{}", record.symbol, passage.number);
                passages.push(PassageData {
                    record: record_no as u32,
                    number: passage.number,
                    id: (passage.id != derived_id).then(|| passage.id.clone()),
                    section: passage.section.as_ref().and_then(|s| index_of(&sections, s)),
                    speakers: passage.speakers.iter().filter_map(|s| index_of(&speakers, s)).collect(),
                    lang: passage.lang.or(record.lang),
                    length: 0,
                    text: passage.text.clone(),
                });
            }
        }
        let mut data = IndexData {
            records: self
                .records
                .iter()
                .map(|r| RecordMeta {
                    symbol: r.symbol.clone(),
                    title: r.title.clone(),
                    session: r.session.clone(),
                    meeting: r.meeting.clone(),
                    date: r.date.clone(),
                    url: r.url.clone(),
                    lang: r.lang,
                })
                .collect(),
            sections,
            speakers,
            passages,
            ..IndexData::default()
        };
        derive_dictionary(&mut data);
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(into) = data.translation_target() {
            data.translations = crate::analysis::lexicon::translations(&data.words, into);
        }
        data
    }

    fn passages(&self) -> impl Iterator<Item = (&Record, &crate::record::Passage)> {
        self.records.iter().flat_map(|r| r.passages.iter().map(move |p| (r, p)))
    }
}

/// Fills the dictionary, the postings, the acronyms and the passage lengths
/// from the passages' text, the headings and the speaker names. The builder
/// calls it, and so does the decoder for an index that leaves them out: both
/// get the same result because both run the same tokenizer.
pub(crate) fn derive_dictionary(data: &mut IndexData) {
    derive(data, true);
}

/// [`derive_dictionary`] without the acronyms: one archive record searched
/// alone needs no more, and the archive engine is spared their code.
pub(crate) fn derive_postings(data: &mut IndexData) {
    derive(data, false);
}

fn derive(data: &mut IndexData, with_acronyms: bool) {
    // Every (word, passage, position), sorted once, then grouped: flat lists
    // and one sort weigh far less wasm than nested maps.
    const NO_PASSAGE: u32 = u32::MAX;
    let mut occurrences: Vec<(String, u32, u32)> = Vec::new();
    let mut definitions: Vec<(String, Vec<String>)> = Vec::new();
    for (passage_no, passage) in data.passages.iter_mut().enumerate() {
        let tokens = tokenize(&passage.text);
        passage.length = tokens.iter().filter(|t| !t.alias).count() as u32;
        occurrences.extend(tokens.into_iter().map(|t| (t.word, passage_no as u32, t.position)));
        let definitions_here = if with_acronyms { find_definitions(&passage.text) } else { Vec::new() };
        for def in definitions_here {
            let acronym: Vec<String> = tokenize(&def.acronym).into_iter().map(|t| t.word).collect();
            let expansion: Vec<String> =
                tokenize(&def.expansion).into_iter().filter(|t| !t.alias).map(|t| t.word).collect();
            if let [acronym] = acronym.as_slice() {
                definitions.push((acronym.clone(), expansion));
            }
        }
    }
    // Words of headings, speaker names and long names are searchable too,
    // even where no passage body holds them.
    let field_words = data.sections.iter().map(String::as_str).chain(data.speakers.iter().map(|s| s.name.as_str()));
    for text in field_words {
        occurrences.extend(tokenize(text).into_iter().map(|t| (t.word, NO_PASSAGE, 0)));
    }
    for (acronym, expansion) in &definitions {
        occurrences.extend(std::iter::once(acronym).chain(expansion).map(|w| (w.clone(), NO_PASSAGE, 0)));
    }
    sort(&mut occurrences);
    occurrences.dedup();

    data.words.clear();
    data.postings.clear();
    for (word, passage, position) in occurrences {
        if data.words.last() != Some(&word) {
            data.words.push(word);
            data.postings.push(Vec::new());
        }
        let Some(postings) = data.postings.last_mut() else { continue };
        if passage == NO_PASSAGE {
            continue;
        }
        match postings.last_mut() {
            Some(last) if last.passage == passage => last.positions.push(position),
            _ => postings.push(Posting { passage, positions: vec![position] }),
        }
    }
    let words = &data.words;
    let word_id = |w: &String| words.binary_search(w).ok().map(|i| i as u32);
    let mut acronyms: Vec<Acronym> = definitions
        .iter()
        .filter_map(|(a, e)| Some(Acronym { acronym: word_id(a)?, expansion: e.iter().filter_map(word_id).collect() }))
        .collect();
    sort(&mut acronyms);
    acronyms.dedup();
    data.acronyms = acronyms;
}

fn sorted_unique<T: Ord>(items: impl Iterator<Item = T>) -> Vec<T> {
    items.collect::<BTreeSet<T>>().into_iter().collect()
}

fn index_of<T: Ord>(sorted: &[T], item: &T) -> Option<u32> {
    sorted.binary_search(item).ok().map(|i| i as u32)
}
