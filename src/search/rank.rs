//! Scoring one clause over the passages: BM25 on the body, phrase matches on
//! positions, and bonuses when the word names the speaker or the section.

use crate::hash::HashMap;
use crate::index::{Index, WordId};

/// A phrase slot that any word fills (see [`Scorer::phrase`]).
pub const ANY_WORD: WordId = WordId::MAX;

/// BM25 parameters: the usual values.
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// A word in the speaker's name counts like this many body occurrences' worth of score.
pub const SPEAKER_WEIGHT: f32 = 0.9;
/// A word in the section heading.
pub const SECTION_WEIGHT: f32 = 0.35;

/// How one clause matches one passage.
#[derive(Clone, Debug, Default)]
pub struct Match {
    pub score: f32,
    /// (position, word) of each matched occurrence, for proximity and highlights.
    pub hits: Vec<(u32, WordId)>,
}

/// A clause's matches, by passage.
pub type Matches = HashMap<u32, Match>;

pub struct Scorer<'a> {
    pub index: &'a Index,
    passages: f32,
}

impl<'a> Scorer<'a> {
    pub fn new(index: &'a Index) -> Scorer<'a> {
        Scorer { index, passages: index.passage_total() as f32 }
    }

    /// Rarer is worth more; never negative.
    pub fn idf(&self, df: usize) -> f32 {
        let df = df.max(1) as f32;
        (1.0 + (self.passages - df + 0.5) / (df + 0.5)).ln().max(0.01)
    }

    fn tf_norm(&self, tf: f32, passage: u32) -> f32 {
        let len = self.index.data.passages.get(passage as usize).map_or(1, |p| p.length) as f32;
        tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * len / self.index.average_length))
    }

    /// One term: its core forms scored together (their weighted frequencies
    /// add up), each extra form (completion, typo) on its own; the best wins.
    pub fn words(&self, core: &[(WordId, f32)], extra: &[(WordId, f32)]) -> (Matches, f32) {
        // First the weighted term frequency in `score`, then BM25 once the pooled document frequency is known.
        let mut matches = Matches::default();
        for &(id, weight) in core {
            for posting in self.postings(id) {
                let m = matches.entry(posting.passage).or_default();
                m.score += weight * posting.positions.len() as f32;
                m.hits.extend(posting.positions.iter().map(|&p| (p, id)));
            }
        }
        let core_idf = self.idf(self.index.pooled_doc_freq(core.iter().map(|&(id, _)| id), matches.len()));
        for (&passage, m) in matches.iter_mut() {
            m.score = core_idf * self.tf_norm(m.score, passage);
        }
        let mut best_idf = if core.is_empty() { 0.0 } else { core_idf };
        for &(id, weight) in extra {
            let postings = self.postings(id);
            let idf = self.idf(self.index.doc_freq(id).max(postings.len()));
            best_idf = f32::max(best_idf, idf * weight);
            for posting in postings {
                let score = weight * idf * self.tf_norm(posting.positions.len() as f32, posting.passage);
                let hits = posting.positions.iter().map(|&p| (p, id)).collect();
                keep_best(&mut matches, posting.passage, Match { score, hits });
            }
        }
        (matches, best_idf)
    }

    /// Words that must stand side by side, each slot matching any of its forms.
    /// A slot holding [`ANY_WORD`] matches whatever stands there.
    pub fn phrase(&self, slots: &[Vec<(WordId, f32)>], weight: f32) -> Matches {
        let wild = |slot: usize| slots.get(slot).is_some_and(|forms| forms.iter().any(|&(id, _)| id == ANY_WORD));
        let Some(anchor) = (0..slots.len()).find(|&slot| !wild(slot)) else {
            return Matches::default();
        };
        let fixed = (0..slots.len()).filter(|&slot| !wild(slot)).count();
        // (passage, position, slot, word) of every occurrence of a slot's forms, sorted.
        let mut occurrences: Vec<(u32, u32, usize, WordId)> = Vec::new();
        for (slot, forms) in slots.iter().enumerate() {
            for &(id, _) in forms {
                for posting in self.postings(id) {
                    occurrences.extend(posting.positions.iter().map(|&p| (posting.passage, p, slot, id)));
                }
            }
        }
        crate::sort::sort(&mut occurrences);
        // (passage, its best occurrence's form weight, the words matched and where).
        let mut found: Vec<(u32, f32, Hits)> = Vec::new();
        for group in occurrences.chunk_by(|a, b| a.0 == b.0) {
            let word_at = |pos: u32, slot: usize| {
                let i = group.binary_search_by(|&(_, p, s, _)| (p, s).cmp(&(pos, slot))).ok()?;
                group.get(i).map(|&(_, _, _, id)| (pos, id))
            };
            let mut starts: Vec<u32> =
                group.iter().filter(|o| o.2 == anchor).filter_map(|o| o.1.checked_sub(anchor as u32)).collect();
            starts.dedup();
            let mut hits = Vec::new();
            // The best occurrence's forms weigh on the passage: "tables rondes" as
            // typed ranks above « table ronde ».
            let mut best_forms = 0.0f32;
            for start in starts {
                let words: Option<Vec<(u32, WordId)>> = (0..slots.len())
                    .filter(|&slot| !wild(slot))
                    .map(|slot| word_at(start + slot as u32, slot))
                    .collect();
                if let Some(words) = words {
                    let forms = (0..slots.len()).filter(|&slot| !wild(slot)).zip(&words);
                    best_forms = best_forms.max(forms.map(|(slot, &(_, id))| form_weight(slots, slot, id)).product());
                    hits.extend(words);
                }
            }
            if let (Some(first), false) = (group.first(), hits.is_empty()) {
                found.push((first.0, best_forms, hits));
            }
        }
        let idf = self.idf(found.len());
        found
            .into_iter()
            .map(|(passage, forms, hits)| {
                let occurrences = hits.len() as f32 / fixed as f32;
                (passage, Match { score: weight * forms * idf * self.tf_norm(occurrences, passage), hits })
            })
            .collect()
    }

    /// Adds a bonus to the passages whose speaker or section names one of the words.
    pub fn field_bonus(&self, matches: &mut Matches, words: &[(WordId, f32)], idf: f32) {
        let fields = [
            (&self.index.speaker_words, &self.index.speaker_passages, SPEAKER_WEIGHT),
            (&self.index.section_words, &self.index.section_passages, SECTION_WEIGHT),
        ];
        for (field_words, field_passages, field_weight) in fields {
            for (value, value_words) in field_words.iter().enumerate() {
                let best = words.iter().filter(|(id, _)| value_words.contains(id)).map(|&(_, w)| w).reduce(f32::max);
                let Some(weight) = best else { continue };
                for &passage in field_passages.get(value).map_or(&[][..], Vec::as_slice) {
                    matches.entry(passage).or_default().score += field_weight * weight * idf;
                }
            }
        }
    }

    fn postings(&self, id: WordId) -> &'a [crate::index::Posting] {
        self.index.data.postings.get(id as usize).map_or(&[], Vec::as_slice)
    }
}

/// Keeps the better of two matches of the same clause in a passage.
pub fn keep_best(matches: &mut Matches, passage: u32, candidate: Match) {
    match matches.get_mut(&passage) {
        Some(existing) if existing.score >= candidate.score => {}
        Some(existing) => *existing = candidate,
        None => {
            matches.insert(passage, candidate);
        }
    }
}

/// Merges another way of matching the same clause, keeping the best per passage.
pub fn merge_best(into: &mut Matches, other: Matches) {
    for (passage, m) in other {
        keep_best(into, passage, m);
    }
}

/// Words matched in a passage, with their positions.
type Hits = Vec<(u32, WordId)>;

/// The weight of a word among a phrase slot's forms (1 when not listed).
fn form_weight(slots: &[Vec<(WordId, f32)>], slot: usize, id: WordId) -> f32 {
    slots.get(slot).and_then(|forms| forms.iter().find(|&&(form, _)| form == id)).map_or(1.0, |&(_, w)| w)
}
