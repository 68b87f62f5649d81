//! « la Présidente de l’Assemblée générale », "the Special Rapporteur": a
//! query that spells the title set beside a speaker's name names that
//! speaker, and finds the passages where they speak, as their name would.

use super::rank::SPEAKER_WEIGHT;
use super::{Scored, listed};
use crate::analysis::{Token, fold, is_any_stopword, is_upper, tokenize};
use crate::index::{Index, WordId};
use crate::record::SpeakerKind;

/// A title stands this many words from the name at most (« générale, Mme Annalena »).
const GAP: u32 = 3;
/// Function words a title may hold beyond its content words (« de l’ », « des »).
const SLACK: u32 = 3;

/// A title of one word stands this many words before the name at most
/// (« la Rapporteuse spéciale sur la traite des êtres humains, en particulier
/// les femmes et les enfants, Mme Siobhán Mullally »).
const REACH: u32 = 20;
/// A title that opens a paragraph stands among its first words, after the first
/// (« L’ancienne Ambassadrice », « La Présidente »).
const OPENING: u32 = 2;
/// What may stand capitalized between a title of one word and the name (folded).
const HONORIFICS: &str = "m mme mlle dr mr mrs ms";

/// Gives the passages of each speaker the query names by title the bonus a
/// query of their name gives. `content`: the clauses that count, by index
/// into `scored`.
pub(super) fn apply_titles(index: &Index, scored: &mut [Scored], content: &[usize]) {
    if content.is_empty() {
        return;
    }
    let mut named: Vec<u32> = Vec::new();
    // The passages where two of the query's words stand (or its one word).
    let mut passages: Vec<u32> =
        content.iter().filter_map(|&i| scored.get(i)).flat_map(|s| s.matches.keys().copied()).collect();
    crate::sort::sort(&mut passages);
    passages.dedup();
    for passage in passages {
        let hits: Vec<&[(u32, WordId)]> =
            content.iter().filter_map(|&i| scored.get(i)?.matches.get(&passage).map(|m| m.hits.as_slice())).collect();
        let Some(p) = index.data.passages.get(passage as usize) else { continue };
        let all = hits.len() == content.len();
        // A delegation speaks through people, under no title of its own: a
        // capitalized word beside a country's name is no title
        // ("COVID-19 pandemic, Saint Kitts and Nevis has…").
        let titled_speakers = p
            .speakers
            .iter()
            .copied()
            .filter(|&s| index.data.speakers.get(s as usize).is_some_and(|s| s.kind != SpeakerKind::Delegation));
        let alone = p.speakers.len() == 1;
        for speaker in titled_speakers {
            let titled = match hits.as_slice() {
                [one] if all => titled_alone(index, passage, &p.text, speaker, one),
                [_, _, ..] => {
                    all && titled(index, passage, &p.text, speaker, &hits)
                        || titled_alone(index, passage, &p.text, speaker, &heading(&hits))
                }
                _ => false,
            } || all && alone && opens_with_title(index, passage, &p.text, speaker, &hits);
            if !named.contains(&speaker) && titled {
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
    let name = name_words(index, speaker);
    // A query of the name itself is scored as such already.
    if hits.iter().any(|h| h.iter().any(|(_, w)| name.contains(w))) {
        return false;
    }
    let at = name_positions(index, passage, &name);
    let span = |y: u32| {
        let nearest: Vec<u32> =
            hits.iter().filter_map(|h| h.iter().map(|&(x, _)| x).min_by_key(|x| x.abs_diff(y))).collect();
        (nearest.iter().copied().min().unwrap_or(y), nearest.iter().copied().max().unwrap_or(y))
    };
    let width = hits.len() as u32 + SLACK;
    at.iter().any(|&y| {
        let (first, last) = span(y);
        let beside = (last < y && y - last <= GAP) || (first > y && first - y <= GAP);
        if !beside || last - first >= width {
            return false;
        }
        let words = Words::of(text);
        let (from, to) = if last < y { (last, y) } else { (y, first) };
        words.at(first).is_some_and(|t| words.upper(t)) && !words.sentence_ends(from, to)
    })
}

/// The hits of the query's words that another of its words follows closely,
/// as a title's next word does (« Rapporteuse spéciale »): such a title is
/// read from its first word, whatever else the query holds ("UN special
/// rapporteur on trafficking").
fn heading(hits: &[&[(u32, WordId)]]) -> Vec<(u32, WordId)> {
    let follows = |x: u32, other: &[(u32, WordId)]| other.iter().any(|&(y, _)| y > x && y - x <= SLACK);
    let mut heads: Vec<(u32, WordId)> = Vec::new();
    for (i, mine) in hits.iter().enumerate() {
        let others = || hits.iter().enumerate().filter(move |&(j, _)| j != i).map(|(_, h)| *h);
        heads.extend(mine.iter().copied().filter(|&(x, _)| others().any(|other| follows(x, other))));
    }
    heads
}

/// Whether one word of the query is a title set before the speaker's name:
/// capitalized, the next word not (« Rapporteuse spéciale », not « Nations
/// Unies »), not an acronym, and nothing capitalized between it and the name,
/// a few words on, but the honorific a name far from its title follows. One word names far more often than two: the title's shape
/// and its reach stand in for the second word.
fn titled_alone(index: &Index, passage: u32, text: &str, speaker: u32, hits: &[(u32, WordId)]) -> bool {
    let name = name_words(index, speaker);
    if hits.iter().any(|(_, w)| name.contains(w)) {
        return false;
    }
    // Most passages hold no name within reach after the word: no need to read their text.
    let names = name_positions(index, passage, &name);
    if !hits.iter().any(|&(x, _)| names.iter().any(|&y| y > x && y - x <= REACH)) {
        return false;
    }
    let words = Words::of(text);
    let at = |position: u32| words.at(position);
    let upper = |t: &Token| words.upper(t);
    // An acronym is no title (« l’UE, exposant ces migrants…, a déclaré la Lituanie »).
    let acronym = |t: &Token| text.get(t.start..t.end).is_some_and(|w| w.chars().filter(|&c| is_upper(c)).count() > 1);
    hits.iter().any(|&(x, _)| {
        if !at(x).is_some_and(|t| upper(t) && !acronym(t)) || at(x + 1).is_none_or(upper) {
            return false;
        }
        let (mut honorific, mut linked) = (false, false);
        for position in x + 1..=x + REACH {
            let Some(t) = at(position) else { return false };
            if index.word_id(&t.word).is_some_and(|id| name.contains(&id)) {
                // Far from its title, a person's name follows « Mme », « M. »; close
                // to it, it follows the title's own words, not a function word (the
                // "High Commissioner for Refugees in the Democratic Republic of the
                // Congo" is no title of the Congo's).
                return (honorific || position - x <= GAP && !linked) && !words.sentence_ends(x, position);
            }
            let folded = fold(&t.word);
            honorific = is_honorific(&folded);
            linked |= is_any_stopword(&folded);
            if upper(t) && !honorific {
                return false;
            }
        }
        false
    })
}

/// « L’ancienne Ambassadrice de bonne volonté de l’ONUDC… a plaidé »: a paragraph
/// that opens on a title, the words of one person it does not name, goes on
/// with that person (named in the paragraph before), under that title. Asked
/// of a paragraph that holds every word of the query: "ambassadrice de Monaco"
/// names Monaco's ambassador, not this one.
#[inline(never)] // not inlined into the search: a smaller wasm
fn opens_with_title(index: &Index, passage: u32, text: &str, speaker: u32, hits: &[&[(u32, WordId)]]) -> bool {
    let person = index.data.speakers.get(speaker as usize).is_some_and(|s| s.kind == SpeakerKind::Person);
    if !person || !name_positions(index, passage, &name_words(index, speaker)).is_empty() {
        return false;
    }
    // The passage's words are read only for a hit among its first (plain loops: a smaller wasm).
    let mut words = None;
    for hit in hits {
        for &(x, _) in hit.iter() {
            if x > OPENING {
                break;
            }
            if x == 0 {
                continue; // every paragraph's first word is capitalized ("Climate change…")
            }
            let words = words.get_or_insert_with(|| Words::of(text));
            if words.at(x).is_some_and(|t| words.upper(t)) && words.at(x + 1).is_some_and(|t| !words.upper(t)) {
                return true;
            }
        }
    }
    false
}

/// The words of a speaker's name but its function words: the "and" of "Bosnia
/// and Herzegovina" stands after many a capitalized word ("Climate change and…").
fn name_words(index: &Index, speaker: u32) -> Vec<WordId> {
    let name = index.speaker_words.get(speaker as usize).map_or(&[][..], Vec::as_slice);
    name.iter().copied().filter(|&id| !is_any_stopword(index.folded(id))).collect()
}

/// Where the words of a speaker's name stand in a passage.
fn name_positions(index: &Index, passage: u32, name: &[WordId]) -> Vec<u32> {
    let mut at: Vec<u32> = Vec::new();
    for postings in name.iter().filter_map(|&id| index.data.postings.get(id as usize)) {
        if let Ok(i) = postings.binary_search_by_key(&passage, |p| p.passage) {
            at.extend(postings.get(i).map_or(&[][..], |p| p.positions.as_slice()));
        }
    }
    at
}

fn is_honorific(folded: &str) -> bool {
    listed(HONORIFICS, folded)
}

/// A passage's words as written, read once per passage a title is looked for in.
struct Words<'t> {
    text: &'t str,
    tokens: Vec<Token>,
}

impl<'t> Words<'t> {
    fn of(text: &'t str) -> Words<'t> {
        Words { text, tokens: tokenize(text).into_iter().filter(|t| !t.alias).collect() }
    }

    fn at(&self, position: u32) -> Option<&Token> {
        self.tokens.iter().find(|t| t.position == position)
    }

    /// Whether the word starts with a capital in the text.
    fn upper(&self, t: &Token) -> bool {
        self.text.get(t.start..t.end).and_then(|w| w.chars().next()).is_some_and(is_upper)
    }

    /// Whether a sentence or a quotation ends between the words at two positions
    /// (« … Sea Level Rise. Tonga has committed » names no title, nor « Le Plan
    /// d’action doit s’adapter », a déclaré M. Hikmat); the period of an
    /// honorific ("Mr.") ends none.
    fn sentence_ends(&self, from: u32, to: u32) -> bool {
        (from..to).any(|p| {
            let (Some(a), Some(b)) = (self.at(p), self.at(p + 1)) else { return false };
            let gap = self.text.get(a.end..b.start).unwrap_or_default();
            gap.contains(['!', '?', '«', '»', '“', '”', '"']) || gap.contains('.') && !is_honorific(&fold(&a.word))
        })
    }
}
