//! [`Archive`]: answers a query from the few shards it needs. `search` says
//! which files are missing ([`Step::Need`]); the caller fetches them, hands
//! them to `add` and asks again. Term chunks (and a quoted phrase's buckets)
//! first, the text of the hits shown last; between them, only for the queries
//! that need it, a round each: the chunks of a speaker a question names, of
//! translations, of neighbours' phrase buckets, of a misspelt word. The shards
//! at hand become a small [`IndexData`] scored with the archive's own figures,
//! so ranking, phrases, facets and snippets are the single-file index's code.

use super::format::{
    Manifest, ShardKind, ShardPassage, TermShard, TextBlock, TypoKey, decode_keys, decode_manifest, decode_records,
    decode_terms, decode_text,
};
use super::{PHRASE_MAX_GAP, TIER, phrase_hash, phrase_pair, shard_path, shared_letters, split_phrase_pair};
use crate::analysis::{
    Lang, fold, is_any_stopword, is_speaker_alias_key, speaker_alias_key, stem_key, tokenize, translation_keys,
};
use crate::hash::HashMap;
use crate::index::{
    CorpusStats, DecodeError, Index, IndexData, PassageData, Posting, RecordMeta, Translation, derive_postings,
};
use crate::record::Speaker;
use crate::search::query::{Clause, Query, parse};
use crate::search::{Results, SaidBy, SearchOptions, Typed, completes, core_forms, number_forms, reads_as, said_by};
use crate::sort::{sort, sort_by, sort_by_key};

/// A word in fewer than one passage in this many may be the other language's
/// (« travail » in a few English statements): its translations' chunks are fetched.
const RARE_SHARE: u32 = 1000;

/// What a query needs next.
#[derive(Debug)]
pub enum Step {
    /// Fetch these files (paths relative to the manifest) and `add` them, then search again.
    Need(Vec<String>),
    /// Results to show now: the hits asked to carry their text do, the others
    /// have none until these text blocks are added (then search again).
    Partial(Results, Vec<String>),
    Done(Results),
}

/// An archive being read: its manifest and the shards fetched so far.
pub struct Archive {
    manifest: Manifest,
    langs: Vec<Lang>,
    /// Term chunks, typo buckets and phrase buckets fetched so far, by path.
    shards: HashMap<String, TermShard>,
    /// Chunk keys of the filter sub-archives fetched so far, by folder ("filters/year-1970").
    filter_keys: HashMap<String, Vec<String>>,
    blocks: Loaded<TextBlock>,
    /// The records' symbols, once a record filter needed them.
    symbols: Option<Vec<String>>,
    /// One record's whole index (a record filter searches it alone).
    record_index: Option<(usize, Index)>,
    /// The last two assembled indexes, reused while the same shards answer:
    /// a misspelt word is looked up without its typo bucket, then with it.
    current: Option<Assembled>,
    previous: Option<Assembled>,
}

/// The shards one query reads, by path.
#[derive(Clone, Default, PartialEq)]
struct Shards {
    /// Term chunks and typo buckets.
    terms: Vec<String>,
    phrases: Vec<String>,
}

struct Assembled {
    shards: Shards,
    blocks_loaded: usize,
    index: Index,
    /// Global passage id of each local passage.
    globals: Vec<u32>,
}

impl Archive {
    pub fn new(manifest: &[u8]) -> Result<Archive, DecodeError> {
        let manifest = decode_manifest(manifest)?;
        let mut langs: Vec<Lang> = manifest.records.iter().filter_map(|r| r.lang).collect();
        sort(&mut langs);
        langs.dedup();
        if langs.is_empty() {
            langs.push(Lang::French);
        }
        Ok(Archive {
            manifest,
            langs,
            shards: HashMap::default(),
            filter_keys: HashMap::default(),
            blocks: Loaded::default(),
            symbols: None,
            record_index: None,
            current: None,
            previous: None,
        })
    }

    pub fn manifest(&self) -> &Manifest {
        &self.manifest
    }

    /// Takes a fetched file. The path must be one that `search` asked for.
    pub fn add(&mut self, path: &str, bytes: &[u8]) -> Result<(), DecodeError> {
        let unknown =
            || DecodeError::Damaged { section: "shard", what: "file name is not one of this archive's shards" };
        let stem = path
            .strip_suffix(".vrba")
            .and_then(|p| p.strip_suffix(self.manifest.hash.as_str()))
            .and_then(|p| p.strip_suffix('.'))
            .ok_or_else(unknown)?;
        if stem == "records" {
            self.symbols = Some(decode_records(bytes)?);
            return Ok(());
        }
        let (folder, name) = stem.rsplit_once('/').ok_or_else(unknown)?;
        // Passage ids run below this (`record << record_bits | index`).
        let passages = (self.manifest.records.len() as u64) << self.manifest.record_bits;
        let kind = match folder {
            "terms" => ShardKind::Terms,
            "typos" => ShardKind::Typos,
            "phrases" => ShardKind::Phrases,
            "text" => ShardKind::Text,
            f if self.is_filter(f) && name == "keys" => ShardKind::Keys,
            f if self.is_filter(f) => ShardKind::Terms,
            _ => return Err(unknown()),
        };
        if kind == ShardKind::Keys {
            self.filter_keys.insert(folder.to_string(), decode_keys(bytes)?);
            return Ok(());
        }
        let n: u32 = name.parse().map_err(|_| unknown())?;
        if kind == ShardKind::Text {
            let block = decode_text(bytes)?;
            let bits = self.manifest.block_bits;
            if block.first >> bits != n || block.passages.len() > 1 << bits {
                return Err(DecodeError::Damaged { section: "text", what: "block holds other passages" });
            }
            self.blocks.insert(n as usize, block);
        } else {
            self.shards.insert(path.to_string(), decode_terms(bytes, kind, passages)?);
        }
        Ok(())
    }

    /// Answers a query, or says which files it needs first.
    pub fn search(&mut self, input: &str, options: &SearchOptions) -> Step {
        self.search_showing(input, options, usize::MAX)
    }

    /// As `search`, but only the best `with_text` hits need their text before
    /// the results come back ([`Step::Partial`]): the first result shows after
    /// one text block, not after one per hit.
    pub fn search_showing(&mut self, input: &str, options: &SearchOptions, with_text: usize) -> Step {
        if let Some(symbol) = &options.record {
            return self.search_record(input, options, symbol);
        }
        let query = parse(input);
        // A filter with a sub-archive of its own reads that one's chunks: the
        // archive-wide best postings of a word may hold none of that year's.
        let folder = self.filter_folder(options);
        let Some(keys) = self.chunk_keys(folder.as_deref()) else {
            return Step::Need(vec![self.path(&format!("{}/keys", folder.as_deref().unwrap_or_default()))]);
        };
        let chunk_folder = folder.as_deref().unwrap_or("terms");
        let all_stopwords = query.clauses.iter().all(Clause::is_stopword);
        // "What did the French delegation say…": the verb and a role only ask
        // (`Index::search` drops their matches): no chunk, no typo bucket.
        let asking = said_by(&query).map(|asked| asked.asking).unwrap_or_default();
        let ranked = query
            .clauses
            .iter()
            .enumerate()
            .filter(move |&(i, c)| !asking.contains(&i) && (all_stopwords || !c.is_stopword()))
            .map(|(_, c)| c);
        let mut chunks: Vec<usize> = Vec::new();
        for clause in ranked.clone().chain(&query.excluded) {
            // A function word inside a phrase matches any word at its place (the
            // assembled index is partial): its chunk would add nothing.
            let content = |w: &&String| !is_any_stopword(&fold(w));
            let skip_function_words = clause.phrase && clause.words.iter().any(|w| content(&w));
            let words = clause.words.iter().filter(|w| !skip_function_words || content(w));
            for word in words.chain(&clause.alias) {
                self.chunks_for(keys, word, clause.prefix && !clause.phrase, &mut chunks);
            }
        }
        sort(&mut chunks);
        chunks.dedup();
        // Quoted phrases: each content word and the next one, side by side or
        // across function words, in their phrase buckets.
        let mut phrases: Vec<u32> = Vec::new();
        for clause in query.clauses.iter().filter(|c| c.quoted) {
            phrases.extend(phrase_buckets(self.manifest.phrase_buckets, &clause.words, |_, _| true));
        }
        sort(&mut phrases);
        phrases.dedup();
        let mut shards = Shards {
            terms: chunks.iter().map(|c| self.path(&format!("{chunk_folder}/{c}"))).collect(),
            phrases: phrases.iter().map(|p| self.path(&format!("phrases/{p}"))).collect(),
        };
        let mut missing = self.missing(shards.terms.iter().chain(&shards.phrases));
        // "What did France say about nuclear tests": the speaker's own best postings
        // of the other words, from its sub-archive (the archive-wide best may hold
        // none of its passages): its chunk keys with the first round, its chunks next.
        let spoken = if folder.is_none() { self.spoken_by(&query, None) } else { None };
        if let Some((speaker_folder, _)) = &spoken
            && self.chunk_keys(Some(speaker_folder)).is_none()
        {
            missing.push(self.path(&format!("{speaker_folder}/keys")));
        }
        if !missing.is_empty() {
            return Step::Need(missing);
        }
        // "The French delegation": a nationality adjective names its speaker
        // through the term chunk of the word, one round later.
        let spoken = match spoken {
            None if folder.is_none() => self.spoken_by(&query, Some(&shards)),
            spoken => spoken,
        };
        if let Some((speaker_folder, words)) = &spoken {
            let Some(keys) = self.chunk_keys(Some(speaker_folder)) else {
                return Step::Need(vec![self.path(&format!("{speaker_folder}/keys"))]);
            };
            let mut own: Vec<usize> = Vec::new();
            for (word, prefix) in words {
                self.chunks_for(keys, word, *prefix, &mut own);
            }
            let own = own.iter().map(|c| self.path(&format!("{speaker_folder}/{c}")));
            if let Some(step) = self.wanting(&mut shards.terms, own) {
                return step;
            }
        }
        // A query in the other language (French on an English archive), or with a
        // word the archive holds rarely or not at all, needs the chunks of the
        // words that translate it too: one more round, for such queries only.
        let translations = self.translations_wanted(&query, &shards);
        if !translations.is_empty() {
            let keys = self.chunk_keys(folder.as_deref()).unwrap_or_default();
            let theirs =
                translations.iter().map(|w| self.path(&format!("{chunk_folder}/{}", chunk_of(keys, &fold(w)))));
            if let Some(step) = self.wanting(&mut shards.terms, theirs) {
                return step;
            }
        }

        // Words typed one after another ("security council reform"): when one of
        // two neighbours is too common for its postings to be kept whole, the
        // passages that hold them together may be in neither's best postings.
        // Their phrase bucket brings them: one more round, for such queries only.
        let pairs = self.loose_pairs(&query, &shards);
        if !pairs.is_empty() {
            let buckets = pairs.iter().map(|p| self.path(&format!("phrases/{p}")));
            if let Some(step) = self.wanting(&mut shards.phrases, buckets) {
                return step;
            }
        }

        // A word that none of its chunks knows may be misspelt. A word one edit away
        // in those chunks is what was meant; else one that a chunk's halo names
        // (misspelt after its third letter, a word may sort into a chunk beside the
        // one of the word it means), whose chunk brings all its best postings; else
        // its typo bucket. One more file at most.
        let index = self.dictionary(&shards);
        let unknown: Vec<(String, Option<usize>, bool)> = ranked
            .filter(|c| !c.phrase && c.alias.is_none())
            .filter_map(|c| c.words.first().map(|w| (c, w)))
            .filter(|(c, w)| {
                let folded = fold(w);
                // A word of the other language that translates is known, not misspelt.
                let known = !core_forms(index, w).is_empty() || !index.translations(w).is_empty();
                let completed =
                    completes(folded.chars().count(), c.prefix, known) && !index.prefix_range(&folded).is_empty();
                !known && !completed
            })
            .map(|(c, w)| {
                let folded = fold(w);
                let near = nearest(index.words_by_fold().iter().map(|&id| index.folded(id)), &folded, c.prefix);
                (folded, near, c.prefix)
            })
            .collect();
        let mut typos: Vec<String> = Vec::new();
        for (word, in_chunks, prefix) in &unknown {
            if *in_chunks == Some(1) {
                continue;
            }
            let keys = self.chunk_keys(folder.as_deref()).unwrap_or_default();
            match self.halo_chunk(&shards.terms, keys, word, *prefix) {
                Some((edits, chunk)) if in_chunks.is_none_or(|d| edits < d) => {
                    typos.push(self.path(&format!("{chunk_folder}/{chunk}")));
                }
                _ => typos.extend(self.typo_bucket(word).map(|t| self.path(&format!("typos/{t}")))),
            }
        }
        sort(&mut typos);
        typos.dedup();
        let missing = self.missing(typos.iter());
        if !missing.is_empty() {
            return Step::Need(missing);
        }
        shards.terms.extend(typos);

        let block_bits = self.manifest.block_bits;
        let assembled = self.assemble(&shards);
        let results = assembled.index.search(input, options);
        let assembled_with = assembled.blocks_loaded;
        // The text blocks of the hits, best first: those shown now, then the rest.
        let blocks: Vec<u32> = results
            .hits
            .iter()
            .filter_map(|h| assembled.globals.get(h.passage as usize))
            .map(|&g| g >> block_bits)
            .collect();
        let missing = |blocks: &[u32]| {
            let mut missing: Vec<u32> =
                blocks.iter().copied().filter(|&b| !self.blocks.contains_key(b as usize)).collect();
            sort(&mut missing);
            missing.dedup();
            missing.iter().map(|b| self.path(&format!("text/{b}"))).collect::<Vec<String>>()
        };
        let (now, later) = blocks.split_at(with_text.min(blocks.len()));
        let needed = missing(now);
        if !needed.is_empty() {
            return Step::Need(needed);
        }
        let later = missing(later);
        // Text that arrived after this index was assembled: assemble again with it.
        let results = match assembled_with == self.blocks.len() {
            true => results,
            false => self.assemble(&shards).index.search(input, options),
        };
        match later.is_empty() {
            true => Step::Done(results),
            false => Step::Partial(results, later),
        }
    }

    /// A filter on one record: its text blocks (a few) become an index of their
    /// own, searched whole — no best-postings cut can hide its paragraphs.
    fn search_record(&mut self, input: &str, options: &SearchOptions, symbol: &str) -> Step {
        let in_blocks = self.blocks.0.iter().find(|(_, b)| b.record.symbol == symbol).map(|(_, b)| b.first);
        let record = match (in_blocks, &self.symbols) {
            (Some(first), _) => self.record_of(first),
            (None, Some(symbols)) => match symbols.iter().position(|s| s == symbol) {
                Some(r) => r,
                None => {
                    // Quoted by hand: `{:?}` would bring Debug's escaping code into the wasm (~1 KB gzip).
                    let warning = format!("no record \"{symbol}\" in this archive");
                    return Step::Done(Results {
                        query: input.to_string(),
                        warnings: vec![warning],
                        ..Results::default()
                    });
                }
            },
            (None, None) => return Step::Need(vec![self.path("records")]),
        };
        let bits = self.manifest.record_bits - self.manifest.block_bits;
        let first = record << bits;
        let Some(count) = self.blocks.get(first).map(|b| b.record_passages) else {
            return Step::Need(vec![self.path(&format!("text/{first}"))]);
        };
        let blocks = first..first + (count as usize).div_ceil(1 << self.manifest.block_bits).max(1);
        let missing: Vec<String> =
            blocks.clone().filter(|&b| !self.blocks.contains_key(b)).map(|b| self.path(&format!("text/{b}"))).collect();
        if !missing.is_empty() {
            return Step::Need(missing);
        }
        if self.record_index.as_ref().is_none_or(|(r, _)| *r != record) {
            self.record_index = Some((record, self.record_alone(record, blocks)));
        }
        match &self.record_index {
            Some((_, index)) => Step::Done(index.search(input, options)),
            None => Step::Done(Results::default()),
        }
    }

    /// One record's passages as a whole index, dictionary and postings derived from the text.
    fn record_alone(&self, record: usize, blocks: std::ops::Range<usize>) -> Index {
        let summary = self.manifest.records.get(record);
        let mut data = IndexData {
            sections: self.manifest.sections.clone(),
            speakers: self.manifest.speakers.clone(),
            ..IndexData::default()
        };
        for block in blocks.filter_map(|b| self.blocks.get(b)) {
            if data.records.is_empty() {
                data.records.push(block.record.clone());
            }
            data.passages.extend(block.passages.iter().map(|p| PassageData {
                record: 0,
                number: p.number,
                id: p.id.clone(),
                section: p.section,
                speakers: p.speakers.clone().unwrap_or_else(|| summary.and_then(|s| s.speaker).into_iter().collect()),
                lang: None,
                length: 0,
                text: p.text.clone(),
            }));
        }
        derive_postings(&mut data);
        Index::new(data)
    }

    /// Adds files to one kind of the query's shards; those not here yet, if
    /// any, are the next step.
    fn wanting(&self, list: &mut Vec<String>, more: impl Iterator<Item = String>) -> Option<Step> {
        list.extend(more);
        sort(list);
        list.dedup();
        let missing = self.missing(list.iter());
        (!missing.is_empty()).then_some(Step::Need(missing))
    }

    fn missing<'a>(&self, paths: impl Iterator<Item = &'a String>) -> Vec<String> {
        paths.filter(|p| !self.shards.contains_key(*p)).cloned().collect()
    }

    /// The sub-archive folder for the query's filter, if it has one: the speaker's, else the year's.
    fn filter_folder(&self, options: &SearchOptions) -> Option<String> {
        let m = &self.manifest;
        let speaker = options.speaker.as_ref().and_then(|name| m.speakers.iter().position(|s| &s.name == name));
        if let Some(s) = speaker.map(|s| s as u32).filter(|s| m.filter_speakers.binary_search(s).is_ok()) {
            return Some(format!("filters/speaker-{s}"));
        }
        let year = options.year.as_ref().and_then(|y| y.parse::<u16>().ok());
        year.filter(|y| m.filter_years.binary_search(y).is_ok()).map(|y| format!("filters/year-{y}"))
    }

    /// The sub-archive of the one speaker a question of what someone said
    /// names ("what did France say about…"), and the query's other words (with
    /// whether each is still being typed), when that speaker has one. With the
    /// term chunks at hand (`shards`), a word may name it as an adjective
    /// ("what did the French delegation say…": its speaker alias key).
    fn spoken_by(&self, query: &Query, shards: Option<&Shards>) -> Option<(String, Vec<(String, bool)>)> {
        let SaidBy { speaker, asking } = said_by(query)?;
        let typed: Vec<&String> = speaker.iter().filter_map(|&i| query.clauses.get(i)?.words.first()).collect();
        // Each speaker word, and the name words it stands for as an adjective.
        let mut named: Vec<Vec<String>> = typed.iter().map(|w| vec![fold(w)]).collect();
        if let Some(shards) = shards {
            // Read from the chunks themselves: the name's own chunk may not be at hand.
            let chunks: Vec<&TermShard> = shards.terms.iter().filter_map(|p| self.shards.get(p)).collect();
            for (names, word) in named.iter_mut().zip(&typed) {
                let filed = filed_under(&chunks, &speaker_alias_key(&fold(word)));
                names.extend(filed.into_iter().flatten().map(|w| fold(w)));
            }
            if named.iter().all(|names| names.len() == 1) {
                return None;
            }
        }
        let m = &self.manifest;
        let names = |s: &&Speaker| {
            let words: Vec<String> = tokenize(&s.name).iter().map(|t| fold(&t.word)).collect();
            named.iter().all(|n| n.iter().any(|n| words.contains(n)))
        };
        let mut found = m.speakers.iter().enumerate().filter(|(_, s)| names(s)).map(|(i, _)| i as u32);
        let (Some(s), None) = (found.next(), found.next()) else { return None };
        m.filter_speakers.binary_search(&s).ok()?;
        let others = query
            .clauses
            .iter()
            .enumerate()
            .filter(|&(i, c)| !asking.contains(&i) && !speaker.contains(&i) && !c.is_stopword());
        let words = others.flat_map(|(_, c)| c.words.iter().map(|w| (w.clone(), c.prefix && !c.phrase))).collect();
        Some((format!("filters/speaker-{s}"), words))
    }

    fn is_filter(&self, folder: &str) -> bool {
        let m = &self.manifest;
        match folder.strip_prefix("filters/") {
            Some(f) => match (f.strip_prefix("year-"), f.strip_prefix("speaker-")) {
                (Some(y), _) => y.parse().is_ok_and(|y: u16| m.filter_years.binary_search(&y).is_ok()),
                (_, Some(s)) => s.parse().is_ok_and(|s: u32| m.filter_speakers.binary_search(&s).is_ok()),
                _ => false,
            },
            None => false,
        }
    }

    /// The words that translate the query's words, as the term chunks at hand name
    /// them (each chunk carries the translations of the stem keys its words begin
    /// with), when the query may read as the other language: it holds a function
    /// word of it, or a word that translates and that the archive holds rarely
    /// or not at all (as `Index::search` reads it once these chunks are here).
    fn translations_wanted(&mut self, query: &Query, shards: &Shards) -> Vec<String> {
        let rare = (self.manifest.passages / RARE_SHARE) as usize;
        let index = self.dictionary(shards);
        let source = index.translation_source();
        let reads = reads_as(query, source);
        // A quoted phrase's words too: in the other language it is searched word by word.
        let clauses = query.clauses.iter().filter(|c| c.alias.is_none() && (!c.phrase || c.quoted));
        let words = clauses.flat_map(|c| &c.words).filter(|w| !is_any_stopword(&fold(w)));
        let keys: Vec<([String; 2], bool)> = words
            .map(|w| {
                (translation_keys(source, w), core_forms(index, w).iter().all(|&(id, _)| index.doc_freq(id) <= rare))
            })
            .collect();
        let chunks: Vec<&TermShard> = shards.terms.iter().filter_map(|p| self.shards.get(p)).collect();
        let found: Vec<(&Vec<String>, bool)> = keys
            .iter()
            .filter_map(|(keys, rare)| keys.iter().find_map(|key| filed_under(&chunks, key)).map(|w| (w, *rare)))
            .collect();
        match reads || found.iter().any(|&(_, rare)| rare) {
            true => found.into_iter().flat_map(|(words, _)| words.iter().cloned()).collect(),
            false => Vec::new(),
        }
    }

    /// The phrase buckets of the words typed one after another (outside quotes)
    /// that the archive knows, where one of two neighbours has more passages than
    /// its best postings keep: only then may a bucket hold the pair.
    fn loose_pairs(&mut self, query: &Query, shards: &Shards) -> Vec<u32> {
        // In "what did France say about nuclear tests" only what was said runs on:
        // the speaker, the verb and a role pair with nothing.
        let asked = said_by(query);
        let asks = |i: usize| asked.as_ref().is_some_and(|a| a.asking.contains(&i) || a.speaker.contains(&i));
        let loose: Vec<String> = query
            .clauses
            .iter()
            .enumerate()
            .filter(|&(_, c)| !c.phrase && c.alias.is_none())
            .filter_map(|(i, c)| Some(if asks(i) { String::new() } else { c.words.first()?.clone() }))
            .collect();
        if loose.len() < 2 {
            return Vec::new();
        }
        let buckets = self.manifest.phrase_buckets;
        let index = self.dictionary(shards);
        let passages = |w: &str| core_forms(index, w).iter().map(|&(id, _)| index.doc_freq(id)).max();
        // The speaker, the verb and a role hold their place as an empty word, which pairs with nothing.
        let common = |a: &str, b: &str| match (passages(a), passages(b)) {
            (Some(a_count), Some(b_count)) if !a.is_empty() && !b.is_empty() => a_count.max(b_count) > TIER,
            _ => false,
        };
        let mut pairs = phrase_buckets(buckets, &loose, common);
        sort(&mut pairs);
        pairs.dedup();
        pairs
    }

    /// The term chunks a typed word needs: its own, its stem's, those of the
    /// other ways of writing a number ("79th": "seventy-ninth"), and the next
    /// one when the word is still being typed and its completions run on.
    fn chunks_for(&self, keys: &[String], word: &str, prefix: bool, out: &mut Vec<usize>) {
        let folded = fold(word);
        let own = chunk_of(keys, &folded);
        out.push(own);
        let numbers = number_forms(&folded).into_iter().map(|(number, _)| number);
        let written = numbers.filter(|n| n.lang.is_none_or(|lang| self.langs.contains(&lang)));
        out.extend(written.map(|n| chunk_of(keys, &n.form)));
        for &lang in &self.langs {
            out.push(chunk_of(keys, &stem_key(lang, word)));
        }
        if prefix && keys.get(own + 1).is_some_and(|k| k.starts_with(&folded)) {
            out.push(own + 1);
        }
    }

    /// The chunk keys of the archive, or of a filter's sub-archive once its keys are here.
    fn chunk_keys(&self, folder: Option<&str>) -> Option<&[String]> {
        match folder {
            None => Some(&self.manifest.chunks),
            Some(f) => self.filter_keys.get(f).map(Vec::as_slice),
        }
    }

    /// The edits to, and the chunk of, the halo word of `paths` (the query's term chunks)
    /// nearest to a misspelt folded word, within a typo's edits.
    fn halo_chunk(&self, paths: &[String], keys: &[String], folded: &str, prefix: bool) -> Option<(usize, usize)> {
        let halo = paths.iter().filter_map(|p| self.shards.get(p)).flat_map(|shard| &shard.halo);
        let typed = Typed::new(folded);
        let near = halo.filter_map(|w| typed.typo_distance(w, prefix).filter(|&d| d > 0).map(|d| (d, w.as_str())));
        // The fewest edits, then the longest beginning shared with what was typed.
        let nearest = near.min_by_key(|&(d, w)| (d, std::cmp::Reverse(shared_letters(w, folded)), w));
        nearest.map(|(d, w)| (d, chunk_of(keys, w)))
    }

    fn typo_bucket(&self, folded: &str) -> Option<usize> {
        let chars: Vec<char> = folded.chars().collect();
        if chars.len() < 4 || self.manifest.typos.is_empty() {
            return None;
        }
        let suffix: String = chars.get(chars.len() - 3..)?.iter().collect();
        let key = TypoKey { suffix, length: u8::try_from(chars.len()).unwrap_or(u8::MAX) };
        Some(self.manifest.typos.partition_point(|k| *k <= key).saturating_sub(1))
    }

    /// "terms/12" → "terms/12.0badcafe.vrba".
    fn path(&self, stem: &str) -> String {
        shard_path(stem, &self.manifest.hash)
    }

    /// The shards at hand as one small index (cached while they stay the same).
    fn assemble(&mut self, wanted: &Shards) -> &Assembled {
        self.assemble_with_text(wanted, true)
    }

    /// The shards' words, postings and counts as an index, for deciding what to
    /// fetch next: an index assembled before the latest text blocks came serves
    /// (text changes no word), so a text round assembles once, not once more per lookup.
    fn dictionary(&mut self, wanted: &Shards) -> &Index {
        &self.assemble_with_text(wanted, false).index
    }

    fn assemble_with_text(&mut self, wanted: &Shards, latest_text: bool) -> &Assembled {
        let blocks_loaded = self.blocks.len();
        let fits = |c: &Assembled| c.shards == *wanted && (!latest_text || c.blocks_loaded == blocks_loaded);
        let assembled = match self.current.take() {
            Some(current) if fits(&current) => current,
            current => {
                let reused = self.previous.take().filter(fits);
                let assembled = reused.unwrap_or_else(|| self.build_index(wanted));
                self.previous = current;
                assembled
            }
        };
        self.current.insert(assembled)
    }

    fn build_index(&self, wanted: &Shards) -> Assembled {
        let shards: Vec<&TermShard> = wanted.terms.iter().filter_map(|p| self.shards.get(p)).collect();
        let phrases: Vec<&TermShard> = wanted.phrases.iter().filter_map(|p| self.shards.get(p)).collect();
        // Each word once, its postings from every shard that holds it: a term
        // chunk's and a typo bucket's overlap, a speaker's sub-archive adds its own.
        let mut words: Vec<(&str, usize, usize)> = Vec::new();
        for (s, shard) in shards.iter().enumerate() {
            words.extend(shard.words.iter().enumerate().map(|(w, word)| (word.word.as_str(), s, w)));
        }
        sort_by(&mut words, |a, b| a < b);

        let mut passage_info: HashMap<u32, &ShardPassage> = HashMap::default();
        for shard in shards.iter().chain(&phrases) {
            passage_info.extend(shard.passages.iter().map(|p| (p.id, p)));
        }
        let mut globals: Vec<u32> = passage_info.keys().copied().collect();
        sort(&mut globals);
        let local = |global: u32| globals.binary_search(&global).map_or(0, |i| i as u32);

        let mut data = IndexData {
            sections: self.manifest.sections.clone(),
            speakers: self.manifest.speakers.clone(),
            ..IndexData::default()
        };
        let mut doc_freq: Vec<u32> = Vec::with_capacity(words.len());
        for &(word, s, w) in &words {
            let (Some(shard), Some(entry)) = (shards.get(s), shards.get(s).and_then(|sh| sh.words.get(w))) else {
                continue;
            };
            let postings = entry.postings.iter().filter_map(|(p, positions)| {
                let global = shard.passages.get(*p as usize)?.id;
                Some(Posting { passage: local(global), positions: positions.clone() })
            });
            match (data.words.last(), data.postings.last_mut(), doc_freq.last_mut()) {
                (Some(last), Some(held), Some(df)) if last == word => {
                    held.extend(postings);
                    sort_by_key(held, |p| p.passage);
                    held.dedup_by_key(|p| p.passage);
                    *df = (*df).max(entry.doc_freq);
                }
                _ => {
                    data.words.push(word.to_string());
                    doc_freq.push(entry.doc_freq);
                    data.postings.push(postings.collect());
                }
            }
        }
        // The words of the speakers that nationality adjectives name ("french" →
        // France), without postings: the speaker is matched by its name's words.
        let mut named: Vec<&String> = shards
            .iter()
            .flat_map(|c| &c.translations)
            .filter(|(key, _)| is_speaker_alias_key(key))
            .flat_map(|(_, words)| words)
            .collect();
        sort(&mut named);
        named.dedup();
        for word in named {
            if let Err(i) = data.words.binary_search(word) {
                data.words.insert(i, word.clone());
                data.postings.insert(i, Vec::new());
                doc_freq.insert(i, 0);
            }
        }
        add_pairs(&mut data, &phrases, &local);
        data.translations = translations(&data.words, &shards);

        let mut records: Vec<usize> = Vec::new();
        for &global in &globals {
            let record = self.record_of(global);
            if records.last() != Some(&record) {
                records.push(record);
            }
            let info = passage_info.get(&global);
            let summary = self.manifest.records.get(record);
            let block = self.blocks.get((global >> self.manifest.block_bits) as usize);
            let text = block.and_then(|b| b.passages.get(global.saturating_sub(b.first) as usize));
            let index = global & ((1u32 << self.manifest.record_bits) - 1);
            data.passages.push(PassageData {
                record: records.len() as u32 - 1,
                number: text.map_or(index + 1, |t| t.number),
                id: text.and_then(|t| t.id.clone()),
                section: info.and_then(|p| p.section),
                speakers: match info.and_then(|p| p.speakers.clone()) {
                    Some(list) => list,
                    None => summary.and_then(|s| s.speaker).into_iter().collect(),
                },
                lang: summary.and_then(|s| s.lang),
                length: info.map_or(1, |p| p.length),
                text: text.map_or_else(String::new, |t| t.text.clone()),
            });
        }
        data.records = records.iter().map(|&r| self.record_meta(r)).collect();
        let stats =
            CorpusStats { passages: self.manifest.passages, average_length: self.manifest.average_length, doc_freq };
        Assembled {
            shards: wanted.clone(),
            blocks_loaded: self.blocks.len(),
            index: Index::with_stats(data, stats),
            globals,
        }
    }

    fn record_of(&self, global: u32) -> usize {
        (global >> self.manifest.record_bits) as usize
    }

    /// A record's metadata: all of it once a text block has brought it, else what the manifest knows.
    fn record_meta(&self, record: usize) -> RecordMeta {
        // The record's blocks are numbered from `record << (record_bits - block_bits)`.
        let first_block = record << (self.manifest.record_bits - self.manifest.block_bits);
        let loaded = self.blocks.from(first_block).first().filter(|(_, b)| self.record_of(b.first) == record);
        if let Some((_, block)) = loaded {
            return block.record.clone();
        }
        let summary = self.manifest.records.get(record);
        RecordMeta {
            date: summary.filter(|s| s.year > 0).map_or_else(String::new, |s| s.year.to_string()),
            lang: summary.and_then(|s| s.lang),
            ..RecordMeta::default()
        }
    }
}

/// The term chunk a folded word belongs to: the last whose key is ≤ it.
fn chunk_of(keys: &[String], folded: &str) -> usize {
    keys.partition_point(|k| k.as_str() <= folded).saturating_sub(1)
}

/// The term chunks' translations, as ids of the assembled dictionary (`words`, sorted).
fn translations(words: &[String], chunks: &[&TermShard]) -> Vec<Translation> {
    let mut out: Vec<Translation> = Vec::new();
    for (key, targets) in chunks.iter().flat_map(|c| &c.translations) {
        let id = |w: &String| words.binary_search(w).ok().map(|i| i as u32);
        let words: Vec<u32> = targets.iter().filter_map(id).collect();
        if !words.is_empty() {
            out.push(Translation { key: key.clone(), words });
        }
    }
    // Neighbouring chunks may carry the same key: keep it once, with the most words.
    sort_by_key(&mut out, |t| (t.key.clone(), std::cmp::Reverse(t.words.len())));
    out.dedup_by(|b, a| a.key == b.key);
    out
}

/// The words a key is filed under in the first of `chunks` that carries it, if one does.
fn filed_under<'a>(chunks: &[&'a TermShard], key: &str) -> Option<&'a Vec<String>> {
    chunks
        .iter()
        .find_map(|c| {
            c.translations.binary_search_by(|(k, _)| k.as_str().cmp(key)).ok().and_then(|i| c.translations.get(i))
        })
        .map(|(_, words)| words)
}

/// The phrase buckets (of `buckets`) of a run of words: each content word and
/// the next one, side by side or across function words, where `wanted(first, second)`.
fn phrase_buckets(buckets: u32, run: &[String], wanted: impl Fn(&str, &str) -> bool) -> Vec<u32> {
    let folded = run.iter().map(|w| fold(w)).enumerate();
    let content: Vec<(usize, String)> = folded.filter(|(_, w)| !is_any_stopword(w)).collect();
    let pairs = content.windows(2).filter_map(|pair| match pair {
        [(i, a), (j, b)] if buckets > 0 && j - i <= PHRASE_MAX_GAP && wanted(a, b) => {
            Some(phrase_hash(&phrase_pair(a, b, j - i)) % buckets)
        }
        _ => None,
    });
    pairs.collect()
}

/// The fewest edits from a misspelt folded word to one of `words`, within a typo's edits.
fn nearest<'a>(words: impl Iterator<Item = &'a str>, folded: &str, prefix: bool) -> Option<usize> {
    let typed = Typed::new(folded);
    words.filter_map(|w| typed.typo_distance(w, prefix).filter(|&d| d > 0)).min()
}

/// Phrase pairs at a's positions become occurrences of a and of b the pair's gap
/// on: phrases then match where a word's own postings were cut short.
fn add_pairs(data: &mut IndexData, phrases: &[&TermShard], local: &dyn Fn(u32) -> u32) {
    let mut extra: Vec<(u32, u32, u32)> = Vec::new(); // (word, passage, position)
    for shard in phrases {
        for entry in &shard.words {
            let Some((a, b, gap)) = split_phrase_pair(&entry.word) else { continue };
            let id = |w: &str| data.words.binary_search_by(|x| x.as_str().cmp(w)).ok().map(|i| i as u32);
            let (Some(a), Some(b)) = (id(a), id(b)) else { continue };
            for (p, positions) in &entry.postings {
                let Some(passage) = shard.passages.get(*p as usize).map(|sp| local(sp.id)) else { continue };
                for &position in positions {
                    extra.push((a, passage, position));
                    extra.push((b, passage, position + gap as u32));
                }
            }
        }
    }
    sort(&mut extra);
    extra.dedup();
    for group in extra.chunk_by(|x, y| x.0 == y.0) {
        let Some(postings) = group.first().and_then(|&(word, _, _)| data.postings.get_mut(word as usize)) else {
            continue;
        };
        let mut merged: Vec<(u32, u32)> =
            postings.iter().flat_map(|p| p.positions.iter().map(move |&pos| (p.passage, pos))).collect();
        merged.extend(group.iter().map(|&(_, passage, position)| (passage, position)));
        sort(&mut merged);
        merged.dedup();
        postings.clear();
        for (passage, position) in merged {
            match postings.last_mut() {
                Some(last) if last.passage == passage => last.positions.push(position),
                _ => postings.push(Posting { passage, positions: vec![position] }),
            }
        }
    }
}

/// Shards fetched so far, by number: a sorted list (lighter in wasm than a map).
struct Loaded<T>(Vec<(usize, T)>);

impl<T> Default for Loaded<T> {
    fn default() -> Loaded<T> {
        Loaded(Vec::new())
    }
}

impl<T> Loaded<T> {
    fn find(&self, n: usize) -> Result<usize, usize> {
        self.0.binary_search_by_key(&n, |&(k, _)| k)
    }

    fn get(&self, n: usize) -> Option<&T> {
        self.find(n).ok().and_then(|i| self.0.get(i)).map(|(_, v)| v)
    }

    fn contains_key(&self, n: usize) -> bool {
        self.find(n).is_ok()
    }

    fn insert(&mut self, n: usize, value: T) {
        match self.find(n) {
            Ok(i) => {
                if let Some(slot) = self.0.get_mut(i) {
                    slot.1 = value;
                }
            }
            Err(i) => self.0.insert(i, (n, value)),
        }
    }

    fn len(&self) -> usize {
        self.0.len()
    }

    /// The shards numbered `n` and above, in order.
    fn from(&self, n: usize) -> &[(usize, T)] {
        let i = self.find(n).unwrap_or_else(|i| i);
        self.0.get(i..).unwrap_or_default()
    }
}
