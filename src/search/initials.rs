//! "NYU" → "New York University", "ICMEC" → "International Center for Missing
//! & Exploited Children": an acronym the record never defines, read from the
//! initials of capitalized words that stand together in its text; failing
//! those, of words of any case (« ONG » → « organisation non gouvernementale »,
//! « TIC » → « technologies de l’information et des communications », « EAU »
//! → « Émirats arabes unis »). The initials are read in the text's order first;
//! failing that, in any order, as an English acronym spells a French name and
//! back ("NGO", « organisation non gouvernementale »; "PGA", « Présidente de
//! l’Assemblée générale »; « AGNU », "UN General Assembly").

use super::listed;
use crate::analysis::{fold, is_any_stopword, is_upper, tokenize};
use crate::index::{Index, WordId};

/// Acronyms this long are looked for among the initials (two letters match by chance).
const LETTERS: std::ops::RangeInclusive<usize> = 3..=8;
/// The function words that may link the words of a term of any case (folded):
/// « technologies de l’information et des communications ».
const LINKS: &str = "de des du d l la le les et en au aux a pour sur contre of the and for on in against";
/// Initials of any case are read in a record or a small corpus only: in more
/// text, the words that begin with a letter are too many to read per query.
const ANY_CASE_PASSAGES: usize = 2_000;
/// In any order, the words that begin with one of the letters are several times
/// as many again: a record's worth of passages only (~25 ms a word natively at 2,000).
const ANY_ORDER_PASSAGES: usize = 500;
/// At most this many distinct names are kept for one acronym.
const MAX_NAMES: usize = 8;

/// The names, as runs of dictionary words (function words between included),
/// whose capitalized words begin with the letters of `acronym` in order; if
/// none, in a small index, the runs whose words of any case other than
/// function words do.
pub fn names_spelled_by(index: &Index, acronym: &str) -> Vec<Vec<WordId>> {
    let letters: Vec<char> = fold(acronym).chars().collect();
    if !LETTERS.contains(&letters.len()) || !letters.iter().all(char::is_ascii_lowercase) {
        return Vec::new();
    }
    let passages = index.passage_total();
    let mut names = Vec::new();
    for (capitals, ordered) in [(true, true), (false, true), (true, false), (false, false)] {
        let within = match (capitals, ordered) {
            (true, true) => true,
            (false, true) => passages <= ANY_CASE_PASSAGES,
            _ => passages <= ANY_ORDER_PASSAGES,
        };
        if names.is_empty() && within {
            names = spelled_in(index, &letters, capitals, ordered);
        }
    }
    names
}

/// The runs of words whose initials spell `letters`, in capitals or in any case,
/// in order or in any order.
fn spelled_in(index: &Index, letters: &[char], capitals: bool, ordered: bool) -> Vec<Vec<WordId>> {
    let Some(&first) = letters.first() else { return Vec::new() };
    let begins_a_name = |c: char| if ordered { c == first } else { letters.contains(&c) };
    let mut names: Vec<Vec<WordId>> = Vec::new();
    for passage in &index.data.passages {
        let text = passage.text.as_str();
        // Capitals: look only where the first capital stands (most passages hold
        // no name that begins so). Any case: where a word begins with the letter,
        // accented or not (« Émirats arabes unis »).
        let starts: Vec<usize> = match capitals {
            true => text
                .match_indices(|c: char| begins_a_name(c.to_ascii_lowercase()) && is_upper(c))
                .map(|(i, _)| i)
                .collect(),
            false => {
                let mut starts = Vec::new();
                let mut at = 0;
                while let Some((from, to)) = next_word(text, at) {
                    // Most words begin with an ASCII letter: fold only the others.
                    let begins = |word: &str| match word.chars().next() {
                        Some(c) if c.is_ascii() => begins_a_name(c.to_ascii_lowercase()),
                        _ => fold(word).starts_with(begins_a_name),
                    };
                    if text.get(from..to).is_some_and(begins) {
                        starts.push(from);
                    }
                    at = to;
                }
                starts
            }
        };
        for start in starts {
            if text.get(..start).and_then(|t| t.chars().next_back()).is_some_and(char::is_alphanumeric) {
                continue;
            }
            let Some(end) = spelled_from(text, start, letters, capitals, ordered) else { continue };
            let name: Option<Vec<WordId>> = tokenize(text)
                .into_iter()
                .filter(|t| !t.alias && t.start >= start && t.end <= end)
                .map(|t| index.word_id(&t.word))
                .collect();
            if let Some(name) = name.filter(|n| !n.is_empty() && !names.contains(n)) {
                names.push(name);
            }
            if names.len() >= MAX_NAMES {
                return names;
            }
        }
    }
    names
}

/// Where the name that begins at `start` and whose capitalized words (or
/// words of any case other than function words) spell `letters` (or, not
/// `ordered`, spell them in some order) ends (function words between them
/// allowed), if it does.
fn spelled_from(text: &str, start: usize, letters: &[char], capitals: bool, ordered: bool) -> Option<usize> {
    let mut at = start;
    let mut matched = 0;
    let mut left: Vec<char> = letters.to_vec();
    while matched < letters.len() {
        let (from, to) = next_word(text, at)?;
        let word = text.get(from..to)?;
        let folded = fold(word);
        let function_word = is_any_stopword(&folded);
        let initial = match capitals {
            true => word.chars().next().filter(|&c| is_upper(c)).map(|c| c.to_ascii_lowercase()),
            // « économique » begins with an "e".
            false => folded.chars().next().filter(|_| !function_word),
        };
        // Words of any case are many: only the links of a term may stand between them
        // (« plusieurs délégations ont tenu » spells no "PDT").
        let link = function_word && (capitals || listed(LINKS, &folded));
        let next = match ordered {
            true => letters.get(matched).copied().filter(|&l| initial == Some(l)),
            false => initial.filter(|c| left.contains(c)),
        };
        if let Some(letter) = next {
            if let Some(i) = left.iter().position(|&l| l == letter) {
                left.swap_remove(i);
            }
            matched += 1;
        } else if matched == 0 || !link {
            return None;
        }
        at = to;
    }
    Some(at)
}

/// The byte range of the first run of letters and digits at or after `from`.
fn next_word(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = text.get(from..)?;
    let skip = rest.find(char::is_alphanumeric)?;
    let word = rest.get(skip..)?;
    let len = word.find(|c: char| !c.is_alphanumeric()).unwrap_or(word.len());
    Some((from + skip, from + skip + len))
}
