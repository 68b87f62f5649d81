//! Feeds arbitrary bytes to the index decoder. The decoder reads files that
//! came over a network: it must return an error, never panic, loop for long
//! or allocate far more than the input. What it accepts must load into an
//! [`Index`] and answer queries without panicking either.
//!
//! Each input is decoded twice: as it is, which exercises the magic, version
//! and checksum checks, and with its last four bytes replaced by the right
//! CRC-32, so that mutations get past the checksum and reach the section
//! parsers (otherwise almost every mutation would stop at the checksum).
#![no_main]

use libfuzzer_sys::fuzz_target;
use verbatim::index::{Index, crc32, decode, encode};
use verbatim::search::SearchOptions;

fuzz_target!(|bytes: &[u8]| {
    check(bytes);
    if let Some(body_len) = bytes.len().checked_sub(4) {
        let mut sealed = bytes[..body_len].to_vec();
        let crc = crc32(&sealed);
        sealed.extend_from_slice(&crc.to_le_bytes());
        check(&sealed);
    }
});

fn check(bytes: &[u8]) {
    let Ok(data) = decode(bytes) else {
        return;
    };
    // Whatever the decoder accepts, it accepts again once re-encoded.
    let again = encode(&data);
    assert_eq!(decode(&again).as_ref(), Ok(&data), "accepted data does not round-trip");

    let index = Index::new(data);
    let options = SearchOptions::default();
    for query in ["traite", "traite des personnes", "\"lutte contre\" OIM", "trait*", "personnes -traite"] {
        let _ = index.search(query, &options);
    }
    if let Some(record) = index.data.records.first() {
        let filtered = SearchOptions { record: Some(record.symbol.clone()), ..SearchOptions::default() };
        let _ = index.search("traite", &filtered);
    }
}
