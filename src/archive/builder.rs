//! Records → archive files, one record at a time: postings are kept as
//! compact bytes per word, so the 212 MB General Debate corpus builds in a
//! few hundred megabytes. Deterministic: the same records give the same files.

use super::format::{
    BlockPassage, Manifest, RecordSummary, ShardKind, ShardPassage, ShardWord, TermShard, TextBlock, TypoKey,
    encode_keys, encode_manifest, encode_records, encode_terms, encode_text,
};
use super::{
    FILTER_TIER, MANIFEST_FILE, PHRASE_BUCKET_BYTES, PHRASE_MAX_GAP, TERM_CHUNK_BYTES, TERM_CHUNK_MAX_BYTES,
    TEXT_BLOCK_BYTES, TIER, TYPO_BUCKET_BYTES, TYPO_BUCKET_MAX_BYTES, TYPO_TIER, phrase_hash, phrase_pair, shard_path,
    shared_letters,
};
use crate::analysis::{fold, is_any_stopword, tokenize};
use crate::index::{RecordMeta, crc32};
use crate::record::{Record, Speaker};
use crate::sort::{sort, sort_by, sort_by_key};
use std::collections::{BTreeMap, HashMap};

/// Closes a passage in `ArchiveBuilder::sequence`.
const END: u32 = u32::MAX;
/// Word pairs rarer than this are left to the words' own postings.
const PHRASE_MIN_PASSAGES: u32 = 3;
/// Counters for the phrase pairs (one byte each): enough that few pairs seen
/// once share one with pairs seen twice more, on the General Debate corpus.
const PAIR_COUNTERS: usize = 1 << 24;
/// Words shorter than this (in letters) are never typo targets.
const TYPO_MIN_CHARS: usize = 4;
/// Words up to this long (in letters) are also filed for a swap before their last three letters.
const TYPO_SWAP_MAX_CHARS: usize = 7;
/// A term chunk's halo: at most this many words on each side of it…
const HALO_WORDS: usize = 32;
/// …that begin with the same letters as its first or last word.
const HALO_BEGINNING: usize = 3;
/// Query lengths a typo bucket answers reach this far beyond its own words' lengths.
const TYPO_LENGTH_REACH: usize = 2;

/// Collects records, then writes the archive's files.
#[derive(Default)]
pub struct ArchiveBuilder {
    records: Vec<RecordMeta>,
    summaries: Vec<RecordSummary>,
    sections: Vec<String>,
    section_ids: HashMap<String, u32>,
    speakers: Vec<Speaker>,
    speaker_ids: HashMap<Speaker, u32>,
    word_ids: HashMap<String, u32>,
    words: Vec<String>,
    postings: Vec<Postings>,
    /// Every passage's word ids by position, each passage closed by `END`: phrases are indexed from it.
    sequence: Vec<u32>,
    passages: Vec<PassageInfo>,
    texts: Vec<BlockPassage>,
    total_length: u64,
    text_bytes: u64,
    /// Set by `finish`: passage ids are `record << record_bits | index`.
    record_bits: u8,
    /// Set by `finish`: the other language's stem keys → the dictionary words
    /// that translate them, sorted by key (see `analysis::lexicon`).
    translations: Vec<(String, Vec<String>)>,
    /// Set by `finish`: the sub-archives that hold each word of the translations, sorted.
    holders: HashMap<String, Vec<Filter>>,
}

/// More records and passages than 32-bit passage ids can number.
#[derive(Debug)]
pub struct ArchiveTooLarge {
    pub records: usize,
    pub longest: u32,
}

impl std::fmt::Display for ArchiveTooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} records, the longest with {} passages, do not fit in 32-bit passage ids; split the archive in two",
            self.records, self.longest
        )
    }
}

impl std::error::Error for ArchiveTooLarge {}

/// One word's postings so far: (passage delta, position count, position deltas) as varints.
#[derive(Default)]
struct Postings {
    bytes: Vec<u8>,
    count: u32,
    last: u32,
}

struct PassageInfo {
    record: u32,
    /// Position in its record, from 0.
    index: u32,
    length: u32,
    section: Option<u32>,
    /// `None`: the record's one speaker.
    speakers: Option<Vec<u32>>,
}

/// Words in folded order → term chunks of about `TERM_CHUNK_BYTES`, each
/// encoded once the words after it have filled its halo. A fold group never
/// straddles two chunks, and a chunk is cut between words that share few
/// letters: a word, the words of its stem and its completions then mostly sit
/// in one chunk, which a query fetches alone ("climate" not also "climates…").
#[derive(Default)]
struct Chunks {
    /// The sub-archive these chunks belong to; `None`: the archive's own.
    filter: Option<Filter>,
    keys: Vec<String>,
    done: Vec<Vec<u8>>,
    open: Vec<ShardWord>,
    /// The distinct folded words of the open chunk, in order.
    open_folded: Vec<String>,
    /// Where the open chunk may be cut: before each of its fold groups but the first.
    boundaries: Vec<Boundary>,
    bytes: usize,
    last: String,
    /// The last distinct folded words before the open chunk (at most `HALO_WORDS`).
    before: Vec<String>,
    /// Closed chunks still taking the words after them into their halo, oldest first.
    waiting: Vec<Waiting>,
}

/// (year or speaker, index of one of a word's postings), sorted.
type Groups = Vec<(u32, usize)>;

/// A sub-archive: a year's or a speaker's own term chunks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Filter {
    Year(u32),
    Speaker(u32),
}

/// A place to cut the open chunk: before a fold group.
#[derive(Clone, Copy)]
struct Boundary {
    /// Index of the group's first word in `open`, and of the group in `open_folded`.
    word: usize,
    group: usize,
    /// Letters the group's word shares with the word before it.
    shared: usize,
    /// Bytes of the open chunk before it.
    bytes: usize,
}

struct Waiting {
    /// The chunk's key, and the next chunk's (none for the last).
    range: (String, Option<String>),
    words: Vec<ShardWord>,
    halo: Vec<String>,
    /// The beginning that the words after the chunk must share to join its halo.
    beginning: String,
    /// More words it may take; 0: complete.
    room: usize,
}

impl Waiting {
    /// The next folded word after the chunk joins its halo while it begins as the chunk's last word.
    fn take(&mut self, folded: &str) {
        if self.room > 0 && folded.starts_with(self.beginning.as_str()) {
            self.halo.push(folded.to_string());
            self.room -= 1;
        } else {
            // Sorted: no later word begins so either.
            self.room = 0;
        }
    }
}

/// The first `HALO_BEGINNING` letters of a folded word.
fn beginning(folded: &str) -> &str {
    folded.char_indices().nth(HALO_BEGINNING).map_or(folded, |(i, _)| &folded[..i])
}

impl Chunks {
    fn push(&mut self, builder: &ArchiveBuilder, folded: &str, word: ShardWord) {
        if self.keys.is_empty() {
            self.keys.push(separator("", folded));
        }
        if self.open_folded.last().is_none_or(|l| l != folded) {
            if !self.open.is_empty() {
                let shared = shared_letters(&self.last, folded);
                let here = Boundary { word: self.open.len(), group: self.open_folded.len(), shared, bytes: self.bytes };
                self.boundaries.push(here);
                // Full: cut here if the words differ early, else wait (up to
                // `TERM_CHUNK_MAX_BYTES`) for the cut where the fewest letters are
                // shared — looking back to half a chunk, since a long family of
                // words ("climate", "climate-change"…) may fill it from there on —
                // the nearest to a full chunk among equals.
                let past = |b: &&Boundary| b.bytes >= TERM_CHUNK_BYTES / 2;
                if self.bytes >= TERM_CHUNK_BYTES && shared < HALO_BEGINNING {
                    self.cut(here, Some(folded));
                } else if self.bytes >= TERM_CHUNK_MAX_BYTES {
                    let best = self
                        .boundaries
                        .iter()
                        .filter(past)
                        .min_by_key(|b| (b.shared, b.bytes.abs_diff(TERM_CHUNK_BYTES)))
                        .copied();
                    if let Some(best) = best {
                        let next = self.open_folded.get(best.group).cloned();
                        self.cut(best, Some(next.as_deref().unwrap_or(folded)));
                    }
                }
            }
            self.open_folded.push(folded.to_string());
            for waiting in &mut self.waiting {
                waiting.take(folded);
            }
            self.flush(builder, false);
        }
        self.bytes += shard_word_bytes(&word);
        self.open.push(word);
        folded.clone_into(&mut self.last);
    }

    /// Closes the open chunk's words before `at`; they wait for their halo's words
    /// after them (those already here first). `next`: the first folded word after the cut.
    fn cut(&mut self, at: Boundary, next: Option<&str>) {
        let words: Vec<ShardWord> = self.open.drain(..at.word).collect();
        let folded: Vec<String> = self.open_folded.drain(..at.group).collect();
        let (Some(first), Some(last)) = (folded.first(), folded.last()) else { return };
        let halo: Vec<String> = self.before.iter().filter(|w| w.starts_with(beginning(first))).cloned().collect();
        // The manifest lists the shortest key that tells the chunks apart.
        let next_key = next.map(|next| separator(last, next));
        let range = (self.keys.last().cloned().unwrap_or_default(), next_key.clone());
        let mut waiting = Waiting { range, words, halo, beginning: beginning(last).to_string(), room: HALO_WORDS };
        for after in &self.open_folded {
            waiting.take(after);
        }
        self.waiting.push(waiting);
        self.keys.extend(next_key);
        self.before.extend(folded);
        let excess = self.before.len().saturating_sub(HALO_WORDS);
        self.before.drain(..excess);
        self.bytes -= at.bytes;
        self.boundaries.retain(|b| b.word > at.word);
        for b in &mut self.boundaries {
            b.word -= at.word;
            b.group -= at.group;
            b.bytes -= at.bytes;
        }
    }

    /// Encodes the waiting chunks whose halo is complete (all of them at the end), in order.
    fn flush(&mut self, builder: &ArchiveBuilder, all: bool) {
        let ready = self.waiting.iter().take_while(|w| all || w.room == 0).count();
        for waiting in self.waiting.drain(..ready) {
            let mut shard = builder.shard(waiting.words);
            shard.halo = waiting.halo;
            let (start, end) = &waiting.range;
            shard.translations = builder.translations_between(start, end.as_deref(), self.filter);
            self.done.push(encode_terms(ShardKind::Terms, &shard));
        }
    }

    /// Appends the chunks as `folder/<n>` and returns their keys.
    fn finish(mut self, builder: &ArchiveBuilder, folder: &str, out: &mut Vec<(String, Vec<u8>)>) -> Vec<String> {
        let end = Boundary { word: self.open.len(), group: self.open_folded.len(), shared: 0, bytes: self.bytes };
        self.cut(end, None);
        self.flush(builder, true);
        out.extend(self.done.into_iter().enumerate().map(|(i, bytes)| (format!("{folder}/{i}"), bytes)));
        self.keys
    }
}

/// The files of an archive: (path relative to the archive folder, bytes), the manifest first.
pub struct ArchiveFiles {
    pub files: Vec<(String, Vec<u8>)>,
    pub records: usize,
    pub passages: usize,
    pub words: usize,
}

impl ArchiveFiles {
    /// One line for a person: what was written.
    pub fn summary(&self) -> String {
        let bytes: usize = self.files.iter().map(|(_, b)| b.len()).sum();
        let manifest = self.files.first().map_or(0, |(_, b)| b.len());
        format!(
            "{} records, {} passages, {} words → {} files, {} bytes (manifest {} bytes)",
            self.records,
            self.passages,
            self.words,
            self.files.len(),
            bytes,
            manifest
        )
    }
}

impl ArchiveBuilder {
    pub fn new() -> ArchiveBuilder {
        ArchiveBuilder::default()
    }

    /// Adds one record: tokenizes its passages now and keeps only compact postings and the text.
    pub fn add(&mut self, record: Record) {
        let speaker_lists: Vec<Vec<u32>> = record
            .passages
            .iter()
            .map(|p| p.speakers.iter().map(|s| intern(&mut self.speakers, &mut self.speaker_ids, s.clone())).collect())
            .collect();
        let one_speaker = match speaker_lists.first().map(Vec::as_slice) {
            Some(&[s]) if speaker_lists.iter().all(|l| l.as_slice() == [s]) => Some(s),
            _ => None,
        };
        let record_no = self.records.len() as u32;
        for (index, (passage, speakers)) in record.passages.into_iter().zip(speaker_lists).enumerate() {
            let id = self.passages.len() as u32;
            let tokens = tokenize(&passage.text);
            let length = tokens.iter().filter(|t| !t.alias).count() as u32;
            let mut occurrences: Vec<(u32, u32)> = Vec::with_capacity(tokens.len());
            for token in tokens {
                let word = self.word_id(token.word);
                if !token.alias {
                    // Non-alias tokens stand at positions 0, 1, 2…
                    self.sequence.push(word);
                }
                occurrences.push((word, token.position));
            }
            self.sequence.push(END);
            sort(&mut occurrences);
            occurrences.dedup();
            for group in occurrences.chunk_by(|a, b| a.0 == b.0) {
                let Some(&(word, _)) = group.first() else { continue };
                if let Some(postings) = self.postings.get_mut(word as usize) {
                    postings.push(id, group.iter().map(|&(_, p)| p));
                }
            }
            let section = passage.section.map(|s| intern(&mut self.sections, &mut self.section_ids, s));
            let speakers = if one_speaker.is_some() { None } else { Some(speakers) };
            self.passages.push(PassageInfo {
                record: record_no,
                index: index as u32,
                length,
                section,
                speakers: speakers.clone(),
            });
            self.total_length += u64::from(length);
            self.text_bytes += passage.text.len() as u64;
            let derived_id = format!("{}#p{}", record.symbol, passage.number);
            self.texts.push(BlockPassage {
                number: passage.number,
                id: (passage.id != derived_id).then_some(passage.id),
                section,
                speakers,
                text: passage.text,
            });
        }
        let year = record.date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0);
        self.summaries.push(RecordSummary { year, lang: record.lang, speaker: one_speaker });
        self.records.push(RecordMeta {
            symbol: record.symbol,
            title: record.title,
            session: record.session,
            meeting: record.meeting,
            date: record.date,
            url: record.url,
            lang: record.lang,
        });
    }

    /// Cuts the dictionary into term chunks and typo buckets and the text into blocks.
    pub fn finish(mut self) -> Result<ArchiveFiles, ArchiveTooLarge> {
        let passage_count = self.passages.len() as u32;
        let average_text = if passage_count == 0 { 1 } else { (self.text_bytes / u64::from(passage_count)).max(1) };
        let block_passages = (TEXT_BLOCK_BYTES as u64 / average_text).clamp(1, 256);
        let block_bits = block_passages.ilog2() as u8;
        let longest = self.passages.iter().map(|p| p.index + 1).max().unwrap_or(1);
        self.record_bits = (u32::BITS - (longest - 1).leading_zeros()).max(u32::from(block_bits)) as u8;
        if (self.records.len() as u64) << self.record_bits > u64::from(u32::MAX) + 1 {
            return Err(ArchiveTooLarge { records: self.records.len(), longest });
        }
        let average_length =
            if passage_count == 0 { 1.0 } else { (self.total_length as f32 / passage_count as f32).max(1.0) };
        // Speaker names and headings are searchable words even where no body holds them.
        let field_texts: Vec<String> =
            self.speakers.iter().map(|s| s.name.clone()).chain(self.sections.iter().cloned()).collect();
        for text in &field_texts {
            for token in tokenize(text) {
                self.word_id(token.word);
            }
        }
        let word_count = self.words.len();
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(into) = crate::analysis::Lang::translation_target(self.summaries.iter().filter_map(|s| s.lang)) {
            let mut sorted = self.words.clone();
            sort(&mut sorted);
            let translations = crate::analysis::lexicon::translations(&sorted, into);
            let word = |&id: &u32| sorted.get(id as usize).cloned();
            self.translations =
                translations.into_iter().map(|t| (t.key, t.words.iter().filter_map(word).collect())).collect();
        }
        // Encoded now: held as postings until the end, they would double the peak memory.
        let phrases: Vec<Vec<u8>> = self
            .phrase_buckets()
            .into_iter()
            .map(|words| encode_terms(ShardKind::Phrases, &self.shard(words)))
            .collect();
        self.word_ids = HashMap::new();
        let postings = std::mem::take(&mut self.postings);
        let mut words: Vec<(String, String, Postings)> =
            std::mem::take(&mut self.words).into_iter().zip(postings).map(|(w, p)| (fold(&w), w, p)).collect();
        sort_by(&mut words, |a, b| (&a.0, &a.1) < (&b.0, &b.1));

        // A sub-archive's chunks name only the translations it holds.
        let targets: std::collections::HashSet<&str> =
            self.translations.iter().flat_map(|(_, words)| words.iter().map(String::as_str)).collect();
        let mut holders: HashMap<String, Vec<Filter>> = HashMap::new();
        for (_, word, postings) in words.iter().filter(|(_, w, _)| targets.contains(w.as_str())) {
            let (years, speakers) = self.filter_groups(&postings.decode());
            let mut filters: Vec<Filter> = years
                .iter()
                .map(|&(y, _)| Filter::Year(y))
                .chain(speakers.iter().map(|&(s, _)| Filter::Speaker(s)))
                .collect();
            sort(&mut filters);
            filters.dedup();
            holders.insert(word.clone(), filters);
        }
        drop(targets);
        self.holders = holders;

        let impact = |passage: u32, tf: usize| self.impact(passage, tf, average_length);
        let mut chunks = Chunks::default();
        // Each year and each speaker gets term chunks of its own passages: a filter
        // reads those, where the archive-wide best postings may hold none of its passages.
        let mut by_year: BTreeMap<u32, Chunks> = BTreeMap::new();
        let mut by_speaker: BTreeMap<u32, Chunks> = BTreeMap::new();
        let mut typo_entries: Vec<(TypoKey, ShardWord)> = Vec::new();
        for (folded, word, postings) in words {
            let all = postings.decode();
            let doc_freq = all.len() as u32;
            let chars = folded.chars().count();
            if doc_freq >= 2 && (TYPO_MIN_CHARS..=40).contains(&chars) && folded.chars().all(char::is_alphabetic) {
                let entry = ShardWord { word: word.clone(), doc_freq, postings: best(&all, TYPO_TIER, &impact) };
                for suffix in typo_suffixes(&folded) {
                    typo_entries.push((TypoKey { suffix, length: chars as u8 }, entry.clone()));
                }
            }
            // Only the best postings of each year and each speaker are copied.
            let (years, speakers) = self.filter_groups(&all);
            for (groups, target, filter) in [
                (&years, &mut by_year, Filter::Year as fn(u32) -> Filter),
                (&speakers, &mut by_speaker, Filter::Speaker),
            ] {
                for group in groups.chunk_by(|a, b| a.0 == b.0) {
                    let Some(&(value, _)) = group.first() else { continue };
                    let postings = best_of(&all, group.iter().map(|&(_, i)| i), FILTER_TIER, &impact);
                    let entry = ShardWord { word: word.clone(), doc_freq, postings };
                    let chunks = target
                        .entry(value)
                        .or_insert_with(|| Chunks { filter: Some(filter(value)), ..Chunks::default() });
                    chunks.push(&self, &folded, entry);
                }
            }
            let postings = best(&all, TIER, &impact);
            chunks.push(&self, &folded, ShardWord { word, doc_freq, postings });
        }

        let mut shards: Vec<(String, Vec<u8>)> = Vec::new();
        let chunk_keys = chunks.finish(&self, "terms", &mut shards);
        for (year, chunks) in &mut by_year {
            let folder = format!("filters/year-{year}");
            let keys = std::mem::take(chunks).finish(&self, &folder, &mut shards);
            shards.push((format!("{folder}/keys"), encode_keys(&keys)));
        }
        for (speaker, chunks) in &mut by_speaker {
            let folder = format!("filters/speaker-{speaker}");
            let keys = std::mem::take(chunks).finish(&self, &folder, &mut shards);
            shards.push((format!("{folder}/keys"), encode_keys(&keys)));
        }
        let (typo_keys, buckets) = typo_buckets(typo_entries);
        for (i, words) in buckets.into_iter().enumerate() {
            shards.push((format!("typos/{i}"), encode_terms(ShardKind::Typos, &self.shard(words))));
        }
        let phrase_buckets = phrases.len() as u32;
        for (i, bytes) in phrases.into_iter().enumerate() {
            shards.push((format!("phrases/{i}"), bytes));
        }
        // Text blocks: runs of one record's passages, numbered by their first id.
        let mut record_passages = vec![0u32; self.records.len()];
        for info in &self.passages {
            if let Some(n) = record_passages.get_mut(info.record as usize) {
                *n += 1;
            }
        }
        let texts = std::mem::take(&mut self.texts);
        let mut block: Option<TextBlock> = None;
        for (p, text) in texts.into_iter().enumerate() {
            let id = self.id(p as u32);
            if block.as_ref().is_some_and(|b| b.first >> block_bits != id >> block_bits) {
                shards.extend(block.take().map(|b| text_shard(&b, block_bits)));
            }
            let record = self.passages.get(p).map_or(0, |info| info.record as usize);
            let block = block.get_or_insert_with(|| TextBlock {
                first: id,
                record: self.records.get(record).cloned().unwrap_or_default(),
                record_passages: record_passages.get(record).copied().unwrap_or(0),
                passages: Vec::new(),
            });
            block.passages.push(text);
        }
        shards.extend(block.map(|b| text_shard(&b, block_bits)));
        let symbols: Vec<&str> = self.records.iter().map(|r| r.symbol.as_str()).collect();
        shards.push(("records".to_string(), encode_records(&symbols)));

        // One hash of every shard's checksum (its last four bytes) names the whole build.
        let checksums: Vec<u8> =
            shards.iter().flat_map(|(_, b)| b.get(b.len().saturating_sub(4)..)).flatten().copied().collect();
        let hash = format!("{:08x}", crc32(&checksums));
        let manifest = Manifest {
            hash: hash.clone(),
            passages: passage_count,
            average_length,
            record_bits: self.record_bits,
            block_bits,
            sections: self.sections,
            speakers: self.speakers,
            records: self.summaries,
            chunks: chunk_keys,
            typos: typo_keys,
            phrase_buckets,
            filter_years: by_year.keys().filter_map(|&y| u16::try_from(y).ok()).collect(),
            filter_speakers: by_speaker.keys().copied().collect(),
        };
        let mut files = vec![(MANIFEST_FILE.to_string(), encode_manifest(&manifest))];
        files.extend(shards.into_iter().map(|(stem, bytes)| (shard_path(&stem, &hash), bytes)));
        Ok(ArchiveFiles { files, records: self.records.len(), passages: passage_count as usize, words: word_count })
    }

    fn word_id(&mut self, word: String) -> u32 {
        if let Some(&id) = self.word_ids.get(&word) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(word.clone());
        self.postings.push(Postings::default());
        self.word_ids.insert(word, id);
        id
    }

    /// Word pairs that stand side by side, or with only function words between
    /// (up to `PHRASE_MAX_GAP` positions apart), as postings of the pair
    /// ([`phrase_pair`]) at the first word's positions, hashed into buckets. Only
    /// pairs that a phrase query could miss are kept: two content words, one of
    /// them too common for its postings to be kept whole, so paired in a few
    /// passages at least.
    fn phrase_buckets(&mut self) -> Vec<Vec<ShardWord>> {
        let doc_freq: Vec<u32> = self.postings.iter().map(|p| p.count).collect();
        let stopword: Vec<bool> = self.words.iter().map(|w| is_any_stopword(&fold(w))).collect();
        let common = |a: u32, b: u32| {
            let df = |w: u32| doc_freq.get(w as usize).copied().unwrap_or(0) as usize;
            df(a).max(df(b)) > TIER
        };
        // Count first, keep postings only for pairs seen a few times: most pairs are
        // seen once. Counted in a fixed table of saturating counters, a slot per hash,
        // rather than a map of every pair (hundreds of MB on the whole General Debate
        // corpus): a pair that shares a slot may be kept, and is dropped below.
        let mut seen = vec![0u8; PAIR_COUNTERS];
        let slot = |&(a, b, gap): &PairKey| {
            let h = (u64::from(a) << 32 | u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ u64::from(gap);
            (h.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 40) as usize % PAIR_COUNTERS
        };
        for (_, _, key) in pairs(&self.sequence, &stopword).filter(|&(_, _, (a, b, _))| common(a, b)) {
            if let Some(n) = seen.get_mut(slot(&key)) {
                *n = n.saturating_add(1);
            }
        }
        let seen_enough = |key: &PairKey| seen.get(slot(key)).is_some_and(|&n| u32::from(n) >= PHRASE_MIN_PASSAGES);
        let mut found: HashMap<PairKey, Postings> = HashMap::new();
        let mut in_passage: Vec<(PairKey, u32)> = Vec::new();
        let mut current = 0;
        let mut flush = |in_passage: &mut Vec<(PairKey, u32)>, passage: u32| {
            sort(in_passage);
            for group in in_passage.chunk_by(|x, y| x.0 == y.0) {
                if let Some(&(key, _)) = group.first() {
                    found.entry(key).or_default().push(passage, group.iter().map(|&(_, p)| p));
                }
            }
            in_passage.clear();
        };
        for (passage, position, key) in pairs(&self.sequence, &stopword) {
            if passage != current {
                flush(&mut in_passage, current);
                current = passage;
            }
            if common(key.0, key.1) && seen_enough(&key) {
                in_passage.push((key, position));
            }
        }
        flush(&mut in_passage, current);
        self.sequence = Vec::new();
        drop(seen);

        let average_length = (self.total_length as f32 / self.passages.len().max(1) as f32).max(1.0);
        let mut entries: Vec<(u32, ShardWord)> = found
            .into_iter()
            .filter(|(_, postings)| postings.count >= PHRASE_MIN_PASSAGES)
            .filter_map(|((a, b, gap), postings)| {
                let a = self.words.get(a as usize)?;
                let b = self.words.get(b as usize)?;
                let all = postings.decode();
                let postings = best(&all, TIER, &|p, tf| self.impact(p, tf, average_length));
                let bucket = phrase_hash(&phrase_pair(&fold(a), &fold(b), usize::from(gap)));
                let word = phrase_pair(a, b, usize::from(gap));
                Some((bucket, ShardWord { word, doc_freq: all.len() as u32, postings }))
            })
            .collect();
        let bytes: usize = entries.iter().map(|(_, w)| shard_word_bytes(w)).sum();
        let buckets = bytes.div_ceil(PHRASE_BUCKET_BYTES).max(1) as u32;
        let mut out: Vec<Vec<ShardWord>> = (0..buckets).map(|_| Vec::new()).collect();
        sort_by(&mut entries, |a, b| a.1.word < b.1.word);
        for (hash, word) in entries {
            if let Some(bucket) = out.get_mut((hash % buckets) as usize) {
                bucket.push(word);
            }
        }
        if out.iter().all(Vec::is_empty) { Vec::new() } else { out }
    }

    /// BM25's term-frequency part: how much a word weighs in a passage.
    fn impact(&self, passage: u32, tf: usize, average_length: f32) -> f32 {
        // `passage` is the order of arrival here; shards name passages by id.
        let length = self.passages.get(passage as usize).map_or(1, |p| p.length) as f32;
        let tf = tf as f32;
        tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / average_length))
    }

    /// The id of the `p`-th passage added.
    fn id(&self, p: u32) -> u32 {
        self.passages.get(p as usize).map_or(0, |info| info.record << self.record_bits | info.index)
    }

    /// A shard over some words: the table of the passages they name, postings re-pointed into it.
    fn shard(&self, mut words: Vec<ShardWord>) -> TermShard {
        sort_by(&mut words, |a, b| a.word < b.word);
        // Postings arrive numbered by order of arrival, ascending like the ids.
        let mut ids: Vec<u32> = words.iter().flat_map(|w| w.postings.iter().map(|&(p, _)| p)).collect();
        sort(&mut ids);
        ids.dedup();
        for word in &mut words {
            for posting in &mut word.postings {
                posting.0 = ids.binary_search(&posting.0).map_or(0, |i| i as u32);
            }
        }
        let passages = ids
            .iter()
            .map(|&p| {
                let info = self.passages.get(p as usize);
                ShardPassage {
                    id: self.id(p),
                    length: info.map_or(0, |p| p.length),
                    section: info.and_then(|p| p.section),
                    speakers: info.and_then(|p| p.speakers.clone()),
                }
            })
            .collect();
        TermShard { passages, words, halo: Vec::new(), translations: Vec::new() }
    }

    /// The translations a term chunk from key `start` to key `end` carries: those
    /// of the stem keys that the folded words it may hold begin with (a stem key is
    /// most often the beginning of its words: « travail » → "travail", « enfants » →
    /// "enfant"), so that a query word finds its translations in its own chunk.
    fn translations_between(
        &self,
        start: &str,
        end: Option<&str>,
        filter: Option<Filter>,
    ) -> Vec<(String, Vec<String>)> {
        let all = &self.translations;
        let from = all.partition_point(|(key, _)| key.as_str() < start);
        let to = end.map_or(all.len(), |end| all.partition_point(|(key, _)| key.as_str() < end));
        // Keys before `start` that begin the chunk's words: the beginnings of `start`.
        let beginnings = start.char_indices().map(|(i, _)| &start[..i]).filter(|b| !b.is_empty());
        let before = beginnings.filter_map(|b| all.binary_search_by(|(key, _)| key.as_str().cmp(b)).ok());
        let mut out: Vec<(String, Vec<String>)> = before.filter_map(|i| all.get(i).cloned()).collect();
        out.extend(all.get(from..to.max(from)).unwrap_or_default().iter().cloned());
        if let Some(filter) = filter {
            let holds = |word: &String| self.holders.get(word).is_some_and(|h| h.binary_search(&filter).is_ok());
            for (_, words) in &mut out {
                words.retain(holds);
            }
            // A word's own key stays even when empty: it keeps the word from its stem's other meanings.
            out.retain(|(key, words)| !words.is_empty() || key.ends_with('\t'));
        }
        out
    }

    /// A word's postings by year and by speaker: (value, posting index), sorted.
    fn filter_groups(&self, postings: &[(u32, Vec<u32>)]) -> (Groups, Groups) {
        let mut years: Groups = Vec::with_capacity(postings.len());
        let mut speakers: Groups = Vec::with_capacity(postings.len());
        for (i, posting) in postings.iter().enumerate() {
            let Some(info) = self.passages.get(posting.0 as usize) else { continue };
            let record = self.summaries.get(info.record as usize);
            if let Some(year) = record.map(|r| r.year).filter(|&y| y > 0) {
                years.push((u32::from(year), i));
            }
            match (&info.speakers, record.and_then(|r| r.speaker)) {
                (Some(list), _) => speakers.extend(list.iter().map(|&s| (s, i))),
                (None, Some(s)) => speakers.push((s, i)),
                (None, None) => {}
            }
        }
        sort(&mut years);
        sort(&mut speakers);
        (years, speakers)
    }
}

impl Postings {
    fn push(&mut self, passage: u32, positions: impl IntoIterator<Item = u32>) {
        varint(&mut self.bytes, passage - self.last);
        self.last = passage;
        self.count += 1;
        let positions: Vec<u32> = positions.into_iter().collect();
        varint(&mut self.bytes, positions.len() as u32);
        let mut previous = 0;
        for p in positions {
            varint(&mut self.bytes, p - previous);
            previous = p;
        }
    }

    fn decode(&self) -> Vec<(u32, Vec<u32>)> {
        let mut out = Vec::with_capacity(self.count as usize);
        let mut bytes = self.bytes.iter().copied();
        let mut next = || {
            let mut value = 0u32;
            for shift in (0..35).step_by(7) {
                let b = bytes.next().unwrap_or(0);
                value |= u32::from(b & 0x7f) << shift;
                if b & 0x80 == 0 {
                    break;
                }
            }
            value
        };
        let mut passage = 0;
        for _ in 0..self.count {
            passage += next();
            let n = next();
            let mut position = 0;
            let positions = (0..n)
                .map(|_| {
                    position += next();
                    position
                })
                .collect();
            out.push((passage, positions));
        }
        out
    }
}

fn varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn intern<T: Clone + Eq + std::hash::Hash>(list: &mut Vec<T>, ids: &mut HashMap<T, u32>, item: T) -> u32 {
    *ids.entry(item.clone()).or_insert_with(|| {
        list.push(item);
        list.len() as u32 - 1
    })
}

/// The `limit` postings where the word weighs most (BM25's term-frequency part), in passage order.
fn best(all: &[(u32, Vec<u32>)], limit: usize, impact: &dyn Fn(u32, usize) -> f32) -> Vec<(u32, Vec<u32>)> {
    if all.len() <= limit {
        return all.to_vec();
    }
    best_of(all, 0..all.len(), limit, impact)
}

/// `best` among some of the postings (indexes into `all`, ascending).
fn best_of(
    all: &[(u32, Vec<u32>)],
    some: impl Iterator<Item = usize>,
    limit: usize,
    impact: &dyn Fn(u32, usize) -> f32,
) -> Vec<(u32, Vec<u32>)> {
    let mut ranked: Vec<(f32, u32, usize)> =
        some.filter_map(|i| all.get(i).map(|(p, positions)| (impact(*p, positions.len()), *p, i))).collect();
    sort_by(&mut ranked, |a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).is_lt());
    ranked.truncate(limit);
    sort_by_key(&mut ranked, |&(_, p, _)| p);
    ranked.into_iter().filter_map(|(_, _, i)| all.get(i).cloned()).collect()
}

/// The last three letters a misspelling of `folded` may end with, so that its
/// bucket holds `folded`: its own, and, in a short word, those with the two
/// letters before them swapped ("change" is also filed under "age", for
/// "chnage"). Such a slip changes both the last three letters and the short
/// word's beginning, by which term chunks and their halos find words.
fn typo_suffixes(folded: &str) -> Vec<String> {
    let chars: Vec<char> = folded.chars().collect();
    let n = chars.len();
    let own: String = chars.iter().skip(n.saturating_sub(3)).collect();
    let mut suffixes = vec![own];
    if n > TYPO_SWAP_MAX_CHARS {
        return suffixes;
    }
    if let (Some(&before), Some(&first), Some(rest)) =
        (chars.get(n.wrapping_sub(4)), chars.get(n.wrapping_sub(3)), chars.get(n.saturating_sub(2)..))
        && before != first
    {
        suffixes.push(std::iter::once(before).chain(rest.iter().copied()).collect());
    }
    suffixes
}

/// Groups typo targets into buckets by (last three letters, length). A bucket
/// also carries the words of neighbouring lengths that a query landing in it
/// may mean, so a misspelt word needs exactly one bucket.
fn typo_buckets(mut entries: Vec<(TypoKey, ShardWord)>) -> (Vec<TypoKey>, Vec<Vec<ShardWord>>) {
    sort_by(&mut entries, |a, b| (&a.0, &a.1.word) < (&b.0, &b.1.word));
    // Cores: consecutive entries, cut only between keys.
    let mut starts: Vec<usize> = Vec::new();
    let mut bytes = 0;
    for (i, (key, word)) in entries.iter().enumerate() {
        let new_key = i == 0 || entries.get(i - 1).is_some_and(|(k, _)| k != key);
        if starts.is_empty() || bytes >= TYPO_BUCKET_BYTES && new_key {
            starts.push(i);
            bytes = 0;
        }
        bytes += shard_word_bytes(word);
    }
    let keys: Vec<TypoKey> = starts.iter().filter_map(|&i| entries.get(i).map(|(k, _)| k.clone())).collect();
    let mut buckets = Vec::with_capacity(keys.len());
    for (b, key) in keys.iter().enumerate() {
        let next = keys.get(b + 1);
        let end = starts.get(b + 1).copied().unwrap_or(entries.len());
        let mut suffixes: Vec<&str> = entries
            .get(starts.get(b).copied().unwrap_or(0)..end)
            .unwrap_or_default()
            .iter()
            .map(|(k, _)| k.suffix.as_str())
            .collect();
        suffixes.dedup();
        let mut words: Vec<ShardWord> = Vec::new();
        for suffix in suffixes {
            // The query lengths with this suffix that land in this bucket…
            let low = if key.suffix == suffix { usize::from(key.length) } else { 0 };
            let high = match next {
                Some(n) if n.suffix == suffix => usize::from(n.length) - 1,
                _ => usize::MAX,
            };
            // …and the words they may mean.
            let from = entries.partition_point(|(k, _)| k.suffix.as_str() < suffix);
            for (k, word) in entries.get(from..).unwrap_or_default().iter().take_while(|(k, _)| k.suffix == suffix) {
                let length = usize::from(k.length);
                if length + TYPO_LENGTH_REACH >= low && length <= high.saturating_add(TYPO_LENGTH_REACH) {
                    words.push(word.clone());
                }
            }
        }
        // A word filed under two suffixes may reach a bucket twice.
        sort_by(&mut words, |a, b| a.word < b.word);
        words.dedup_by(|b, a| a.word == b.word);
        keep_most_common(&mut words, TYPO_BUCKET_MAX_BYTES);
        buckets.push(words);
    }
    (keys, buckets)
}

/// A crowded key's bucket (the "-tion" words of 8 to 12 letters: thousands) keeps
/// its most common words, the likeliest to be meant, within `budget` bytes; in order.
fn keep_most_common(words: &mut Vec<ShardWord>, budget: usize) {
    if words.iter().map(shard_word_bytes).sum::<usize>() <= budget {
        return;
    }
    sort_by(words, |a, b| (std::cmp::Reverse(a.doc_freq), &a.word) < (std::cmp::Reverse(b.doc_freq), &b.word));
    let mut bytes = 0;
    let kept = words.iter().take_while(|w| {
        bytes += shard_word_bytes(w);
        bytes <= budget
    });
    let kept = kept.count();
    words.truncate(kept);
    sort_by(words, |a, b| a.word < b.word);
}

fn text_shard(block: &TextBlock, block_bits: u8) -> (String, Vec<u8>) {
    (format!("text/{}", block.first >> block_bits), encode_text(block))
}

/// The shortest beginning of `next` that sorts after `previous` (which sorts before `next`).
fn separator(previous: &str, next: &str) -> String {
    let ends = next.char_indices().map(|(i, c)| i + c.len_utf8());
    ends.map(|end| &next[..end]).find(|prefix| *prefix > previous).unwrap_or(next).to_string()
}

fn shard_word_bytes(w: &ShardWord) -> usize {
    w.word.len() + 4 + w.postings.iter().map(|(_, p)| 4 + p.len()).sum::<usize>()
}

/// (passage, position, first word, second word) of every two words side by side.
/// A phrase pair by word ids: (first, second, positions from the first to the second).
type PairKey = (u32, u32, u8);

/// Every phrase pair of every passage, as (passage, position of the first word,
/// pair): two content words side by side or with only function words between,
/// at most `PHRASE_MAX_GAP` positions apart.
fn pairs<'a>(sequence: &'a [u32], stopword: &'a [bool]) -> impl Iterator<Item = (u32, u32, PairKey)> + 'a {
    let stop = |w: u32| stopword.get(w as usize).copied().unwrap_or(true);
    sequence.split(|&w| w == END).enumerate().flat_map(move |(passage, words)| {
        words.iter().enumerate().filter(move |&(_, &a)| !stop(a)).flat_map(move |(position, &a)| {
            let after = words.iter().skip(position + 1).take(PHRASE_MAX_GAP);
            // Up to the next content word: a pair never spans one.
            let until = after.clone().position(|&w| !stop(w));
            until.and_then(|i| after.clone().nth(i).map(|&b| (passage as u32, position as u32, (a, b, i as u8 + 1))))
        })
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_short_word_is_also_filed_for_two_letters_swapped_before_its_last_three() {
        assert_eq!(super::typo_suffixes("change"), ["nge", "age"], "for chnage");
        assert_eq!(super::typo_suffixes("peace"), ["ace", "ece"], "for paece");
        assert_eq!(super::typo_suffixes("development"), ["ent"], "long words keep a beginning for the halo");
        assert_eq!(super::typo_suffixes("baaed"), ["aed"], "the same letter swapped changes nothing");
    }

    #[test]
    fn a_halo_takes_the_words_beside_a_chunk_that_begin_as_its_edges() {
        assert_eq!(super::beginning("women"), "wom");
        assert_eq!(super::beginning("él"), "él");
        assert_eq!(super::beginning("éléphant"), "élé");
    }
}
