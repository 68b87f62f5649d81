//! `verbatim index <inputs…> -o <file>`

use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use verbatim::index::{IndexBuilder, encode};
use verbatim::record::{Record, check_unique_ids, parse_file};

#[derive(clap::Args)]
pub struct Args {
    /// Record files (.txt), JSON Lines files (.jsonl) or folders of them.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Where to write the index.
    #[arg(short, long)]
    output: PathBuf,
}

pub fn run(args: Args) -> Result<()> {
    let records = read_records(&args.inputs)?;
    let mut builder = IndexBuilder::new();
    for record in records {
        builder.add(record);
    }
    let data = builder.build();
    let bytes = encode(&data);
    write_atomically(&args.output, &bytes)?;
    println!(
        "{}: {} passages, {} terms, {} bytes ({} gzip)",
        args.output.display(),
        data.passages.len(),
        data.words.len(),
        bytes.len(),
        crate::gzip_len(&bytes)
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
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp-verbatim");
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written.with_context(|| format!("cannot write the index {}", path.display()))
}
