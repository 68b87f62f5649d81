//! Shared by the integration tests: the shipped record, parsed and indexed.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
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

/// A fresh folder under the temp dir, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("verbatim-test-{label}-{}-{n}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path).expect("create the temp dir");
        TempDir(path)
    }

    pub fn join(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// A subfolder, created.
    pub fn folder(&self, name: &str) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(&path).expect("create a subfolder");
        path
    }

    /// Writes a file and returns its path.
    pub fn file(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create the file's folder");
        }
        std::fs::write(&path, bytes).expect("write a test file");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
