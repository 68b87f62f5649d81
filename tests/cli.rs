#![cfg(feature = "cli")]
//! End-to-end tests of the `verbatim` command line: what a person types, what
//! they see, and what is left on disk afterwards.
//!
//! Every test works in its own folder under the system temp dir and removes it
//! when done. Figures that depend on the machine (latencies) or on tuning
//! (scores, byte counts) are checked for presence and shape, never for value.

mod common;

use common::TempDir;
use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_verbatim");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

// ------------------------------------------------------------------ helpers

fn repo(path: &str) -> PathBuf {
    Path::new(ROOT).join(path)
}

fn shipped_record() -> PathBuf {
    repo("records/AG12734-fr.txt")
}

fn dev_queries() -> PathBuf {
    repo("tests/data/eval/AG12734-dev-queries.jsonl")
}

/// Runs `verbatim` with these arguments and no input.
fn verbatim<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(BIN).args(args).stdin(Stdio::null()).output().expect("run the verbatim binary")
}

/// Runs `verbatim` with these arguments, feeding `input` on stdin.
fn verbatim_with_stdin(args: &[&std::ffi::OsStr], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn the verbatim binary");
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = input.to_vec();
    // Written from a thread so that a large output cannot block the input; a
    // command that exits before reading (a bad index) closes the pipe early.
    let writer = std::thread::spawn(move || match stdin.write_all(&input) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        other => other.expect("write the queries"),
    });
    let output = child.wait_with_output().expect("wait for verbatim");
    writer.join().expect("the stdin writer");
    output
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[track_caller]
fn assert_success(out: &Output) {
    assert!(
        out.status.success(),
        "verbatim failed ({}):\nstdout:\n{}\nstderr:\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        stderr(out)
    );
}

#[track_caller]
fn assert_failure(out: &Output) {
    assert!(
        !out.status.success(),
        "verbatim should have failed but succeeded:\nstdout:\n{}\nstderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        stderr(out)
    );
    assert!(!stderr(out).trim().is_empty(), "a failure must say why on stderr");
}

/// Builds an index of these inputs into `output`, asserting success.
fn build_index(inputs: &[&Path], output: &Path) -> String {
    let mut args: Vec<&std::ffi::OsStr> = vec!["index".as_ref()];
    args.extend(inputs.iter().map(|p| p.as_os_str()));
    args.extend(["-o".as_ref(), output.as_os_str()]);
    let out = verbatim(&args);
    assert_success(&out);
    assert!(output.is_file(), "no index written at {}", output.display());
    stdout(&out)
}

/// Builds the shipped record's index in `dir` and returns its path.
fn shipped_index(dir: &TempDir) -> PathBuf {
    let index = dir.join("ag12734.idx");
    build_index(&[&shipped_record()], &index);
    index
}

/// `verbatim search --index <index> --json <extra…> <query>`, parsed.
fn search_json(index: &Path, extra: &[&str], query: &str) -> Value {
    let mut args: Vec<&std::ffi::OsStr> = vec!["search".as_ref(), "--index".as_ref(), index.as_os_str()];
    args.push("--json".as_ref());
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    args.push(query.as_ref());
    let out = verbatim(&args);
    assert_success(&out);
    let text = stdout(&out);
    assert_eq!(text.lines().count(), 1, "--json with a query writes one JSON line:\n{text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

/// Parses "<file>: N passages, N terms, N bytes (N gzip), L layout" into its four figures.
#[track_caller]
fn index_summary(line: &str, output: &Path) -> [u64; 4] {
    let line = line.trim();
    let prefix = format!("{}: ", output.display());
    let rest = line.strip_prefix(&prefix).unwrap_or_else(|| panic!("summary should start with {prefix:?}: {line:?}"));
    let (rest, layout) = rest.rsplit_once(", ").unwrap_or_else(|| panic!("no layout in {line:?}"));
    assert!(["derived layout", "stored layout"].contains(&layout), "unexpected layout in {line:?}");
    let words: Vec<&str> = rest.split([' ', ',', '(', ')']).filter(|w| !w.is_empty()).collect();
    assert_eq!(
        words.iter().skip(1).step_by(2).copied().collect::<Vec<_>>(),
        ["passages", "terms", "bytes", "gzip"],
        "unexpected summary: {line:?}"
    );
    let n = |i: usize| words[i].parse::<u64>().unwrap_or_else(|_| panic!("{:?} is not a count in {line:?}", words[i]));
    [n(0), n(2), n(4), n(6)]
}

/// Every entry of a folder, by name.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list the folder")
        .map(|e| e.expect("folder entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Checks that `ranges` is a JSON list of sorted, non-overlapping, non-empty
/// `[start, end]` byte ranges on char boundaries of `text`, and returns the
/// highlighted strings.
#[track_caller]
fn highlighted<'a>(text: &'a str, ranges: &Value) -> Vec<&'a str> {
    let ranges = ranges.as_array().unwrap_or_else(|| panic!("highlights must be a list: {ranges}"));
    let mut previous_end = 0;
    let mut parts = Vec::new();
    for r in ranges {
        let pair = r.as_array().filter(|p| p.len() == 2).unwrap_or_else(|| panic!("a range is [start, end]: {r}"));
        let start = pair[0].as_u64().unwrap_or_else(|| panic!("start is a byte offset: {r}")) as usize;
        let end = pair[1].as_u64().unwrap_or_else(|| panic!("end is a byte offset: {r}")) as usize;
        assert!(start < end, "empty or reversed range {r} in {text:?}");
        assert!(start >= previous_end, "ranges overlap or are out of order at {r}");
        let part = text
            .get(start..end)
            .unwrap_or_else(|| panic!("{r} is not a valid byte range of the {}-byte text {text:?}", text.len()));
        parts.push(part);
        previous_end = end;
    }
    parts
}

/// Flips one bit in the middle of a file.
fn damage(path: &Path) {
    let mut bytes = std::fs::read(path).expect("read the index");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x40;
    std::fs::write(path, bytes).expect("write the damaged index");
}

// ------------------------------------------------------------------ index

#[test]
fn indexing_the_shipped_record_prints_its_figures_and_writes_a_searchable_file() {
    let dir = TempDir::new("index-shipped");
    let index = dir.join("ag12734.idx");
    let printed = build_index(&[&shipped_record()], &index);

    assert_eq!(printed.lines().count(), 1, "one summary line: {printed:?}");
    let [passages, terms, bytes, gzip] = index_summary(&printed, &index);
    assert!(passages > 0, "the record has paragraphs: {printed}");
    assert!(terms > 0, "the record has words: {printed}");
    let on_disk = std::fs::metadata(&index).expect("index metadata").len();
    assert_eq!(bytes, on_disk, "the byte count printed is the file's size");
    assert!(gzip > 0 && gzip < bytes, "gzip should shrink the index: {printed}");
    assert_eq!(entries(&dir.0), ["ag12734.idx"], "only the index is left in the output folder");

    let results = search_json(&index, &[], "traite");
    assert!(results["total"].as_u64().unwrap_or(0) > 0, "the index answers queries: {results}");
    assert_eq!(results["results"][0]["record"], "AG/12734");
}

#[test]
fn an_index_built_without_translations_is_smaller_and_reads_english_words_as_typed() {
    let dir = TempDir::new("index-no-translations");
    let (with, without) = (dir.join("with.idx"), dir.join("without.idx"));
    let [.., with_bytes, _] = index_summary(&build_index(&[&shipped_record()], &with), &with);
    let out =
        verbatim([os("index"), shipped_record().into(), os("--no-translations"), os("-o"), without.clone().into()]);
    assert_success(&out);
    let [.., without_bytes, _] = index_summary(&stdout(&out), &without);
    assert!(without_bytes < with_bytes, "{without_bytes} bytes without translations, {with_bytes} with");
    // "women" is not in the French record: only its translation « femmes » finds it.
    assert!(search_json(&with, &[], "women")["total"].as_u64().unwrap_or(0) > 0);
    assert_eq!(search_json(&without, &[], "women")["total"], 0);
    assert!(search_json(&without, &[], "femmes")["total"].as_u64().unwrap_or(0) > 0);
    // French readers keep the French synonyms: « actrice » → « star de cinéma ».
    assert!(search_json(&without, &[], "actrice")["total"].as_u64().unwrap_or(0) > 0);
}

#[test]
fn piping_into_a_reader_that_has_left_ends_quietly() {
    // `verbatim eval … | head -1`: head exits, the pipe closes; verbatim must
    // neither panic nor report a failure. The read end is closed before the
    // command starts, so its first write always meets a closed pipe.
    let dir = TempDir::new("closed-pipe");
    let index = shipped_index(&dir);
    let queries = dev_queries();
    let runs: [Vec<&std::ffi::OsStr>; 3] = [
        vec!["eval".as_ref(), "--index".as_ref(), index.as_os_str(), "--queries".as_ref(), queries.as_os_str()],
        vec!["search".as_ref(), "--index".as_ref(), index.as_os_str(), "traite".as_ref()],
        vec!["bench".as_ref(), "--index".as_ref(), index.as_os_str(), "--queries".as_ref(), queries.as_os_str()],
    ];
    for args in runs {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        let out = Command::new(BIN).args(&args).stdin(Stdio::null()).stdout(writer).stderr(Stdio::piped()).output();
        let out = out.expect("run the verbatim binary");
        assert!(out.status.success(), "{args:?}: {:?}, stderr: {}", out.status, stderr(&out));
        assert!(stderr(&out).is_empty(), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn indexing_the_same_inputs_twice_gives_the_same_bytes() {
    let dir = TempDir::new("index-deterministic");
    let (a, b) = (dir.join("a.idx"), dir.join("b.idx"));
    build_index(&[&shipped_record()], &a);
    build_index(&[&shipped_record()], &b);
    assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap(), "index builds are not reproducible");
}

#[test]
fn indexing_over_an_existing_index_replaces_it() {
    let dir = TempDir::new("index-replace");
    let index = dir.file("corpus.idx", "an old file, not an index");
    build_index(&[&shipped_record()], &index);
    let results = search_json(&index, &[], "Baerbock");
    assert!(results["total"].as_u64().unwrap_or(0) > 0, "{results}");
    assert_eq!(entries(&dir.0), ["corpus.idx"]);
}

#[test]
fn a_folder_of_mixed_txt_and_jsonl_files_indexes_as_one_corpus() {
    let dir = TempDir::new("index-folder");
    let corpus = dir.folder("corpus");
    // A press release with its metadata sidecar, a plain text file without the
    // press-release header, a JSON Lines file, and a file that is neither.
    std::fs::copy(shipped_record(), corpus.join("AG12734-fr.txt")).unwrap();
    std::fs::copy(repo("records/AG12734-fr.meta.json"), corpus.join("AG12734-fr.meta.json")).unwrap();
    dir.file(
        "corpus/notes.txt",
        "Les glaciers des Pyrénées reculent chaque été.\nLe marmottier observe les cols enneigés.\n",
    );
    dir.file(
        "corpus/fleuves.jsonl",
        concat!(
            "{\"id\": \"loire-1\", \"title\": \"La Loire\", \"text\": \"La Loire est le plus long fleuve de France.\"}\n",
            "\n",
            "{\"id\": \"rhone-1\", \"title\": \"Le Rhône\", \"text\": \"Le Rhône naît dans le glacier du Rhône en Suisse.\", \"lang\": \"fr\"}\n",
        ),
    );
    dir.file("corpus/README.md", "not indexed: neither .txt nor .jsonl\n");

    let alone = dir.join("alone.idx");
    let [record_passages, ..] = index_summary(&build_index(&[&shipped_record()], &alone), &alone);

    let out_dir = dir.folder("out");
    let index = out_dir.join("corpus.idx");
    let printed = build_index(&[&corpus], &index);
    let [passages, ..] = index_summary(&printed, &index);
    assert_eq!(passages, record_passages + 2 + 2, "record + notes.txt + fleuves.jsonl: {printed}");
    assert_eq!(entries(&out_dir), ["corpus.idx"]);

    // Each part is searchable, with its own record name and ids.
    let loire = search_json(&index, &[], "Loire fleuve");
    assert_eq!(loire["results"][0]["id"], "loire-1", "{loire}");
    assert_eq!(loire["results"][0]["record"], "fleuves");
    assert_eq!(loire["results"][0]["section"], "La Loire");

    let marmottier = search_json(&index, &[], "marmottier");
    assert_eq!(marmottier["results"][0]["id"], "notes#p2", "{marmottier}");

    let baerbock = search_json(&index, &[], "Baerbock");
    assert_eq!(baerbock["results"][0]["record"], "AG/12734", "{baerbock}");

    // One query can match passages of several files: facets list each record.
    let glacier = search_json(&index, &[], "glacier");
    let records: Vec<&str> =
        glacier["facets"]["records"].as_array().unwrap().iter().filter_map(|f| f["value"].as_str()).collect();
    assert!(records.contains(&"fleuves") && records.contains(&"notes"), "{glacier}");

    // --record keeps one file's passages.
    let only = search_json(&index, &["--record", "fleuves"], "glacier");
    assert!(only["total"].as_u64().unwrap_or(0) > 0, "{only}");
    assert!(only["results"].as_array().unwrap().iter().all(|h| h["record"] == "fleuves"), "{only}");
}

// ------------------------------------------------------------------ bad input

/// Runs `index <input> -o <fresh folder>/out.idx`, asserts that it fails,
/// names `expected` in its message, and leaves the output folder empty.
#[track_caller]
fn assert_index_refuses(dir: &TempDir, input: &Path, expected: &str) -> String {
    let out_dir = dir.folder(&format!("out-{}", dir.0.read_dir().map_or(0, Iterator::count)));
    let output = out_dir.join("out.idx");
    let out = verbatim([os("index"), input.as_os_str().into(), os("-o"), output.as_os_str().into()]);
    assert_failure(&out);
    let message = stderr(&out);
    assert!(message.contains(expected), "the error should contain {expected:?}:\n{message}");
    assert!(message.lines().count() <= 3, "a short message, not a dump:\n{message}");
    assert!(!message.contains("panicked"), "a panic is not an error message:\n{message}");
    assert_eq!(entries(&out_dir), Vec::<String>::new(), "a failed build leaves nothing in the output folder");
    assert!(out.stdout.is_empty(), "no summary on failure: {}", String::from_utf8_lossy(&out.stdout));
    message
}

/// An argument, for argument lists that mix strings and paths.
fn os(s: &str) -> std::ffi::OsString {
    s.into()
}

#[test]
fn indexing_an_empty_file_fails_naming_the_file_and_writes_nothing() {
    let dir = TempDir::new("bad-empty");
    let input = dir.file("empty.txt", "");
    let message = assert_index_refuses(&dir, &input, &input.display().to_string());
    assert!(message.contains("empty"), "{message}");

    // Blank lines only are empty too, and so is a JSON Lines file with no line.
    let blank = dir.file("blank.txt", " \n\n\t\n");
    assert_index_refuses(&dir, &blank, &blank.display().to_string());
    let no_lines = dir.file("none.jsonl", "\n\n");
    assert_index_refuses(&dir, &no_lines, &no_lines.display().to_string());
}

#[test]
fn indexing_a_binary_file_fails_naming_the_file_and_writes_nothing() {
    let dir = TempDir::new("bad-binary");
    let input = dir.file("archive.txt", b"PK\x03\x04\x14\0\0\0\x08\0some zipped bytes\0\0\xff");
    let message = assert_index_refuses(&dir, &input, &input.display().to_string());
    assert!(message.contains("binary"), "{message}");
}

#[test]
fn indexing_a_file_with_invalid_utf8_on_line_3_fails_naming_the_file_and_line() {
    let dir = TempDir::new("bad-utf8");
    let input = dir.file("latin1.txt", b"Premier paragraphe.\nDeuxi\xc3\xa8me paragraphe.\nTroisi\xe8me paragraphe.\n");
    let message = assert_index_refuses(&dir, &input, &format!("{}:3:", input.display()));
    assert!(message.contains("UTF-8"), "{message}");

    let jsonl = dir.file("latin1.jsonl", b"{\"id\":\"a\",\"text\":\"un\"}\n{\"id\":\"b\",\"text\":\"deux\"}\n{\"id\":\"c\",\"text\":\"trois \xe9t\xe9\"}\n");
    assert_index_refuses(&dir, &jsonl, &format!("{}:3:", jsonl.display()));
}

#[test]
fn indexing_a_malformed_json_line_fails_naming_the_file_and_line_2() {
    let dir = TempDir::new("bad-json");
    let input =
        dir.file("broken.jsonl", "{\"id\": \"a\", \"text\": \"Une phrase.\"}\n{\"id\": \"b\", \"text\": \"oops\"\n");
    let message = assert_index_refuses(&dir, &input, &format!("{}:2:", input.display()));
    assert!(message.contains("JSON"), "{message}");

    let missing = dir.file("missing-text.jsonl", "{\"id\": \"a\", \"text\": \"Une phrase.\"}\n{\"id\": \"b\"}\n");
    let message = assert_index_refuses(&dir, &missing, &format!("{}:2:", missing.display()));
    assert!(message.contains("\"text\""), "{message}");
}

#[test]
fn indexing_a_jsonl_file_with_duplicate_ids_fails_naming_the_file_line_and_id() {
    let dir = TempDir::new("bad-dup");
    let input = dir.file(
        "dup.jsonl",
        "{\"id\": \"x-1\", \"text\": \"Un.\"}\n{\"id\": \"x-2\", \"text\": \"Deux.\"}\n{\"id\": \"x-1\", \"text\": \"Trois.\"}\n",
    );
    let message = assert_index_refuses(&dir, &input, &format!("{}:3:", input.display()));
    assert!(message.contains("x-1") && message.contains("duplicate"), "{message}");
}

#[test]
fn indexing_two_jsonl_files_that_share_an_id_fails_naming_the_second_file_and_its_line() {
    let dir = TempDir::new("bad-dup-across");
    let corpus = dir.folder("corpus");
    dir.file("corpus/a.jsonl", "{\"id\": \"same\", \"text\": \"Un.\"}\n");
    let second = dir.file(
        "corpus/b.jsonl",
        "\n{\"id\": \"other\", \"text\": \"Deux.\"}\n{\"id\": \"same\", \"text\": \"Trois.\"}\n",
    );
    let message = assert_index_refuses(&dir, &corpus, &format!("{}:3:", second.display()));
    assert!(message.contains("same"), "{message}");
}

#[test]
fn indexing_a_missing_file_fails_naming_the_file_and_writes_nothing() {
    let dir = TempDir::new("bad-missing");
    let input = dir.join("nowhere/AG99999-fr.txt");
    assert_index_refuses(&dir, &input, &input.display().to_string());
}

#[test]
fn indexing_a_folder_without_records_fails_naming_the_folder() {
    let dir = TempDir::new("bad-folder");
    let corpus = dir.folder("corpus");
    dir.file("corpus/notes.md", "# not a record\n");
    assert_index_refuses(&dir, &corpus, &corpus.display().to_string());
}

#[test]
fn one_bad_file_among_good_ones_fails_the_whole_build_and_writes_nothing() {
    let dir = TempDir::new("bad-among-good");
    let corpus = dir.folder("corpus");
    std::fs::copy(shipped_record(), corpus.join("AG12734-fr.txt")).unwrap();
    let bad = dir.file("corpus/zz-broken.jsonl", "{\"id\": \"a\", \"text\": \"ok\"}\n{not json}\n");
    assert_index_refuses(&dir, &corpus, &format!("{}:2:", bad.display()));
}

#[test]
fn indexing_into_a_path_that_is_a_folder_fails_and_leaves_no_temp_file() {
    let dir = TempDir::new("bad-output");
    let out_dir = dir.folder("out");
    let target = dir.folder("out/existing");
    let out = verbatim([os("index"), shipped_record().into(), os("-o"), target.clone().into()]);
    assert_failure(&out);
    assert!(stderr(&out).contains(&target.display().to_string()), "{}", stderr(&out));
    assert_eq!(entries(&out_dir), ["existing"], "a failed build leaves nothing in the output folder");
}

#[test]
fn indexing_into_a_missing_folder_fails_and_writes_nothing() {
    let dir = TempDir::new("bad-output-folder");
    let out_dir = dir.folder("out");
    let output = out_dir.join("not-there/corpus.idx");
    let out = verbatim([os("index"), shipped_record().into(), os("-o"), output.into()]);
    assert_failure(&out);
    assert!(stderr(&out).contains(&out_dir.join("not-there").display().to_string()), "{}", stderr(&out));
    assert_eq!(entries(&out_dir), Vec::<String>::new());
}

// ------------------------------------------------------------------ search

#[test]
fn searching_a_misspelled_name_finds_mme_mullallys_paragraph_first_as_json() {
    let dir = TempDir::new("search-typo");
    let index = shipped_index(&dir);
    let results = search_json(&index, &["--limit", "5"], "Mulaly");

    for field in ["query", "total", "results", "facets", "suggestion", "warnings"] {
        assert!(results.get(field).is_some(), "missing top-level field {field:?}: {results}");
    }
    assert_eq!(results["query"], "Mulaly");
    assert!(results["warnings"].is_array(), "{results}");
    let hits = results["results"].as_array().expect("results is a list");
    assert!(!hits.is_empty() && hits.len() <= 5, "--limit 5: {} hits", hits.len());
    assert!(results["total"].as_u64().unwrap() >= hits.len() as u64, "{results}");
    let suggestion = results["suggestion"].as_str().expect("a typo gets a suggestion");
    assert!(suggestion.eq_ignore_ascii_case("mullally"), "suggestion: {suggestion:?}");

    for hit in hits {
        for field in [
            "id",
            "anchor",
            "record",
            "text",
            "section",
            "speaker",
            "speakers",
            "score",
            "snippet",
            "snippet_highlights",
            "highlights",
        ] {
            assert!(hit.get(field).is_some(), "missing hit field {field:?}: {hit}");
        }
        let text = hit["text"].as_str().expect("text is a string");
        let id = hit["id"].as_str().expect("id is a string");
        let anchor = hit["anchor"].as_str().expect("anchor is a string");
        assert!(id.ends_with(&format!("#{anchor}")), "the anchor is the id's fragment: {id} / {anchor}");
        assert!(hit["score"].as_f64().is_some_and(f64::is_finite), "{hit}");
        assert!(hit["speakers"].is_array(), "{hit}");

        // A paragraph can match through its speaker ("Elle a…") and then has
        // nothing to highlight; ranges, when present, must be valid.
        highlighted(text, &hit["highlights"]);
        let snippet = hit["snippet"].as_str().expect("snippet is a string");
        highlighted(snippet, &hit["snippet_highlights"]);
    }

    let first = &hits[0];
    let text = first["text"].as_str().unwrap();
    assert!(text.contains("Mullally"), "first hit should be Mme Mullally's paragraph: {text}");
    assert_eq!(first["speaker"], "Siobhán Mullally", "{first}");
    assert_eq!(first["record"], "AG/12734");
    assert!(
        highlighted(text, &first["highlights"]).contains(&"Mullally"),
        "the misspelled name highlights the real one: {first}"
    );
    // Scores go down.
    let scores: Vec<f64> = hits.iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "scores out of order: {scores:?}");
}

#[test]
fn searching_without_json_prints_a_readable_list_with_marked_words() {
    let dir = TempDir::new("search-text");
    let index = shipped_index(&dir);
    let out = verbatim([os("search"), os("--index"), index.into(), os("--limit"), os("3"), os("Baerbock")]);
    assert_success(&out);
    let text = stdout(&out);
    assert!(text.lines().next().is_some_and(|l| l.ends_with(" passages")), "first line counts passages:\n{text}");
    assert!(text.contains(" 1. AG/12734#p"), "numbered hits with their ids:\n{text}");
    assert!(text.contains("[Baerbock]"), "matched words are bracketed:\n{text}");
    assert!(!text.contains(" 4. "), "--limit 3:\n{text}");
}

#[test]
fn piping_several_queries_on_stdin_gives_one_json_line_per_query_in_order() {
    let dir = TempDir::new("search-stdin");
    let index = shipped_index(&dir);
    let queries = ["Baerbock", "traite des personnes", "", "etats membres", "Mulaly", "zzzyxq"];
    // Mixed line endings, and no newline after the last query.
    let input = "Baerbock\ntraite des personnes\r\n\netats membres\nMulaly\nzzzyxq";
    let out = verbatim_with_stdin(&["search".as_ref(), "--index".as_ref(), index.as_os_str()], input.as_bytes());
    assert_success(&out);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), queries.len(), "one line per query:\n{text}");
    for (line, query) in lines.iter().zip(queries) {
        let value: Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert_eq!(value["query"], query, "answers come in the order of the queries");
        assert!(value["results"].is_array() && value["facets"].is_object(), "{value}");
        assert!(value["total"].as_u64().is_some(), "{value}");
    }
    let first: Value = serde_json::from_str(lines[0]).unwrap();
    assert!(first["results"][0]["text"].as_str().unwrap().contains("Baerbock"), "{first}");
    let nonsense: Value = serde_json::from_str(lines[5]).unwrap();
    assert_eq!(nonsense["total"], 0, "{nonsense}");
    assert_eq!(nonsense["results"].as_array().unwrap().len(), 0);
}

#[test]
fn filtering_by_speaker_keeps_only_her_paragraphs_and_counts_facets() {
    let dir = TempDir::new("search-speaker");
    let index = shipped_index(&dir);

    let all = search_json(&index, &["--limit", "50"], "traite");
    let all_total = all["total"].as_u64().unwrap();

    let hers = search_json(&index, &["--limit", "50", "--speaker", "Siobhán Mullally"], "traite");
    let hits = hers["results"].as_array().unwrap();
    assert!(!hits.is_empty(), "she speaks of trafficking: {hers}");
    let total = hers["total"].as_u64().unwrap();
    assert!(total < all_total, "the filter narrows the results ({total} of {all_total})");
    assert_eq!(total, hits.len() as u64, "all of her paragraphs fit under --limit 50");
    for hit in hits {
        let speakers: Vec<&str> = hit["speakers"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        assert!(speakers.contains(&"Siobhán Mullally"), "not her paragraph: {hit}");
    }

    let facets = &hers["facets"];
    for kind in ["records", "sections", "speakers"] {
        let list = facets[kind].as_array().unwrap_or_else(|| panic!("facets.{kind} is a list: {facets}"));
        for entry in list {
            assert!(entry["value"].is_string() && entry["count"].as_u64().is_some_and(|c| c > 0), "{entry}");
        }
    }
    let speaker_count = facets["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["value"] == "Siobhán Mullally")
        .and_then(|f| f["count"].as_u64());
    assert_eq!(speaker_count, Some(total), "her facet counts her paragraphs: {facets}");
    let record_count: u64 = facets["records"].as_array().unwrap().iter().filter_map(|f| f["count"].as_u64()).sum();
    assert_eq!(record_count, total, "record facets add up to the total: {facets}");

    // Unfiltered facets list other speakers too.
    assert!(all["facets"]["speakers"].as_array().unwrap().len() > 1, "{}", all["facets"]);
}

#[test]
fn filtering_by_a_section_keeps_only_that_sections_paragraphs() {
    let dir = TempDir::new("search-section");
    let index = shipped_index(&dir);
    let section = "Une ferme volonté politique avant tout";
    let results = search_json(&index, &["--limit", "50", "--section", section], "traite");
    let hits = results["results"].as_array().unwrap();
    assert!(!hits.is_empty(), "{results}");
    assert!(hits.iter().all(|h| h["section"] == section), "{results}");

    let nothing = search_json(&index, &["--record", "AG/99999"], "traite");
    assert_eq!(nothing["total"], 0, "an unknown record matches nothing: {nothing}");
}

// ------------------------------------------------------------------ damaged indexes

#[test]
fn searching_a_damaged_index_fails_saying_it_is_damaged() {
    let dir = TempDir::new("damaged");
    let index = shipped_index(&dir);
    damage(&index);
    let out = verbatim([os("search"), os("--index"), index.clone().into(), os("traite")]);
    assert_failure(&out);
    let message = stderr(&out);
    assert!(message.contains("damaged"), "{message}");
    assert!(message.contains(&index.display().to_string()), "the message names the index: {message}");
    assert!(out.stdout.is_empty(), "no results from a damaged index");

    // Same through stdin.
    let out = verbatim_with_stdin(&["search".as_ref(), "--index".as_ref(), index.as_os_str()], b"traite\n");
    assert_failure(&out);
    assert!(stderr(&out).contains("damaged"), "{}", stderr(&out));
}

#[test]
fn searching_a_truncated_index_fails_saying_it_is_damaged() {
    let dir = TempDir::new("truncated");
    let index = shipped_index(&dir);
    let bytes = std::fs::read(&index).unwrap();
    std::fs::write(&index, &bytes[..bytes.len() * 2 / 3]).unwrap();
    let out = verbatim([os("search"), os("--index"), index.into(), os("traite")]);
    assert_failure(&out);
    assert!(stderr(&out).contains("damaged"), "{}", stderr(&out));
}

#[test]
fn searching_a_file_that_is_not_an_index_says_it_is_not_a_verbatim_index() {
    let dir = TempDir::new("not-index");
    let html = dir.file("index.html", "<!DOCTYPE html><html><body>404 Not Found</body></html>\n");
    for file in [html, shipped_record()] {
        let out = verbatim([os("search"), os("--index"), file.clone().into(), os("traite")]);
        assert_failure(&out);
        let message = stderr(&out);
        assert!(message.contains("not a Verbatim index"), "{message}");
        assert!(message.contains(&file.display().to_string()), "the message names the file: {message}");
    }
}

#[test]
fn searching_a_missing_index_fails_naming_it() {
    let dir = TempDir::new("missing-index");
    let index = dir.join("nowhere.idx");
    let out = verbatim([os("search"), os("--index"), index.clone().into(), os("traite")]);
    assert_failure(&out);
    assert!(stderr(&out).contains(&index.display().to_string()), "{}", stderr(&out));
}

// ------------------------------------------------------------------ eval

#[test]
fn evaluating_the_dev_queries_prints_ndcg_and_one_line_per_kind() {
    let dir = TempDir::new("eval");
    let index = shipped_index(&dir);
    let out = verbatim([os("eval"), os("--index"), index.into(), os("--queries"), dev_queries().into()]);
    assert_success(&out);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();

    let summary = lines.iter().find(|l| l.starts_with("verbatim:")).unwrap_or_else(|| panic!("no summary:\n{text}"));
    for metric in ["nDCG@10", "MRR@10", "Success@1", "Recall@10"] {
        assert!(summary.contains(metric), "{metric} missing: {summary}");
    }
    let ndcg: f64 = summary
        .split("nDCG@10 ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("nDCG@10 is not a number: {summary}"));
    assert!((0.0..=1.0).contains(&ndcg), "{summary}");
    let query_count = std::fs::read_to_string(dev_queries()).unwrap().lines().filter(|l| !l.trim().is_empty()).count();
    assert!(summary.contains(&format!("({query_count} queries)")), "all queries scored: {summary}");

    // Per-kind lines: indented, with n= and nDCG@10, one per kind of the file.
    let per_kind: Vec<&str> = lines.iter().copied().filter(|l| l.starts_with("  ") && l.contains(" n=")).collect();
    let mut kinds: Vec<String> = std::fs::read_to_string(dev_queries())
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str::<Value>(l).ok()?["kind"].as_str().map(str::to_string))
        .collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(per_kind.len(), kinds.len(), "one line per kind:\n{text}");
    for kind in &kinds {
        assert!(
            per_kind.iter().any(|l| l.split_whitespace().next() == Some(kind.as_str()) && l.contains("nDCG@10")),
            "no line for kind {kind:?}:\n{text}"
        );
    }
    let n_sum: usize = per_kind
        .iter()
        .filter_map(|l| l.split_whitespace().find_map(|w| w.strip_prefix("n=")).and_then(|n| n.parse::<usize>().ok()))
        .sum();
    assert_eq!(n_sum, query_count, "per-kind counts add up:\n{text}");
    assert!(!text.contains("bm25"), "no baseline unless asked:\n{text}");
}

#[test]
fn evaluating_with_baseline_prints_both_engines() {
    let dir = TempDir::new("eval-baseline");
    let index = shipped_index(&dir);
    let out =
        verbatim([os("eval"), os("--index"), index.into(), os("--queries"), dev_queries().into(), os("--baseline")]);
    assert_success(&out);
    let text = stdout(&out);
    let summaries: Vec<&str> = text.lines().filter(|l| !l.starts_with(' ') && l.contains("nDCG@10")).collect();
    assert_eq!(summaries.len(), 2, "one summary per engine:\n{text}");
    assert!(summaries[0].starts_with("verbatim:"), "{text}");
    assert!(summaries[1].starts_with("bm25:"), "{text}");
    let per_kind = text.lines().filter(|l| l.starts_with("  ") && l.contains(" n=")).count();
    assert!(per_kind >= 2 && per_kind % 2 == 0, "per-kind lines for both engines:\n{text}");
}

#[test]
fn evaluating_verbosely_prints_every_query() {
    let dir = TempDir::new("eval-verbose");
    let index = shipped_index(&dir);
    let out =
        verbatim([os("eval"), os("--index"), index.into(), os("--queries"), dev_queries().into(), os("--verbose")]);
    assert_success(&out);
    let text = stdout(&out);
    assert!(text.lines().any(|l| l.starts_with("    ") && l.trim_end().ends_with("Baerbock")), "{text}");
}

#[test]
fn evaluating_with_malformed_queries_fails_naming_the_file() {
    let dir = TempDir::new("eval-bad");
    let index = shipped_index(&dir);
    let queries = dir.file("queries.jsonl", "{\"query\": \"traite\", \"kind\": \"x\", \"relevant\": []}\n{oops\n");
    let out = verbatim([os("eval"), os("--index"), index.into(), os("--queries"), queries.clone().into()]);
    assert_failure(&out);
    assert!(stderr(&out).contains(&queries.display().to_string()), "{}", stderr(&out));
}

// ------------------------------------------------------------------ bench

/// `verbatim bench` over the dev queries, one round (the figures' presence is tested, never their values).
fn bench_once(index: &Path) -> Output {
    verbatim([os("bench"), os("--index"), index.into(), os("--queries"), dev_queries().into(), os("--rounds"), os("1")])
}

#[test]
fn benchmarking_prints_byte_counts_and_latency_percentiles() {
    let dir = TempDir::new("bench");
    let index = shipped_index(&dir);
    let out = bench_once(&index);
    assert_success(&out);
    let text = stdout(&out);

    let sizes = text.lines().find(|l| l.contains("bytes raw")).unwrap_or_else(|| panic!("no byte counts:\n{text}"));
    let number_before = |word: &str| {
        let words: Vec<&str> = sizes.split([' ', ',']).filter(|w| !w.is_empty()).collect();
        words
            .windows(2)
            .find(|w| w[1] == word)
            .and_then(|w| w[0].parse::<u64>().ok())
            .unwrap_or_else(|| panic!("no count before {word:?}: {sizes}"))
    };
    let raw = number_before("bytes");
    number_before("gzip");
    number_before("brotli");
    assert_eq!(raw, std::fs::metadata(&index).unwrap().len(), "raw is the file size: {sizes}");

    let latency = text.lines().find(|l| l.contains("latency")).unwrap_or_else(|| panic!("no latency line:\n{text}"));
    for label in ["p50", "p99"] {
        let figure = latency
            .split(&format!("{label} "))
            .nth(1)
            .and_then(|s| s.split_whitespace().next())
            .and_then(|s| s.parse::<f64>().ok());
        assert!(figure.is_some(), "{label} has no figure: {latency}");
    }
    assert!(latency.contains("µs"), "{latency}");
}

#[test]
fn benchmarking_a_damaged_index_fails_naming_the_file() {
    let dir = TempDir::new("bench-damaged");
    let index = shipped_index(&dir);
    damage(&index);
    let out = bench_once(&index);
    assert_failure(&out);
    let message = stderr(&out);
    assert!(message.contains("damaged"), "{message}");
    assert!(message.contains(&index.display().to_string()), "the message names the index: {message}");
}

// ------------------------------------------------------------------ usage

#[test]
fn running_without_a_subcommand_or_with_a_bad_flag_prints_usage_and_fails() {
    let out = verbatim::<[&str; 0], &str>([]);
    assert_failure(&out);
    assert!(stderr(&out).contains("Usage"), "{}", stderr(&out));

    let out = verbatim(["search", "--no-such-flag"]);
    assert_failure(&out);

    let out = verbatim(["--help"]);
    assert_success(&out);
    let help = stdout(&out);
    for sub in ["index", "search", "eval", "bench"] {
        assert!(help.contains(sub), "--help lists {sub}:\n{help}");
    }
}
