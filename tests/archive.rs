//! The archive at scale, on a slice of the UN General Debate corpus
//! (`tests/data/ungdc-slice`: 24 statements, 1970–2023): built through the
//! library, searched the way the browser does it (ask, fetch the shards it
//! names, ask again), and built and searched through the command line.

mod common;

use std::collections::BTreeSet;
use std::sync::OnceLock;
use verbatim::archive::{Archive, ArchiveBuilder, MANIFEST_FILE, Step};
use verbatim::record::parse_file;
use verbatim::search::{FacetCount, Hit, Results, SearchOptions};

const SLICE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/ungdc-slice");

/// The archive's files: relative path and bytes, the manifest first.
type Files = Vec<(String, Vec<u8>)>;

/// The slice's statements, by file name.
fn slice_inputs() -> Vec<(String, Vec<u8>)> {
    let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(SLICE)
        .expect("list the slice")
        .map(|e| e.expect("slice entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            let name = p.file_name().expect("a file name").to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("read a slice file"))
        })
        .collect();
    inputs.sort();
    assert_eq!(inputs.len(), 24, "the slice holds 24 statements");
    inputs
}

fn build(inputs: &[(String, Vec<u8>)]) -> Files {
    let mut builder = ArchiveBuilder::new();
    for (name, bytes) in inputs {
        for record in parse_file(name, bytes).unwrap_or_else(|e| panic!("{e}")) {
            builder.add(record);
        }
    }
    builder.finish().unwrap_or_else(|e| panic!("{e}")).files
}

/// The slice's archive, built once for all tests.
fn slice() -> &'static Files {
    static FILES: OnceLock<Files> = OnceLock::new();
    FILES.get_or_init(|| build(&slice_inputs()))
}

fn file<'a>(files: &'a Files, path: &str) -> &'a [u8] {
    files.iter().find(|(p, _)| p == path).map(|(_, b)| b.as_slice()).unwrap_or_else(|| panic!("no file {path}"))
}

/// A fresh archive (nothing fetched yet) answering one query.
struct Answer {
    results: Results,
    /// Every path the archive asked for, in order.
    fetched: Vec<String>,
}

fn answer(files: &Files, query: &str, options: &SearchOptions) -> Answer {
    let mut archive = Archive::new(file(files, MANIFEST_FILE)).expect("the manifest decodes");
    let mut fetched: Vec<String> = Vec::new();
    for _round in 0..7 {
        match archive.search(query, options) {
            Step::Need(paths) => {
                assert!(!paths.is_empty(), "{query:?}: Need with no path would loop forever");
                for path in paths {
                    assert!(!fetched.contains(&path), "{query:?}: asked again for {path}, already added");
                    archive.add(&path, file(files, &path)).unwrap_or_else(|e| panic!("{path}: {e}"));
                    fetched.push(path);
                }
            }
            Step::Partial(..) => panic!("{query:?}: search asks for every hit's text, not a part"),
            Step::Done(results) => return Answer { results, fetched },
        }
    }
    panic!("{query:?}: no answer after 7 rounds (fetched {fetched:?})")
}

fn search(query: &str) -> Answer {
    answer(slice(), query, &SearchOptions::default())
}

fn search_with(query: &str, options: SearchOptions) -> Results {
    answer(slice(), query, &options).results
}

fn ids(results: &Results) -> Vec<&str> {
    results.hits.iter().map(|h| h.id.as_str()).collect()
}

fn values(facet: &[FacetCount]) -> BTreeSet<&str> {
    facet.iter().map(|f| f.value.as_str()).collect()
}

fn lower(hit: &Hit) -> String {
    hit.text.to_lowercase()
}

// ------------------------------------------------------------------ finding

#[test]
fn a_word_of_one_statement_finds_its_paragraph_first_with_title_date_and_delegation() {
    let r = search("equilibrium").results;
    let first = r.hits.first().unwrap_or_else(|| panic!("no hit: {r:?}"));
    assert_eq!(first.id, "FRA_25_1970#p4", "{:?}", ids(&r));
    assert_eq!(first.record, "FRA_25_1970");
    assert_eq!(first.anchor, "p4");
    assert_eq!(first.title, "General Debate, 25th session (1970): France");
    assert_eq!(first.date, "1970");
    assert_eq!(first.speaker.as_deref(), Some("France"));
    assert!(first.text.contains("equilibrium"), "{}", first.text);
    assert!(!first.highlights.is_empty(), "the word is highlighted");
    assert_eq!(&first.text[first.highlights[0].clone()], "equilibrium");

    let r = search("contagion").results;
    assert_eq!(ids(&r).first().copied(), Some("USA_70_2015#p5"), "{:?}", ids(&r));
    assert_eq!(r.hits[0].title, "General Debate, 70th session (2015): United States");
}

#[test]
fn a_question_of_what_a_delegation_said_reads_that_delegations_own_best_postings() {
    let asked = search("what did france say about peace");
    let first = asked.results.hits.first().unwrap_or_else(|| panic!("no hit: {:?}", asked.fetched));
    assert_eq!(first.speaker.as_deref(), Some("France"), "{:?}", ids(&asked.results));
    assert!(lower(first).contains("peace"), "{}", first.text);
    // France's sub-archive: its chunk keys, then the chunk of "peace" there.
    let own: Vec<&String> = asked.fetched.iter().filter(|p| p.starts_with("filters/speaker-")).collect();
    assert!(own.iter().any(|p| p.contains("/keys.")) && own.len() >= 2, "{:?}", asked.fetched);
    // The same words, asking nothing, fetch no sub-archive.
    let plain = search("france peace");
    assert!(!plain.fetched.iter().any(|p| p.starts_with("filters/")), "{:?}", plain.fetched);
    // "say" only asks: it costs no term chunk of its own.
    let terms = |a: &Answer| a.fetched.iter().filter(|p| p.starts_with("terms/")).cloned().collect::<BTreeSet<_>>();
    assert_eq!(terms(&asked), terms(&plain), "{:?}", search("say").fetched);
}

#[test]
fn a_question_of_what_the_french_delegation_said_reads_frances_own_best_postings() {
    let asked = search("what did the French delegation say about peace");
    let first = asked.results.hits.first().unwrap_or_else(|| panic!("no hit: {:?}", asked.fetched));
    assert_eq!(first.speaker.as_deref(), Some("France"), "{:?}", ids(&asked.results));
    let france = search("what did france say about peace");
    let own = |a: &Answer| a.fetched.iter().filter(|p| p.starts_with("filters/speaker-")).cloned().collect::<Vec<_>>();
    assert_eq!(own(&asked), own(&france), "{:?}", asked.fetched);
}

#[test]
fn a_number_in_figures_finds_it_spelt_out() {
    // "the Presidency of the twenty-fifth session" (1970), "twenty-fourth" the year before.
    let asked = search("25th session");
    let spelt = asked.results.hits.iter().filter(|h| lower(h).contains("twenty-fifth session")).count();
    assert!(spelt >= 2, "{:?}", ids(&asked.results));
    assert!(asked.results.hits.iter().all(|h| !lower(h).contains("twenty-fourth")), "{:?}", ids(&asked.results));
}

#[test]
fn a_word_missing_one_letter_still_finds_it_at_the_cost_of_one_more_file_at_most() {
    for (right, wrong, id) in [
        ("equilibrium", "equilbrium", "FRA_25_1970#p4"),
        ("contagion", "contagon", "USA_70_2015#p5"),
        ("breakfast", "brekfast", "BRA_78_2023#p5"),
    ] {
        let exact = search(right);
        let typo = search(wrong);
        assert_eq!(ids(&exact.results).first().copied(), Some(id), "{right}");
        assert_eq!(ids(&typo.results).first().copied(), Some(id), "{wrong} should find {id}");
        assert!(
            typo.fetched.len() <= exact.fetched.len() + 1,
            "{wrong} fetched {:?}, {right} only {:?}",
            typo.fetched,
            exact.fetched
        );
    }
}

#[test]
fn a_word_misspelt_while_being_typed_is_found_too() {
    for (wrong, id) in [("equilbri", "FRA_25_1970#p4"), ("brekfa", "BRA_78_2023#p5")] {
        let typo = search(wrong);
        assert_eq!(ids(&typo.results).first().copied(), Some(id), "{wrong} should find {id}");
    }
}

#[test]
fn a_word_being_typed_is_completed() {
    let r = search_with("develop", SearchOptions { limit: 50, ..SearchOptions::default() });
    assert!(r.hits.len() >= 10, "{} hits", r.hits.len());
    assert!(r.hits.iter().all(|h| lower(h).contains("develop")), "{:?}", ids(&r));
    let marked: BTreeSet<String> =
        r.hits.iter().flat_map(|h| h.highlights.iter().map(|x| h.text[x.clone()].to_lowercase())).collect();
    assert!(marked.contains("development"), "develop → development: {marked:?}");
}

#[test]
fn a_quoted_phrase_returns_only_paragraphs_where_the_words_stand_together() {
    let all = SearchOptions { limit: 100, ..SearchOptions::default() };
    let loose = search_with("human rights", all.clone());
    let phrase = search_with("\"human rights\"", all);
    assert!(!phrase.hits.is_empty());
    let adjacent = |h: &Hit| {
        let words: Vec<String> =
            lower(h).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string).collect();
        words.windows(2).any(|w| w[0] == "human" && w[1].starts_with("right"))
    };
    for h in &phrase.hits {
        assert!(adjacent(h), "{}: {}", h.id, h.text);
    }
    // The slice has paragraphs with both words apart (GBR_70_2015, USA_25_1970…): the loose query finds them.
    assert!(loose.hits.iter().any(|h| !adjacent(h) && lower(h).contains("human")), "{:?}", ids(&loose));
    assert!(phrase.total < loose.total, "{} < {}", phrase.total, loose.total);
}

#[test]
fn a_french_query_finds_the_english_paragraphs_an_english_query_finds() {
    // The slice's statements are English: French words reach their English
    // translations through the term chunks, as on a single-file English record.
    for (french, english) in [
        ("changement climatique", "climate change"),
        ("essais nucléaires", "nuclear tests"),
        ("les droits des femmes", "women's rights"),
        ("droits de l'homme", "human rights"),
        ("guerre froide", "cold war"),
        ("millénaire", "millennium"),
        ("autodétermination", "self-determination"),
        ("ingérence", "interference"),
        ("l'Union soviétique", "the Soviet Union"),
        ("la primauté du droit", "the rule of law"),
        ("\"changement climatique\"", "\"climate change\""),
    ] {
        let (fr, en) = (search(french), search(english));
        assert!(!en.results.hits.is_empty(), "{english}");
        assert_eq!(ids(&fr.results).get(..2), ids(&en.results).get(..2), "{french} / {english}");
    }
    // Within one year too: a year's own chunks carry the translations as well.
    let y2015 = || SearchOptions { year: Some("2015".into()), ..SearchOptions::default() };
    let (fr, en) = (search_with("changement climatique", y2015()), search_with("climate change", y2015()));
    assert!(!en.hits.is_empty());
    assert_eq!(ids(&fr).get(..4), ids(&en).get(..4));
    assert_eq!(fr.total, en.total, "the same paragraphs, ranked a little apart below the best");
}

#[test]
fn french_words_that_share_a_stem_keep_their_own_english_meanings() {
    // « développés » and « développement » stem alike: developed, and developing or development.
    let marked = |query: &str| -> BTreeSet<String> {
        let r = search_with(query, SearchOptions { limit: 50, ..SearchOptions::default() });
        r.hits.iter().flat_map(|h| h.highlights.iter().map(|x| h.text[x.clone()].to_lowercase())).collect()
    };
    let developed = marked("pays développés");
    assert!(developed.contains("developed") && !developed.contains("developing"), "{developed:?}");
    let developing = marked("pays en développement");
    assert!(developing.contains("developing") && !developing.contains("developed"), "{developing:?}");
}

#[test]
fn a_french_preposition_is_not_read_as_a_misspelt_english_word() {
    // « contre » is one edit from "centre": a function word, it is never a typo.
    let r = search_with("lutte contre le terrorisme", SearchOptions { limit: 50, ..SearchOptions::default() });
    let marked: BTreeSet<String> =
        r.hits.iter().flat_map(|h| h.highlights.iter().map(|x| h.text[x.clone()].to_lowercase())).collect();
    assert!(marked.contains("terrorism"), "{marked:?}");
    assert!(!marked.contains("centre"), "{marked:?}");
}

// ------------------------------------------------------------------ filters and facets

#[test]
fn facets_count_years_languages_and_delegations() {
    let r = search("peace").results;
    assert_eq!(values(&r.facets.years), BTreeSet::from(["1970", "1995", "2015", "2023"]), "{:?}", r.facets.years);
    assert_eq!(values(&r.facets.languages), BTreeSet::from(["en"]), "{:?}", r.facets.languages);
    let speakers = values(&r.facets.speakers);
    for name in ["France", "United States", "United Kingdom", "India", "Japan"] {
        assert!(speakers.contains(name), "{name} in {speakers:?}");
    }
    let sum = |f: &[FacetCount]| f.iter().map(|c| c.count).sum::<usize>();
    assert_eq!(sum(&r.facets.years), r.total, "every passage has a year");
    assert_eq!(sum(&r.facets.languages), r.total, "every passage has a language");
}

#[test]
fn filters_keep_one_year_one_language_or_one_delegation() {
    let wide = |o: SearchOptions| SearchOptions { limit: 100, ..o };
    let everything = search_with("peace", wide(SearchOptions::default()));

    let y2015 = search_with("peace", wide(SearchOptions { year: Some("2015".into()), ..SearchOptions::default() }));
    assert!(!y2015.hits.is_empty());
    assert!(y2015.hits.iter().all(|h| h.date == "2015" && h.record.ends_with("_2015")), "{:?}", ids(&y2015));
    assert!(y2015.total < everything.total);
    assert_eq!(
        Some(y2015.total),
        everything.facets.years.iter().find(|f| f.value == "2015").map(|f| f.count),
        "the filter keeps what the facet counted"
    );

    let en = search_with("peace", wide(SearchOptions { lang: Some("en".into()), ..SearchOptions::default() }));
    assert_eq!(en.total, everything.total, "the slice is all English");
    let fr = search_with("peace", wide(SearchOptions { lang: Some("fr".into()), ..SearchOptions::default() }));
    assert_eq!(fr.total, 0, "{:?}", ids(&fr));

    let japan = search_with("peace", wide(SearchOptions { speaker: Some("Japan".into()), ..SearchOptions::default() }));
    assert!(!japan.hits.is_empty());
    assert!(japan.hits.iter().all(|h| h.record.starts_with("JPN_")), "{:?}", ids(&japan));

    let none = search_with("peace", SearchOptions { year: Some("1980".into()), ..SearchOptions::default() });
    assert_eq!((none.total, none.hits.len()), (0, 0));
}

// ------------------------------------------------------------------ files

/// `terms/3.0a1b2c3d.vrba` → ("terms", "3", "0a1b2c3d").
fn shard_name(path: &str) -> (&str, &str, &str) {
    // The records' symbols sit beside the manifest: records.<hash>.vrba.
    let (folder, name) = path.rsplit_once('/').unwrap_or(("records", path));
    let parts: Vec<&str> = name.split('.').collect();
    let [n, hash, "vrba"] = parts[..] else { panic!("{path}: not <n>.<hash>.vrba") };
    if folder == "records" {
        assert_eq!(n, "records", "{path}");
        assert!(hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()), "{path}");
        return (folder, n, hash);
    }
    // A filter's sub-archive: filters/year-1970/ or filters/speaker-3/, its chunk keys in keys.<hash>.vrba.
    let filter = folder.strip_prefix("filters/").is_some_and(|f| f.starts_with("year-") || f.starts_with("speaker-"));
    let folder = if filter { "filters" } else { folder };
    assert!(["terms", "typos", "text", "phrases", "filters"].contains(&folder), "{path}");
    assert!(n == "keys" && filter || !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()), "{path}");
    assert!(hash.len() == 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()), "{path}");
    (folder, n, hash)
}

#[test]
fn the_archive_is_a_small_manifest_and_hashed_shards_in_three_folders() {
    let files = slice();
    assert_eq!(files[0].0, MANIFEST_FILE, "the manifest comes first");
    assert_eq!(files[0].1.get(..4), Some(&b"VRBA"[..]));
    let shards = &files[1..];
    let folders: BTreeSet<&str> = shards.iter().map(|(p, _)| shard_name(p).0).collect();
    assert_eq!(folders, BTreeSet::from(["filters", "records", "terms", "text", "typos"]));
    let hashes: BTreeSet<&str> = shards.iter().map(|(p, _)| shard_name(p).2).collect();
    assert_eq!(hashes.len(), 1, "one build, one hash: {hashes:?}");
    let paths: BTreeSet<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(paths.len(), files.len(), "no path twice");

    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    let manifest = files[0].1.len();
    eprintln!("manifest {manifest} bytes of {total} in {} files", files.len());
    // 24 records: about 300 bytes of 200 KB. The whole corpus (10,952 records): 70 KB of 245 MB.
    assert!(manifest * 50 < total, "the manifest ({manifest} bytes) should be under 2% of the archive ({total})");
}

#[test]
fn a_query_fetches_a_few_shards_not_the_archive() {
    let shards = slice().len() - 1;
    let a = search("equilibrium");
    assert!(!a.fetched.is_empty(), "a word needs its term chunk and a text block");
    assert!(a.fetched.len() * 3 <= shards, "{} of {shards} shards: {:?}", a.fetched.len(), a.fetched);
    assert!(a.fetched.iter().any(|p| p.starts_with("terms/")), "{:?}", a.fetched);
    assert!(a.fetched.iter().any(|p| p.starts_with("text/")), "{:?}", a.fetched);
}

#[test]
fn the_first_result_shows_after_one_text_block_and_the_others_follow_unchanged() {
    let files = slice();
    let options = SearchOptions::default();
    let complete = answer(files, "peace", &options).results;
    let blocks =
        |r: &Results| r.hits.iter().map(|h| h.id.split('#').next().unwrap_or("").to_string()).collect::<BTreeSet<_>>();
    assert!(blocks(&complete).len() > 1, "the test wants hits from several statements: {:?}", ids(&complete));

    let mut archive = Archive::new(file(files, MANIFEST_FILE)).expect("the manifest decodes");
    let mut text_fetched = 0;
    let (shown, later) = loop {
        match archive.search_showing("peace", &options, 1) {
            Step::Need(paths) => {
                text_fetched += paths.iter().filter(|p| p.starts_with("text/")).count();
                for path in paths {
                    archive.add(&path, file(files, &path)).unwrap_or_else(|e| panic!("{path}: {e}"));
                }
            }
            Step::Partial(results, later) => break (results, later),
            Step::Done(_) => panic!("every hit's text came with the first one's"),
        }
    };
    assert_eq!(text_fetched, 1, "one text block before the first result");
    // The same hits in the same order, text or not (a hit's id names its statement, which its text block brings).
    let numbers = |r: &Results| r.hits.iter().map(|h| (h.number, h.score.to_bits())).collect::<Vec<_>>();
    assert_eq!(numbers(&shown), numbers(&complete));
    assert_eq!((&shown.hits[0].id, &shown.hits[0].text), (&complete.hits[0].id, &complete.hits[0].text));
    assert!(shown.hits.iter().any(|h| h.text.is_empty()), "the others wait for their text");
    assert!(later.iter().all(|p| p.starts_with("text/")), "{later:?}");
    for path in later {
        archive.add(&path, file(files, &path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    }
    let Step::Done(full) = archive.search_showing("peace", &options, 1) else {
        panic!("still not complete once the rest of the text arrived");
    };
    let texts = |r: &Results| r.hits.iter().map(|h| h.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&full), texts(&complete));
}

#[test]
fn building_twice_gives_the_same_bytes() {
    assert!(build(&slice_inputs()) == *slice(), "the same inputs must give byte-identical files");
}

#[test]
fn changing_one_paragraph_renames_every_shard() {
    let mut inputs = slice_inputs();
    let (_, bytes) = inputs.iter_mut().find(|(n, _)| n == "GBR_78_2023.txt").expect("GBR_78_2023.txt");
    let text = String::from_utf8(bytes.clone()).expect("UTF-8");
    *bytes = text.replacen("the", "a", 1).into_bytes();
    let changed = build(&inputs);

    let shard_paths = |files: &Files| files.iter().skip(1).map(|(p, _)| p.clone()).collect::<BTreeSet<_>>();
    let (before, after) = (shard_paths(slice()), shard_paths(&changed));
    assert!(before.is_disjoint(&after), "names must change with the content: {:?}", before.intersection(&after));
    assert_eq!(changed[0].0, MANIFEST_FILE, "the entry point keeps its name");
    assert_ne!(changed[0].1, slice()[0].1);
}

#[test]
fn damaged_or_truncated_files_are_refused_without_a_panic() {
    let files = slice();
    let manifest = file(files, MANIFEST_FILE);
    let mut archive = Archive::new(manifest).expect("the manifest decodes");
    let Step::Need(paths) = archive.search("equilibrium", &SearchOptions::default()) else {
        panic!("a fresh archive has no shard yet")
    };
    let path = &paths[0];
    let good = file(files, path);

    let mut flipped = good.to_vec();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    assert!(archive.add(path, &flipped).is_err(), "a flipped bit in {path}");
    assert!(archive.add(path, &good[..good.len() / 2]).is_err(), "half of {path}");
    assert!(archive.add(path, b"").is_err(), "an empty {path}");
    assert!(archive.add(path, b"<!doctype html><title>404</title>").is_err(), "an HTML error page for {path}");
    // After the refusals, the right bytes still work and the query completes.
    archive.add(path, good).expect("the right bytes");

    let mut flipped = manifest.to_vec();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    assert!(Archive::new(&flipped).is_err(), "a flipped bit in the manifest");
    assert!(Archive::new(&manifest[..manifest.len() - 1]).is_err(), "a truncated manifest");
    assert!(Archive::new(good).is_err(), "a shard is not a manifest");
}

// ------------------------------------------------------------------ command line

#[cfg(feature = "cli")]
mod cli {
    use super::common::TempDir;
    use serde_json::Value;
    use std::path::Path;
    use std::process::{Command, Output, Stdio};

    const BIN: &str = env!("CARGO_BIN_EXE_verbatim");

    fn verbatim(args: &[&std::ffi::OsStr]) -> Output {
        Command::new(BIN).args(args).stdin(Stdio::null()).output().expect("run the verbatim binary")
    }

    #[track_caller]
    fn assert_success(out: &Output) {
        assert!(
            out.status.success(),
            "verbatim failed ({}):\nstdout:\n{}\nstderr:\n{}",
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn index_archive(dir: &Path, inputs: &[&Path]) -> String {
        let mut args: Vec<&std::ffi::OsStr> = vec!["index".as_ref(), "--archive".as_ref(), dir.as_os_str()];
        args.extend(inputs.iter().map(|p| p.as_os_str()));
        let out = verbatim(&args);
        assert_success(&out);
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    fn search_json(index: &Path, extra: &[&str], query: &str) -> Value {
        let mut args: Vec<&std::ffi::OsStr> = vec!["search".as_ref(), "--index".as_ref(), index.as_os_str()];
        args.push("--json".as_ref());
        args.extend(extra.iter().map(std::ffi::OsStr::new));
        args.push(query.as_ref());
        let out = verbatim(&args);
        assert_success(&out);
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
    }

    /// Shard files on disk, as "terms/0.0a1b2c3d.vrba".
    fn shards_on_disk(dir: &Path) -> Vec<String> {
        let mut found = Vec::new();
        for folder in ["terms", "typos", "text"] {
            for e in std::fs::read_dir(dir.join(folder)).expect("a shard folder") {
                found.push(format!("{folder}/{}", e.expect("entry").file_name().to_string_lossy()));
            }
        }
        found.sort();
        found
    }

    #[test]
    fn indexing_the_slice_as_an_archive_then_searching_its_folder() {
        let tmp = TempDir::new("archive-cli");
        let dir = tmp.join("ungdc");
        let slice = Path::new(super::SLICE);
        let summary = index_archive(&dir, &[slice]);
        let line = summary.trim();
        assert_eq!(line.lines().count(), 1, "one summary line on stderr: {summary:?}");
        for part in ["24 input files", "24 records", "passages", "bytes", " s"] {
            assert!(line.contains(part), "{part:?} in the summary {line:?}");
        }
        assert!(dir.join("manifest.vrba").is_file());
        let first_build = shards_on_disk(&dir);
        assert!(!first_build.is_empty());

        // The folder or its manifest: same answer.
        for index in [dir.clone(), dir.join("manifest.vrba")] {
            let r = search_json(&index, &[], "equilibrium");
            let hit = &r["results"][0];
            assert_eq!(hit["id"], "FRA_25_1970#p4", "{r}");
            assert_eq!(hit["title"], "General Debate, 25th session (1970): France", "{r}");
            assert_eq!(hit["date"], "1970", "{r}");
            assert_eq!(hit["speaker"], "France", "{r}");
            assert!(r["facets"]["years"].is_array() && r["facets"]["languages"].is_array(), "{r}");
        }
        let r = search_json(&dir, &["--year", "2015", "--limit", "50"], "peace");
        let hits = r["results"].as_array().expect("results");
        assert!(!hits.is_empty() && hits.iter().all(|h| h["date"] == "2015"), "{r}");
        let r = search_json(&dir, &["--lang", "fr"], "peace");
        assert_eq!(r["total"], 0, "{r}");

        // Queries on stdin: one JSON line each.
        let out = Command::new(BIN)
            .args(["search".as_ref(), "--index".as_ref(), dir.as_os_str()])
            .stdin(std::fs::File::open(tmp.file("queries.txt", "contagion\nequilbrium\n")).expect("queries"))
            .output()
            .expect("run verbatim");
        assert_success(&out);
        let text = String::from_utf8(out.stdout).expect("UTF-8");
        let lines: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).expect("JSON")).collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert_eq!(lines[0]["results"][0]["id"], "USA_70_2015#p5");
        assert_eq!(lines[1]["results"][0]["id"], "FRA_25_1970#p4", "a typo on stdin");

        // Rebuilding over it with other inputs replaces the shards and leaves other files alone.
        let notes = tmp.file("ungdc/terms/NOTES.md", "not a shard");
        let two = [slice.join("FRA_25_1970.txt"), slice.join("USA_70_2015.txt")];
        let summary = index_archive(&dir, &[&two[0], &two[1]]);
        assert!(summary.contains(" 2 input files"), "{summary}");
        assert!(notes.is_file(), "a file that is not a shard stays");
        std::fs::remove_file(&notes).expect("remove the note");
        let second_build = shards_on_disk(&dir);
        assert!(
            second_build.iter().all(|p| !first_build.contains(p)),
            "the first build's shards are gone: {second_build:?}"
        );
        let r = search_json(&dir, &[], "contagion");
        assert_eq!(r["results"][0]["id"], "USA_70_2015#p5", "{r}");
        let r = search_json(&dir, &[], "breakfast");
        assert_eq!(r["total"], 0, "BRA_78_2023 is not in the second build: {r}");
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("tmp"))
            .collect();
        assert!(leftovers.is_empty(), "no temporary file left: {leftovers:?}");
    }

    #[test]
    fn a_bad_file_stops_the_archive_build_naming_it_and_writes_nothing() {
        let tmp = TempDir::new("archive-cli-bad");
        let bad = tmp.file("in/FRA_78_2023.txt", b"fine\n\xff\xfe\n");
        let dir = tmp.join("out");
        let out = verbatim(&["index".as_ref(), "--archive".as_ref(), dir.as_os_str(), bad.as_os_str()]);
        assert!(!out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("FRA_78_2023.txt:2:"), "the file and line: {err}");
        assert!(!dir.join("manifest.vrba").exists(), "nothing written");
    }
}

/// Records made up for the test: "alpha", "beta" and the function word "of"
/// each fill far more passages than a term chunk keeps postings for; "alpha
/// beta" and "alpha of the beta" stand in a few long passages that neither
/// word's best postings reach.
fn common_words_archive() -> Files {
    let mut builder = ArchiveBuilder::new();
    let filler = " lorem".repeat(60);
    for (n, year) in [(1, "1990"), (2, "2000")] {
        let mut text = String::new();
        for i in 0..300 {
            text.push_str(&format!("Alpha of gamma {i}.\nBeta of delta {i}.\n"));
        }
        for i in 0..20 {
            text.push_str(&format!("In the long paragraph {i} alpha beta stands{filler}.\n"));
            text.push_str(&format!("In the longer paragraph {i} alpha of the beta stands{filler}.\n"));
        }
        let name = format!("SYN_{n}_{year}.txt");
        for record in parse_file(&name, text.as_bytes()).unwrap_or_else(|e| panic!("{e}")) {
            builder.add(record);
        }
    }
    builder.finish().unwrap_or_else(|e| panic!("{e}")).files
}

#[test]
fn a_phrase_of_two_common_words_finds_every_paragraph_where_they_stand_together() {
    let files = common_words_archive();
    let options = SearchOptions { limit: 100, ..SearchOptions::default() };
    let alpha = answer(&files, "alpha", &options);
    assert!(alpha.results.hits.iter().all(|h| !lower(h).contains("alpha beta")), "cut postings miss the long passages");

    let phrase = answer(&files, "\"alpha beta\"", &options);
    assert_eq!(phrase.results.total, 40, "{:?}", ids(&phrase.results));
    assert!(phrase.results.hits.iter().all(|h| lower(h).contains("alpha beta")));
    assert!(phrase.fetched.iter().any(|p| p.starts_with("phrases/")), "{:?}", phrase.fetched);
}

#[test]
fn words_typed_one_after_another_find_the_paragraphs_where_they_stand_together() {
    let files = common_words_archive();
    let options = SearchOptions { limit: 1000, ..SearchOptions::default() };
    // Neither word's best postings reach the long paragraphs that hold both;
    // the phrase bucket of the pair brings them.
    let plain = answer(&files, "alpha beta", &options);
    let together = plain.results.hits.iter().filter(|h| lower(h).contains("alpha beta")).count();
    assert_eq!(together, 40, "{:?}", plain.fetched);
    assert!(plain.fetched.iter().any(|p| p.starts_with("phrases/")), "{:?}", plain.fetched);
    // Rare words keep all their postings: no phrase bucket is asked for.
    let rare = answer(&files, "paragraph 7", &options);
    assert!(!rare.fetched.iter().any(|p| p.starts_with("phrases/")), "{:?}", rare.fetched);
}

#[test]
fn a_phrase_with_function_words_between_two_common_words_finds_every_paragraph_where_it_stands() {
    let files = common_words_archive();
    let options = SearchOptions { limit: 100, ..SearchOptions::default() };
    let phrase = answer(&files, "\"alpha of the beta\"", &options);
    assert_eq!(phrase.results.total, 40, "{:?}", ids(&phrase.results));
    assert!(phrase.results.hits.iter().all(|h| lower(h).contains("alpha of the beta")));

    // The function words match any word at their place: their term chunks are not fetched.
    let terms = |a: &Answer| a.fetched.iter().filter(|p| p.starts_with("terms/")).cloned().collect::<BTreeSet<_>>();
    let of = terms(&answer(&files, "of", &options));
    let words = terms(&answer(&files, "alpha beta", &options));
    assert!(!of.is_subset(&words), "\"of\" fills a term chunk of its own: {of:?}");
    assert_eq!(terms(&phrase), words);
}

#[test]
fn a_year_filter_finds_that_years_paragraphs_of_a_word_common_in_other_years() {
    // 1990 says "alpha" in 400 short paragraphs, whose postings are the word's
    // best; 2000 says it in 10 long ones that the archive-wide cut leaves out.
    let filler = " lorem".repeat(60);
    let mut builder = ArchiveBuilder::new();
    let inputs = [
        ("SYN_1_1990.txt", (0..400).map(|i| format!("Alpha {i}.\n")).collect::<String>()),
        ("SYN_2_2000.txt", (0..10).map(|i| format!("Long paragraph {i} on alpha{filler}.\n")).collect::<String>()),
    ];
    for (name, text) in &inputs {
        for record in parse_file(name, text.as_bytes()).unwrap_or_else(|e| panic!("{e}")) {
            builder.add(record);
        }
    }
    let files = builder.finish().unwrap_or_else(|e| panic!("{e}")).files;
    let unfiltered = answer(&files, "alpha", &SearchOptions { limit: 500, ..SearchOptions::default() });
    assert!(unfiltered.results.hits.iter().all(|h| h.date == "1990"), "the archive-wide cut keeps 1990's");

    let options = SearchOptions { limit: 50, year: Some("2000".into()), ..SearchOptions::default() };
    let filtered = answer(&files, "alpha", &options);
    assert_eq!(filtered.results.total, 10, "{:?}", ids(&filtered.results));
    assert!(filtered.results.hits.iter().all(|h| h.date == "2000" && lower(h).contains("alpha")));
    assert!(filtered.fetched.iter().any(|p| p.starts_with("filters/year-2000/keys.")), "{:?}", filtered.fetched);
}

#[test]
fn a_record_filter_searches_that_statement_whole() {
    // "the" stands in nearly every paragraph: the archive-wide best postings
    // hold few of one statement's; the record filter finds them all.
    let record = "GBR_78_2023";
    let bytes = std::fs::read(format!("{SLICE}/{record}.txt")).expect("read the statement");
    let statement = parse_file(&format!("{record}.txt"), &bytes).unwrap_or_else(|e| panic!("{e}"));
    let expected =
        statement[0].passages.iter().filter(|p| p.text.split(|c: char| !c.is_alphabetic()).any(|w| w == "the")).count();

    let options = SearchOptions { limit: 100, record: Some(record.into()), ..SearchOptions::default() };
    let answer = answer(slice(), "the", &options);
    assert_eq!(answer.results.total, expected, "{:?}", ids(&answer.results));
    assert!(answer.results.hits.iter().all(|h| h.record == record && h.title.contains("United Kingdom")));
    assert!(answer.fetched.first().is_some_and(|p| p.starts_with("records.")), "{:?}", answer.fetched);
    assert!(answer.fetched.iter().skip(1).all(|p| p.starts_with("text/")), "{:?}", answer.fetched);

    let unknown = search_with("the", SearchOptions { record: Some("XYZ_1_1999".into()), ..SearchOptions::default() });
    assert!(unknown.hits.is_empty());
    assert_eq!(unknown.warnings, ["no record \"XYZ_1_1999\" in this archive"], "names the symbol asked for");
}

/// Records made up for the test: "women" in a few passages, then twenty made-up
/// words beginning "womf", common enough to fill term chunks of their own, which
/// sort between "women" and its misspelling "womne".
fn misspelling_archive() -> Files {
    let mut builder = ArchiveBuilder::new();
    // Three letters longer than "womne": no typo of it.
    let fillers: Vec<String> = (b'a'..b'u').map(|c| format!("womf{}xyz", c as char)).collect();
    let mut text = String::new();
    for i in 0..60 {
        text.push_str(&format!("{} {i}.\n", fillers.join(" ")));
    }
    for i in 0..3 {
        text.push_str(&format!("Women lead the peace talks {i}.\n"));
    }
    for record in parse_file("SYN_1_2000.txt", text.as_bytes()).unwrap_or_else(|e| panic!("{e}")) {
        builder.add(record);
    }
    builder.finish().unwrap_or_else(|e| panic!("{e}")).files
}

#[test]
fn a_word_misspelt_into_a_neighbouring_term_chunk_is_found_through_that_chunks_halo() {
    let files = misspelling_archive();
    let options = SearchOptions::default();
    let right = answer(&files, "women", &options);
    let typo = answer(&files, "womne", &options);
    let terms = |a: &Answer| a.fetched.iter().filter(|p| p.starts_with("terms/")).cloned().collect::<Vec<_>>();
    let (right_terms, typo_terms) = (terms(&right), terms(&typo));
    assert_eq!(
        typo_terms.len(),
        2,
        "the misspelling's own chunk, then the chunk of the word it means: {:?}",
        typo.fetched
    );
    assert!(typo_terms.contains(&right_terms[0]), "{typo_terms:?} holds {right_terms:?}");
    assert!(!typo.fetched.iter().any(|p| p.starts_with("typos/")), "no typo bucket: {:?}", typo.fetched);
    assert_eq!(typo.results.total, right.results.total);
    assert_eq!(ids(&typo.results), ids(&right.results));
    assert!(typo.results.hits.iter().all(|h| lower(h).contains("women")));
}

/// A record made up for the test: `before` filler words, then a word and its
/// inflections ("climate", "climates", "climatic", "climatically"), then ten
/// more fillers; every word in 40 passages, so a few words fill a term chunk.
/// The fillers differ from each other and from "climate" by their second letter.
fn family_archive(before: usize) -> Files {
    let fillers = |first: char, n: usize| -> Vec<String> {
        (b'a'..=b'z').take(n).map(|c| format!("{first}{}filler", c as char)).collect()
    };
    let mut words = fillers('a', before);
    words.extend(["climate", "climates", "climatic", "climatically"].map(String::from));
    words.extend(fillers('d', 10));
    let mut text = String::new();
    for word in &words {
        for i in 0..40 {
            text.push_str(&format!("On {word} {i}.\n"));
        }
    }
    build(&[("SYN_1_2000.txt".to_string(), text.into_bytes())])
}

#[test]
fn a_word_its_inflections_and_completions_come_in_one_term_chunk() {
    // However many words come before it, the chunk is cut around the family, not inside it.
    for before in 0..=16 {
        let files = family_archive(before);
        let chunks = files.iter().filter(|(p, _)| p.starts_with("terms/")).count();
        assert!(chunks >= 3, "{before} fillers: the words fill several chunks ({chunks})");
        let a = answer(&files, "climate", &SearchOptions { limit: 200, ..SearchOptions::default() });
        let terms: Vec<&String> = a.fetched.iter().filter(|p| p.starts_with("terms/")).collect();
        assert_eq!(terms.len(), 1, "{before} fillers: {:?}", a.fetched);
        for word in ["climate ", "climates ", "climatic ", "climatically "] {
            assert!(a.results.hits.iter().any(|h| lower(h).contains(word)), "{before} fillers: no {word:?}");
        }
    }
}

/// Records made up for the test: 300 made-up words of nine letters ending in
/// "ion" ("qabxytion"…), each in 20 passages, and "migration" in 60: one crowded
/// typo key, ("ion", 9).
fn crowded_typo_archive() -> Files {
    let mut text = String::new();
    for a in b'a'..b'u' {
        for b in b'a'..b'p' {
            for i in 0..20 {
                text.push_str(&format!("On q{}{}xytion {i}.\n", a as char, b as char));
            }
        }
    }
    for i in 0..60 {
        text.push_str(&format!("Migration {i}.\n"));
    }
    build(&[("SYN_1_2000.txt".to_string(), text.into_bytes())])
}

#[test]
fn a_crowded_typo_bucket_stays_small_and_keeps_the_common_words() {
    let files = crowded_typo_archive();
    let largest = files.iter().filter(|(p, _)| p.starts_with("typos/")).map(|(_, b)| b.len()).max().unwrap_or(0);
    assert!(largest > 0 && largest <= 24 * 1024, "the largest typo bucket: {largest} bytes");
    // Misspelt in its first letter, the word sorts far from its own chunk: its typo bucket finds it.
    let typo = answer(&files, "zigration", &SearchOptions { limit: 100, ..SearchOptions::default() });
    assert!(typo.fetched.iter().any(|p| p.starts_with("typos/")), "{:?}", typo.fetched);
    // A typo bucket keeps a word's best 32 postings: a correction needs no more.
    assert!(typo.results.total >= 10, "{:?}", ids(&typo.results));
    assert!(typo.results.hits.iter().all(|h| lower(h).contains("migration")));
}
