//! Shared by the integration tests: the shipped record, parsed and indexed.
#![allow(dead_code)]

use verbatim::index::{Index, IndexBuilder};
use verbatim::record::{Record, parse_file};

pub const RECORD: &str = include_str!("../../records/AG12734-fr.txt");

pub fn record() -> Record {
    parse_file("records/AG12734-fr.txt", RECORD.as_bytes()).expect("the shipped record parses").remove(0)
}

pub fn index_of(records: Vec<Record>) -> Index {
    let mut builder = IndexBuilder::new();
    for r in records {
        builder.add(r);
    }
    Index::new(builder.build())
}

pub fn record_index() -> Index {
    index_of(vec![record()])
}

/// Records from JSON Lines text.
pub fn jsonl(name: &str, text: &str) -> Vec<Record> {
    parse_file(name, text.as_bytes()).expect("valid JSON Lines")
}
