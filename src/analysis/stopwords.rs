//! Stopwords: Snowball's French and English lists, folded (no accents) and sorted;
//! French also has « comme », « contre » and « parmi », English "among":
//! prepositions Snowball leaves out; and French has what its English list
//! has ("be", "they", "must", "can"): « être », « avoir », « elles », and
//! « doit », « devrait », « peut », « pourrait » with their plurals, which
//! questions are full of (« doivent-elles être poursuivies ? »).
//!
//! They are indexed like every word, so phrases still match them, but a query
//! does not rank passages on them unless it has nothing else.

use super::Lang;

/// True when the folded word is a stopword in this language.
pub fn is_stopword(lang: Lang, folded: &str) -> bool {
    let list = match lang {
        Lang::French => FRENCH,
        Lang::English => ENGLISH,
    };
    list.binary_search(&folded).is_ok()
}

/// True when the folded word is a stopword in any language the analyzer knows.
pub fn is_any_stopword(folded: &str) -> bool {
    is_stopword(Lang::French, folded) || is_stopword(Lang::English, folded)
}

// Packed: rustfmt would give each of the longer words a line of its own.
#[rustfmt::skip]
const FRENCH: &[&str] = &[
    "a", "afin", "ai", "aie", "aient", "aies", "ait", "alors", "as", "au", "aura", "aurai", "auraient", "aurais",
    "aurait", "auras", "aurez", "auriez", "aurions", "aurons", "auront", "aussi", "aux", "avaient", "avais", "avait",
    "avec", "avez", "aviez", "avions", "avoir", "avons", "ayant", "ayante", "ayantes", "ayants", "ayez", "ayons", "c",
    "ca", "car", "ce", "ceci", "cela", "celle", "celles", "celui", "ces", "cet", "cette", "ceux", "chez", "combien",
    "comme", "comment", "contre", "d", "dans", "de", "des", "devraient", "devrait", "doit", "doivent", "donc", "dont",
    "du", "elle", "elles", "en", "entre", "es", "est", "est-ce", "et", "etaient", "etais", "etait", "etant", "etante",
    "etantes", "etants", "ete", "etee", "etees", "etes", "etiez", "etions", "etre", "eu", "eue", "eues", "eumes",
    "eurent", "eus", "eusse", "eussent", "eusses", "eussiez", "eussions", "eut", "eutes", "eux", "fumes", "furent",
    "fus", "fusse", "fussent", "fusses", "fussiez", "fussions", "fut", "futes", "il", "ils", "j", "je", "l", "la",
    "le", "les", "leur", "leurs", "lors", "lui", "m", "ma", "mais", "me", "meme", "mes", "moi", "mon", "n", "ne",
    "ni", "nos", "notre", "nous", "on", "ont", "or", "ou", "par", "parmi", "pas", "peut", "peuvent", "plus", "pour",
    "pourquoi", "pourraient", "pourrait", "qu", "quand", "que", "quel", "quelle", "quelles", "quels", "qui", "quoi",
    "s", "sa", "sans", "se", "sera", "serai", "seraient", "serais", "serait", "seras", "serez", "seriez", "serions",
    "serons", "seront", "ses", "si", "soient", "sois", "soit", "sommes", "son", "sont", "sous", "soyez", "soyons",
    "suis", "sur", "t", "ta", "te", "tes", "toi", "ton", "tous", "tout", "toute", "toutes", "tres", "tu", "un", "une",
    "vers", "vos", "votre", "vous", "y",
];

const ENGLISH: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "among",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "don",
    "down",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "more",
    "most",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "ought",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "s",
    "same",
    "shall",
    "she",
    "should",
    "so",
    "some",
    "such",
    "t",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        assert!(FRENCH.windows(2).all(|w| w[0] < w[1]));
        assert!(ENGLISH.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn knows_common_function_words() {
        assert!(is_stopword(Lang::French, "des"));
        assert!(is_stopword(Lang::French, "etaient"));
        assert!(is_stopword(Lang::English, "the"));
        assert!(!is_stopword(Lang::French, "traite"));
        assert!(!is_stopword(Lang::English, "trafficking"));
    }
}
