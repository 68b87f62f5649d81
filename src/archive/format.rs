//! The archive's files ↔ bytes: the manifest, term shards (term chunks and typo
//! buckets share one layout) and text blocks, encoder and decoder side by side.
//! FORMAT.md documents them byte by byte. Like the single-file codec, the
//! decoder checks magic, version and CRC first and never panics.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use crate::analysis::Lang;
use crate::index::{DecodeError, Reader, RecordMeta, Writer, crc32};
use crate::record::{Speaker, SpeakerKind};

pub const MANIFEST_MAGIC: [u8; 4] = *b"VRBA";
pub const SHARD_MAGIC: [u8; 4] = *b"VRBS";
pub const ARCHIVE_VERSION: u8 = 4;

/// What a shard file holds (its fifth byte after the magic and version).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShardKind {
    Terms = 1,
    Typos = 2,
    Text = 3,
    Phrases = 4,
    /// The chunk keys of a filter's sub-archive.
    Keys = 5,
    /// The records' symbols, for a filter on one record.
    Records = 6,
}

/// The entry point: everything needed to know which shards a query needs,
/// and the corpus-wide figures that ranking needs.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Manifest {
    /// Hash of all shard contents, part of every shard's file name.
    pub hash: String,
    /// Passages in the archive.
    pub passages: u32,
    /// Mean passage length in positions (BM25).
    pub average_length: f32,
    /// A passage id is `record << record_bits | its index in the record`: the
    /// record of any passage is known without a table.
    pub record_bits: u8,
    /// Text block `b` holds the passages `b << block_bits ..` of one record.
    pub block_bits: u8,
    pub sections: Vec<String>,
    pub speakers: Vec<Speaker>,
    pub records: Vec<RecordSummary>,
    /// First folded word of each term chunk, ascending.
    pub chunks: Vec<String>,
    /// First key of each typo bucket, ascending.
    pub typos: Vec<TypoKey>,
    /// Number of phrase buckets (word pairs are hashed into them).
    pub phrase_buckets: u32,
    /// Years and speakers with a sub-archive of their own (`filters/year-1970/`, `filters/speaker-12/`), ascending.
    pub filter_years: Vec<u16>,
    pub filter_speakers: Vec<u32>,
}

/// What ranking, filters and facets need of a record before its text is loaded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordSummary {
    /// 0 when unknown.
    pub year: u16,
    pub lang: Option<Lang>,
    /// The one speaker of all the record's passages, if there is one (a General Debate statement's delegation).
    pub speaker: Option<u32>,
}

/// Typo buckets are ordered by the word's last three letters, then its length.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct TypoKey {
    pub suffix: String,
    pub length: u8,
}

/// A term chunk or a typo bucket: words with their corpus-wide document
/// frequency and their best postings, over a table of the passages they name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TermShard {
    /// Sorted by id.
    pub passages: Vec<ShardPassage>,
    /// Sorted by bytes.
    pub words: Vec<ShardWord>,
    /// Term chunks only: the folded words just outside the chunk that begin as
    /// its first or last word does (three letters), sorted. A word misspelt
    /// after its third letter may sort into this chunk and mean one of them.
    pub halo: Vec<String>,
    /// Term chunks only: the other language's words whose folded forms may sort
    /// here (French on an English archive), by stem key, sorted, each with the
    /// archive's words that translate it (and their inflections), sorted.
    pub translations: Vec<(String, Vec<String>)>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShardPassage {
    /// Global passage id.
    pub id: u32,
    pub length: u32,
    pub section: Option<u32>,
    /// `None`: the record's speaker.
    pub speakers: Option<Vec<u32>>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShardWord {
    pub word: String,
    /// Passages holding the word in the whole archive (the postings may be fewer).
    pub doc_freq: u32,
    /// (index into the shard's passages, ascending; positions, ascending).
    pub postings: Vec<(u32, Vec<u32>)>,
}

/// The text of consecutive passages of one record, and the record's metadata.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextBlock {
    /// Id of the first passage.
    pub first: u32,
    pub record: RecordMeta,
    /// Passages in the whole record (its blocks follow one another).
    pub record_passages: u32,
    pub passages: Vec<BlockPassage>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BlockPassage {
    /// Paragraph number in its record.
    pub number: u32,
    /// Set when the id is not "{symbol}#p{number}".
    pub id: Option<String>,
    pub section: Option<u32>,
    /// `None`: the record's speaker.
    pub speakers: Option<Vec<u32>>,
    pub text: String,
}

// ---------------------------------------------------------------- encoding

pub fn encode_manifest(m: &Manifest) -> Vec<u8> {
    let mut w = Writer(MANIFEST_MAGIC.to_vec());
    w.byte(ARCHIVE_VERSION);
    w.str(&m.hash);
    w.uint(m.passages);
    w.uint(m.average_length.to_bits());
    w.byte(m.record_bits);
    w.byte(m.block_bits);
    w.len(m.sections.len());
    m.sections.iter().for_each(|s| w.str(s));
    w.len(m.speakers.len());
    for s in &m.speakers {
        w.byte(s.kind.code());
        w.str(&s.name);
    }
    // Column by column: each column is regular, which gzip rewards.
    w.len(m.records.len());
    let mut year = 0;
    for r in &m.records {
        w.varint(zigzag(i64::from(r.year) - i64::from(year)));
        year = r.year;
    }
    m.records.iter().for_each(|r| w.lang(r.lang));
    let mut speaker = 0;
    for r in &m.records {
        let s = r.speaker.map_or(0, |s| i64::from(s) + 1);
        w.varint(zigzag(s - speaker));
        speaker = s;
    }
    w.front_coded(m.chunks.iter().map(String::as_str));
    w.len(m.typos.len());
    for key in &m.typos {
        w.str(&key.suffix);
        w.byte(key.length);
    }
    w.uint(m.phrase_buckets);
    w.ascending(m.filter_years.iter().map(|&y| u32::from(y)));
    w.ascending(m.filter_speakers.iter().copied());
    finish(w)
}

pub fn encode_terms(kind: ShardKind, shard: &TermShard) -> Vec<u8> {
    let mut w = shard_header(kind);
    w.len(shard.passages.len());
    let mut last = 0;
    for p in &shard.passages {
        w.uint(p.id - last);
        last = p.id;
        w.uint(p.length);
        w.byte(u8::from(p.section.is_some()) | (u8::from(p.speakers.is_some()) << 1));
        if let Some(section) = p.section {
            w.uint(section);
        }
        if let Some(speakers) = &p.speakers {
            w.uints(speakers);
        }
    }
    w.front_coded(shard.words.iter().map(|word| word.word.as_str()));
    for word in &shard.words {
        w.uint(word.doc_freq);
        w.len(word.postings.len());
        let mut last = 0;
        for (passage, positions) in &word.postings {
            w.uint(passage - last);
            last = *passage;
            w.ascending(positions.iter().copied());
        }
    }
    if kind == ShardKind::Terms {
        w.front_coded(shard.halo.iter().map(String::as_str));
        w.front_coded(shard.translations.iter().map(|(key, _)| key.as_str()));
        for (_, words) in &shard.translations {
            w.front_coded(words.iter().map(String::as_str));
        }
    }
    finish(w)
}

pub fn encode_text(block: &TextBlock) -> Vec<u8> {
    let mut w = shard_header(ShardKind::Text);
    w.uint(block.first);
    w.record(&block.record);
    w.uint(block.record_passages);
    w.len(block.passages.len());
    for p in &block.passages {
        w.uint(p.number);
        w.byte(u8::from(p.id.is_some()) | u8::from(p.section.is_some()) << 1 | u8::from(p.speakers.is_some()) << 2);
        if let Some(id) = &p.id {
            w.str(id);
        }
        if let Some(section) = p.section {
            w.uint(section);
        }
        if let Some(speakers) = &p.speakers {
            w.uints(speakers);
        }
        w.str(&p.text);
    }
    finish(w)
}

/// The records' symbols, in record order.
pub fn encode_records(symbols: &[&str]) -> Vec<u8> {
    let mut w = shard_header(ShardKind::Records);
    w.len(symbols.len());
    symbols.iter().for_each(|s| w.str(s));
    finish(w)
}

pub fn decode_records(bytes: &[u8]) -> Result<Vec<String>, DecodeError> {
    let mut r = open_shard(bytes, ShardKind::Records)?;
    let mut symbols = Vec::new();
    for _ in 0..r.count(1)? {
        symbols.push(r.string()?);
    }
    r.finish()?;
    Ok(symbols)
}

/// A filter sub-archive's chunk keys, as the manifest lists the archive's.
pub fn encode_keys(keys: &[String]) -> Vec<u8> {
    let mut w = shard_header(ShardKind::Keys);
    w.front_coded(keys.iter().map(String::as_str));
    finish(w)
}

pub fn decode_keys(bytes: &[u8]) -> Result<Vec<String>, DecodeError> {
    let mut r = open_shard(bytes, ShardKind::Keys)?;
    let keys = r.front_coded()?;
    r.finish()?;
    Ok(keys)
}

fn shard_header(kind: ShardKind) -> Writer {
    let mut w = Writer(SHARD_MAGIC.to_vec());
    w.byte(ARCHIVE_VERSION);
    w.byte(kind as u8);
    w
}

fn finish(w: Writer) -> Vec<u8> {
    let mut out = w.0;
    let crc = crc32(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    (v >> 1) as i64 ^ -((v & 1) as i64)
}

// ---------------------------------------------------------------- decoding

pub fn decode_manifest(bytes: &[u8]) -> Result<Manifest, DecodeError> {
    let mut r = open(bytes, MANIFEST_MAGIC, "manifest")?;
    let mut m = Manifest { hash: r.string()?, passages: r.uint()?, ..Manifest::default() };
    m.average_length = f32::from_bits(r.uint()?);
    if !m.average_length.is_finite() {
        return Err(r.damaged("average length is not a number"));
    }
    m.record_bits = r.byte()?;
    m.block_bits = r.byte()?;
    if m.record_bits > 31 || m.block_bits > m.record_bits {
        return Err(r.damaged("passage id layout out of range"));
    }
    for _ in 0..r.count(1)? {
        m.sections.push(r.string()?);
    }
    for _ in 0..r.count(2)? {
        let kind = SpeakerKind::from_code(r.byte()?).ok_or_else(|| r.damaged("unknown speaker kind"))?;
        m.speakers.push(Speaker { kind, name: r.string()? });
    }
    let records = r.count(3)?;
    if (records as u64) << m.record_bits > u64::from(u32::MAX) + 1 {
        return Err(r.damaged("more records than passage ids"));
    }
    m.records.resize(records, RecordSummary::default());
    let mut year: i64 = 0;
    for record in &mut m.records {
        year += unzigzag(r.varint()?);
        record.year = u16::try_from(year).map_err(|_| r.damaged("year out of range"))?;
    }
    for record in &mut m.records {
        record.lang = r.lang()?;
    }
    let mut speaker: i64 = 0;
    for record in &mut m.records {
        speaker += unzigzag(r.varint()?);
        record.speaker = match usize::try_from(speaker) {
            Ok(0) => None,
            Ok(s) if s <= m.speakers.len() => Some(s as u32 - 1),
            _ => return Err(r.damaged("speaker out of range")),
        };
    }
    m.chunks = r.front_coded()?;
    for _ in 0..r.count(2)? {
        let key = TypoKey { suffix: r.string()?, length: r.byte()? };
        if m.typos.last().is_some_and(|last| *last >= key) {
            return Err(r.damaged("typo buckets out of order"));
        }
        m.typos.push(key);
    }
    m.phrase_buckets = r.uint()?;
    for y in r.ascending()? {
        m.filter_years.push(u16::try_from(y).map_err(|_| r.damaged("year out of range"))?);
    }
    m.filter_speakers = r.ascending()?;
    if m.filter_speakers.iter().any(|&s| s as usize >= m.speakers.len()) {
        return Err(r.damaged("speaker out of range"));
    }
    r.finish()?;
    Ok(m)
}

/// Decodes a term chunk or typo bucket; passage ids must be below `passages`.
pub fn decode_terms(bytes: &[u8], kind: ShardKind, passages: u64) -> Result<TermShard, DecodeError> {
    let mut r = open_shard(bytes, kind)?;
    let mut shard = TermShard::default();
    for _ in 0..r.count(3)? {
        let id = r.next_ascending(shard.passages.last().map(|p| p.id), passages, "passage out of range")?;
        let length = r.uint()?;
        let flags = r.byte()?;
        if flags > 3 {
            return Err(r.damaged("unknown passage flags"));
        }
        let section = if flags & 1 != 0 { Some(r.uint()?) } else { None };
        let speakers = if flags & 2 != 0 { Some(r.uints()?) } else { None };
        shard.passages.push(ShardPassage { id, length, section, speakers });
    }
    let words = r.front_coded()?;
    for word in words {
        let doc_freq = r.uint()?;
        let mut postings: Vec<(u32, Vec<u32>)> = Vec::new();
        for _ in 0..r.count(2)? {
            let previous = postings.last().map(|&(p, _)| p);
            let passage = r.next_ascending(previous, shard.passages.len() as u64, "posting out of range")?;
            postings.push((passage, r.ascending()?));
        }
        shard.words.push(ShardWord { word, doc_freq, postings });
    }
    if kind == ShardKind::Terms {
        shard.halo = r.front_coded()?;
        for key in r.front_coded()? {
            shard.translations.push((key, r.front_coded()?));
        }
    }
    r.finish()?;
    Ok(shard)
}

pub fn decode_text(bytes: &[u8]) -> Result<TextBlock, DecodeError> {
    let mut r = open_shard(bytes, ShardKind::Text)?;
    let first = r.uint()?;
    let record = r.record()?;
    let mut block = TextBlock { first, record, record_passages: r.uint()?, passages: Vec::new() };
    for _ in 0..r.count(3)? {
        let number = r.uint()?;
        let flags = r.byte()?;
        if flags > 7 {
            return Err(r.damaged("unknown passage flags"));
        }
        let id = if flags & 1 != 0 { Some(r.string()?) } else { None };
        let section = if flags & 2 != 0 { Some(r.uint()?) } else { None };
        let speakers = if flags & 4 != 0 { Some(r.uints()?) } else { None };
        block.passages.push(BlockPassage { number, id, section, speakers, text: r.string()? });
    }
    r.finish()?;
    Ok(block)
}

fn open_shard(bytes: &[u8], kind: ShardKind) -> Result<Reader<'_>, DecodeError> {
    let mut r = open(bytes, SHARD_MAGIC, "shard")?;
    if r.byte()? != kind as u8 {
        return Err(r.damaged("a different kind of shard than its file name says"));
    }
    Ok(r)
}

/// Checks magic, version and CRC; returns a reader over the body.
fn open<'a>(bytes: &'a [u8], magic: [u8; 4], section: &'static str) -> Result<Reader<'a>, DecodeError> {
    let not_an_index = || DecodeError::NotAnIndex { found: bytes.iter().take(4).copied().collect() };
    if bytes.get(..4) != Some(&magic[..]) {
        return Err(not_an_index());
    }
    let version = *bytes.get(4).ok_or_else(not_an_index)?;
    if version > ARCHIVE_VERSION {
        return Err(DecodeError::NewerVersion { expected: ARCHIVE_VERSION, found: version });
    }
    if version < ARCHIVE_VERSION {
        return Err(DecodeError::OlderVersion { expected: ARCHIVE_VERSION, found: version });
    }
    let body_len =
        bytes.len().checked_sub(4).filter(|&n| n >= 5).ok_or(DecodeError::Checksum { expected: 0, found: 0 })?;
    let (body, footer) = bytes.split_at(body_len);
    let expected = u32::from_le_bytes(footer.try_into().map_err(|_| not_an_index())?);
    let found = crc32(body);
    if expected != found {
        return Err(DecodeError::Checksum { expected, found });
    }
    Ok(Reader { buf: body, pos: 5, section })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn manifest_round_trips() {
        let m = Manifest {
            hash: "0badcafe".into(),
            passages: 5,
            average_length: 12.5,
            record_bits: 3,
            block_bits: 1,
            sections: vec!["Débat".into()],
            speakers: vec![Speaker { kind: SpeakerKind::Delegation, name: "France".into() }],
            records: vec![
                RecordSummary { year: 2023, lang: Some(Lang::English), speaker: Some(0) },
                RecordSummary { year: 1970, lang: None, speaker: None },
            ],
            chunks: vec!["".into(), "clim".into(), "climate".into()],
            typos: vec![TypoKey { suffix: "ate".into(), length: 7 }, TypoKey { suffix: "ion".into(), length: 4 }],
            phrase_buckets: 3,
            filter_years: vec![1970, 2023],
            filter_speakers: vec![0],
        };
        assert_eq!(decode_manifest(&encode_manifest(&m)).unwrap(), m);
    }

    #[test]
    fn shards_round_trip_and_refuse_the_wrong_kind() {
        let shard = TermShard {
            halo: vec!["wordy".into()],
            translations: vec![("climat".into(), vec!["climate".into(), "climates".into()])],
            passages: vec![
                ShardPassage { id: 3, length: 10, section: None, speakers: None },
                ShardPassage { id: 9, length: 4, section: Some(1), speakers: Some(vec![0, 2]) },
            ],
            words: vec![
                ShardWord { word: "climat".into(), doc_freq: 40, postings: vec![(0, vec![1, 5]), (1, vec![0])] },
                ShardWord { word: "climate".into(), doc_freq: 2, postings: vec![(1, vec![3])] },
            ],
        };
        let bytes = encode_terms(ShardKind::Terms, &shard);
        assert_eq!(decode_terms(&bytes, ShardKind::Terms, 10).unwrap(), shard);
        assert!(decode_terms(&bytes, ShardKind::Typos, 10).is_err());
        assert!(decode_terms(&bytes, ShardKind::Terms, 9).is_err(), "passage 9 is out of a 9-passage archive");
        let block = TextBlock {
            first: 4,
            record: RecordMeta { symbol: "FRA_78_2023".into(), ..RecordMeta::default() },
            record_passages: 7,
            passages: vec![
                BlockPassage { number: 2, text: "Texte".into(), ..BlockPassage::default() },
                BlockPassage {
                    number: 3,
                    id: Some("x".into()),
                    section: Some(1),
                    speakers: Some(vec![2]),
                    text: "T".into(),
                },
            ],
        };
        assert_eq!(decode_text(&encode_text(&block)).unwrap(), block);
    }

    #[test]
    fn truncated_and_altered_bytes_are_errors() {
        let bytes = encode_manifest(&Manifest::default());
        for end in 0..bytes.len() {
            assert!(decode_manifest(&bytes[..end]).is_err());
        }
        let mut altered = bytes.clone();
        altered[6] ^= 1;
        assert!(matches!(decode_manifest(&altered), Err(DecodeError::Checksum { .. })));
    }
}
