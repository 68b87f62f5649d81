//! English ↔ French, so that an English query finds a French record's
//! paragraphs ("forced labour" → « travail forcé », "children" → « enfants »),
//! and a French query an English record's (« désarmement » → "disarmament").
//! A hand-made list of the words UN records use (`lexicon/en-fr.tsv`: an English
//! word, a tab, its French words), read in either direction. The index keeps only
//! the entries whose words it holds, with those words' inflections: the list
//! never travels to the browser, and the wasm engine holds no lexicon code.
//! The same entries carry the names and nationality adjectives of a delegation
//! the index does not use (« Biélorussie » → « Bélarus », "Italian" → « Italie »).
//! And a French record's words are filed under their French synonyms
//! (`lexicon/fr-synonyms.tsv`: « actrice » → « star », « cinéma »; « préparé »
//! → « prêt »), for the person who says it in other words.

use super::stem::stem;
use super::{
    Lang, fold, is_any_stopword, is_stopword, own_translation_key, speaker_alias_key, stem_key, synonym_key, tokenize,
};
use crate::index::Translation;
use crate::record::delegations::{DELEGATIONS, Delegation};
use std::collections::BTreeMap;

const EN_FR: &str = include_str!("lexicon/en-fr.tsv");
const FR_SYNONYMS: &str = include_str!("lexicon/fr-synonyms.tsv");

/// The translations into a dictionary (its words, sorted) in `into`, French or
/// English, keyed by the stem key of the other language's word, in key order.
/// An entry keeps only the words its source word does not reach already (as
/// typed, folded or stemmed: "victim" finds « victimes » alone), and never a
/// stopword. Where source words of different entries share a stem key
/// ("developed", "developing"; "aid", "aids"; « développés »,
/// « développement »), each of their forms is also filed under its own
/// key, which a query looks up first: the stem key then holds them
/// all, for the forms no entry spells (`translation_keys`).
pub fn translations(words: &[String], into: Lang) -> Vec<Translation> {
    let from = into.other();
    let mut by_stem: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (id, word) in words.iter().enumerate() {
        if !is_stopword(into, &fold(word)) {
            for key in target_keys(into, word) {
                by_stem.entry(key).or_default().push(id as u32);
            }
        }
    }
    // The dictionary's words by folded form: « forcé » is "force" on an English record.
    let mut by_fold: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (id, word) in words.iter().enumerate() {
        by_fold.entry(fold(word)).or_default().push(id as u32);
    }
    let reached = |source: &str, id: u32| {
        let word = words.get(id as usize).map_or("", String::as_str);
        // Through a false friend, the translation is still named ("forced" for
        // « forcé », which the stem alone would join to "force" and "forces").
        let false_friend = by_fold.contains_key(source) && fold(word) != source;
        fold(word) == source || !false_friend && stem_key(into, word) == stem_key(into, source)
    };
    // Per folded form: (whether it is an entry's own source word, not an
    // inflection made from one; the words it translates to).
    let mut by_form: BTreeMap<String, Vec<(bool, Vec<u32>)>> = BTreeMap::new();
    for (english, french) in entries() {
        let (sources, targets): (Vec<&str>, &str) = match into {
            Lang::French => (vec![english], french),
            Lang::English => (french.split_whitespace().collect(), english),
        };
        // The dictionary words that translate the entry: its targets' inflections.
        let mut candidates: Vec<u32> = Vec::new();
        for target in targets.split_whitespace() {
            for key in target_keys(into, target) {
                let words_of_stem = by_stem.get(&key).into_iter().flatten().copied();
                candidates
                    .extend(words_of_stem.filter(|&id| words.get(id as usize).is_some_and(|w| inflects(target, w))));
            }
        }
        // An entry whose words the index lacks still files its own words, with
        // nothing: "developed" must not borrow "development"'s « développement ».
        for written in sources {
            let source = fold(written.trim());
            if source.is_empty() || is_stopword(from, &source) {
                continue;
            }
            let mut forms = vec![source.clone()];
            if from == Lang::French {
                forms.extend(french_inflections(written.trim()));
            }
            for (n, form) in forms.into_iter().enumerate() {
                let ids = candidates.iter().copied().filter(|&id| !reached(&form, id)).collect();
                by_form.entry(form).or_default().push((n == 0, ids));
            }
        }
    }
    let sorted = |ids: &mut dyn Iterator<Item = u32>| {
        let mut ids: Vec<u32> = ids.collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    };
    let mut by_key: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (form, filed) in &by_form {
        by_key.entry(stem_key(from, form)).or_default().extend(filed.iter().flat_map(|(_, ids)| ids.iter().copied()));
    }
    by_key.values_mut().for_each(|ids| *ids = sorted(&mut ids.iter().copied()));
    // A form whose own translations are not its stem's (other source words
    // share the stem) is filed under its own key too. An entry's own word
    // outweighs another's inflection: "aids" is « sida », not the plural of
    // "aid". Kept even when empty: the form reaches its words unaided.
    let mut own_keys: Vec<(String, Vec<u32>)> = Vec::new();
    for (form, filed) in &by_form {
        let own = filed.iter().any(|&(own, _)| own);
        let mine =
            sorted(&mut filed.iter().filter(|&&(is_own, _)| is_own || !own).flat_map(|(_, ids)| ids.iter().copied()));
        if by_key.get(&stem_key(from, form)) != Some(&mine) {
            own_keys.push((own_translation_key(form), mine));
        }
    }
    by_key.retain(|_, words| !words.is_empty());
    by_key.extend(own_keys);
    let mut aliases: Vec<(String, Vec<u32>)> = Vec::new();
    for (word, ids, adjective) in name_variants(&by_fold) {
        // Every nationality adjective names its delegation as a speaker, even where
        // the index holds the word: "what did the French delegation say".
        if adjective {
            aliases.push((speaker_alias_key(&word), ids.clone()));
        }
        if by_fold.contains_key(&word) {
            continue;
        }
        // An adjective the lexicon translates keeps its translation: « soviétique » is
        // "Soviet", not every word of the Russian Federation's names.
        let translated = |key: &String| by_key.get(key).is_some_and(|words| !words.is_empty());
        let key = own_translation_key(&word);
        if adjective && (translated(&key) || translated(&stem_key(from, &word))) {
            continue;
        }
        file_under(&mut by_key, key, ids);
    }
    for (key, ids) in aliases {
        file_under(&mut by_key, key, ids);
    }
    if into == Lang::French {
        for (key, ids) in synonyms(words, &by_stem) {
            file_under(&mut by_key, key, ids);
        }
    }
    by_key.into_iter().map(|(key, words)| Translation { key, words }).collect()
}

/// Adds words to those filed under a key, kept ascending and once each.
fn file_under(by_key: &mut BTreeMap<String, Vec<u32>>, key: String, ids: Vec<u32>) {
    let filed = by_key.entry(key).or_default();
    filed.extend(ids);
    filed.sort_unstable();
    filed.dedup();
}

/// French synonyms (`lexicon/fr-synonyms.tsv`) → the dictionary words that are
/// their inflections, filed under the synonym key of each word they stand for.
/// Only for words the dictionary lacks (no word of it shares their stem key):
/// a query reads a word's synonyms only where the record does not say the word
/// itself, so a word of two senses keeps to the record's own use of it.
/// `by_stem`: the dictionary's word ids by `target_keys`.
fn synonyms(words: &[String], by_stem: &BTreeMap<String, Vec<u32>>) -> Vec<(String, Vec<u32>)> {
    let held: std::collections::BTreeSet<String> = words.iter().map(|w| stem_key(Lang::French, &fold(w))).collect();
    let mut filed = Vec::new();
    for (head, others) in FR_SYNONYMS.lines().filter(|line| !line.starts_with('#')).filter_map(|l| l.split_once('\t')) {
        if held.contains(&stem_key(Lang::French, &fold(head))) {
            continue;
        }
        let mut ids: Vec<u32> = Vec::new();
        for other in others.split_whitespace().filter(|w| !is_stopword(Lang::French, &fold(w))) {
            for key in target_keys(Lang::French, other) {
                let inflections = by_stem.get(&key).into_iter().flatten().copied();
                ids.extend(inflections.filter(|&id| words.get(id as usize).is_some_and(|w| inflects(other, w))));
            }
        }
        if !ids.is_empty() {
            filed.push((synonym_key(Lang::French, head), ids));
        }
    }
    filed
}

/// A delegation's names the index does not use, and its nationality adjectives →
/// the words of the name it uses (« Biélorussie », "Burma" → « Bélarus »,
/// "Myanmar"; « Syrie » → « syrienne » of « République arabe syrienne »;
/// "Italian", « italienne » → « Italie »): each name's word (folded), to be
/// filed under its own key (`own_translation_key`) where the index lacks it,
/// so that a name half remembered finds the delegation, and each adjective
/// under its speaker alias key (`speaker_alias_key`) too.
/// `by_fold`: the dictionary's word ids by folded form.
/// Names of one word only; the words a name shares with other delegations'
/// (« République », "arabe") are no target. Each variant says whether it is
/// an adjective (which gives way to the lexicon's translation of the word).
fn name_variants(by_fold: &BTreeMap<String, Vec<u32>>) -> Vec<(String, Vec<u32>, bool)> {
    let content = |name: &str| -> Vec<String> {
        tokenize(name).into_iter().filter(|t| !t.alias).map(|t| fold(&t.word)).filter(|w| !is_any_stopword(w)).collect()
    };
    let names = |d: &'static Delegation| d.fr.iter().chain(d.en);
    // How many delegations name themselves with each word.
    let mut delegations_of: BTreeMap<String, usize> = BTreeMap::new();
    for delegation in DELEGATIONS {
        let mut own: Vec<String> = names(delegation).flat_map(|n| content(n)).collect();
        own.sort_unstable();
        own.dedup();
        own.into_iter().for_each(|w| *delegations_of.entry(w).or_default() += 1);
    }
    let mut variants: Vec<(String, Vec<u32>, bool)> = Vec::new();
    for delegation in DELEGATIONS {
        let used = names(delegation)
            .map(|n| content(n))
            .filter(|w| !w.is_empty() && w.iter().all(|w| by_fold.contains_key(w)));
        let mut targets: Vec<u32> = used
            .flatten()
            .filter(|w| delegations_of.get(w) == Some(&1))
            .flat_map(|w| by_fold.get(&w).cloned().unwrap_or_default())
            .collect();
        targets.sort_unstable();
        targets.dedup();
        if targets.is_empty() {
            continue;
        }
        // Its nationality adjectives and their plurals too: "the Italian delegation",
        // « la délégation italienne » find « Italie ».
        let adjectives = delegation.adjectives().flat_map(|a| [(a.to_string(), true), (format!("{a}s"), true)]);
        for (name, adjective) in names(delegation).map(|n| (n.to_string(), false)).chain(adjectives) {
            if let [word] = content(&name).as_slice()
                && (adjective || !by_fold.contains_key(word))
            {
                variants.push((word.clone(), targets.clone(), adjective));
            }
        }
    }
    variants
}

/// The inflections of a French word that Snowball may stem apart from it once
/// folded (queries are often typed without accents), folded: its plural where
/// the "s" stays (« essais » is not « essai »), and the feminine of a past
/// participle and of "-er" and "-if" adjectives (« deplacees » is not
/// « deplace », « financiere » not « financier »).
fn french_inflections(word: &str) -> Vec<String> {
    let mut forms = vec![format!("{word}s")];
    let feminine = match word {
        _ if word.ends_with('é') || (word.ends_with("er") && word.chars().count() >= 5) => Some(format!("{word}e")),
        _ => word.strip_suffix("if").map(|root| format!("{root}ive")),
    };
    if let Some(feminine) = feminine {
        forms.push(format!("{feminine}s"));
        forms.push(feminine);
    }
    forms.iter().map(|form| fold(form)).collect()
}

/// Whether a dictionary word that shares a target's stem is one of its
/// inflections, not a derivation Snowball also strips: it begins as the target
/// does, but for the target's last three letters ("children" for "child",
/// « victimes » for « victime »; not "global" for "globalization", "national"
/// for "nation" or « développer » for « développement »). A participle or a
/// French noun in « -é » or « -ée » keeps its whole self: its stem-mates mean something
/// else ("forced" is not "force" or "forces", "developing" not "developed",
/// « forcé » not « force »).
fn inflects(target: &str, word: &str) -> bool {
    let (whole, lower) = (target.to_lowercase(), word.to_lowercase());
    let english_participle = (whole.ends_with("ed") || whole.ends_with("ing")) && whole.chars().count() > 4;
    if whole.ends_with('é') || whole.ends_with("ée") || english_participle {
        return lower.starts_with(&whole);
    }
    let (target, word) = (fold(target), fold(word));
    let kept = target.chars().count().saturating_sub(3);
    target.chars().take(kept).eq(word.chars().take(kept))
}

/// (English word, French words) of each line but the comments.
fn entries() -> impl Iterator<Item = (&'static str, &'static str)> {
    EN_FR.lines().filter(|line| !line.starts_with('#')).filter_map(|line| line.split_once('\t'))
}

/// The keys under which a word of the dictionary meets its inflections: its
/// Snowball stem with its accents, so that « mer » and « mère », which fold
/// alike, stay apart; and for a word without accents its stem key too, which
/// joins a French present plural to its infinitive (« utilisent », « utiliser »).
fn target_keys(lang: Lang, word: &str) -> Vec<String> {
    let mut keys = vec![stem(lang, word)];
    if fold(word) == word {
        keys.push(stem_key(lang, word));
        keys.dedup();
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::translation_keys;

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
    fn every_synonym_line_is_one_french_word_a_tab_and_words_of_like_meaning() {
        let mut previous = "";
        for (n, line) in FR_SYNONYMS.lines().enumerate().filter(|(_, l)| !l.starts_with('#')) {
            let (head, others) = line.split_once('\t').unwrap_or_else(|| panic!("line {}: no tab", n + 1));
            assert!(!head.is_empty() && !head.contains(' ') && head == head.to_lowercase(), "line {}", n + 1);
            assert!(others.split(' ').all(|w| !w.is_empty() && w != head), "line {}: {others:?}", n + 1);
            assert!(previous < head, "line {}: {head:?} out of order or twice", n + 1);
            previous = head;
        }
    }

    #[test]
    fn a_french_word_the_dictionary_lacks_finds_its_synonyms_inflected() {
        let synonyms = |words: &[&str], word: &str| {
            let translations = translations(&words.iter().map(|w| w.to_string()).collect::<Vec<_>>(), Lang::French);
            let key = synonym_key(Lang::French, word);
            translations.iter().find(|t| t.key == key).map(|t| t.words.clone()).unwrap_or_default()
        };
        let words = ["prête", "prêtes", "star", "victimes"];
        assert_eq!(synonyms(&words, "préparés"), [0, 1], "préparé → prête, prêtes");
        assert_eq!(synonyms(&words, "actrice"), [2]);
        assert_eq!(synonyms(&words, "rescapés"), [3], "rescapé → victimes");
        assert!(synonyms(&words, "victime").is_empty(), "the dictionary holds the word: none is filed");
        // « préparation » shares « préparés »'s stem: the record says it its own way.
        assert!(synonyms(&["préparation", "prête"], "préparés").is_empty());
    }

    #[test]
    fn an_english_word_finds_the_french_words_and_their_inflections() {
        let words: Vec<String> = ["enfant", "enfants", "traite", "travail", "victimes"].map(String::from).to_vec();
        let translations = translations(&words, Lang::French);
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

    #[test]
    fn a_french_word_finds_the_english_words_and_their_inflections() {
        let words: Vec<String> = ["child", "children", "disarmament", "labour", "the"].map(String::from).to_vec();
        let translations = translations(&words, Lang::English);
        let of = |french: &str| {
            let key = stem_key(Lang::French, &fold(french));
            translations.iter().find(|t| t.key == key).map(|t| t.words.clone()).unwrap_or_default()
        };
        assert_eq!(of("enfants"), [0, 1], "enfants → child, children");
        assert_eq!(of("désarmement"), [2]);
        assert_eq!(of("desarmement"), [2], "typed without its accents");
        assert_eq!(of("travail"), [3]);
        let tests: Vec<String> = ["test", "tests"].map(String::from).to_vec();
        let essais = stem_key(Lang::French, "essais");
        assert_ne!(essais, stem_key(Lang::French, "essai"), "the stemmer keeps this plural's s");
        let found = super::translations(&tests, Lang::English).into_iter().find(|t| t.key == essais).map(|t| t.words);
        assert_eq!(found, Some(vec![0, 1]), "essais → test, tests, as essai does");
        assert!(of("allemagne").is_empty(), "no entry for English words the index lacks");
        assert!(translations.iter().all(|t| !t.words.contains(&4)), "never a stopword");
    }

    /// What a word of the other language translates to in a dictionary of `words` (ids, ascending).
    fn translator(words: &[&str], into: Lang) -> impl Fn(&str) -> Vec<u32> {
        let translations = translations(&words.iter().map(|w| w.to_string()).collect::<Vec<_>>(), into);
        move |word| {
            let keys = translation_keys(into.other(), word);
            let found = keys.iter().find_map(|key| translations.iter().find(|t| &t.key == key));
            found.map(|t| t.words.clone()).unwrap_or_default()
        }
    }

    #[test]
    fn the_parts_of_a_french_compound_find_their_english_words() {
        // « cessez-le-feu » is searched as its parts: "cease" and "fire" side by side, "cease-fire".
        let of = translator(&["cease", "feudal", "fire"], Lang::English);
        assert_eq!(of("cessez"), [0]);
        assert_eq!(of("feu"), [2]);
    }

    #[test]
    fn french_words_that_stem_alike_do_not_lend_each_other_their_meanings() {
        // Entries are keyed by stem: « moyenne » (average) would file "average" under « Moyen-Orient ».
        let of = translator(&["average", "middle"], Lang::English);
        assert_eq!(of("moyen"), [1]);
    }

    #[test]
    fn a_translation_keeps_the_inflections_of_its_words_not_their_derivations() {
        let of = translator(&["global", "globalization", "globalizations"], Lang::English);
        assert_eq!(of("mondialisation"), [1, 2], "« mondialisation » is globalization, not global");
    }

    #[test]
    fn a_participle_finds_its_own_forms_not_the_words_that_share_its_stem() {
        let of = translator(&["developed", "developing", "development"], Lang::English);
        assert_eq!(of("développés"), [0], "« pays développés » are not developing countries");
        assert_eq!(of("développement"), [1, 2]);
        let of = translator(&["force", "forces", "forcé", "forcée", "forcés"], Lang::French);
        assert_eq!(of("forced"), [2, 3, 4], "forced is « forcé », not « forces de l'ordre »");
    }

    #[test]
    fn a_french_adjective_or_participle_in_the_feminine_finds_the_english_word_with_or_without_accents() {
        let of = translator(&["displaced", "financial", "irregular", "jewish"], Lang::English);
        for french in ["déplacé", "déplacées", "deplacees", "deplacee"] {
            assert_eq!(of(french), [0], "{french}");
        }
        // (« financier » itself stems to "financial"'s English stem: no entry needed.)
        for french in ["financière", "financiere", "financières", "financieres"] {
            assert_eq!(of(french), [1], "{french}");
        }
        for french in ["irrégulier", "irrégulière", "irregulieres"] {
            assert_eq!(of(french), [2], "{french}");
        }
        for french in ["juif", "juive", "juives"] {
            assert_eq!(of(french), [3], "{french}");
        }
    }
}
