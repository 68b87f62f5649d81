//! `tinysearch-bench <passages.jsonl> <queries.txt> <exact|xor8> <rounds> <builds>`
//!
//! Builds tinysearch's index of the passages (title = the passage's `title`, url = its
//! `id`, body = its `text`) with the library API that the tinysearch CLI uses, and
//! prints one JSON object: build time, serialized bytes, native query latency
//! percentiles, and the ranked ids of every query for each of `builds` separate builds.
//! tinysearch ranks by the number of query words matched and keeps ties in index order,
//! which it draws from a HashMap (a random order per process and per build), so several
//! builds show how much the ranking of ties moves.
use std::collections::HashMap;
use std::time::Instant;
use tinysearch::{BasicPost, IndexKind, TinySearch};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, passages, queries, kind, rounds, builds] = args.as_slice() else {
        eprintln!("usage: tinysearch-bench <passages.jsonl> <queries.txt> <exact|xor8> <rounds> <builds>");
        std::process::exit(2);
    };
    let kind: IndexKind = kind.parse().unwrap_or_else(|e: String| fail(&e));
    let rounds: usize = rounds.parse().unwrap_or_else(|_| fail("rounds"));
    let builds: usize = builds.parse().unwrap_or_else(|_| fail("builds"));
    let posts: Vec<BasicPost> = std::fs::read_to_string(passages)
        .unwrap_or_else(|e| fail(&e.to_string()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| fail(&e.to_string()));
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            BasicPost { title: s("title"), url: s("id"), body: Some(s("text")), meta: HashMap::new() }
        })
        .collect();
    let queries: Vec<String> = std::fs::read_to_string(queries)
        .unwrap_or_else(|e| fail(&e.to_string()))
        .lines()
        .map(str::to_string)
        .collect();
    let engine = TinySearch::new().with_index_kind(kind);

    let mut build_ms = Vec::new();
    let mut bytes = 0;
    let mut rankings: Vec<Vec<Vec<String>>> = Vec::new();
    let mut samples = Vec::new();
    for b in 0..builds.max(1) {
        let t = Instant::now();
        let index = engine.build_index(&posts).unwrap_or_else(|e| fail(&e.to_string()));
        let serialized = engine.serialize_index(&index).unwrap_or_else(|e| fail(&e.to_string()));
        build_ms.push(t.elapsed().as_secs_f64() * 1e3);
        bytes = serialized.len();
        let index = engine.load_index_from_bytes(&serialized).unwrap_or_else(|e| fail(&e.to_string()));
        rankings.push(queries.iter().map(|q| engine.search(&index, q, 10).iter().map(|p| p.url.clone()).collect()).collect());
        if b == 0 {
            for _ in 0..rounds {
                for q in &queries {
                    let t = Instant::now();
                    std::hint::black_box(engine.search(&index, q, 10));
                    samples.push(t.elapsed().as_secs_f64() * 1e6);
                }
            }
        }
    }
    samples.sort_by(f64::total_cmp);
    let pct = |p: f64| samples.get(((samples.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0.0);
    let out = serde_json::json!({
        "build_ms": build_ms, "bytes": bytes, "latency_us": { "p50": pct(0.5), "p95": pct(0.95), "n": samples.len() },
        "rankings": rankings,
    });
    println!("{out}");
}

fn fail(message: &str) -> ! {
    eprintln!("tinysearch-bench: {message}");
    std::process::exit(1);
}
