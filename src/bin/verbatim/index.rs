//! `verbatim index <inputs…> -o <file>`

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use verbatim::index::{IndexBuilder, Layout, encode};
use verbatim::record::{Record, check_unique_ids, parse_file};

#[derive(clap::Args)]
pub struct Args {
    /// Record files (.txt), JSON Lines files (.jsonl) or folders of them.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Where to write the index.
    #[arg(short, long)]
    output: PathBuf,
    /// `derived` leaves the dictionary and postings out (rebuilt from the text
    /// at load: about half the bytes); `auto` picks it up to 1 MB of text.
    #[arg(long, value_enum, default_value_t = LayoutArg::Auto)]
    layout: LayoutArg,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LayoutArg {
    Auto,
    Stored,
    Derived,
}

/// Up to this much passage text, deriving the dictionary at load costs less
/// than downloading it.
const DERIVED_MAX_TEXT_BYTES: usize = 1 << 20;

pub fn run(args: Args) -> Result<()> {
    let records = read_records(&args.inputs)?;
    let mut builder = IndexBuilder::new();
    for record in records {
        builder.add(record);
    }
    let mut data = builder.build();
    let text_bytes: usize = data.passages.iter().map(|p| p.text.len()).sum();
    data.layout = match args.layout {
        LayoutArg::Stored => Layout::Stored,
        LayoutArg::Derived => Layout::Derived,
        LayoutArg::Auto if text_bytes <= DERIVED_MAX_TEXT_BYTES => Layout::Derived,
        LayoutArg::Auto => Layout::Stored,
    };
    let bytes = encode(&data);
    write_atomically(&args.output, &bytes)?;
    println!(
        "{}: {} passages, {} terms, {} bytes ({} gzip), {} layout",
        args.output.display(),
        data.passages.len(),
        data.words.len(),
        bytes.len(),
        crate::gzip_len(&bytes),
        if data.layout == Layout::Derived { "derived" } else { "stored" }
    );
    Ok(())
}

/// Reads every input (folders: their .txt and .jsonl files, sorted) into records.
pub fn read_records(inputs: &[PathBuf]) -> Result<Vec<Record>> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                .with_context(|| format!("cannot read the folder {}", input.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "jsonl")))
                .collect();
            found.sort();
            if found.is_empty() {
                bail!("{}: no .txt or .jsonl files in this folder", input.display());
            }
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    let mut records = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
        let name = file.display().to_string();
        let mut parsed = parse_file(&name, &bytes)?;
        for record in &mut parsed {
            apply_sidecar(file, record)?;
        }
        records.extend(parsed);
    }
    check_unique_ids(&records)?;
    Ok(records)
}

/// Optional metadata beside a record: `X.meta.json` with "date", "url", "title".
fn apply_sidecar(file: &Path, record: &mut Record) -> Result<()> {
    let sidecar = file.with_extension("meta.json");
    let Ok(text) = std::fs::read_to_string(&sidecar) else {
        return Ok(());
    };
    let meta: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{}: malformed JSON", sidecar.display()))?;
    let field = |name: &str| meta.get(name).and_then(|v| v.as_str()).map(str::to_string);
    if let Some(date) = field("date") {
        record.date = date;
    }
    if let Some(url) = field("url") {
        record.url = url;
    }
    if let Some(title) = field("title") {
        record.title = title;
    }
    Ok(())
}

/// Writes next to the target, then renames: a failed build leaves no partial file.
/// Errors name the `-o` path (and the missing folder, when that is the cause),
/// never the temporary file.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    if !folder.is_dir() {
        bail!("cannot write the index {}: the folder {} does not exist", path.display(), folder.display());
    }
    if path.is_dir() {
        bail!("cannot write the index {}: it is a folder; give a file name", path.display());
    }
    let tmp = path.with_extension("tmp-verbatim");
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written.with_context(|| format!("cannot write the index {}", path.display()))
}
