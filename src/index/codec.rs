//! [`IndexData`] ↔ bytes: the encoder and the decoder side by side, so the
//! layout lives in one place. FORMAT.md documents it byte by byte.
//!
//! The decoder reads bytes that came over a network: it checks the magic, the
//! version and the CRC first, then every length and index before it allocates
//! or slices. It never panics; lints below keep it that way.
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

use super::{Acronym, IndexData, Layout, PassageData, Posting, RecordMeta, Translation, derive_dictionary};
use crate::analysis::Lang;
use crate::analysis::tokenize::MAX_WORD_BYTES;
use crate::record::{Speaker, SpeakerKind};
use std::fmt;

pub const MAGIC: [u8; 4] = *b"VRBT";
pub const FORMAT_VERSION: u8 = 2;
/// The oldest format still read: version 1 is version 2 without its translations.
pub const OLDEST_FORMAT_VERSION: u8 = 1;

const TAG_RECORDS: u8 = 1;
const TAG_SECTIONS: u8 = 2;
const TAG_SPEAKERS: u8 = 3;
const TAG_PASSAGES: u8 = 4;
const TAG_WORDS: u8 = 5;
const TAG_POSTINGS: u8 = 6;
const TAG_ACRONYMS: u8 = 7;
const TAG_TRANSLATIONS: u8 = 8;

/// Header flag: the dictionary, postings and acronyms are left out and derived at load.
const FLAG_DERIVED: u8 = 1;
/// Magic, version and flags.
const HEADER_LEN: usize = 6;

/// Why bytes are not a usable index. The messages are for the person who
/// deploys the search box: they say what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// Not a Verbatim index at all (an HTML error page, another file).
    NotAnIndex { found: Vec<u8> },
    /// Made by a newer Verbatim than this engine.
    NewerVersion { expected: u8, found: u8 },
    /// Made by an older Verbatim that this engine no longer reads.
    OlderVersion { expected: u8, found: u8 },
    /// Truncated or altered in transit.
    Checksum { expected: u32, found: u32 },
    /// The checksum holds but the content does not make sense.
    Damaged { section: &'static str, what: &'static str },
}

/// Bytes as hex digits, "3c21444f": written by hand, as `{:x}` and `{:?}` would
/// bring their formatting code into the wasm.
fn hex(bytes: &[u8]) -> String {
    let digit = |n: u8| char::from_digit(u32::from(n & 0xf), 16).unwrap_or('0');
    bytes.iter().flat_map(|&b| [digit(b >> 4), digit(b)]).collect()
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::NotAnIndex { found } => write!(
                f,
                "this file is not a Verbatim index (it starts with the bytes {}); check the index URL: the server may have sent an error page",
                hex(found)
            ),
            DecodeError::NewerVersion { expected, found } => write!(
                f,
                "this index was made by a newer Verbatim (format {found}, this engine reads {expected}); update verbatim.js and verbatim_bg.wasm together with the index"
            ),
            DecodeError::OlderVersion { expected, found } => write!(
                f,
                "this index was made by an older Verbatim (format {found}, this engine reads {expected}); rebuild it with `verbatim index`"
            ),
            DecodeError::Checksum { expected, found } => write!(
                f,
                "this search index is damaged (checksum {}, expected {}): it was truncated or altered in transit; reload the page or upload the file again",
                hex(&found.to_be_bytes()),
                hex(&expected.to_be_bytes())
            ),
            DecodeError::Damaged { section, what } => write!(
                f,
                "this search index is damaged ({section}: {what}); rebuild it with `verbatim index` and upload it again"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

// ---------------------------------------------------------------- encoding

/// Encodes index data. The same data always gives the same bytes.
pub fn encode(index: &IndexData) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.push(FORMAT_VERSION);
    out.push(match index.layout {
        Layout::Stored => 0,
        Layout::Derived => FLAG_DERIVED,
    });
    section(&mut out, TAG_RECORDS, |w| {
        w.len(index.records.len());
        index.records.iter().for_each(|r| w.record(r));
    });
    section(&mut out, TAG_SECTIONS, |w| {
        w.len(index.sections.len());
        index.sections.iter().for_each(|s| w.str(s));
    });
    section(&mut out, TAG_SPEAKERS, |w| {
        w.len(index.speakers.len());
        for s in &index.speakers {
            w.byte(s.kind.code());
            w.str(&s.name);
        }
    });
    section(&mut out, TAG_PASSAGES, |w| {
        w.len(index.passages.len());
        for p in &index.passages {
            w.uint(p.record);
            w.uint(p.number);
            w.byte(u8::from(p.id.is_some()) | (u8::from(p.section.is_some()) << 1));
            if let Some(id) = &p.id {
                w.str(id);
            }
            if let Some(section) = p.section {
                w.uint(section);
            }
            w.uints(&p.speakers);
            w.lang(p.lang);
            w.uint(p.length);
            w.str(&p.text);
        }
    });
    if index.layout == Layout::Stored {
        section(&mut out, TAG_WORDS, |w| w.front_coded(index.words.iter().map(String::as_str)));
        section(&mut out, TAG_POSTINGS, |w| {
            for postings in &index.postings {
                w.len(postings.len());
                let mut last_passage = 0;
                for (i, p) in postings.iter().enumerate() {
                    w.uint(if i == 0 { p.passage } else { p.passage - last_passage });
                    last_passage = p.passage;
                    w.ascending(p.positions.iter().copied());
                }
            }
        });
        section(&mut out, TAG_ACRONYMS, |w| {
            w.len(index.acronyms.len());
            for a in &index.acronyms {
                w.uint(a.acronym);
                w.len(a.expansion.len());
                a.expansion.iter().for_each(|&id| w.uint(id));
            }
        });
    }
    // In both layouts: no lexicon travels with the engine to derive them.
    section(&mut out, TAG_TRANSLATIONS, |w| {
        w.front_coded(index.translations.iter().map(|t| t.key.as_str()));
        index.translations.iter().for_each(|t| w.ascending(t.words.iter().copied()));
    });
    let crc = crc32(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

fn section(out: &mut Vec<u8>, tag: u8, fill: impl FnOnce(&mut Writer)) {
    let mut w = Writer(Vec::new());
    fill(&mut w);
    out.push(tag);
    let mut len = Writer(Vec::new());
    len.len(w.0.len());
    out.extend_from_slice(&len.0);
    out.extend_from_slice(&w.0);
}

/// Appends the codec's primitives (varints, strings) to a buffer.
pub(crate) struct Writer(pub(crate) Vec<u8>);

impl Writer {
    pub(crate) fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    /// LEB128: seven bits a byte, low first, high bit set on all but the last.
    pub(crate) fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    pub(crate) fn uint(&mut self, v: u32) {
        self.varint(u64::from(v));
    }

    pub(crate) fn len(&mut self, n: usize) {
        self.varint(n as u64);
    }

    pub(crate) fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.0.extend_from_slice(b);
    }

    pub(crate) fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    pub(crate) fn lang(&mut self, lang: Option<Lang>) {
        self.byte(match lang {
            None => 0,
            Some(Lang::French) => 1,
            Some(Lang::English) => 2,
        });
    }

    /// A record's metadata: six strings and its language.
    pub(crate) fn record(&mut self, r: &RecordMeta) {
        for s in [&r.symbol, &r.title, &r.session, &r.meeting, &r.date, &r.url] {
            self.str(s);
        }
        self.lang(r.lang);
    }

    /// A count, then that many numbers.
    pub(crate) fn uints(&mut self, values: &[u32]) {
        self.len(values.len());
        values.iter().for_each(|&v| self.uint(v));
    }

    /// Strictly ascending numbers as a count and gaps.
    pub(crate) fn ascending(&mut self, values: impl ExactSizeIterator<Item = u32>) {
        self.len(values.len());
        let mut previous = 0;
        for v in values {
            self.uint(v - previous);
            previous = v;
        }
    }

    /// Sorted strings as a count, then each as (bytes shared with the previous one, the rest).
    pub(crate) fn front_coded<'s>(&mut self, words: impl ExactSizeIterator<Item = &'s str>) {
        self.len(words.len());
        let mut previous: &[u8] = &[];
        for word in words {
            let shared = previous.iter().zip(word.as_bytes()).take_while(|(a, b)| a == b).count();
            self.len(shared);
            self.bytes(word.as_bytes().get(shared..).unwrap_or_default());
            previous = word.as_bytes();
        }
    }
}

// ---------------------------------------------------------------- decoding

/// Decodes index bytes, or says why they are not a usable index.
pub fn decode(bytes: &[u8]) -> Result<IndexData, DecodeError> {
    let not_an_index = || DecodeError::NotAnIndex { found: bytes.iter().take(4).copied().collect() };
    if bytes.get(..4) != Some(&MAGIC[..]) {
        return Err(not_an_index());
    }
    let version = *bytes.get(4).ok_or_else(not_an_index)?;
    if version > FORMAT_VERSION {
        return Err(DecodeError::NewerVersion { expected: FORMAT_VERSION, found: version });
    }
    if version < OLDEST_FORMAT_VERSION {
        return Err(DecodeError::OlderVersion { expected: FORMAT_VERSION, found: version });
    }
    let body_len = bytes
        .len()
        .checked_sub(4)
        .filter(|&n| n >= HEADER_LEN)
        .ok_or(DecodeError::Checksum { expected: 0, found: 0 })?;
    let (body, footer) = bytes.split_at(body_len);
    let expected = u32::from_le_bytes(footer.try_into().map_err(|_| not_an_index())?);
    let found = crc32(body);
    if expected != found {
        return Err(DecodeError::Checksum { expected, found });
    }

    let mut r = Reader { buf: body, pos: 5, section: "header" };
    let layout = match r.byte()? {
        0 => Layout::Stored,
        FLAG_DERIVED => Layout::Derived,
        _ => return Err(r.damaged("unknown header flags")),
    };
    let mut index = IndexData { layout, ..IndexData::default() };

    let mut s = r.section(TAG_RECORDS, "records")?;
    for _ in 0..s.count(1)? {
        index.records.push(s.record()?);
    }
    s.finish()?;

    let mut s = r.section(TAG_SECTIONS, "sections")?;
    for _ in 0..s.count(1)? {
        index.sections.push(s.string()?);
    }
    s.finish()?;

    let mut s = r.section(TAG_SPEAKERS, "speakers")?;
    for _ in 0..s.count(2)? {
        let kind = SpeakerKind::from_code(s.byte()?).ok_or_else(|| s.damaged("unknown speaker kind"))?;
        index.speakers.push(Speaker { kind, name: s.string()? });
    }
    s.finish()?;

    let mut s = r.section(TAG_PASSAGES, "passages")?;
    for _ in 0..s.count(7)? {
        let record = s.index_below(index.records.len(), "record out of range")?;
        let number = s.uint()?;
        let flags = s.byte()?;
        if flags > 3 {
            return Err(s.damaged("unknown passage flags"));
        }
        let id = if flags & 1 != 0 { Some(s.string()?) } else { None };
        let section =
            if flags & 2 != 0 { Some(s.index_below(index.sections.len(), "section out of range")?) } else { None };
        let mut speakers = Vec::new();
        for _ in 0..s.count(1)? {
            speakers.push(s.index_below(index.speakers.len(), "speaker out of range")?);
        }
        let lang = s.lang()?;
        let length = s.uint()?;
        let text = s.string()?;
        index.passages.push(PassageData { record, number, id, section, speakers, lang, length, text });
    }
    s.finish()?;

    if index.layout == Layout::Derived {
        derive_dictionary(&mut index);
    } else {
        let mut s = r.section(TAG_WORDS, "words")?;
        index.words = s.front_coded()?;
        s.finish()?;

        let mut s = r.section(TAG_POSTINGS, "postings")?;
        for _ in 0..index.words.len() {
            let mut postings: Vec<Posting> = Vec::with_capacity(0);
            for _ in 0..s.count(2)? {
                let previous = postings.last().map(|p| p.passage);
                let passage = s.next_ascending(previous, index.passages.len() as u64, "passage out of range")?;
                postings.push(Posting { passage, positions: s.ascending()? });
            }
            index.postings.push(postings);
        }
        s.finish()?;

        let mut s = r.section(TAG_ACRONYMS, "acronyms")?;
        for _ in 0..s.count(2)? {
            let acronym = s.index_below(index.words.len(), "acronym out of range")?;
            let mut expansion = Vec::new();
            for _ in 0..s.count(1)? {
                expansion.push(s.index_below(index.words.len(), "expansion word out of range")?);
            }
            index.acronyms.push(Acronym { acronym, expansion });
        }
        s.finish()?;
    }

    if version < 2 {
        // Format 1 ends here: an engine update keeps the index deployed with the last one loading.
        return match r.pos == body.len() {
            true => Ok(index),
            false => Err(r.damaged("trailing bytes after the last section")),
        };
    }
    let mut s = r.section(TAG_TRANSLATIONS, "translations")?;
    for key in s.front_coded()? {
        let words = s.ascending()?;
        if words.last().is_some_and(|&id| id as usize >= index.words.len()) {
            return Err(s.damaged("word out of range"));
        }
        index.translations.push(Translation { key, words });
    }
    s.finish()?;

    if r.pos != body.len() {
        return Err(r.damaged("trailing bytes after the last section"));
    }
    Ok(index)
}

/// Reads the codec's primitives, bounds-checked; errors name the section.
pub(crate) struct Reader<'a> {
    pub(crate) buf: &'a [u8],
    pub(crate) pos: usize,
    pub(crate) section: &'static str,
}

impl<'a> Reader<'a> {
    pub(crate) fn damaged(&self, what: &'static str) -> DecodeError {
        DecodeError::Damaged { section: self.section, what }
    }

    pub(crate) fn byte(&mut self) -> Result<u8, DecodeError> {
        let b = *self.buf.get(self.pos).ok_or_else(|| self.damaged("unexpected end"))?;
        self.pos += 1;
        Ok(b)
    }

    pub(crate) fn varint(&mut self) -> Result<u64, DecodeError> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            value |= u64::from(b & 0x7f).checked_shl(shift).ok_or_else(|| self.damaged("varint overflow"))?;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(self.damaged("varint too long"))
    }

    pub(crate) fn uint(&mut self) -> Result<u32, DecodeError> {
        u32::try_from(self.varint()?).map_err(|_| self.damaged("number too large"))
    }

    pub(crate) fn index_below(&mut self, bound: usize, what: &'static str) -> Result<u32, DecodeError> {
        let v = self.uint()?;
        if (v as usize) < bound { Ok(v) } else { Err(self.damaged(what)) }
    }

    /// A count of items that each take at least `min_item_bytes`; bounded by
    /// the bytes left, so a forged count cannot make us allocate or loop much.
    pub(crate) fn count(&mut self, min_item_bytes: usize) -> Result<usize, DecodeError> {
        let n = usize::try_from(self.varint()?).map_err(|_| self.damaged("count too large"))?;
        let left = self.buf.len().saturating_sub(self.pos);
        if n.saturating_mul(min_item_bytes.max(1)) > left && min_item_bytes > 0 {
            return Err(self.damaged("count larger than the data"));
        }
        if min_item_bytes == 0 && n > left.saturating_mul(8).saturating_add(255) {
            return Err(self.damaged("length larger than the data"));
        }
        Ok(n)
    }

    pub(crate) fn bytes(&mut self) -> Result<&'a [u8], DecodeError> {
        let n = self.count(1)?;
        let end = self.pos.checked_add(n).ok_or_else(|| self.damaged("length overflow"))?;
        let b = self.buf.get(self.pos..end).ok_or_else(|| self.damaged("unexpected end"))?;
        self.pos = end;
        Ok(b)
    }

    pub(crate) fn string(&mut self) -> Result<String, DecodeError> {
        let b = self.bytes()?;
        String::from_utf8(b.to_vec()).map_err(|_| self.damaged("text is not UTF-8"))
    }

    pub(crate) fn record(&mut self) -> Result<RecordMeta, DecodeError> {
        let mut fields = [const { String::new() }; 6];
        for f in &mut fields {
            *f = self.string()?;
        }
        let [symbol, title, session, meeting, date, url] = fields;
        Ok(RecordMeta { symbol, title, session, meeting, date, url, lang: self.lang()? })
    }

    /// A count, then that many numbers.
    pub(crate) fn uints(&mut self) -> Result<Vec<u32>, DecodeError> {
        let mut values = Vec::new();
        for _ in 0..self.count(1)? {
            values.push(self.uint()?);
        }
        Ok(values)
    }

    /// Strictly ascending numbers, written as a count and gaps.
    pub(crate) fn ascending(&mut self) -> Result<Vec<u32>, DecodeError> {
        let mut out: Vec<u32> = Vec::new();
        for _ in 0..self.count(1)? {
            out.push(self.next_ascending(out.last().copied(), u64::MAX, "value overflow")?);
        }
        Ok(out)
    }

    /// One number of a strictly ascending list written as gaps (the first as
    /// itself), for lists whose numbers are interleaved with other fields;
    /// `out_of_range` when it is not below `below`.
    pub(crate) fn next_ascending(
        &mut self,
        previous: Option<u32>,
        below: u64,
        out_of_range: &'static str,
    ) -> Result<u32, DecodeError> {
        let gap = self.uint()?;
        let value = match previous {
            Some(_) if gap == 0 => return Err(self.damaged("values out of order")),
            Some(previous) => previous.checked_add(gap),
            None => Some(gap),
        };
        value.filter(|&v| u64::from(v) < below).ok_or_else(|| self.damaged(out_of_range))
    }

    /// Sorted strings, front coded. The tokenizer never makes longer words; the
    /// cap also keeps front coding from turning a small file into a huge list.
    pub(crate) fn front_coded(&mut self) -> Result<Vec<String>, DecodeError> {
        let mut words: Vec<String> = Vec::new();
        for _ in 0..self.count(2)? {
            let shared = self.count(0)?;
            let suffix = self.bytes()?;
            let previous = words.last().map_or(&[][..], |w| w.as_bytes());
            if shared.saturating_add(suffix.len()) > MAX_WORD_BYTES {
                return Err(self.damaged("word longer than any the tokenizer makes"));
            }
            let mut word = previous.get(..shared).ok_or_else(|| self.damaged("shared prefix too long"))?.to_vec();
            word.extend_from_slice(suffix);
            if !words.is_empty() && word.as_slice() <= previous {
                return Err(self.damaged("words out of order"));
            }
            words.push(String::from_utf8(word).map_err(|_| self.damaged("word is not UTF-8"))?);
        }
        Ok(words)
    }

    pub(crate) fn lang(&mut self) -> Result<Option<Lang>, DecodeError> {
        match self.byte()? {
            0 => Ok(None),
            1 => Ok(Some(Lang::French)),
            2 => Ok(Some(Lang::English)),
            _ => Err(self.damaged("unknown language")),
        }
    }

    /// Opens the next section, which must carry `tag`; returns a reader over it alone.
    pub(crate) fn section(&mut self, tag: u8, name: &'static str) -> Result<Reader<'a>, DecodeError> {
        self.section = name;
        if self.byte()? != tag {
            return Err(self.damaged("unexpected section tag"));
        }
        let len = self.count(1)?;
        let end = self.pos.checked_add(len).ok_or_else(|| self.damaged("length overflow"))?;
        let buf = self.buf.get(..end).ok_or_else(|| self.damaged("section longer than the file"))?;
        let inner = Reader { buf, pos: self.pos, section: name };
        self.pos = end;
        Ok(inner)
    }

    pub(crate) fn finish(self) -> Result<(), DecodeError> {
        if self.pos == self.buf.len() { Ok(()) } else { Err(self.damaged("section length does not match its content")) }
    }
}

// ---------------------------------------------------------------- CRC-32

/// CRC-32 (IEEE 802.3, the one gzip and PNG use). The table is built at each
/// call (2,048 steps, nothing beside a file's bytes): a compile-time table would
/// ship 1 KB of incompressible bytes in the wasm.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, entry) in (0u32..).zip(table.iter_mut()) {
        *entry = (0..8).fold(i, |c, _| if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 });
    }
    let mut crc = !0u32;
    for &b in bytes {
        crc = table.get(usize::from((crc as u8) ^ b)).copied().unwrap_or(0) ^ (crc >> 8);
    }
    !crc
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    }

    #[test]
    fn empty_index_round_trips() {
        let bytes = encode(&IndexData::default());
        assert_eq!(decode(&bytes).unwrap(), IndexData::default());
    }

    #[test]
    fn wrong_magic_newer_version_and_flipped_bits_are_told_apart() {
        let bytes = encode(&IndexData::default());
        assert!(matches!(decode(b"<!doctype html>"), Err(DecodeError::NotAnIndex { .. })));
        let mut newer = bytes.clone();
        newer[4] = FORMAT_VERSION + 1;
        assert_eq!(
            decode(&newer),
            Err(DecodeError::NewerVersion { expected: FORMAT_VERSION, found: FORMAT_VERSION + 1 })
        );
        let mut flipped = bytes.clone();
        flipped[6] ^= 0x10;
        assert!(matches!(decode(&flipped), Err(DecodeError::Checksum { .. })));
        assert!(decode(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn messages_say_what_to_do() {
        let newer = DecodeError::NewerVersion { expected: 1, found: 2 }.to_string();
        assert!(newer.contains("newer Verbatim"), "{newer}");
        let damaged = DecodeError::Checksum { expected: 1, found: 2 }.to_string();
        assert!(damaged.contains("damaged") && damaged.contains("reload"), "{damaged}");
        assert!(damaged.contains("checksum 00000002, expected 00000001"), "{damaged}");
        let html = DecodeError::NotAnIndex { found: b"<!DO".to_vec() }.to_string();
        assert!(html.contains("starts with the bytes 3c21444f") && html.contains("error page"), "{html}");
    }
}
