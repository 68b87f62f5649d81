#![cfg(feature = "cli")]
//! Hostile and absurd input: what the indexer refuses, and what a query can never
//! do (panic, hang, or answer nonsense). SECURITY.md points at these tests.
//!
//! Timings are benchmarks (`verbatim bench --queries tests/data/eval/hostile-queries.jsonl`),
//! not assertions, with one exception: a 100 MB line must be refused before any
//! tokenizing, and the bound below is two orders of magnitude above what that takes,
//! far below what indexing it would.

mod common;

use common::{TempDir, record_index};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use verbatim::index::Index;
use verbatim::record::MAX_LINE_BYTES;
use verbatim::search::{Results, SearchOptions};

const BIN: &str = env!("CARGO_BIN_EXE_verbatim");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Refusing a 100 MB line takes about 0.2 s in a debug build (reading the file and
/// one scan for line breaks); indexing it took 65 s in release before the limit.
const REFUSAL_BOUND: Duration = Duration::from_secs(20);

// ------------------------------------------------------------------ helpers

fn verbatim(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(BIN).args(args).stdin(Stdio::null()).output().expect("run the verbatim binary")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list the folder")
        .map(|e| e.expect("folder entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Writes `head`, then `unit` repeated to `bytes` bytes on one line, then `tail`.
fn write_long_line(path: &Path, head: &str, unit: &str, bytes: usize, tail: &str) {
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).expect("create the big file"));
    file.write_all(head.as_bytes()).expect("write");
    let chunk = unit.repeat((1 << 20) / unit.len());
    let mut left = bytes;
    while left > 0 {
        let n = left.min(chunk.len());
        file.write_all(&chunk.as_bytes()[..n]).expect("write");
        left -= n;
    }
    file.write_all(tail.as_bytes()).expect("write");
    file.flush().expect("flush");
}

/// `verbatim index <input> -o <fresh folder>/out.idx`: asserts a quick failure that
/// names `expected`, with a short message and nothing left in the output folder.
#[track_caller]
fn assert_refused_quickly(dir: &TempDir, input: &Path, expected: &str) -> String {
    let out_dir = dir.folder(&format!("out-{}", entries(&dir.0).len()));
    let output = out_dir.join("out.idx");
    let started = Instant::now();
    let out = verbatim(&["index".as_ref(), input.as_os_str(), "-o".as_ref(), output.as_os_str()]);
    let took = started.elapsed();
    let message = stderr(&out);
    assert!(!out.status.success(), "indexing {} should fail:\n{message}", input.display());
    assert!(message.contains(expected), "the error should contain {expected:?}:\n{message}");
    assert!(message.lines().count() <= 2, "a short message, not a dump:\n{message}");
    assert!(!message.contains("panicked"), "{message}");
    assert!(out.stdout.is_empty(), "no summary on failure");
    assert_eq!(entries(&out_dir), Vec::<String>::new(), "a failed build leaves nothing in the output folder");
    assert!(took < REFUSAL_BOUND, "refusing took {took:?}: the line was parsed before it was measured");
    eprintln!("refused {} in {took:?}", input.display());
    message
}

// ------------------------------------------------------------------ huge input

#[test]
fn indexing_a_100_mb_single_line_text_file_fails_quickly_naming_the_file_and_line() {
    let dir = TempDir::new("huge-txt");
    let input = dir.join("AG99999-fr.txt");
    let head = "Quatre-vingtième session\n48e séance plénière\nAG/99999\nUn titre\n\nUn premier paragraphe.\n";
    write_long_line(&input, head, "La traite des personnes est un crime. ", 100_000_000, "\nUn dernier paragraphe.\n");
    let message = assert_refused_quickly(&dir, &input, &format!("{}:7:", input.display()));
    assert!(
        message.contains("100.0 MB") && message.contains("a paragraph longer than 1 MB is not supported"),
        "{message}"
    );
}

#[test]
fn indexing_a_jsonl_file_with_a_100_mb_line_fails_quickly_naming_the_file_and_line() {
    let dir = TempDir::new("huge-jsonl");
    let input = dir.join("corpus.jsonl");
    write_long_line(
        &input,
        "{\"id\": \"a\", \"text\": \"Un passage.\"}\n{\"id\": \"b\", \"text\": \"",
        "Le travail forcé est interdit. ",
        100_000_000,
        "\"}\n",
    );
    let message = assert_refused_quickly(&dir, &input, &format!("{}:2:", input.display()));
    assert!(message.contains("is not supported"), "{message}");
}

#[test]
fn a_line_just_under_the_limit_is_indexed() {
    let dir = TempDir::new("long-ok");
    let input = dir.join("long.jsonl");
    let unit = "Le travail forcé est interdit. ";
    let text = unit.repeat((MAX_LINE_BYTES - 100) / unit.len());
    std::fs::write(&input, format!("{{\"id\": \"long\", \"text\": \"{text}\"}}\n")).expect("write");
    let output = dir.join("long.idx");
    let out = verbatim(&["index".as_ref(), input.as_os_str(), "-o".as_ref(), output.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(output.is_file());
}

#[test]
fn indexing_into_a_missing_folder_names_the_output_path_and_the_folder() {
    let dir = TempDir::new("missing-out");
    let out_dir = dir.folder("out");
    let output = out_dir.join("not-there/corpus.idx");
    let record = Path::new(ROOT).join("records/AG12734-fr.txt");
    let out = verbatim(&["index".as_ref(), record.as_os_str(), "-o".as_ref(), output.as_os_str()]);
    assert!(!out.status.success());
    let message = stderr(&out);
    let expected = format!(
        "cannot write the index {}: the folder {} does not exist",
        output.display(),
        out_dir.join("not-there").display()
    );
    assert!(message.contains(&expected), "expected {expected:?} in:\n{message}");
    assert!(!message.contains("tmp-verbatim"), "the temporary file is an implementation detail:\n{message}");
    assert_eq!(entries(&out_dir), Vec::<String>::new());
}

// ------------------------------------------------------------------ odd queries

fn search(index: &Index, query: &str) -> Results {
    index.search(query, &SearchOptions::default())
}

fn ids(results: &Results) -> Vec<&str> {
    results.hits.iter().map(|h| h.id.as_str()).collect()
}

/// Every hit is well formed: highlights on char boundaries, snippet within its text.
#[track_caller]
fn assert_well_formed(results: &Results) {
    assert!(results.hits.len() <= 10);
    assert!(results.total >= results.hits.len());
    for hit in &results.hits {
        assert!(hit.score.is_finite() && hit.score > 0.0, "{}: score {}", hit.id, hit.score);
        for r in &hit.highlights {
            assert!(hit.text.get(r.clone()).is_some(), "{}: highlight {r:?} is not a slice of the text", hit.id);
        }
        for r in &hit.snippet.highlights {
            assert!(hit.snippet.text.get(r.clone()).is_some(), "{}: snippet highlight {r:?}", hit.id);
        }
    }
}

#[test]
fn a_100_kb_query_of_real_words_is_cut_with_a_warning_and_still_finds_passages() {
    let index = record_index();
    let query = "traite des personnes travail forcé Lituanie ".repeat(100_000 / 44 + 1);
    assert!(query.len() >= 100_000);
    let r = search(&index, &query);
    assert_well_formed(&r);
    assert!(!r.hits.is_empty(), "real words still find passages");
    assert!(r.warnings.iter().any(|w| w.contains("cut")), "{:?}", r.warnings);
    // What is searched is the query's start: the passage it finds is one about traite.
    assert!(r.hits[0].text.to_lowercase().contains("traite"), "{}", r.hits[0].text);

    for junk in ["a".repeat(100_000), "zqxj".repeat(25_000), " \t\u{a0}".repeat(30_000), "/".repeat(100_000)] {
        assert_well_formed(&search(&index, &junk));
    }
}

#[test]
fn control_characters_are_ignored_around_words() {
    let index = record_index();
    let plain = search(&index, "traite");
    assert!(!plain.hits.is_empty());
    for q in [
        "\u{0}traite\u{7}",
        "\u{1b} traite \u{1b}",
        "traite\u{7f}",
        "\u{85}traite\u{9b}",
        "traite\r\n",
        "\u{b}traite\u{c}",
    ] {
        let r = search(&index, q);
        assert_well_formed(&r);
        assert_eq!(ids(&r), ids(&plain), "{q:?}");
    }
    let only: String = (0u8..32).map(char::from).chain(['\u{7f}', '\u{80}', '\u{9f}']).collect();
    let r = search(&index, &only.repeat(3_000));
    assert!(r.hits.is_empty(), "control characters alone match nothing");
}

#[test]
fn lone_surrogates_from_javascript_arrive_as_u_fffd_and_match_nothing_by_themselves() {
    let index = record_index();
    // A JS string with lone surrogates, as TextEncoder (wasm-bindgen) turns it into UTF-8.
    let from_js = String::from_utf16_lossy(&[0xd800, b't' as u16, 0xdfff, 0xdc00, 0xd83d]);
    assert_eq!(from_js, "\u{fffd}t\u{fffd}\u{fffd}\u{fffd}");
    let r = search(&index, &"\u{fffd}".repeat(100_000));
    assert_well_formed(&r);
    assert!(r.hits.is_empty());
    assert_well_formed(&search(&index, &from_js));
    // Beside a word, the replacement character is a separator.
    assert_eq!(ids(&search(&index, "\u{fffd}traite\u{fffd}")), ids(&search(&index, "traite")));
}

#[test]
fn right_to_left_text_and_emoji_never_fail_and_leave_latin_words_searchable() {
    let index = record_index();
    for q in ["مرحبا بالعالم", "סחר בבני אדם", "\u{202e}\u{2067}\u{200f}", "👩‍👩‍👧‍👦🇫🇷🏽🙂"]
    {
        let r = search(&index, q);
        assert_well_formed(&r);
        assert!(r.hits.is_empty(), "{q:?} is in no passage of a French record: {:?}", ids(&r));
    }
    let rtl = search(&index, &"الاتجار بالبشر סחר בבני אדם ".repeat(2_500));
    assert!(rtl.hits.is_empty() && rtl.warnings.iter().any(|w| w.contains("cut")));

    let plain = ids(&search(&index, "traite")).into_iter().map(String::from).collect::<Vec<_>>();
    for q in ["\u{202e}traite\u{202c}", "\u{2067}traite\u{2069} مرحبا", "🙂 traite 🙂", "🇱🇹traite👩‍👩‍👧‍👦"]
    {
        let r = search(&index, q);
        assert_well_formed(&r);
        assert_eq!(ids(&r), plain, "{q:?}");
    }
}

#[test]
fn a_thousand_quoted_phrases_search_the_first_ones_and_match_the_phrase() {
    let index = record_index();
    let r = search(&index, &"\"traite des personnes\" ".repeat(1_000));
    assert_well_formed(&r);
    assert!(!r.hits.is_empty());
    // The phrase matches on stems, so "traite de personnes" counts too.
    for hit in &r.hits {
        let text = hit.text.to_lowercase();
        assert!(text.contains("traite des personnes") || text.contains("traite de personnes"), "{}: {text}", hit.id);
    }
    let distinct: Vec<String> = (0..1_000).map(|i| format!("\"mot{i} autre{i}\"")).collect();
    let r = search(&index, &distinct.join(" "));
    assert_well_formed(&r);
    assert!(r.hits.is_empty());
    assert_well_formed(&search(&index, &"\"".repeat(100_000)));
    assert_well_formed(&search(&index, &"«“„\"»” ".repeat(10_000)));
}

#[test]
fn dashes_alone_match_nothing_and_exclusions_only_remove() {
    let index = record_index();
    for q in ["----", "-", "- - -", "−−", &"-".repeat(100_000), &"-- ".repeat(10_000)] {
        let r = search(&index, q);
        assert_well_formed(&r);
        assert!(r.hits.is_empty(), "{q:?}");
    }
    let all = search(&index, "traite");
    let excluded: String = (0..300).map(|i| format!(" -zq{i}x")).collect();
    let r = search(&index, &format!("traite{excluded}"));
    assert_well_formed(&r);
    assert!(r.total <= all.total);
    // What is left matched "traite" only through another form ("traités", "traiter").
    for hit in &search(&index, "traite -traite").hits {
        let words: Vec<String> = hit.text.split(|c: char| !c.is_alphanumeric()).map(str::to_lowercase).collect();
        assert!(!words.iter().any(|w| w == "traite"), "{} holds the excluded word: {}", hit.id, hit.text);
    }
}

#[test]
fn many_misspelled_words_stopwords_and_symbols_stay_well_formed() {
    let index = record_index();
    let typos = "Mulaly Baerbok Lituanei Bélaruss rapoteuse victmes migrnats déclaratoin politiqe Assemblé \
                 généraal trafficc enfnats exploitaiton sexuele Haitï Chipre Monacco coopératoin internationnale \
                 criminalitée organisé frontièrres trafiquantts protectoin survivantes réintégratoin pourssuites \
                 condamnatoins prévenntion sensibilisatoin enquêtees trafiquannts exploitatoin";
    let r = search(&index, typos);
    assert_well_formed(&r);
    assert!(!r.hits.is_empty(), "typos are corrected");
    assert!(r.warnings.iter().any(|w| w.contains("32")), "only 32 clauses are searched: {:?}", r.warnings);
    for q in [
        "de la le les des du et en à au aux un une ".repeat(100),
        "A/80/PV.48 AG/12734 ".repeat(50),
        "traite-des-personnes-".repeat(100),
        "l’d’qu’".repeat(500),
        "e\u{301}\u{302}\u{303}".repeat(1_000),
    ] {
        assert_well_formed(&search(&index, &q));
    }
}

#[test]
fn the_command_line_answers_a_100_kb_query_on_stdin_with_one_json_line() {
    let dir = TempDir::new("cli-long-query");
    let index = dir.join("ag.idx");
    let record = Path::new(ROOT).join("records/AG12734-fr.txt");
    let out = verbatim(&["index".as_ref(), record.as_os_str(), "-o".as_ref(), index.as_os_str()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let queries = format!(
        "{}\n----\n\u{202e}traite 🙂\n{}\n",
        "traite des personnes ".repeat(5_000),
        "\"travail forcé\" ".repeat(1_000)
    );
    let mut child = Command::new(BIN)
        .args(["search".as_ref(), "--index".as_ref(), index.as_os_str()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn verbatim search");
    let mut stdin = child.stdin.take().expect("stdin");
    let writer = std::thread::spawn(move || stdin.write_all(queries.as_bytes()));
    let out = child.wait_with_output().expect("wait");
    writer.join().expect("writer").expect("write the queries");
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<serde_json::Value> =
        text.lines().map(|l| serde_json::from_str(l).expect("one JSON object a line")).collect();
    assert_eq!(lines.len(), 4, "{text}");
    let hits = |i: usize| lines[i]["results"].as_array().map_or(0, Vec::len);
    assert!(hits(0) > 0 && hits(2) > 0 && hits(3) > 0, "{text}");
    assert_eq!(hits(1), 0);
}
