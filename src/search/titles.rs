//! « la Présidente de l’Assemblée générale », "the Special Rapporteur": a
//! query that spells the title set beside a speaker's name names that
//! speaker, and finds the passages where they speak, as their name would.

use super::Scored;
use super::rank::SPEAKER_WEIGHT;
use crate::analysis::{is_upper, tokenize};
use crate::index::{Index, WordId};

/// A title stands this many words from the name at most (« générale, Mme Annalena »).
const GAP: u32 = 3;
/// Function words a title may hold beyond its content words (« de l’ », « des »).
const SLACK: u32 = 3;

/// Gives the passages of each speaker the query names by title the bonus a
/// query of their name gives. `content`: the clauses that count, by index
/// into `scored`; two at least, as one word is no title.
pub(super) fn apply_titles(index: &Index, scored: &mut [Scored], content: &[usize]) {
    if content.len() < 2 {
        return;
    }
    let mut named: Vec<u32> = Vec::new();
    let passages: Vec<u32> =
        content.first().and_then(|&i| scored.get(i)).map_or_else(Vec::new, |s| s.matches.keys().copied().collect());
    for passage in passages {
        let hits: Option<Vec<&[(u32, WordId)]>> =
            content.iter().map(|&i| scored.get(i)?.matches.get(&passage).map(|m| m.hits.as_slice())).collect();
        let (Some(hits), Some(p)) = (hits, index.data.passages.get(passage as usize)) else { continue };
        for &speaker in &p.speakers {
            if !named.contains(&speaker) && titled(index, passage, &p.text, speaker, &hits) {
                named.push(speaker);
            }
        }
    }
    for speaker in named {
        for &passage in index.speaker_passages.get(speaker as usize).map_or(&[][..], Vec::as_slice) {
            for &i in content {
                if let Some(s) = scored.get_mut(i) {
                    let bonus = SPEAKER_WEIGHT * s.weight;
                    s.matches.entry(passage).or_default().score += bonus;
                }
            }
        }
    }
}

/// Whether the query's words, one hit each, stand together just before or
/// just after the speaker's name in this passage, the first of them
/// capitalized as a title is (« la Présidente… », not « la traite… »).
fn titled(index: &Index, passage: u32, text: &str, speaker: u32, hits: &[&[(u32, WordId)]]) -> bool {
    let Some(name) = index.speaker_words.get(speaker as usize) else { return false };
    // A query of the name itself is scored as such already.
    if hits.iter().any(|h| h.iter().any(|(_, w)| name.contains(w))) {
        return false;
    }
    let mut at: Vec<u32> = Vec::new();
    for postings in name.iter().filter_map(|&id| index.data.postings.get(id as usize)) {
        if let Ok(i) = postings.binary_search_by_key(&passage, |p| p.passage) {
            at.extend(postings.get(i).map_or(&[][..], |p| p.positions.as_slice()));
        }
    }
    let span = |y: u32| {
        let nearest: Vec<u32> =
            hits.iter().filter_map(|h| h.iter().map(|&(x, _)| x).min_by_key(|x| x.abs_diff(y))).collect();
        (nearest.iter().copied().min().unwrap_or(y), nearest.iter().copied().max().unwrap_or(y))
    };
    let width = hits.len() as u32 + SLACK;
    at.iter().any(|&y| {
        let (first, last) = span(y);
        let beside = (last < y && y - last <= GAP) || (first > y && first - y <= GAP);
        beside && last - first < width && capitalized(text, first)
    })
}

/// Whether the word at a position starts with a capital in the text.
fn capitalized(text: &str, position: u32) -> bool {
    tokenize(text)
        .into_iter()
        .find(|t| t.position == position && !t.alias)
        .and_then(|t| text.get(t.start..t.end)?.chars().next())
        .is_some_and(is_upper)
}
