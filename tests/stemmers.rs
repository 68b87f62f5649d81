#![cfg(not(target_arch = "wasm32"))]
//! Differential test: the hand-written stemmers must agree with rust-stemmers
//! (the Snowball reference) on every word of the word lists, on edge-case
//! inputs, and on generated suffix-heavy strings.
use proptest::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use verbatim::analysis::stem::stem;
use verbatim::analysis::{Lang, fold, lower, stem_key, tokenize};

fn reference(lang: Lang) -> Stemmer {
    Stemmer::create(match lang {
        Lang::French => Algorithm::French,
        Lang::English => Algorithm::English,
    })
}

/// Compares every word and reports all disagreements at once.
fn compare<'a>(lang: Lang, words: impl IntoIterator<Item = &'a str>) -> usize {
    let snowball = reference(lang);
    let mut count = 0;
    let mut diffs = Vec::new();
    for w in words {
        count += 1;
        let (ours, theirs) = (stem(lang, w), snowball.stem(w));
        if ours != theirs {
            diffs.push(format!("{w:?}: ours {ours:?}, snowball {theirs:?}"));
        }
    }
    assert!(diffs.is_empty(), "{lang:?}: {} of {count} differ:\n{}", diffs.len(), diffs.join("\n"));
    count
}

fn word_list(text: &str) -> Vec<&str> {
    text.lines().map(str::trim).filter(|w| !w.is_empty()).collect()
}

#[test]
fn french_word_list() {
    let words = word_list(include_str!("data/stem-words-fr.txt"));
    assert!(words.len() > 2000);
    let n = compare(Lang::French, words);
    eprintln!("french: {n} words agree");
}

#[test]
fn english_word_list() {
    let words = word_list(include_str!("data/stem-words-en.txt"));
    assert!(words.len() > 3000);
    let n = compare(Lang::English, words);
    eprintln!("english: {n} words agree");
}

/// The index derives stem groups one first letter at a time (src/index/loaded.rs):
/// that holds only if a stem key begins with the same letter as its folded word.
/// Checked on the word lists and on every word the tokenizer finds in the French
/// and English test corpora, in both languages, for the word and its folded form.
#[test]
fn a_stem_key_keeps_the_first_letter_of_its_word() {
    let mut words: Vec<String> = Vec::new();
    for list in [include_str!("data/stem-words-fr.txt"), include_str!("data/stem-words-en.txt")] {
        // Porter2 drops a leading apostrophe ("'tis"); the tokenizer never keeps one.
        words.extend(word_list(list).into_iter().filter(|w| w.starts_with(char::is_alphanumeric)).map(lower));
    }
    for text in [
        include_str!("../records/AG12734-fr.txt"),
        include_str!("data/fr-general/passages.jsonl"),
        include_str!("data/en-general/passages.jsonl"),
        include_str!("data/ungdc-slice/BRA_78_2023.txt"),
    ] {
        words.extend(tokenize(text).into_iter().map(|t| t.word));
    }
    assert!(words.len() > 20_000, "{} words", words.len());
    let mut broken = Vec::new();
    for word in &words {
        let folded = fold(word);
        for lang in [Lang::French, Lang::English] {
            for form in [word.as_str(), folded.as_str()] {
                let key = stem_key(lang, form);
                if key.chars().next() != folded.chars().next() {
                    broken.push(format!("{lang:?} {form:?} → {key:?}"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{} stem keys change the first letter:\n{}", broken.len(), broken.join("\n"));
}

/// Inputs outside the lowercase-word contract: still no panic, still Snowball's answer.
const ODD: &[&str] = &[
    "",
    "a",
    "é",
    "y",
    "s",
    "'",
    "''",
    "'s",
    "''s",
    "'''",
    "ss",
    "aa",
    "qu",
    "ie",
    "yy",
    "yyy",
    "ay",
    "ya",
    "e\u{301}",
    "cafe\u{301}s",
    "nai\u{308}ve",
    "\u{301}",
    "\u{301}\u{301}ment",
    "2023",
    "covid19",
    "a1b2c3",
    "ment",
    "ements",
    "amment",
    "ations",
    "ement",
    "issement",
    "eaux",
    "aux",
    "ions",
    "ées",
    "ière",
    "guë",
    "ë",
    "ational",
    "ization",
    "ingly",
    "eedly",
    "sses",
    "ies",
    "ied",
    "ly",
    "li",
    "ogi",
    "y's",
    "Yes",
    "YYY",
    "IUY",
    "quIUYe",
    "aIent",
    "ÉTATS",
    "naïveté",
    "日本語",
    "пример",
    "😀😀😀",
    "a😀ment",
    "x\u{0}y",
];

#[test]
fn odd_inputs() {
    compare(Lang::French, ODD.iter().copied());
    compare(Lang::English, ODD.iter().copied());
}

/// Suffix-heavy strings: a short random stem, one or two known endings
/// (so regions, marked vowels and chained steps all get hit), maybe an s.
fn generated(stem_chars: &'static str, endings: &'static [&'static str]) -> impl Strategy<Value = String> {
    let letters: Vec<char> = stem_chars.chars().collect();
    (
        prop::collection::vec(prop::sample::select(letters), 0..7),
        prop::sample::select(endings),
        prop::sample::select(endings),
        0..3u8,
    )
        .prop_map(|(stem, a, b, tail)| {
            let mut s: String = stem.into_iter().collect();
            s.push_str(a);
            if tail == 1 {
                s.push_str(b);
            } else if tail == 2 {
                s.push('s');
            }
            s
        })
}

const FR_ENDINGS: &[&str] = &[
    "", "e", "s", "x", "iqUe", "ique", "atrice", "ateur", "ation", "ic", "logie", "usion", "ution", "ence", "ance",
    "ement", "iv", "at", "eus", "abl", "ièr", "ier", "ière", "ité", "abil", "if", "ive", "eaux", "aux", "euse",
    "issement", "amment", "emment", "ment", "ir", "issions", "irent", "îmes", "it", "ions", "erions", "èrent", "aient",
    "ée", "er", "ez", "ai", "ant", "asse", "ion", "ë", "gu", "enn", "onn", "ett", "ell", "eill", "ç", "y", "u", "i",
    "qu", "é", "è", "par", "col", "tap",
];

const EN_ENDINGS: &[&str] = &[
    "", "e", "s", "'", "'s", "'s'", "sses", "ied", "ies", "ss", "us", "eed", "eedly", "ed", "edly", "ing", "ingly",
    "at", "bl", "iz", "bb", "tt", "y", "tional", "enci", "anci", "abli", "entli", "izer", "ization", "ational",
    "ation", "ator", "alism", "aliti", "alli", "fulness", "ousli", "ousness", "iveness", "iviti", "biliti", "bli",
    "ogi", "li", "fulli", "lessli", "icate", "ative", "alize", "iciti", "ical", "ful", "ness", "al", "ance", "ence",
    "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion", "sion",
    "tion", "l", "ll", "gener", "commun", "arsen", "w", "x",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn french_generated(w in generated("abcdegilmnopqrstuvyâéèêëïîôûùçIUY", FR_ENDINGS)) {
        prop_assert_eq!(stem(Lang::French, &w), reference(Lang::French).stem(&w).into_owned());
    }

    #[test]
    fn english_generated(w in generated("abcdeghiklmnoprstuvwxyY'", EN_ENDINGS)) {
        prop_assert_eq!(stem(Lang::English, &w), reference(Lang::English).stem(&w).into_owned());
    }
}
