//! `verbatim search --index <file|archive> [--limit N] [--json] [QUERY]`

use anyhow::{Context, Result};
use serde_json::json;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use verbatim::archive::{Archive, MANIFEST_FILE, search_dir};
use verbatim::index::Index;
use verbatim::search::{Results, SearchOptions};

#[derive(clap::Args)]
pub struct Args {
    /// An index file, or an archive: its folder or its manifest.vrba.
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
    /// Only passages of records from this year ("2023").
    #[arg(long)]
    year: Option<String>,
    /// Only passages in this language ("en", "fr").
    #[arg(long)]
    lang: Option<String>,
    query: Option<String>,
}

/// A single-file index, or an archive that reads its shards from its folder as queries need them.
enum Searcher {
    Index(Box<Index>),
    Archive { archive: Box<Archive>, dir: PathBuf },
}

impl Searcher {
    /// An archive when `path` is a folder with a manifest.vrba, or a file that starts with the manifest's magic.
    fn open(path: &Path) -> Result<Searcher> {
        let manifest = if path.is_dir() { path.join(MANIFEST_FILE) } else { path.to_path_buf() };
        if !path.is_dir() && !starts_with_archive_magic(path) {
            return Ok(Searcher::Index(Box::new(crate::load_index(path)?)));
        }
        let bytes = std::fs::read(&manifest)
            .with_context(|| format!("cannot read the archive manifest {}", manifest.display()))?;
        let archive = Archive::new(&bytes).with_context(|| format!("{}", manifest.display()))?;
        let dir = manifest.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf();
        Ok(Searcher::Archive { archive: Box::new(archive), dir })
    }

    fn search(&mut self, query: &str, options: &SearchOptions) -> Result<Results> {
        match self {
            Searcher::Index(index) => Ok(index.search(query, options)),
            Searcher::Archive { archive, dir } => search_dir(archive, dir, query, options)
                .with_context(|| format!("cannot read the archive {}", dir.display())),
        }
    }
}

fn starts_with_archive_magic(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 4];
    std::fs::File::open(path).and_then(|mut f| f.read_exact(&mut magic)).is_ok() && &magic == b"VRBA"
}

pub fn run(args: Args) -> Result<()> {
    let mut searcher = Searcher::open(&args.index)?;
    let options = SearchOptions {
        limit: args.limit,
        record: args.record,
        section: args.section,
        speaker: args.speaker,
        year: args.year,
        lang: args.lang,
    };
    let mut out = std::io::stdout().lock();
    match &args.query {
        Some(query) => {
            let results = searcher.search(query, &options)?;
            if args.json {
                writeln!(out, "{}", to_json(&results))?;
            } else {
                print_text(&mut out, &results)?;
            }
        }
        None => {
            for line in std::io::stdin().lock().lines() {
                let results = searcher.search(line?.trim_end_matches('\r'), &options)?;
                writeln!(out, "{}", to_json(&results))?;
            }
        }
    }
    Ok(())
}

/// `{"query", "results": [{"id", "title", "date", "text", "section", "speaker", "score", "snippet", "highlights"}]}`;
/// highlight ranges are byte offsets into the UTF-8 text.
fn to_json(results: &Results) -> serde_json::Value {
    let hits: Vec<_> = results
        .hits
        .iter()
        .map(|h| {
            json!({
                "id": h.id, "anchor": h.anchor, "record": h.record, "title": h.title, "date": h.date,
                "text": h.text, "section": h.section,
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
