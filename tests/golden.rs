//! The golden indexes: `tests/golden/AG12734-fr.v{FORMAT_VERSION}.idx` (the
//! stored layout) and `….derived.idx` (the derived layout, as shipped in pkg/)
//! are the index of the shipped record, `records/AG12734-fr.txt` with its sidecar, as the
//! current format writes it. Any change to the format or to what the builder
//! produces changes these bytes, so it cannot happen by accident.
//!
//! To accept an intended change, regenerate the file and commit it:
//!
//! ```text
//! UPDATE_GOLDEN=1 cargo test --test golden
//! ```
//!
//! A format change should also bump `FORMAT_VERSION`, which names a new file
//! (the old one stays as a record of the previous format).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use verbatim::index::{FORMAT_VERSION, Index, IndexBuilder, IndexData, Layout, MAGIC, decode, encode};
use verbatim::record::{Record, check_unique_ids, parse_file};

const RECORD: &str = "records/AG12734-fr.txt";
const REGENERATE: &str = "UPDATE_GOLDEN=1 cargo test --test golden";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

const LAYOUTS: [Layout; 2] = [Layout::Stored, Layout::Derived];

fn golden_path(layout: Layout) -> PathBuf {
    let suffix = if layout == Layout::Derived { ".derived" } else { "" };
    root().join(format!("tests/golden/AG12734-fr.v{FORMAT_VERSION}{suffix}.idx"))
}

fn updating() -> bool {
    std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1")
}

/// The golden bytes. With `UPDATE_GOLDEN=1`, builds them and writes the file
/// first (once, whichever test comes first), so every test checks the new file.
fn golden_bytes(layout: Layout) -> &'static [u8] {
    static GOLDEN: [OnceLock<Vec<u8>>; 2] = [OnceLock::new(), OnceLock::new()];
    GOLDEN[usize::from(layout == Layout::Derived)].get_or_init(|| {
        let path = golden_path(layout);
        if updating() {
            let bytes = encode(&built(layout));
            write_golden(&path, &bytes);
            eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
            return bytes;
        }
        std::fs::read(&path).unwrap_or_else(|e| {
            panic!("cannot read the golden index {} ({e}); create it with `{REGENERATE}`", path.display())
        })
    })
}

/// Applies `X.meta.json` beside the record the way `verbatim index` does.
fn apply_sidecar(record_path: &Path, record: &mut Record) {
    let sidecar = record_path.with_extension("meta.json");
    let text = std::fs::read_to_string(&sidecar).unwrap_or_else(|e| panic!("cannot read {}: {e}", sidecar.display()));
    let meta: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: malformed JSON: {e}", sidecar.display()));
    let field = |name: &str| meta.get(name).and_then(|v| v.as_str()).map(str::to_string);
    if let Some(date) = field("date") {
        record.date = date;
    }
    if let Some(url) = field("url") {
        record.url = url;
    }
    if let Some(title) = field("title") {
        record.title = title;
    }
}

/// The index of the shipped record, built as `verbatim index records/AG12734-fr.txt` builds it.
fn built(layout: Layout) -> IndexData {
    let path = root().join(RECORD);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut records = parse_file(RECORD, &bytes).unwrap_or_else(|e| panic!("{e}"));
    for record in &mut records {
        apply_sidecar(&path, record);
    }
    check_unique_ids(&records).unwrap_or_else(|e| panic!("{e}"));
    let mut builder = IndexBuilder::new();
    for record in records {
        builder.add(record);
    }
    let mut data = builder.build();
    data.layout = layout;
    data
}

/// Writes next to the target, then renames, so a concurrent reader never sees half a file.
fn write_golden(path: &Path, bytes: &[u8]) {
    let dir = path.parent().unwrap_or_else(|| panic!("{} has no parent folder", path.display()));
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
    let tmp = path.with_extension("idx.tmp");
    std::fs::write(&tmp, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", tmp.display()));
    std::fs::rename(&tmp, path).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

/// Says which parts of the data differ, to point at the change.
fn differing_fields(a: &IndexData, b: &IndexData) -> Vec<String> {
    let mut out = Vec::new();
    let mut compare = |name: &str, same: bool, len_a: usize, len_b: usize| {
        if !same {
            out.push(format!("{name} ({len_a} in the golden, {len_b} built)"));
        }
    };
    compare("records", a.records == b.records, a.records.len(), b.records.len());
    compare("sections", a.sections == b.sections, a.sections.len(), b.sections.len());
    compare("speakers", a.speakers == b.speakers, a.speakers.len(), b.speakers.len());
    compare("passages", a.passages == b.passages, a.passages.len(), b.passages.len());
    compare("words", a.words == b.words, a.words.len(), b.words.len());
    compare("postings", a.postings == b.postings, a.postings.len(), b.postings.len());
    compare("acronyms", a.acronyms == b.acronyms, a.acronyms.len(), b.acronyms.len());
    if let Some(word) = a.words.iter().zip(&b.words).find(|(x, y)| x != y) {
        out.push(format!("first differing word: {:?} in the golden, {:?} built", word.0, word.1));
    }
    out
}

#[test]
fn building_the_shipped_record_gives_the_golden_bytes() {
    for layout in LAYOUTS {
        building_gives_the_golden(layout);
    }
}

fn building_gives_the_golden(layout: Layout) {
    let golden = golden_bytes(layout);
    if updating() {
        return;
    }
    let data = built(layout);
    let bytes = encode(&data);
    if bytes == golden {
        return;
    }
    let first_difference = bytes.iter().zip(golden).position(|(a, b)| a != b).unwrap_or(bytes.len().min(golden.len()));
    let what = match decode(golden) {
        Ok(old) => differing_fields(&old, &data).join("; "),
        Err(e) => format!("the golden does not decode with this engine: {e}"),
    };
    panic!(
        "the index of {RECORD} no longer matches {}: {} bytes built, {} in the golden, first difference at byte {first_difference}; differs in: {what}.\n\
         If the format or the builder changed on purpose, regenerate the golden with `{REGENERATE}` and commit it \
         (and bump FORMAT_VERSION if old indexes can no longer be read).",
        golden_path(layout).display(),
        bytes.len(),
        golden.len(),
    );
}

#[test]
fn the_golden_decodes_and_re_encodes_byte_identical() {
    for layout in LAYOUTS {
        decodes_and_re_encodes(layout);
    }
}

fn decodes_and_re_encodes(layout: Layout) {
    let golden = golden_bytes(layout);
    assert_eq!(golden.get(..4), Some(&MAGIC[..]), "the golden does not start with the magic");
    assert_eq!(golden.get(4), Some(&FORMAT_VERSION), "the golden is not of format version {FORMAT_VERSION}");
    let data =
        decode(golden).unwrap_or_else(|e| panic!("the golden does not decode: {e}; regenerate it with `{REGENERATE}`"));
    let again = encode(&data);
    assert!(
        again == golden,
        "decoding the golden and encoding it again changed the bytes ({} → {} bytes): the encoding is not canonical",
        golden.len(),
        again.len()
    );
}

#[test]
fn the_golden_holds_the_shipped_record() {
    for layout in LAYOUTS {
        holds_the_shipped_record(layout);
    }
}

#[test]
fn both_layouts_decode_to_the_same_index() {
    let stored = decode(golden_bytes(Layout::Stored)).unwrap_or_else(|e| panic!("{e}"));
    let derived = decode(golden_bytes(Layout::Derived)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(derived.layout, Layout::Derived);
    assert_eq!(IndexData { layout: Layout::Derived, ..stored }, derived);
    assert!(golden_bytes(Layout::Derived).len() < golden_bytes(Layout::Stored).len() * 2 / 3);
}

fn holds_the_shipped_record(layout: Layout) {
    let data = decode(golden_bytes(layout)).unwrap_or_else(|e| panic!("{e}; regenerate it with `{REGENERATE}`"));
    assert_eq!(data.layout, layout);
    assert_eq!(data.records.len(), 1);
    let record = &data.records[0];
    assert_eq!(record.symbol, "AG/12734");
    assert_eq!(record.session, "Quatre-vingtième session");
    assert_eq!(record.date, "2025-11-24");
    assert_eq!(record.url, "https://press.un.org/fr/2025/ag12734.doc.htm");
    assert_eq!(data.passages.len(), 35);
    assert_eq!(data.passages[0].number, 1);
    assert!(data.passages.iter().all(|p| p.record == 0 && p.id.is_none()), "passage ids should all be derived");
    assert!(data.passages.iter().all(|p| p.length > 0 && !p.text.is_empty()));
    assert_eq!(data.postings.len(), data.words.len());
    assert!(data.words.len() > 500, "only {} words", data.words.len());
    assert!(data.words.iter().any(|w| w == "traite"));
    assert!(!data.sections.is_empty() && !data.speakers.is_empty() && !data.acronyms.is_empty());

    let index = Index::new(data);
    let results = index.search("traite des personnes", &Default::default());
    assert!(!results.hits.is_empty(), "no hits for « traite des personnes »");
    assert!(results.hits.iter().all(|h| h.record == "AG/12734" && h.id == format!("AG/12734#p{}", h.number)));
    assert!(results.hits.iter().any(|h| h.id == "AG/12734#p1"), "p1 (the headline paragraph) should match");
}
