//! Text → tokens: tokenize, fold (case, accents, ligatures, elision), stem, stopwords;
//! and, at index time, the English → French lexicon.
//!
//! The same analysis runs at index time (native) and at query time (wasm), so
//! a word typed in the search box lands on the same keys as the record's words.
pub mod acronyms;
pub mod fold;
#[cfg(not(target_arch = "wasm32"))]
pub mod lexicon;
pub mod stem;
pub mod stopwords;
pub mod tokenize;

pub use fold::{fold, is_upper, lower};
pub use stopwords::{is_any_stopword, is_stopword};
pub use tokenize::{Token, tokenize};

/// The languages the analyzer knows. Each record declares one or has it detected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lang {
    French,
    English,
}

impl Lang {
    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::French => "fr",
            Lang::English => "en",
        }
    }

    /// The other language the analyzer knows: the one a query is translated from.
    pub fn other(self) -> Lang {
        match self {
            Lang::French => Lang::English,
            Lang::English => Lang::French,
        }
    }

    /// The language the translations of a corpus in `langs` lead into: French
    /// when it holds French (for English queries), else English when it holds
    /// English (for French queries). Builders write them so; engines read them so.
    pub fn translation_target(langs: impl IntoIterator<Item = Lang> + Clone) -> Option<Lang> {
        [Lang::French, Lang::English].into_iter().find(|&lang| langs.clone().into_iter().any(|l| l == lang))
    }

    /// Parses "fr", "fr-FR", "en", "English"…; `None` for languages the analyzer lacks.
    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        match code.get(..2)? {
            "fr" => Some(Lang::French),
            "en" => Some(Lang::English),
            _ => None,
        }
    }
}

/// Guesses the language of a text from its share of French and English stopwords.
pub fn detect_lang(text: &str) -> Lang {
    let (mut fr, mut en) = (0usize, 0usize);
    for token in tokenize(text).iter().take(2000) {
        let folded = fold(&token.word);
        fr += usize::from(is_stopword(Lang::French, &folded));
        en += usize::from(is_stopword(Lang::English, &folded));
    }
    if en > fr { Lang::English } else { Lang::French }
}

/// The stem key of a lowercase word: its Snowball stem, folded, so that
/// "États" and "etats" meet on "etat".
pub fn stem_key(lang: Lang, word: &str) -> String {
    let stemmed = stem::stem(lang, word);
    match lang {
        Lang::French if stemmed == word => fold(&french_verb_plural(word).unwrap_or(stemmed)),
        _ => fold(&stemmed),
    }
}

/// The keys a word of the other language finds its translations under, in the
/// order to try them: its own form's (filed only where source words of
/// different meanings share a stem: "developed", "developing"), then its stem
/// key's. The tab sorts below every character a word holds, so a word's own
/// key sits right after the word (an archive's term chunk holding the word
/// holds its key too).
pub fn translation_keys(from: Lang, word: &str) -> [String; 2] {
    let folded = fold(word);
    [own_translation_key(&folded), stem_key(from, &folded)]
}

/// The key a folded word's own translations are filed under (see [`translation_keys`]).
pub fn own_translation_key(folded: &str) -> String {
    format!("{folded}\t")
}

/// The key under which a nationality adjective (folded) names its delegation's
/// name words as a speaker ("french" → « France »), beside the word's own key
/// and so in the same term chunk of an archive; no translation lookup reads it.
pub fn speaker_alias_key(folded: &str) -> String {
    format!("{folded}\t\t")
}

/// The key under which a word's synonyms in its own language are filed (« actrice »
/// → « star », « cinéma »): its stem key (the stem of its folded form), a tab, "=", a tab.
/// Unlike a translation, a synonym is of the index's own language.
pub fn synonym_key(lang: Lang, word: &str) -> String {
    format!("{}\t=\t", stem_key(lang, &fold(word)))
}

/// Whether a translation key is a synonym key (see [`synonym_key`]).
pub fn is_synonym_key(key: &str) -> bool {
    key.ends_with("\t=\t")
}

/// Whether a translation key is a speaker alias key (see [`speaker_alias_key`]).
pub fn is_speaker_alias_key(key: &str) -> bool {
    key.ends_with("\t\t")
}

/// Snowball French leaves the present plural of -er verbs whole, as "-ent"
/// could end a noun or an adjective: "criminalisent" would never meet
/// "criminaliser" and "criminalisé". A word it left whole meets them when
/// dropping "-ent" gives exactly the stem of the infinitive, at least five
/// letters long ("recrutent" → "recrut", "représentent" → "représent"), so
/// that short stems stay apart ("violent" is not "viol", "visent" not "visas").
fn french_verb_plural(word: &str) -> Option<String> {
    let root = word.strip_suffix("ent")?;
    let infinitive_stem = stem::stem(Lang::French, &format!("{root}er"));
    (root.chars().count() >= 5 && infinitive_stem == root).then_some(infinitive_stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_french_and_english() {
        assert_eq!(
            detect_lang("La Lituanie, au nom également de la Pologne, a retiré toute légitimité."),
            Lang::French
        );
        assert_eq!(
            detect_lang("The General Assembly adopted the declaration on trafficking in persons."),
            Lang::English
        );
    }

    #[test]
    fn a_french_verb_in_the_present_plural_meets_its_infinitive() {
        for (plural, infinitive) in [
            ("criminalisent", "criminaliser"),
            ("recrutent", "recruter"),
            ("représentent", "représenter"),
            ("exploitent", "exploité"),
        ] {
            assert_eq!(stem_key(Lang::French, plural), stem_key(Lang::French, infinitive), "{plural}");
        }
        // Short roots and nouns stay apart.
        for (word, other) in [("violent", "viol"), ("visent", "visas"), ("agent", "agir"), ("prennent", "prenantes")] {
            assert_ne!(stem_key(Lang::French, word), stem_key(Lang::French, other), "{word}");
        }
        // English keeps its own stemmer's keys.
        assert_eq!(stem_key(Lang::English, "different"), "differ");
    }

    #[test]
    fn parses_language_codes() {
        assert_eq!(Lang::from_code("fr-FR"), Some(Lang::French));
        assert_eq!(Lang::from_code("EN"), Some(Lang::English));
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::from_code("f"), None);
    }
}
