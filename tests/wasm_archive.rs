//! The archive boundary (src/wasm/archive.rs) in a real browser: `search`
//! names the shards it needs, `add` takes them, then plain JS results with
//! UTF-16 highlights; damaged shards throw a VerbatimIndexError.
//! Run with scripts/test-wasm.sh (it runs this file with `--features archive`).
#![cfg(all(target_arch = "wasm32", feature = "archive"))]

use js_sys::{Array, JsString, Reflect};
use verbatim::archive::{ArchiveBuilder, MANIFEST_FILE};
use verbatim::record::parse_file;
use verbatim::wasm::Archive;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Two General Debate statements, astral characters before the words to find.
fn files() -> Vec<(String, Vec<u8>)> {
    let mut builder = ArchiveBuilder::new();
    let statements = [
        ("FRA_78_2023.txt", "🌍 The climate crisis is here.\nNuclear tests must end.\n"),
        ("GBR_25_1970.txt", "𝔘 A treaty on nuclear weapons.\nThe climate of détente.\n"),
    ];
    for (name, text) in statements {
        for record in parse_file(name, text.as_bytes()).unwrap() {
            builder.add(record);
        }
    }
    builder.finish().unwrap().files
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn array(v: &JsValue, key: &str) -> Array {
    get(v, key).dyn_into::<Array>().unwrap_or_else(|_| panic!("{key} is not an array"))
}

/// The fetch loop of the element, with the files at hand instead of a network.
fn answer(archive: &mut Archive, files: &[(String, Vec<u8>)], query: &str, options: &JsValue) -> (JsValue, usize) {
    let mut fetched = 0;
    for _ in 0..7 {
        let step = archive.search(query, options.clone()).unwrap();
        let need = array(&step, "need");
        if need.length() == 0 {
            return (get(&step, "results"), fetched);
        }
        for path in need.iter() {
            let path = path.as_string().unwrap();
            let bytes = &files.iter().find(|(p, _)| *p == path).unwrap().1;
            archive.add(&path, bytes).unwrap();
            fetched += 1;
        }
    }
    panic!("{query}: no answer after 7 rounds")
}

#[wasm_bindgen_test]
fn a_query_names_its_shards_then_answers_with_utf16_highlights() {
    let files = files();
    let mut archive = Archive::new(&files[0].1).unwrap();
    assert_eq!(files[0].0, MANIFEST_FILE);
    let (results, fetched) = answer(&mut archive, &files, "nuclear", &JsValue::UNDEFINED);
    assert!(fetched >= 2 && fetched < files.len(), "{fetched} of {} files", files.len());
    let hits = array(&results, "hits");
    assert_eq!(hits.length(), 2);
    for hit in hits.iter() {
        let text = get(&hit, "text");
        for range in array(&hit, "highlights").iter() {
            let pair = range.dyn_into::<Array>().unwrap();
            let (start, end) = (pair.get(0).as_f64().unwrap() as u32, pair.get(1).as_f64().unwrap() as u32);
            let word = String::from(text.dyn_ref::<JsString>().unwrap().slice(start, end));
            assert_eq!(word.to_lowercase(), "nuclear");
        }
        assert!(get(&hit, "title").as_string().unwrap().contains("General Debate"));
    }
    let years = array(&get(&results, "facets"), "years");
    assert_eq!(years.length(), 2);

    let options = js_sys::JSON::parse(r#"{"year": "1970"}"#).unwrap();
    let (filtered, _) = answer(&mut archive, &files, "nuclear", &options);
    let hits = array(&filtered, "hits");
    assert_eq!(hits.length(), 1);
    assert_eq!(get(&hits.get(0), "date").as_string().as_deref(), Some("1970"));
}

#[wasm_bindgen_test]
fn damaged_bytes_throw_a_verbatim_index_error() {
    let files = files();
    let error = Archive::new(b"<!doctype html>").err().unwrap();
    assert_eq!(get(&error, "name").as_string().as_deref(), Some("VerbatimIndexError"));
    assert_eq!(get(&error, "kind").as_string().as_deref(), Some("not-an-index"));

    let mut archive = Archive::new(&files[0].1).unwrap();
    let step = archive.search("climate", JsValue::UNDEFINED).unwrap();
    let path = array(&step, "need").get(0).as_string().unwrap();
    let mut bytes = files.iter().find(|(p, _)| *p == path).unwrap().1.clone();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    let error = archive.add(&path, &bytes).err().unwrap();
    assert_eq!(get(&error, "kind").as_string().as_deref(), Some("damaged"));
}

#[wasm_bindgen_test]
fn with_a_text_count_the_first_hits_come_with_their_text_and_the_others_text_is_named() {
    let files = files();
    let mut archive = Archive::new(&files[0].1).unwrap();
    let options = js_sys::JSON::parse(r#"{"text": 1}"#).unwrap();
    let add = |archive: &mut Archive, need: &Array| {
        for path in need.iter() {
            let path = path.as_string().unwrap();
            archive.add(&path, &files.iter().find(|(p, _)| *p == path).unwrap().1).unwrap();
        }
    };
    let mut step = archive.search("nuclear", options.clone()).unwrap();
    for _ in 0..3 {
        if !get(&step, "results").is_undefined() {
            break;
        }
        add(&mut archive, &array(&step, "need"));
        step = archive.search("nuclear", options.clone()).unwrap();
    }
    let hits = array(&get(&step, "results"), "hits");
    assert_eq!(hits.length(), 2);
    assert!(get(&hits.get(0), "text").as_string().unwrap().contains("uclear"));
    assert_eq!(get(&hits.get(1), "text").as_string().as_deref(), Some(""), "the second hit waits for its text");
    let need = array(&step, "need");
    assert_eq!(need.length(), 1);
    assert!(need.get(0).as_string().unwrap().starts_with("text/"));

    add(&mut archive, &need);
    let done = archive.search("nuclear", options).unwrap();
    assert_eq!(array(&done, "need").length(), 0);
    let hits = array(&get(&done, "results"), "hits");
    assert!(hits.iter().all(|h| get(&h, "text").as_string().unwrap().contains("uclear")));
}

#[wasm_bindgen_test]
fn info_describes_the_archive() {
    let files = files();
    let manifest = &files.iter().find(|(p, _)| p == MANIFEST_FILE).unwrap().1;
    let info = Archive::new(manifest).unwrap().info();
    assert_eq!(get(&info, "formatVersion").as_f64(), Some(f64::from(verbatim::archive::ARCHIVE_VERSION)));
    assert_eq!(get(&info, "records").as_f64(), Some(2.0));
    assert!(get(&info, "passages").as_f64().unwrap() >= 4.0);
    let years: Vec<f64> = array(&info, "years").iter().map(|y| y.as_f64().unwrap()).collect();
    assert_eq!(years, [1970.0, 2023.0]);
    let languages: Vec<String> = array(&info, "languages").iter().map(|l| l.as_string().unwrap()).collect();
    assert_eq!(languages, ["en"]);
    let speakers: Vec<String> = array(&info, "speakers").iter().map(|s| get(&s, "name").as_string().unwrap()).collect();
    assert!(speakers.iter().any(|s| s == "France"), "{speakers:?}");
    assert!(array(&info, "speakers").iter().all(|s| get(&s, "kind").as_string().as_deref() == Some("delegation")));
}
