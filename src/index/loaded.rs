//! [`Index`]: decoded data plus the lookup tables that search needs, derived
//! at load time so the file stays small (folded forms, field words), and stem
//! groups derived the first time a query needs them.

use super::{DecodeError, IndexData, decode};
use crate::analysis::{Lang, fold, speaker_alias_key, stem_key, synonym_key, tokenize, translation_keys};
use crate::hash::HashMap;
use crate::sort::{sort, sort_by};
use std::cell::OnceCell;

/// Position of a word in the dictionary.
pub type WordId = u32;

/// Stem key → the words that share it.
type StemGroups = HashMap<String, Vec<WordId>>;

/// A loaded index, ready to answer queries.
pub struct Index {
    pub data: IndexData,
    /// Folded form of each word (no case, no accents).
    folded: Vec<String>,
    /// Word ids sorted by folded form: fold groups and prefixes are ranges of it.
    by_fold: Vec<WordId>,
    /// Stem key → the words that share it, one map per first letter of the
    /// folded words, each filled the first time a query needs it: a stem keeps
    /// its word's first letter (tests/stemmers.rs checks it), so loading the
    /// index stems no word, and a query stems only the words beginning like it.
    stem_groups: Vec<(char, OnceCell<StemGroups>)>,
    /// Languages present, for stemming queries.
    langs: Vec<Lang>,
    /// The language of the words the translations are keyed by: English for a
    /// French record, French for an English one.
    translation_source: Lang,
    /// Words of each speaker's name and of each section heading.
    pub(crate) speaker_words: Vec<Vec<WordId>>,
    pub(crate) section_words: Vec<Vec<WordId>>,
    /// Passages of each speaker and of each section.
    pub(crate) speaker_passages: Vec<Vec<u32>>,
    pub(crate) section_passages: Vec<Vec<u32>>,
    /// Words that occur in a speaker name or a heading.
    field_word: Vec<bool>,
    /// Mean passage length in positions.
    pub(crate) average_length: f32,
    /// Set when `data` is a part of a larger corpus (an archive query's shards).
    stats: Option<CorpusStats>,
}

/// Corpus-wide figures for an index that holds only part of its corpus: BM25
/// must weigh words by the whole archive, not by the shards at hand.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CorpusStats {
    /// Passages in the whole corpus.
    pub passages: u32,
    /// Mean passage length over the whole corpus.
    pub average_length: f32,
    /// Passages that contain each word of `data.words` in the whole corpus.
    pub doc_freq: Vec<u32>,
}

impl Index {
    /// Decodes index bytes and prepares them for search.
    pub fn from_bytes(bytes: &[u8]) -> Result<Index, DecodeError> {
        decode(bytes).map(Index::new)
    }

    /// An index over part of a corpus, scored with the whole corpus's figures.
    pub fn with_stats(data: IndexData, stats: CorpusStats) -> Index {
        let mut index = Index::new(data);
        index.average_length = stats.average_length.max(1.0);
        index.stats = Some(stats);
        index
    }

    pub fn new(data: IndexData) -> Index {
        let folded: Vec<String> = data.words.iter().map(|w| fold(w)).collect();
        let mut by_fold: Vec<WordId> = (0..data.words.len() as WordId).collect();
        sort_by(&mut by_fold, |&a, &b| (&folded[a as usize], a) < (&folded[b as usize], b));

        let mut langs: Vec<Lang> =
            data.records.iter().filter_map(|r| r.lang).chain(data.passages.iter().filter_map(|p| p.lang)).collect();
        sort(&mut langs);
        langs.dedup();
        if langs.is_empty() {
            langs.push(Lang::French);
        }

        let mut first_letters: Vec<char> =
            by_fold.iter().filter_map(|&id| folded[id as usize].chars().next()).collect();
        first_letters.dedup();
        let stem_groups = first_letters.into_iter().map(|c| (c, OnceCell::new())).collect();

        let translation_source = data.translation_target().unwrap_or(Lang::French).other();
        let total: u64 = data.passages.iter().map(|p| u64::from(p.length)).sum();
        let average_length =
            if data.passages.is_empty() { 1.0 } else { (total as f32 / data.passages.len() as f32).max(1.0) };
        let mut index = Index {
            data,
            folded,
            by_fold,
            stem_groups,
            langs,
            translation_source,
            speaker_words: Vec::new(),
            section_words: Vec::new(),
            speaker_passages: Vec::new(),
            section_passages: Vec::new(),
            field_word: Vec::new(),
            average_length,
            stats: None,
        };
        index.speaker_words = index.data.speakers.iter().map(|s| index.words_of(&s.name)).collect();
        index.section_words = index.data.sections.iter().map(|s| index.words_of(s)).collect();
        index.speaker_passages = vec![Vec::new(); index.data.speakers.len()];
        index.section_passages = vec![Vec::new(); index.data.sections.len()];
        for (p, passage) in index.data.passages.iter().enumerate() {
            for &s in &passage.speakers {
                if let Some(list) = index.speaker_passages.get_mut(s as usize) {
                    list.push(p as u32);
                }
            }
            if let Some(list) = passage.section.and_then(|s| index.section_passages.get_mut(s as usize)) {
                list.push(p as u32);
            }
        }
        index.field_word = vec![false; index.data.words.len()];
        for &id in index.speaker_words.iter().chain(&index.section_words).flatten() {
            if let Some(flag) = index.field_word.get_mut(id as usize) {
                *flag = true;
            }
        }
        index
    }

    /// The id of a word exactly as the dictionary stores it (lowercase, accents kept).
    pub fn word_id(&self, word: &str) -> Option<WordId> {
        self.data.words.binary_search_by(|w| w.as_str().cmp(word)).ok().map(|i| i as WordId)
    }

    pub fn word(&self, id: WordId) -> &str {
        self.data.words.get(id as usize).map_or("", String::as_str)
    }

    pub fn folded(&self, id: WordId) -> &str {
        self.folded.get(id as usize).map_or("", String::as_str)
    }

    /// Number of passages that contain the word (in the whole corpus).
    pub fn doc_freq(&self, id: WordId) -> usize {
        match &self.stats {
            Some(stats) => stats.doc_freq.get(id as usize).map_or(0, |&n| n as usize),
            None => self.data.postings.get(id as usize).map_or(0, Vec::len),
        }
    }

    /// True when this index holds only part of its corpus (an archive query's shards).
    pub fn is_partial(&self) -> bool {
        self.stats.is_some()
    }

    /// Passages in the whole corpus.
    pub fn passage_total(&self) -> usize {
        self.stats.as_ref().map_or(self.data.passages.len(), |s| s.passages as usize)
    }

    /// How many passages hold any of several words, `matched` of them found here:
    /// exact on a whole index, estimated from the corpus-wide counts on a part.
    pub fn pooled_doc_freq(&self, ids: impl Iterator<Item = WordId>, matched: usize) -> usize {
        match &self.stats {
            None => matched,
            Some(stats) => ids.map(|id| self.doc_freq(id)).sum::<usize>().min(stats.passages as usize).max(matched),
        }
    }

    /// Words whose folded form equals `folded`.
    pub fn fold_group(&self, folded: &str) -> &[WordId] {
        let lo = self.by_fold.partition_point(|&id| self.folded(id) < folded);
        let hi = self.by_fold.partition_point(|&id| self.folded(id) <= folded);
        self.by_fold.get(lo..hi).unwrap_or_default()
    }

    /// Words whose folded form starts with `prefix`.
    pub fn prefix_range(&self, prefix: &str) -> &[WordId] {
        let lo = self.by_fold.partition_point(|&id| self.folded(id) < prefix);
        let hi =
            lo + self.by_fold.get(lo..).unwrap_or_default().partition_point(|&id| self.folded(id).starts_with(prefix));
        self.by_fold.get(lo..hi).unwrap_or_default()
    }

    /// Words that begin with `word`'s stem, when the stem keeps five letters or
    /// more: derivations that stem apart (« mendicité », stem « mendic », for
    /// « mendiants », stem « mendi »).
    pub fn stem_prefixed(&self, word: &str) -> Vec<WordId> {
        let mut ids: Vec<WordId> = Vec::new();
        for key in stem_keys(&self.langs, word).iter().filter(|k| k.chars().count() >= MIN_STEM_PREFIX) {
            ids.extend(self.prefix_range(key).iter().copied().filter(|&id| self.doc_freq(id) > 0));
        }
        sort(&mut ids);
        ids.dedup();
        ids
    }

    /// Words that share a stem with `word` (in any language of the index).
    pub fn stem_group(&self, word: &str) -> Vec<WordId> {
        let mut ids: Vec<WordId> = Vec::new();
        for key in stem_keys(&self.langs, word) {
            let Some(first) = key.chars().next() else { continue };
            let Ok(i) = self.stem_groups.binary_search_by(|(c, _)| c.cmp(&first)) else { continue };
            let Some((_, groups)) = self.stem_groups.get(i) else { continue };
            let groups = groups.get_or_init(|| {
                let mut groups = StemGroups::default();
                for &id in self.prefix_range(first.encode_utf8(&mut [0; 4])) {
                    for key in stem_keys(&self.langs, self.word(id)) {
                        groups.entry(key).or_default().push(id);
                    }
                }
                groups
            });
            ids.extend(groups.get(&key).into_iter().flatten());
        }
        sort(&mut ids);
        ids.dedup();
        ids
    }

    /// The language a query is translated from (see [`Index::translations`]).
    pub fn translation_source(&self) -> Lang {
        self.translation_source
    }

    /// The words that translate a word of the other language: an English word
    /// on a French record, a French word on an English one (see `analysis::lexicon`).
    pub fn translations(&self, word: &str) -> &[WordId] {
        let all = &self.data.translations;
        if all.is_empty() {
            return &[];
        }
        let keys = translation_keys(self.translation_source, word);
        // The first key filed wins, even with no words: a form's own key keeps it from its stem's.
        keys.iter().find_map(|key| self.filed_under(key)).unwrap_or_default()
    }

    /// The index's words that say otherwise a word of its own language that it
    /// lacks (« actrice » → « star », « cinéma »; see `analysis::lexicon`).
    pub fn synonyms(&self, word: &str) -> &[WordId] {
        self.filed_under(&synonym_key(self.translation_source.other(), word)).unwrap_or_default()
    }

    /// The words of the delegation a nationality adjective names as a speaker
    /// ("french" → « France »; see `analysis::speaker_alias_key`).
    pub fn speaker_aliases(&self, word: &str) -> &[WordId] {
        self.filed_under(&speaker_alias_key(&fold(word))).unwrap_or_default()
    }

    /// The words of the translations table filed under one key, if the key is filed.
    fn filed_under(&self, key: &str) -> Option<&[WordId]> {
        let all = &self.data.translations;
        all.binary_search_by(|t| t.key.as_str().cmp(key)).ok().and_then(|i| all.get(i)).map(|t| t.words.as_slice())
    }

    /// True when the word occurs in a speaker name or a heading.
    pub fn is_field_word(&self, id: WordId) -> bool {
        self.field_word.get(id as usize).copied().unwrap_or(false)
    }

    /// All word ids, in folded order (for fuzzy scans).
    pub fn words_by_fold(&self) -> &[WordId] {
        &self.by_fold
    }

    /// Dictionary ids of the words of a short text (a speaker name, a heading).
    fn words_of(&self, text: &str) -> Vec<WordId> {
        tokenize(text).iter().filter_map(|t| self.word_id(&t.word)).collect()
    }
}

/// A shorter stem begins too many unrelated words (« trait » for « traite »).
const MIN_STEM_PREFIX: usize = 5;

/// The keys under which a word meets its inflections: its stem, and the stem
/// of its folded form (a query typed without accents stems differently).
fn stem_keys(langs: &[Lang], word: &str) -> Vec<String> {
    let folded = fold(word);
    let mut keys: Vec<String> = Vec::with_capacity(2 * langs.len());
    for &lang in langs {
        keys.push(stem_key(lang, word));
        // Most words have no accent: their folded form stems the same way.
        if folded != word {
            keys.push(stem_key(lang, &folded));
        }
    }
    sort(&mut keys);
    keys.dedup();
    keys
}
