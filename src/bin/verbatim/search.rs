//! `verbatim search --index <file> [--limit N] [--json] [QUERY]`

use anyhow::Result;
use serde_json::json;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use verbatim::search::{Results, SearchOptions};

#[derive(clap::Args)]
pub struct Args {
    #[arg(long)]
    index: PathBuf,
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Write JSON (always so when queries come from stdin).
    #[arg(long)]
    json: bool,
    /// Only passages of this section heading.
    #[arg(long)]
    section: Option<String>,
    /// Only passages where this speaker speaks.
    #[arg(long)]
    speaker: Option<String>,
    /// Only passages of this record symbol.
    #[arg(long)]
    record: Option<String>,
    query: Option<String>,
}

pub fn run(args: Args) -> Result<()> {
    let index = crate::load_index(&args.index)?;
    let options =
        SearchOptions { limit: args.limit, record: args.record, section: args.section, speaker: args.speaker };
    let mut out = std::io::stdout().lock();
    match &args.query {
        Some(query) => {
            let results = index.search(query, &options);
            if args.json {
                writeln!(out, "{}", to_json(&results))?;
            } else {
                print_text(&mut out, &results)?;
            }
        }
        None => {
            for line in std::io::stdin().lock().lines() {
                let results = index.search(line?.trim_end_matches('\r'), &options);
                writeln!(out, "{}", to_json(&results))?;
            }
        }
    }
    Ok(())
}

/// `{"query", "results": [{"id", "text", "section", "speaker", "score", "snippet", "highlights"}]}`;
/// highlight ranges are byte offsets into the UTF-8 text.
fn to_json(results: &Results) -> serde_json::Value {
    let hits: Vec<_> = results
        .hits
        .iter()
        .map(|h| {
            json!({
                "id": h.id, "anchor": h.anchor, "record": h.record, "text": h.text, "section": h.section,
                "speaker": h.speaker, "speakers": h.speakers, "score": h.score,
                "snippet": h.snippet.text, "snippet_highlights": ranges(&h.snippet.highlights),
                "highlights": ranges(&h.highlights),
            })
        })
        .collect();
    json!({
        "query": results.query, "total": results.total, "results": hits,
        "facets": results.facets, "suggestion": results.suggestion, "warnings": results.warnings,
    })
}

fn ranges(r: &[std::ops::Range<usize>]) -> Vec<[usize; 2]> {
    r.iter().map(|r| [r.start, r.end]).collect()
}

fn print_text(out: &mut impl Write, results: &Results) -> Result<()> {
    if let Some(s) = &results.suggestion {
        writeln!(out, "Did you mean: {s}")?;
    }
    writeln!(out, "{} passages", results.total)?;
    for (i, h) in results.hits.iter().enumerate() {
        let who = h.speaker.as_deref().unwrap_or("—");
        writeln!(out, "\n{:>2}. {}  [{}]  {:.3}", i + 1, h.id, who, h.score)?;
        if let Some(s) = &h.section {
            writeln!(out, "    § {s}")?;
        }
        let mut snippet = String::new();
        let mut at = 0;
        for r in &h.snippet.highlights {
            snippet.push_str(&h.snippet.text[at..r.start]);
            snippet.push('[');
            snippet.push_str(&h.snippet.text[r.clone()]);
            snippet.push(']');
            at = r.end;
        }
        snippet.push_str(&h.snippet.text[at..]);
        writeln!(out, "    {snippet}")?;
    }
    Ok(())
}
