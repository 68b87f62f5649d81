//! Archive scale: thousands of records in a sharded index, of which a browser
//! fetches only what a query needs. `ArchiveBuilder` writes the files (a small
//! manifest, term chunks, typo buckets, text blocks; FORMAT.md), `Archive`
//! reads them back one query at a time.

mod builder;
mod format;
mod reader;

pub use builder::{ArchiveBuilder, ArchiveFiles};
pub use format::{ARCHIVE_VERSION, MANIFEST_MAGIC, Manifest, RecordSummary, SHARD_MAGIC, decode_manifest};
pub use reader::{Archive, Step};

/// The archive's entry point, at a fixed name; every other file name carries the build's hash.
pub const MANIFEST_FILE: &str = "manifest.vrba";
/// Postings kept per word: the passages where it weighs most. Ranking a page
/// of ten needs the best few hundred, not the 100,000 passages of "development".
const TIER: usize = 200;
/// Postings kept per word in a year's or a speaker's own term chunks: a filtered page needs fewer.
const FILTER_TIER: usize = 64;
/// Postings kept per word in a typo bucket: a correction needs fewer.
const TYPO_TIER: usize = 32;
/// Target size of a term chunk, uncompressed (common words get a chunk of their own).
/// Every query word costs one chunk, so small chunks spare bytes; the price is
/// a longer manifest. A full chunk waits, up to `TERM_CHUNK_MAX_BYTES`, for a cut
/// between words that differ within three letters, so that a word's inflections
/// and completions come with it; failing one, it is cut where the fewest letters
/// are shared from half its size on. The 32 queries of bench/archive on the whole
/// corpus: 124 requests, 13.1 KB of shards and a 10.7 KB manifest per query,
/// gzip, against 134, 15.5 KB and 16.9 KB when 4 KB chunks were cut anywhere
/// (and 123, 13.6 KB, 10.9 KB when the cut was sought from the full size on only:
/// "climate" then needed two chunks on 2015–2024, "climate" and "climate-…").
const TERM_CHUNK_BYTES: usize = 3 * 1024;
const TERM_CHUNK_MAX_BYTES: usize = 2 * TERM_CHUNK_BYTES;
const TYPO_BUCKET_BYTES: usize = 6 * 1024;
/// A bucket is cut only between (suffix, length) keys, and one key may hold
/// thousands of words: past this, it keeps its most common words.
const TYPO_BUCKET_MAX_BYTES: usize = 3 * TYPO_BUCKET_BYTES;
const PHRASE_BUCKET_BYTES: usize = 2 * 1024;
/// Target size of a text block, uncompressed: a few hits' worth.
const TEXT_BLOCK_BYTES: usize = 4 * 1024;

/// Positions from the first word of a phrase pair to the second: side by side
/// (1), or across one or two function words ("right to development", "law of
/// the sea"), whose own best postings a phrase cannot rely on.
const PHRASE_MAX_GAP: usize = 3;

/// A phrase pair as stored: the two words (folded) with as many spaces between
/// them as positions from the first to the second ("law   sea").
fn phrase_pair(first: &str, second: &str, gap: usize) -> String {
    format!("{first}{}{second}", " ".repeat(gap))
}

/// The words and gap of a stored phrase pair: the inverse of [`phrase_pair`].
fn split_phrase_pair(pair: &str) -> Option<(&str, &str, usize)> {
    let (first, rest) = pair.split_once(' ')?;
    let second = rest.trim_start_matches(' ');
    Some((first, second, 1 + rest.len() - second.len()))
}

/// FNV-1a of a phrase pair: its phrase bucket is this modulo the bucket count.
fn phrase_hash(pair: &str) -> u32 {
    pair.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// Letters two words begin with alike.
fn shared_letters(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// "terms/12" → "terms/12.0badcafe.vrba".
fn shard_path(stem: &str, hash: &str) -> String {
    format!("{stem}.{hash}.vrba")
}

/// Answers a query from an archive folder on disk (the CLI's loop; a browser fetches instead).
#[cfg(not(target_arch = "wasm32"))]
pub fn search_dir(
    archive: &mut Archive,
    dir: &std::path::Path,
    query: &str,
    options: &crate::search::SearchOptions,
) -> std::io::Result<crate::search::Results> {
    // A few rounds answer any query (`reader.rs`: at most seven); more means a broken archive.
    for _ in 0..8 {
        match archive.search(query, options) {
            Step::Done(results) => return Ok(results),
            Step::Need(paths) | Step::Partial(_, paths) => {
                for path in paths {
                    let bytes = std::fs::read(dir.join(&path))?;
                    archive
                        .add(&path, &bytes)
                        .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, format!("{path}: {e}")))?;
                }
            }
        }
    }
    Err(std::io::Error::other("the archive keeps asking for files it was given; rebuild it"))
}

#[cfg(test)]
mod tests {
    use super::{phrase_pair, split_phrase_pair};

    #[test]
    fn a_phrase_pair_keeps_its_gap_in_its_spaces() {
        assert_eq!(phrase_pair("small", "island", 1), "small island");
        assert_eq!(phrase_pair("law", "sea", 3), "law   sea");
        assert_eq!(split_phrase_pair("law   sea"), Some(("law", "sea", 3)));
        assert_eq!(split_phrase_pair("small island"), Some(("small", "island", 1)));
        assert_eq!(split_phrase_pair("alone"), None);
    }
}
