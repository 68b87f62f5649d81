//! `verbatim eval --index <file> --queries <file> [--baseline]`

use anyhow::{Context, Result, anyhow};
use std::io::Write;
use std::path::PathBuf;
use verbatim::analysis::Lang;
use verbatim::eval::{Report, baseline::Bm25, evaluate, parse_queries};
use verbatim::search::SearchOptions;

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    index: PathBuf,
    /// Judged queries, JSON Lines: quote-judged ("relevant") or id-judged ("relevant_ids").
    #[arg(long)]
    queries: PathBuf,
    /// Also score plain BM25 (Snowball stemming, stopwords, accent folding) on the same passages.
    #[arg(long)]
    baseline: bool,
    /// Print every query's figures.
    #[arg(long)]
    verbose: bool,
}

pub fn run(args: Args) -> Result<()> {
    let index = crate::load_index(&args.index)?;
    let text =
        std::fs::read_to_string(&args.queries).with_context(|| format!("cannot read {}", args.queries.display()))?;
    let queries = parse_queries(&text).map_err(|e| anyhow!("{}: {e}", args.queries.display()))?;
    let options = SearchOptions { limit: verbatim::eval::CUTOFF, ..SearchOptions::default() };
    let report = evaluate(&queries, |q| index.search(q, &options).hits.into_iter().map(|h| (h.id, h.text)).collect());
    let mut out = std::io::stdout().lock();
    print_report(&mut out, "verbatim", &report, args.verbose)?;
    if args.baseline {
        let lang = index.data.records.first().and_then(|r| r.lang).unwrap_or(Lang::French);
        let passages = index.data.passages.iter().map(|p| {
            let symbol = index.data.records.get(p.record as usize).map_or("", |r| r.symbol.as_str());
            (p.id.clone().unwrap_or_else(|| format!("{symbol}#p{}", p.number)), p.text.clone())
        });
        let bm25 = Bm25::new(lang, passages);
        let report = evaluate(&queries, |q| bm25.search(q, verbatim::eval::CUTOFF));
        print_report(&mut out, "bm25", &report, args.verbose)?;
    }
    Ok(())
}

/// Writes the figures; an error when stdout is gone (`… | head`: `main` takes it quietly).
fn print_report(out: &mut impl Write, engine: &str, report: &Report, verbose: bool) -> std::io::Result<()> {
    let m = report.mean;
    writeln!(
        out,
        "{engine}: nDCG@10 {:.3}  MRR@10 {:.3}  Success@1 {:.3}  Recall@10 {:.3}  ({} queries)",
        m.ndcg,
        m.mrr,
        m.success_at_1,
        m.recall,
        report.per_query.len()
    )?;
    for (kind, (n, m)) in &report.by_kind {
        writeln!(
            out,
            "  {kind:<18} n={n:<3} nDCG@10 {:.3}  MRR@10 {:.3}  S@1 {:.3}  R@10 {:.3}",
            m.ndcg, m.mrr, m.success_at_1, m.recall
        )?;
    }
    if verbose {
        for (query, kind, m) in &report.per_query {
            writeln!(out, "    {:.3}  {kind:<18} {query}", m.ndcg)?;
        }
    }
    Ok(())
}
