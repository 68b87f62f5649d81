//! The browser boundary (src/wasm.rs) in a real browser: plain JS objects out,
//! UTF-16 highlight offsets, VerbatimIndexError kinds, no throw on odd queries.
//! Run with scripts/test-wasm.sh (wasm-bindgen-test-runner + headless Chromium).
#![cfg(all(target_arch = "wasm32", not(feature = "archive")))]

use js_sys::{Array, JsString, Object, Reflect};
use verbatim::analysis::Lang;
use verbatim::index::{FORMAT_VERSION, Index, IndexBuilder, OLDEST_FORMAT_VERSION, encode};
use verbatim::record::{Passage, Record};
use verbatim::search::SearchOptions;
use verbatim::wasm::Engine;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The shipped record's index as first committed (format 1): the bytes an old
/// deployment serves must keep loading.
fn record_bytes() -> Vec<u8> {
    include_bytes!("golden/AG12734-fr.v1.idx").to_vec()
}

/// A tiny index whose passage puts astral characters (two UTF-16 units, four
/// bytes), "’" and "œ" before the words to find.
fn astral_bytes() -> Vec<u8> {
    let text = "🌍🌍 Le cœur de l’œuvre : 𝔘𝔫 climat plus sûr, pour le climat et l’océan.";
    let passage = Passage { id: "T/1#p1".into(), number: 1, text: text.into(), ..Passage::default() };
    let record =
        Record { symbol: "T/1".into(), lang: Some(Lang::French), passages: vec![passage], ..Record::default() };
    let mut builder = IndexBuilder::new();
    builder.add(record);
    encode(&builder.build())
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &JsValue::from_str(key)).unwrap()
}

fn array(v: &JsValue, key: &str) -> Array {
    get(v, key).dyn_into::<Array>().unwrap_or_else(|_| panic!("{key} is not an array"))
}

fn is_plain_object(v: &JsValue) -> bool {
    v.is_object() && Object::get_prototype_of(v) == Object::get_prototype_of(&Object::new())
}

fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

/// JS `text.slice(start, end)`: what the element highlights.
fn js_slice(text: &JsValue, range: &JsValue) -> String {
    let pair = range.dyn_ref::<Array>().expect("a highlight is an array");
    assert_eq!(pair.length(), 2, "a highlight is a [start, end] pair");
    let (start, end) = (pair.get(0).as_f64().unwrap() as u32, pair.get(1).as_f64().unwrap() as u32);
    assert!(start < end, "empty highlight {start}..{end}");
    String::from(text.dyn_ref::<JsString>().unwrap().slice(start, end))
}

/// For each hit, the JS slices at the returned UTF-16 offsets are the words the
/// core highlighted at byte offsets. Returns how many highlights had offsets that
/// differ from the byte offsets (so the conversion was really exercised).
fn check_highlights(bytes: &[u8], engine: &Engine, query: &str) -> usize {
    let index = Index::from_bytes(bytes).unwrap();
    let expected = index.search(query, &SearchOptions::default());
    let results = engine.search(query, JsValue::UNDEFINED).unwrap();
    let hits = array(&results, "hits");
    assert_eq!(hits.length() as usize, expected.hits.len(), "{query}");
    assert!(!expected.hits.is_empty(), "no hits for {query}");
    let mut shifted = 0;
    for (hit, want) in hits.iter().zip(&expected.hits) {
        assert!(is_plain_object(&hit));
        for (text, ranges, want_text, want_ranges) in [
            (get(&hit, "text"), array(&hit, "highlights"), &want.text, &want.highlights),
            (
                get(&get(&hit, "snippet"), "text"),
                array(&get(&hit, "snippet"), "highlights"),
                &want.snippet.text,
                &want.snippet.highlights,
            ),
        ] {
            assert_eq!(text.as_string().as_ref(), Some(want_text));
            assert_eq!(ranges.length() as usize, want_ranges.len());
            for (range, want_range) in ranges.iter().zip(want_ranges) {
                assert_eq!(js_slice(&text, &range), want_text[want_range.clone()], "{query}: {want_text}");
                let start = Array::from(&range).get(0).as_f64().unwrap() as usize;
                shifted += usize::from(start != want_range.start);
            }
        }
    }
    shifted
}

fn index_error(bytes: &[u8]) -> JsValue {
    match Engine::new(bytes) {
        Ok(_) => panic!("bytes {:02x?}… were accepted", bytes.get(..8)),
        Err(e) => e,
    }
}

fn assert_index_error(bytes: &[u8], kind: &str, words: &str) {
    let e = index_error(bytes);
    assert!(e.is_instance_of::<js_sys::Error>(), "not an Error: {e:?}");
    assert_eq!(get(&e, "name").as_string().as_deref(), Some("VerbatimIndexError"));
    assert_eq!(get(&e, "kind").as_string().as_deref(), Some(kind));
    let message = get(&e, "message").as_string().unwrap();
    assert!(message.contains(words), "{kind}: {message}");
}

#[wasm_bindgen_test]
fn results_are_plain_objects() {
    let engine = Engine::new(&record_bytes()).unwrap();
    let r = engine.search("traite des personnes", options(r#"{"limit": 3}"#)).unwrap();
    assert!(is_plain_object(&r));
    assert_eq!(get(&r, "query").as_string().as_deref(), Some("traite des personnes"));
    assert!(get(&r, "total").as_f64().unwrap() > 3.0);
    assert!(get(&r, "suggestion").is_null(), "None must be null, not undefined");
    assert!(Array::is_array(&get(&r, "warnings")));
    let hits = array(&r, "hits");
    assert_eq!(hits.length(), 3);
    for hit in hits.iter() {
        assert!(is_plain_object(&hit));
        assert!(get(&hit, "anchor").as_string().unwrap().starts_with('p'));
        assert_eq!(get(&hit, "record").as_string().as_deref(), Some("AG/12734"));
        assert!(get(&hit, "number").as_f64().unwrap() >= 1.0);
        assert!(get(&hit, "score").as_f64().unwrap() > 0.0);
        let section = get(&hit, "section");
        assert!(section.is_null() || section.is_string());
        assert!(is_plain_object(&get(&hit, "snippet")));
    }
    let facets = get(&r, "facets");
    assert!(is_plain_object(&facets));
    let records = array(&facets, "records");
    let first = records.get(0);
    assert!(is_plain_object(&first));
    assert_eq!(get(&first, "value").as_string().as_deref(), Some("AG/12734"));
    // A misspelling gets a string suggestion.
    let r = engine.search("trafficc", JsValue::UNDEFINED).unwrap();
    let suggestion = get(&r, "suggestion");
    assert!(suggestion.is_null() || suggestion.is_string());
}

/// Text with what JSON must escape (quotes, backslashes, control characters)
/// comes out exactly, and scores equal the core's to their sixth decimal.
#[wasm_bindgen_test]
fn text_and_scores_cross_the_boundary_intact() {
    let text = "Il a dit \"non\" \\ tout\tcourt\u{1}\u{1f} au climat, 🌍 climat « climat ».";
    let passage = Passage { id: "T/1#p1".into(), number: 1, text: text.into(), ..Passage::default() };
    let other = Passage { id: "T/1#p2".into(), number: 2, text: "Le climat change.".into(), ..Passage::default() };
    let record = Record {
        symbol: "T/\"1\"".into(),
        lang: Some(Lang::French),
        passages: vec![passage, other],
        ..Record::default()
    };
    let mut builder = IndexBuilder::new();
    builder.add(record);
    let bytes = encode(&builder.build());
    let engine = Engine::new(&bytes).unwrap();
    let want = Index::from_bytes(&bytes).unwrap().search("climat", &SearchOptions::default());
    let hits = array(&engine.search("climat", JsValue::UNDEFINED).unwrap(), "hits");
    assert_eq!(hits.length(), 2);
    for (hit, want) in hits.iter().zip(&want.hits) {
        assert_eq!(get(&hit, "text").as_string().as_deref(), Some(want.text.as_str()));
        assert_eq!(get(&hit, "record").as_string().as_deref(), Some("T/\"1\""));
        let score = get(&hit, "score").as_f64().unwrap();
        assert!((score - f64::from(want.score)).abs() <= 1e-6, "{score} against {}", want.score);
    }
    assert_eq!(get(&hits.get(0), "text").as_string().as_deref(), Some(text));
}

#[wasm_bindgen_test]
fn info_describes_the_index() {
    let engine = Engine::new(&record_bytes()).unwrap();
    let info = engine.info();
    assert!(is_plain_object(&info));
    assert_eq!(get(&info, "formatVersion").as_f64(), Some(f64::from(FORMAT_VERSION)));
    assert!(get(&info, "passages").as_f64().unwrap() > 10.0);
    let record = array(&info, "records").get(0);
    assert!(is_plain_object(&record));
    assert_eq!(get(&record, "symbol").as_string().as_deref(), Some("AG/12734"));
    assert_eq!(get(&record, "lang").as_string().as_deref(), Some("fr"));
    assert!(get(&record, "date").is_string());
    assert!(array(&info, "sections").iter().all(|s| s.is_string()));
    let speakers = array(&info, "speakers");
    assert!(speakers.length() > 0);
    for s in speakers.iter() {
        let kind = get(&s, "kind").as_string().unwrap();
        assert!(["person", "delegation", "organization"].contains(&kind.as_str()), "{kind}");
        assert!(get(&s, "name").is_string());
    }
}

#[wasm_bindgen_test]
fn highlights_are_utf16_offsets_in_the_record() {
    let bytes = record_bytes();
    let engine = Engine::new(&bytes).unwrap();
    let mut shifted = 0;
    for query in ["traite", "œuvre", "cœur", "l’Office", "intelligence artificielle", "ONUDC", "\"plan d'action\""]
    {
        shifted += check_highlights(&bytes, &engine, query);
    }
    assert!(shifted > 0, "no highlight stood after a non-ASCII character");
}

#[wasm_bindgen_test]
fn highlights_count_astral_characters_as_two_units() {
    let bytes = astral_bytes();
    let engine = Engine::new(&bytes).unwrap();
    assert!(check_highlights(&bytes, &engine, "climat") > 0);
    assert!(check_highlights(&bytes, &engine, "oeuvre") > 0);
    assert!(check_highlights(&bytes, &engine, "ocean") > 0);
    // The first "climat" follows two 🌍, "œ", "’" and two 𝔘-like letters.
    let r = engine.search("climat", JsValue::UNDEFINED).unwrap();
    let first = array(&array(&r, "hits").get(0), "highlights").get(0);
    let text = "🌍🌍 Le cœur de l’œuvre : 𝔘𝔫 climat";
    let start = text.encode_utf16().count() as f64 - 6.0;
    assert_eq!(Array::from(&first).get(0).as_f64(), Some(start));
}

#[wasm_bindgen_test]
fn bad_index_bytes_throw_verbatim_index_errors() {
    let good = record_bytes();
    let mut damaged = good.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x55;
    assert_index_error(&damaged, "damaged", "damaged");
    assert_index_error(&good[..good.len() - 100], "damaged", "damaged");

    let mut newer = good.clone();
    newer[4] = FORMAT_VERSION + 1;
    assert_index_error(&newer, "newer", "newer");
    let mut older = good.clone();
    older[4] = OLDEST_FORMAT_VERSION - 1;
    assert_index_error(&older, "older", "older");

    assert_index_error(b"<!doctype html><title>404</title>", "not-an-index", "not a Verbatim index");
    assert_index_error(b"", "not-an-index", "not a Verbatim index");
    assert_index_error(&good[..5], "damaged", "damaged");
}

#[wasm_bindgen_test]
fn odd_queries_and_options_do_not_throw() {
    let engine = Engine::new(&record_bytes()).unwrap();
    let long = "traite ".repeat(5000);
    let many = "a b c d e f g h i j k l m n o p q r s t u v w x y z ".repeat(50);
    for query in [
        "", " ", "\"", "\"\"", "\"traite", "((", "-", "--", "-traite", "*", "tra*", "%", "60 %", "’", "l’", "\0",
        "\u{feff}", "🌍", "́", "e\u{301}", "AG/12734", "p23", "#p23", ":", "OR", "NOT", "a", &long, &many,
    ] {
        let r = engine.search(query, JsValue::UNDEFINED).unwrap_or_else(|e| panic!("{query:?} threw {e:?}"));
        assert!(is_plain_object(&r));
        assert!(Array::is_array(&get(&r, "hits")));
    }
    // Options: absent, null, empty, partial, odd numbers, filters, unknown keys.
    for json in [
        "null",
        "{}",
        r#"{"limit": null}"#,
        r#"{"limit": 0}"#,
        r#"{"limit": -5}"#,
        r#"{"limit": 2.7}"#,
        r#"{"limit": 1e300}"#,
        r#"{"section": "", "speaker": null, "record": "AG/12734"}"#,
        r#"{"speaker": "nobody at all"}"#,
        r#"{"other": [1, 2, 3]}"#,
    ] {
        let r = engine.search("traite", options(json)).unwrap_or_else(|e| panic!("{json} threw {e:?}"));
        assert!(is_plain_object(&r));
    }
    let none = engine.search("traite", options(r#"{"speaker": "nobody at all"}"#)).unwrap();
    assert_eq!(array(&none, "hits").length(), 0);
    let two = engine.search("traite", options(r#"{"limit": 2.7}"#)).unwrap();
    assert_eq!(array(&two, "hits").length(), 2);
    let nan = Object::new();
    Reflect::set(&nan, &"limit".into(), &JsValue::from_f64(f64::NAN)).unwrap();
    assert_eq!(array(&engine.search("traite", nan.into()).unwrap(), "hits").length(), 10);

    // Options of the wrong shape: a clear TypeError, and the engine still works.
    for bad in [JsValue::from_str("limit=3"), JsValue::from_f64(3.0), options(r#"{"limit": "5"}"#), options("[1]")] {
        let e = engine.search("traite", bad).expect_err("bad options are refused");
        assert!(e.is_instance_of::<js_sys::TypeError>(), "{e:?}");
        assert!(get(&e, "message").as_string().unwrap().contains("search options"));
    }
    let e = engine.search("traite", options(r#"{"section": 5}"#)).expect_err("a number is not a section");
    assert!(get(&e, "message").as_string().unwrap().contains("section is not a string"));
    // A getter that throws: its error comes back as is.
    let throwing = js_sys::Function::new_no_args("return { get limit() { throw new RangeError('boom'); } };")
        .call0(&JsValue::NULL)
        .unwrap();
    let e = engine.search("traite", throwing).expect_err("the getter's error");
    assert!(e.is_instance_of::<js_sys::RangeError>());
    assert!(array(&engine.search("traite", JsValue::NULL).unwrap(), "hits").length() > 0);
}
