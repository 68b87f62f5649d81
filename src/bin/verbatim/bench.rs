//! `verbatim bench --index <file> --queries <file>`: bytes and native latency.
//! A benchmark, not a test: it reports, it asserts nothing.

use anyhow::{Context, Result, anyhow};
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;
use verbatim::eval::parse_queries;
use verbatim::index::Index;
use verbatim::search::SearchOptions;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    index: PathBuf,
    /// Queries (JSON Lines with a "query" field).
    #[arg(long)]
    queries: PathBuf,
    /// Times each query is run.
    #[arg(long, default_value_t = 200)]
    rounds: usize,
}

pub fn run(args: Args) -> Result<()> {
    let bytes = std::fs::read(&args.index).with_context(|| format!("cannot read {}", args.index.display()))?;
    // Written through stdout, not println!: `… | head` ends quietly (see main).
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "index {}: {} bytes raw, {} gzip, {} brotli",
        args.index.display(),
        bytes.len(),
        crate::gzip_len(&bytes),
        crate::brotli_len(&bytes)
    )?;
    let started = Instant::now();
    let index = Index::from_bytes(&bytes).with_context(|| format!("{}", args.index.display()))?;
    writeln!(out, "load: {:.2} ms", started.elapsed().as_secs_f64() * 1e3)?;

    let text =
        std::fs::read_to_string(&args.queries).with_context(|| format!("cannot read {}", args.queries.display()))?;
    let queries: Vec<String> = parse_queries(&text).map_err(|e| anyhow!("{e}"))?.into_iter().map(|q| q.query).collect();
    let options = SearchOptions::default();
    let mut samples = Vec::with_capacity(queries.len() * args.rounds);
    for _ in 0..args.rounds {
        for q in &queries {
            let t = Instant::now();
            std::hint::black_box(index.search(q, &options));
            samples.push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    samples.sort_by(f64::total_cmp);
    let pct = |p: f64| samples.get(((samples.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0.0);
    writeln!(
        out,
        "query latency over {} runs ({} queries × {}): p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        samples.len(),
        queries.len(),
        args.rounds,
        pct(0.5),
        pct(0.99),
        pct(1.0)
    )?;
    Ok(())
}
