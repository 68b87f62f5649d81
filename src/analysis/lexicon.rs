//! English → French, so that an English query finds a French record's
//! paragraphs ("forced labour" → « travail forcé », "children" → « enfants »).
//! A hand-made list of the words UN records use (`lexicon/en-fr.tsv`: an English
//! word, a tab, its French words). The index keeps only the entries whose French
//! words it holds, with those words' inflections: the list never travels to the
//! browser, and the wasm engine holds no lexicon code.

use super::stem::stem;
use super::{Lang, fold, is_stopword, stem_key};
use crate::index::Translation;
use std::collections::BTreeMap;

const EN_FR: &str = include_str!("lexicon/en-fr.tsv");

/// The translations into a French dictionary (its words, sorted), keyed by the
/// English stem key, in key order. An entry keeps only the words its English
/// word does not reach already (as typed, folded or stemmed: "victim" finds
/// « victimes » alone), and never a stopword.
pub fn translations(words: &[String]) -> Vec<Translation> {
    let mut by_stem: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (id, word) in words.iter().enumerate() {
        if !is_stopword(Lang::French, &fold(word)) {
            for key in french_keys(word) {
                by_stem.entry(key).or_default().push(id as u32);
            }
        }
    }
    let reached = |english: &str, id: u32| {
        let word = words.get(id as usize).map_or("", String::as_str);
        fold(word) == english || stem_key(Lang::French, word) == stem_key(Lang::French, english)
    };
    let mut by_key: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (english, french) in entries() {
        let english = fold(english.trim());
        if english.is_empty() || is_stopword(Lang::English, &english) {
            continue;
        }
        let mut ids: Vec<u32> = french
            .split_whitespace()
            .flat_map(french_keys)
            .filter_map(|k| by_stem.get(&k))
            .flatten()
            .copied()
            .filter(|&id| !reached(&english, id))
            .collect();
        if !ids.is_empty() {
            by_key.entry(stem_key(Lang::English, &english)).or_default().append(&mut ids);
        }
    }
    by_key
        .into_iter()
        .map(|(key, mut words)| {
            words.sort_unstable();
            words.dedup();
            Translation { key, words }
        })
        .collect()
}

/// (English word, French words) of each line but the comments.
fn entries() -> impl Iterator<Item = (&'static str, &'static str)> {
    EN_FR.lines().filter(|line| !line.starts_with('#')).filter_map(|line| line.split_once('\t'))
}

/// The keys under which a French word meets its inflections: its Snowball stem
/// with its accents, so that « mer » and « mère », which fold alike, stay apart;
/// and for a word without accents its stem key too, which joins a present plural
/// to its infinitive (« utilisent », « utiliser »).
fn french_keys(word: &str) -> Vec<String> {
    let mut keys = vec![stem(Lang::French, word)];
    if fold(word) == word {
        keys.push(stem_key(Lang::French, word));
        keys.dedup();
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_is_one_english_word_a_tab_and_french_words() {
        for (n, line) in EN_FR.lines().enumerate().filter(|(_, l)| !l.starts_with('#')) {
            let (english, french) = line.split_once('\t').unwrap_or_else(|| panic!("line {}: no tab", n + 1));
            assert!(!english.is_empty() && !english.contains(' '), "line {}: {english:?}", n + 1);
            assert_eq!(english, english.to_lowercase(), "line {}", n + 1);
            assert!(french.split(' ').all(|w| !w.is_empty()), "line {}: {french:?}", n + 1);
        }
    }

    #[test]
    fn an_english_word_finds_the_french_words_and_their_inflections() {
        let words: Vec<String> = ["enfant", "enfants", "traite", "travail", "victimes"].map(String::from).to_vec();
        let translations = translations(&words);
        let of = |english: &str| {
            let key = stem_key(Lang::English, english);
            translations.iter().find(|t| t.key == key).map(|t| t.words.clone()).unwrap_or_default()
        };
        assert_eq!(of("children"), [0, 1], "children → enfant, enfants");
        assert_eq!(of("child"), [0, 1]);
        assert_eq!(of("labour"), [3]);
        assert!(of("germany").is_empty(), "no entry for French words the index lacks");
        assert!(translations.windows(2).all(|w| w[0].key < w[1].key));
    }
}
