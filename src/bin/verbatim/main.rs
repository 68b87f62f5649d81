//! The `verbatim` command line: build an index, search it, score it, measure it.

mod bench;
mod bundle;
mod eval;
mod index;
mod page;
mod search;
mod serve;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "verbatim", version, about = "Search for UN meeting records: build, query and measure indexes")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build an index (-o FILE) or a sharded archive (--archive DIR) from records (.txt), General Debate
    /// statements (FRA_78_2023.txt) and JSON Lines passages (.jsonl), files or folders.
    Index(index::Args),
    /// Search an index or an archive; with no query, read one query a line on stdin and write JSON Lines.
    Search(search::Args),
    /// Score an index on judged queries (nDCG@10, MRR@10, Success@1, Recall@10).
    Eval(eval::Args),
    /// Report index bytes (raw, gzip, brotli) and query latency percentiles.
    Bench(bench::Args),
    /// Render the record page (index.html) from an index: anchors p1, p2… equal the hit numbers.
    Page(page::Args),
    /// Serve a folder over http://127.0.0.1 to try the widget (GET/HEAD, no-cache).
    Serve(serve::Args),
    /// Write one self-contained HTML file (page, element, glue, wasm and index inlined) that works from file://.
    Bundle(bundle::Args),
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Index(args) => index::run(args),
        Command::Search(args) => search::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Page(args) => page::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Bundle(args) => bundle::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `verbatim search … | head`: the reader left; that is not a failure.
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) => {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("verbatim: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Reads and decodes an index file.
fn load_index(path: &std::path::Path) -> anyhow::Result<verbatim::index::Index> {
    use anyhow::Context;
    let bytes = std::fs::read(path).with_context(|| format!("cannot read the index {}", path.display()))?;
    verbatim::index::Index::from_bytes(&bytes).with_context(|| format!("{}", path.display()))
}

/// gzip -9 size of some bytes.
fn gzip_len(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = enc.write_all(bytes);
    enc.finish().map_or(0, |v| v.len())
}

/// brotli (quality 11) size of some bytes.
fn brotli_len(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, ..Default::default() };
    match brotli::BrotliCompress(&mut &bytes[..], &mut out, &params) {
        Ok(_) => out.len(),
        Err(_) => 0,
    }
}
