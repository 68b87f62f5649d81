//! `verbatim index <inputs…> -o <file>`, or `verbatim index --archive <dir> <inputs…>`

use anyhow::{Context, Result, bail};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Instant;
use verbatim::archive::{ArchiveBuilder, MANIFEST_FILE};
use verbatim::index::{IndexBuilder, Layout, encode};
use verbatim::record::{InputError, Record, check_unique_ids, parse_file};

#[derive(clap::Args)]
pub struct Args {
    /// Record files (.txt), JSON Lines files (.jsonl) or folders of them.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Where to write the index.
    #[arg(short, long, required_unless_present = "archive")]
    output: Option<PathBuf>,
    /// Write a sharded archive into this folder instead of one file
    /// (manifest.vrba, terms/, typos/, phrases/, text/, filters/): for corpora too large to
    /// download whole; the browser fetches only the shards a query needs.
    #[arg(long, value_name = "DIR", conflicts_with_all = ["output", "layout"])]
    archive: Option<PathBuf>,
    /// `derived` leaves the dictionary and postings out (rebuilt from the text
    /// at load: about half the bytes); `auto` picks it up to 1 MB of text.
    #[arg(long, value_enum, default_value_t = LayoutArg::Auto)]
    layout: LayoutArg,
    /// Leave out the English → French lexicon entries that a French record
    /// otherwise carries (a few KB), for a site whose readers search in French only
    /// (its French synonyms stay).
    #[arg(long, conflicts_with = "archive")]
    no_translations: bool,
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
    let output = match (&args.archive, &args.output) {
        (Some(dir), _) => return build_archive(dir, &args.inputs),
        (None, Some(output)) => output,
        (None, None) => bail!("give the index file with -o FILE, or an archive folder with --archive DIR"),
    };
    let records = read_records(&args.inputs)?;
    let mut builder = IndexBuilder::new();
    for record in records {
        builder.add(record);
    }
    let mut data = builder.build();
    if args.no_translations {
        data.translations.retain(|t| verbatim::analysis::is_synonym_key(&t.key));
    }
    let text_bytes: usize = data.passages.iter().map(|p| p.text.len()).sum();
    data.layout = match args.layout {
        LayoutArg::Stored => Layout::Stored,
        LayoutArg::Derived => Layout::Derived,
        LayoutArg::Auto if text_bytes <= DERIVED_MAX_TEXT_BYTES => Layout::Derived,
        LayoutArg::Auto => Layout::Stored,
    };
    let bytes = encode(&data);
    write_atomically(output, &bytes)?;
    println!(
        "{}: {} passages, {} terms, {} bytes ({} gzip), {} layout",
        output.display(),
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
    let mut records = Vec::new();
    for file in &input_files(inputs)? {
        records.extend(read_file(file)?);
    }
    check_unique_ids(&records)?;
    Ok(records)
}

/// The files to read, in order: each input file, and each folder's .txt and
/// .jsonl files sorted by name (not its subfolders).
fn input_files(inputs: &[PathBuf]) -> Result<Vec<PathBuf>> {
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
    Ok(files)
}

/// Parses one input file, with its sidecar metadata.
fn read_file(file: &Path) -> Result<Vec<Record>> {
    let bytes = std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
    let mut records = parse_file(&file.display().to_string(), &bytes)?;
    for record in &mut records {
        apply_sidecar(file, record)?;
    }
    Ok(records)
}

/// Streams every input into an [`ArchiveBuilder`], one file at a time (the
/// General Debate corpus is 212 MB of text: only the builder's compact
/// postings stay in memory), then writes the archive into `dir`.
fn build_archive(dir: &Path, inputs: &[PathBuf]) -> Result<()> {
    let start = Instant::now();
    let files = input_files(inputs)?;
    let mut builder = ArchiveBuilder::new();
    // Ids only, not records: 1.5 million short strings for the whole corpus.
    let mut ids: HashSet<Box<str>> = HashSet::new();
    let mut input_bytes = 0u64;
    for file in &files {
        input_bytes += std::fs::metadata(file).map_or(0, |m| m.len());
        for record in read_file(file)? {
            for p in &record.passages {
                if !ids.insert(p.id.as_str().into()) {
                    let (file, line, id) = (record.source.clone(), p.line, p.id.clone());
                    return Err(InputError::DuplicateId { file, line, id }.into());
                }
            }
            builder.add(record);
        }
    }
    drop(ids);
    let archive = builder.finish()?;
    write_archive(dir, &archive.files)?;
    eprintln!(
        "{}: {} input files, {} input bytes; {}; {:.1} s",
        dir.display(),
        files.len(),
        input_bytes,
        archive.summary(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// The folders that hold shards, cleaned of a previous build's shards.
const SHARD_FOLDERS: &[&str] = &["terms", "typos", "phrases", "text", "filters"];

/// Writes the shards, then the manifest (through a temporary file and a
/// rename), then deletes the shards of a previous build. Shard names carry
/// the build's hash, so until the new manifest is in place the folder still
/// serves the old archive whole, and a failed build leaves the old manifest
/// (a half-written shard is named by no manifest). Shards are written in
/// place: the whole corpus has 50,000 of them, and a temporary file each
/// doubles the file-system work.
fn write_archive(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        bail!("cannot write the archive {}: it is a file; give a folder", dir.display());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create the archive folder {}", dir.display()))?;
    let mut kept = HashSet::new();
    let mut manifest = None;
    for (name, bytes) in files {
        let relative = Path::new(name);
        if name.is_empty() || !relative.components().all(|c| matches!(c, std::path::Component::Normal(_))) {
            bail!("the archive builder named a file {name:?} outside the archive folder");
        }
        if name == MANIFEST_FILE {
            manifest = Some(bytes);
            continue;
        }
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        kept.insert(path);
    }
    let Some(manifest) = manifest else {
        bail!("the archive builder gave no {MANIFEST_FILE}");
    };
    write_file(&dir.join(MANIFEST_FILE), manifest)?;
    // The folder itself holds records.<hash>.vrba; its shard folders nest (filters/year-1970/).
    let mut folders: Vec<(PathBuf, bool)> = SHARD_FOLDERS.iter().map(|f| (dir.join(f), true)).collect();
    folders.push((dir.to_path_buf(), false));
    while let Some((folder, nested)) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.is_dir() {
                if nested {
                    folders.push((path, true));
                }
                continue;
            }
            let stale = !kept.contains(&path) && path.file_name().and_then(|n| n.to_str()).is_some_and(is_shard_name);
            if stale {
                std::fs::remove_file(&path)
                    .with_context(|| format!("cannot delete the old shard {}", path.display()))?;
            }
        }
    }
    Ok(())
}

/// `<n>.<8 hex>.vrba` (or `keys.…`, `records.…`), the shape of a shard's name:
/// only those are deleted as stale, never other files someone put in the folder.
fn is_shard_name(name: &str) -> bool {
    let mut parts = name.split('.');
    let (Some(n), Some(hash), Some("vrba"), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    (n == "keys" || n == "records" || !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        && hash.len() == 8
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Writes through a temporary file beside the target and a rename.
fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(".tmp-verbatim");
    let tmp = PathBuf::from(tmp);
    let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written.with_context(|| format!("cannot write {}", path.display()))
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
