//! Properties of the index codec: valid data round-trips byte-exactly, the
//! decoder never panics whatever it is given, and damage is always reported.

use proptest::collection::{btree_map, btree_set, vec};
use proptest::prelude::*;
use std::sync::LazyLock;
use verbatim::analysis::Lang;
use verbatim::index::{
    Acronym, DecodeError, FORMAT_VERSION, Index, IndexBuilder, IndexData, Layout, MAGIC, OLDEST_FORMAT_VERSION,
    PassageData, Posting, RecordMeta, Translation, decode, encode,
};
use verbatim::record::{Speaker, SpeakerKind, parse_file};

// ---------------------------------------------------------------- helpers

/// CRC-32 (IEEE), bit by bit: independent of the codec's table-driven one.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 { 0xedb8_8320 ^ (crc >> 1) } else { crc >> 1 };
        }
    }
    !crc
}

/// Appends the CRC footer the decoder checks.
fn seal(mut body: Vec<u8>) -> Vec<u8> {
    let crc = crc32(&body);
    body.extend_from_slice(&crc.to_le_bytes());
    body
}

/// The magic and the current version: the first five bytes of every index.
fn header() -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.push(FORMAT_VERSION);
    out.push(0); // flags: the stored layout
    out
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The index of the shipped record, encoded.
static REAL: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/records/AG12734-fr.txt");
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let mut builder = IndexBuilder::new();
    for record in parse_file("records/AG12734-fr.txt", &bytes).unwrap_or_else(|e| panic!("{e}")) {
        builder.add(record);
    }
    encode(&builder.build())
});

/// Decoding must not panic; when it succeeds, the result must survive a
/// round trip and load into a searchable index.
fn decode_checked(bytes: &[u8]) -> Result<(), TestCaseError> {
    if let Ok(data) = decode(bytes) {
        let again = encode(&data);
        let redecoded = decode(&again);
        prop_assert_eq!(redecoded.as_ref(), Ok(&data), "accepted data does not round-trip");
        let index = Index::new(data);
        let _ = index.search("traite", &Default::default());
        let _ = index.search("\"traite des\" OIM", &Default::default());
    }
    Ok(())
}

// ---------------------------------------------------------------- strategies

/// Any text, control characters and non-ASCII included.
fn text(max: usize) -> impl Strategy<Value = String> {
    vec(any::<char>(), 0..=max).prop_map(|chars| chars.into_iter().collect())
}

fn lang() -> impl Strategy<Value = Option<Lang>> {
    prop_oneof![Just(None), Just(Some(Lang::French)), Just(Some(Lang::English))]
}

fn record() -> impl Strategy<Value = RecordMeta> {
    (text(12), text(12), text(6), text(6), text(6), text(12), lang()).prop_map(
        |(symbol, title, session, meeting, date, url, lang)| RecordMeta {
            symbol,
            title,
            session,
            meeting,
            date,
            url,
            lang,
        },
    )
}

fn speaker() -> impl Strategy<Value = Speaker> {
    let kind = prop_oneof![Just(SpeakerKind::Person), Just(SpeakerKind::Delegation), Just(SpeakerKind::Organization)];
    (text(10), kind).prop_map(|(name, kind)| Speaker { name, kind })
}

/// An index in `0..bound`, as the codec stores it; `bound` must be above 0.
fn below(bound: usize) -> impl Strategy<Value = u32> {
    0..bound as u32
}

/// Optionally an index in `0..bound`; always `None` when the list is empty.
fn maybe_below(bound: usize) -> BoxedStrategy<Option<u32>> {
    if bound == 0 { Just(None).boxed() } else { prop::option::of(below(bound)).boxed() }
}

/// Numbers across the varint sizes (1 to 5 bytes), small ones most often.
fn number() -> impl Strategy<Value = u32> {
    prop_oneof![3 => 0..200u32, 1 => any::<u32>()]
}

fn passage(records: usize, sections: usize, speakers: usize) -> impl Strategy<Value = PassageData> {
    let speaker_ids = if speakers == 0 { Just(Vec::new()).boxed() } else { vec(below(speakers), 0..4).boxed() };
    (
        below(records),
        number(),
        prop::option::of(text(10)),
        maybe_below(sections),
        speaker_ids,
        lang(),
        number(),
        text(40),
    )
        .prop_map(|(record, number, id, section, speakers, lang, length, text)| PassageData {
            record,
            number,
            id,
            section,
            speakers,
            lang,
            length,
            text,
        })
}

/// The postings of one word: increasing passages below `passages`, each with
/// increasing positions.
fn postings(passages: usize) -> BoxedStrategy<Vec<Posting>> {
    if passages == 0 {
        return Just(Vec::new()).boxed();
    }
    let positions = prop_oneof![btree_set(0..400u32, 1..6), btree_set(any::<u32>(), 1..4)];
    btree_map(below(passages), positions, 0..=passages.min(5))
        .prop_map(|by_passage| {
            by_passage
                .into_iter()
                .map(|(passage, positions)| Posting { passage, positions: positions.into_iter().collect() })
                .collect()
        })
        .boxed()
}

fn acronyms(words: usize) -> BoxedStrategy<Vec<Acronym>> {
    if words == 0 {
        return Just(Vec::new()).boxed();
    }
    vec((below(words), vec(below(words), 0..5)), 0..4)
        .prop_map(|pairs| {
            let mut acronyms: Vec<Acronym> =
                pairs.into_iter().map(|(acronym, expansion)| Acronym { acronym, expansion }).collect();
            acronyms.sort();
            acronyms.dedup();
            acronyms
        })
        .boxed()
}

/// Translations into `words` words: sorted unique keys, ascending word ids.
fn translations(words: usize) -> BoxedStrategy<Vec<Translation>> {
    if words == 0 {
        return Just(Vec::new()).boxed();
    }
    btree_map("[a-e]{1,6}", btree_set(below(words), 1..4), 0..4)
        .prop_map(|entries| {
            entries.into_iter().map(|(key, words)| Translation { key, words: words.into_iter().collect() }).collect()
        })
        .boxed()
}

/// Index data that keeps every invariant of the format: sorted unique words,
/// sections and speakers; postings parallel to words; every index in range.
fn index_data() -> impl Strategy<Value = IndexData> {
    // Words share prefixes often, so the front coding is exercised.
    let word = prop_oneof![text(6), "[a-c]{0,4}", "(é|e|ê|œ){0,3}[a-b]?"];
    (vec(record(), 0..3), btree_set(text(8), 0..4), btree_set(speaker(), 0..4), btree_set(word, 0..24))
        .prop_flat_map(|(records, sections, speakers, words)| {
            let passages = if records.is_empty() {
                Just(Vec::new()).boxed()
            } else {
                vec(passage(records.len(), sections.len(), speakers.len()), 0..8).boxed()
            };
            let words: Vec<String> = words.into_iter().collect();
            (
                Just(records),
                Just(sections.into_iter().collect()),
                Just(speakers.into_iter().collect()),
                Just(words),
                passages,
            )
        })
        .prop_flat_map(
            |(records, sections, speakers, words, passages): (
                _,
                Vec<String>,
                Vec<Speaker>,
                Vec<String>,
                Vec<PassageData>,
            )| {
                let postings = vec(postings(passages.len()), words.len());
                let acronyms = acronyms(words.len());
                let translations = translations(words.len());
                (
                    Just(records),
                    Just(sections),
                    Just(speakers),
                    Just(passages),
                    Just(words),
                    postings,
                    acronyms,
                    translations,
                )
            },
        )
        .prop_map(|(records, sections, speakers, passages, words, postings, acronyms, translations)| IndexData {
            layout: Layout::Stored,
            records,
            sections,
            speakers,
            passages,
            words,
            postings,
            acronyms,
            translations,
        })
}

/// Section contents of encoded bytes, in order (tags 1 to 8).
fn split_sections(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut sections = Vec::new();
    let mut pos = 6; // magic, version, flags
    while pos < bytes.len() - 4 {
        pos += 1; // the tag
        let (mut len, mut shift) = (0usize, 0);
        loop {
            let b = bytes[pos];
            pos += 1;
            len |= usize::from(b & 0x7f) << shift;
            shift += 7;
            if b & 0x80 == 0 {
                break;
            }
        }
        sections.push(bytes[pos..pos + len].to_vec());
        pos += len;
    }
    sections
}

/// Header and framed sections (right tags, lengths off by `slack`), without the CRC.
fn frame(contents: &[Vec<u8>], slack: usize) -> Vec<u8> {
    let mut body = header();
    for (tag, content) in (1u8..).zip(contents) {
        body.push(tag);
        varint(&mut body, (content.len() + slack) as u64);
        body.extend_from_slice(content);
    }
    body
}

/// Random section content: raw bytes, or small numbers that pass for counts,
/// indexes and lengths.
fn garbage() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![vec(any::<u8>(), 0..48), vec(0..8u8, 0..48)]
}

/// Bodies made of the eight sections, with the right tags and lengths but
/// random content, so each section parser sees garbage.
fn framed_body() -> impl Strategy<Value = Vec<u8>> {
    (vec(garbage(), 8), 0..2usize).prop_map(|(contents, slack)| frame(&contents, slack))
}

/// A valid encoding with one or two sections replaced by garbage: the
/// sections before it parse, so the garbage reaches every parser in turn.
fn spliced_body() -> impl Strategy<Value = Vec<u8>> {
    (index_data(), vec((0..8usize, garbage()), 1..3)).prop_map(|(data, replacements)| {
        let mut sections = split_sections(&encode(&data));
        for (at, content) in replacements {
            sections[at] = content;
        }
        frame(&sections, 0)
    })
}

// ---------------------------------------------------------------- properties

#[test]
fn the_test_crc_agrees_with_the_encoder() {
    let bytes = encode(&IndexData::default());
    let (body, footer) = bytes.split_at(bytes.len() - 4);
    assert_eq!(footer, crc32(body).to_le_bytes());
    assert_eq!(seal(body.to_vec()), bytes);
    assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
}

#[test]
fn an_index_of_the_previous_format_still_loads() {
    let current = decode(&REAL).unwrap_or_else(|e| panic!("{e}"));
    assert!(!current.translations.is_empty(), "the record is French: its index carries translations");
    for file in ["AG12734-fr.v1.idx", "AG12734-fr.v1.derived.idx"] {
        let path = format!("{}/tests/golden/{file}", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
        assert_eq!(bytes[4], 1);
        let old = decode(&bytes).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(old.words, current.words, "{file}");
        assert_eq!(old.passages, current.passages, "{file}");
        assert!(old.translations.is_empty(), "{file}");
    }
}

#[test]
fn the_real_index_decodes_and_re_encodes() {
    let data = decode(&REAL).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(data.passages.len(), 35);
    assert_eq!(encode(&data), *REAL);
    assert_eq!(split_sections(&REAL).len(), 8);
    assert_eq!(seal(frame(&split_sections(&REAL), 0)), *REAL);
}

#[test]
fn the_derived_layout_rebuilds_the_same_dictionary() {
    let stored = decode(&REAL).unwrap_or_else(|e| panic!("{e}"));
    let derived_bytes = encode(&IndexData { layout: Layout::Derived, ..stored.clone() });
    let derived = decode(&derived_bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(derived, IndexData { layout: Layout::Derived, ..stored });
    assert_eq!(encode(&derived), derived_bytes);
    assert!(derived_bytes.len() < REAL.len() * 2 / 3, "{} vs {} bytes", derived_bytes.len(), REAL.len());
}

/// Front coding lets each word repeat the whole previous word and add a byte:
/// n words cost about 5n input bytes but n²/2 decoded bytes (470 KB of input
/// decode to 3.2 GB). The decoder should bound word length or total size.
#[test]
fn front_coded_words_cannot_amplify_memory() {
    let n: usize = 8000;
    let mut words = Vec::new();
    varint(&mut words, n as u64 + 1);
    for shared in 0..n {
        varint(&mut words, shared as u64);
        words.extend_from_slice(&[1, b'a']);
    }
    // A long last word keeps the shared prefixes under the count(0) bound.
    let pad = n / 8 + 10;
    words.push(0);
    varint(&mut words, pad as u64);
    words.push(b'b');
    words.extend(std::iter::repeat_n(b'a', pad - 1));
    let contents = [vec![0], vec![0], vec![0], vec![0], words, vec![0; n + 1], vec![0]];
    let bytes = seal(frame(&contents, 0));
    if let Ok(data) = decode(&bytes) {
        let decoded: usize = data.words.iter().map(String::len).sum();
        assert!(
            decoded <= 64 * bytes.len(),
            "{} input bytes decoded to {decoded} bytes of words ({}×)",
            bytes.len(),
            decoded / bytes.len()
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn valid_data_round_trips(data in index_data()) {
        let bytes = encode(&data);
        prop_assert_eq!(encode(&data), bytes.clone(), "encoding is not deterministic");
        prop_assert_eq!(decode(&bytes), Ok(data));
    }

    #[test]
    fn encoding_is_canonical(data in index_data()) {
        let bytes = encode(&data);
        let decoded = decode(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(encode(&decoded), bytes);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..4096)) {
        let _ = decode(&bytes);
    }

    #[test]
    fn arbitrary_bodies_behind_a_valid_header_and_checksum_never_panic(body in vec(any::<u8>(), 0..4096)) {
        let mut bytes = header();
        bytes.extend_from_slice(&body);
        decode_checked(&seal(bytes))?;
    }

    #[test]
    fn garbage_sections_never_panic(body in framed_body()) {
        decode_checked(&seal(body))?;
    }

    #[test]
    fn a_garbage_section_among_valid_ones_never_panics(body in spliced_body()) {
        decode_checked(&seal(body))?;
    }

    /// Valid bytes with a few bytes overwritten, then resealed: the CRC holds,
    /// so the damage reaches the section parsers, which must catch it or
    /// produce data that is valid in its own right.
    #[test]
    fn resealed_damage_never_panics(
        data in index_data(),
        edits in vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = encode(&data);
        bytes.truncate(bytes.len() - 4);
        let body_len = bytes.len() - 5;
        for (at, value) in edits {
            bytes[5 + at.index(body_len)] = value;
        }
        if truncate {
            bytes.truncate(5 + cut.index(body_len));
        }
        decode_checked(&seal(bytes))?;
    }

    #[test]
    fn any_bit_flip_is_an_error(at in any::<prop::sample::Index>(), bit in 0..8u32) {
        let mut bytes = REAL.clone();
        let at = at.index(bytes.len());
        bytes[at] ^= 1 << bit;
        let result = decode(&bytes);
        match at {
            0..4 => prop_assert!(matches!(result, Err(DecodeError::NotAnIndex { .. })), "{:?}", result),
            4 => prop_assert!(
                matches!(result, Err(DecodeError::NewerVersion { .. } | DecodeError::OlderVersion { .. })),
                "{:?}",
                result
            ),
            _ => prop_assert!(matches!(result, Err(DecodeError::Checksum { .. })), "{:?}", result),
        }
    }

    #[test]
    fn any_truncation_is_an_error(len in any::<prop::sample::Index>()) {
        let len = len.index(REAL.len());
        let result = decode(&REAL[..len]);
        prop_assert!(result.is_err(), "{} of {} bytes decoded", len, REAL.len());
        if len < 4 {
            prop_assert!(matches!(result, Err(DecodeError::NotAnIndex { .. })), "{:?}", result);
        }
    }

    #[test]
    fn another_version_is_named(version in any::<u8>()) {
        prop_assume!(!(OLDEST_FORMAT_VERSION..=FORMAT_VERSION).contains(&version));
        let mut bytes = REAL.clone();
        bytes[4] = version;
        let expected = if version > FORMAT_VERSION {
            DecodeError::NewerVersion { expected: FORMAT_VERSION, found: version }
        } else {
            DecodeError::OlderVersion { expected: FORMAT_VERSION, found: version }
        };
        prop_assert_eq!(decode(&bytes), Err(expected));
    }

    #[test]
    fn wrong_magic_is_not_an_index(magic in any::<[u8; 4]>(), keep_rest in any::<bool>()) {
        prop_assume!(magic != MAGIC);
        let mut bytes = if keep_rest { REAL.clone() } else { magic.to_vec() };
        bytes[..4].copy_from_slice(&magic);
        prop_assert_eq!(decode(&bytes), Err(DecodeError::NotAnIndex { found: magic.to_vec() }));
    }
}

proptest! {
    // Each accepted case builds a searchable index of 1,000 words: fewer cases.
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn resealed_damage_to_the_real_index_never_panics(
        edits in vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
    ) {
        let mut bytes = REAL.clone();
        bytes.truncate(bytes.len() - 4);
        let body_len = bytes.len() - 5;
        for (at, value) in edits {
            bytes[5 + at.index(body_len)] = value;
        }
        decode_checked(&seal(bytes))?;
    }
}
