//! Ranking quality: the acceptance figures of the search core, measured on
//! the development queries of the shipped record, on queries written apart
//! from the engine, and on general passages.

mod common;

use common::{index_of, jsonl, record_index};
use verbatim::analysis::Lang;
use verbatim::eval::{Report, baseline::Bm25, evaluate, parse_queries};
use verbatim::index::Index;
use verbatim::search::SearchOptions;

fn verbatim_report(index: &Index, queries: &str) -> Report {
    let queries = parse_queries(queries).expect("valid query file");
    let options = SearchOptions::default();
    evaluate(&queries, |q| index.search(q, &options).hits.into_iter().map(|h| (h.id, h.text)).collect())
}

fn bm25_report(index: &Index, lang: Lang, queries: &str) -> Report {
    let queries = parse_queries(queries).expect("valid query file");
    let passages = index.data.passages.iter().map(|p| (p.id.clone().unwrap_or_default(), p.text.clone()));
    let bm25 = Bm25::new(lang, passages);
    evaluate(&queries, |q| bm25.search(q, 10))
}

#[test]
fn the_record_dev_queries_score_above_the_bar() {
    let report = verbatim_report(&record_index(), include_str!("data/eval/AG12734-dev-queries.jsonl"));
    assert!(report.mean.ndcg >= 0.97, "nDCG@10 {:.3}", report.mean.ndcg);
    for (kind, (_, m)) in &report.by_kind {
        assert!(m.ndcg >= 0.90, "{kind}: nDCG@10 {:.3}", m.ndcg);
    }
}

#[test]
fn queries_written_apart_from_the_engine_score_above_the_bar() {
    // 88, 90, 80, 70, 80, 80, 80, 80 and 80 queries of the same kinds, judged from the record's text alone;
    // the fourth leans on the hardest kinds (names spelt another way, paraphrases, roles),
    // half of the sixth to the ninth too (whole questions, speakers named by role or country).
    let index = record_index();
    for (queries, floor) in [
        (include_str!("data/eval/AG12734-more-queries.jsonl"), 0.90),
        (include_str!("data/eval/AG12734-heldout-queries.jsonl"), 0.90),
        (include_str!("data/eval/AG12734-fresh-queries.jsonl"), 0.90),
        (include_str!("data/eval/AG12734-fourth-queries.jsonl"), 0.85),
        (include_str!("data/eval/AG12734-fifth-queries.jsonl"), 0.90),
        (include_str!("data/eval/AG12734-sixth-queries.jsonl"), 0.90),
        (include_str!("data/eval/AG12734-seventh-queries.jsonl"), 0.90),
        (include_str!("data/eval/AG12734-eighth-queries.jsonl"), 0.90),
        (include_str!("data/eval/AG12734-ninth-queries.jsonl"), 0.90),
    ] {
        let ours = verbatim_report(&index, queries).mean.ndcg;
        let bm25 = bm25_report(&index, Lang::French, queries).mean.ndcg;
        assert!(ours >= floor && ours > bm25 + 0.05, "verbatim {ours:.3} vs bm25 {bm25:.3}");
    }
}

#[test]
fn french_questions_rank_better_than_plain_bm25() {
    let index = index_of(jsonl("fr.jsonl", include_str!("data/fr-general/passages.jsonl")));
    let questions = include_str!("data/fr-general/questions.jsonl");
    let ours = verbatim_report(&index, questions).mean.ndcg;
    let bm25 = bm25_report(&index, Lang::French, questions).mean.ndcg;
    assert!(ours > bm25, "verbatim {ours:.3} vs bm25 {bm25:.3}");
}

#[test]
fn english_questions_rank_at_least_as_well_as_plain_bm25() {
    let index = index_of(jsonl("en.jsonl", include_str!("data/en-general/passages.jsonl")));
    let questions = include_str!("data/en-general/questions.jsonl");
    let ours = verbatim_report(&index, questions).mean.ndcg;
    let bm25 = bm25_report(&index, Lang::English, questions).mean.ndcg;
    assert!(ours >= bm25, "verbatim {ours:.3} vs bm25 {bm25:.3}");
}
