//! What kind of answer a question asks for. "What share of victims are
//! children", « taux de condamnation », « combien de victimes » ask for a
//! figure, "when" and « en quelle année » for a year: among the passages that
//! match the words, those that hold such a figure answer it.

use super::query::Query;
use crate::analysis::fold;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerType {
    /// A percentage or a fraction: "what share", « quel pourcentage », « taux ».
    Share,
    /// A number that is not a year: "how many", « combien », « longueur ».
    Quantity,
    /// A year: "when", « en quelle année », « depuis quand ».
    Year,
}

/// Words that ask for a share wherever they stand.
const SHARE: &[&str] = &["percentage", "percent", "proportion", "pourcentage", "taux", "ratio", "fraction"];
/// Words that ask for a share after "what" or « quel »: elsewhere they mean
/// something else (« prendre part », "share experiences").
const SHARE_ASKED: &[&str] = &["share", "part", "rate"];
/// Words that ask for a figure wherever they stand.
const QUANTITY: &[&str] = &[
    "combien",
    "longueur",
    "hauteur",
    "superficie",
    "vitesse",
    "duree",
    "distance",
    "profondeur",
    "poids",
    "altitude",
    "rendement",
    "montant",
    "length",
    "height",
    "speed",
    "duration",
    "weight",
    "depth",
    "altitude",
];
/// Words after "how" that ask for a figure ("how many", "how long").
const HOW: &[&str] = &["many", "much", "long", "far", "big", "large", "tall", "high", "old", "fast", "deep", "heavy"];
/// Words that ask for a figure after "what" or « quel »: « quel nombre », "what number", « quelle population ».
const QUANTITY_ASKED: &[&str] =
    &["nombre", "number", "population", "age", "size", "taille", "cout", "cost", "prix", "price"];
/// Interrogatives that turn the next word into a question.
const ASKING: &[&str] = &["what", "which", "quel", "quelle", "quels", "quelles", "how"];
/// Words that ask for a year after "what" or « quelle ».
const YEAR_ASKED: &[&str] = &["year", "annee", "date"];

/// The answer type the query asks for, if it reads as such a question, and
/// the clause that asks it ("share", « longueur »): that word names the
/// answer, the passage that gives it may not say it. Quoted phrases are
/// searched as they stand and ask nothing.
pub fn answer_type(query: &Query) -> Option<(AnswerType, usize)> {
    let words: Vec<(usize, String)> = (query.clauses.iter().enumerate())
        .filter(|(_, c)| !c.quoted)
        .filter_map(|(i, c)| Some((i, fold(c.words.first()?))))
        .collect();
    for (n, (clause, word)) in words.iter().enumerate() {
        let word = word.as_str();
        let before = n.checked_sub(1).and_then(|j| words.get(j)).map(|(_, w)| w.as_str());
        let asked = before.is_some_and(|b| ASKING.contains(&b));
        let kind = if SHARE.contains(&word) || (asked && SHARE_ASKED.contains(&word)) {
            AnswerType::Share
        } else if QUANTITY.contains(&word)
            || (before == Some("how") && HOW.contains(&word))
            || (asked && QUANTITY_ASKED.contains(&word))
        {
            AnswerType::Quantity
        } else if (asked && YEAR_ASKED.contains(&word))
            // "when" and « quand » ask for a time when they open the question
            // (« Peut-on manger du fromage quand… » does not).
            || (matches!(word, "when" | "quand") && (n == 0 || matches!(before, Some("since" | "depuis"))))
        {
            AnswerType::Year
        } else {
            continue;
        };
        // The first figure asked for counts: "how many years" asks a number.
        return Some((kind, *clause));
    }
    None
}

/// Whether a dictionary word (folded) is a figure of the given answer type:
/// "60%" a share, "15000" a quantity, "2018" a year; spelled-out fractions
/// and magnitudes count too (« la moitié », "two million").
pub fn answers(word: &str, kind: AnswerType) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let percent = digits > 0 && word.ends_with('%');
    let year = digits == 4 && word.len() == 4 && matches!(word.as_bytes().first(), Some(b'1' | b'2'));
    match kind {
        AnswerType::Share => percent || FRACTIONS.contains(&word),
        AnswerType::Quantity => (digits > 0 && !year) || FRACTIONS.contains(&word) || MAGNITUDES.contains(&word),
        AnswerType::Year => year,
    }
}

const FRACTIONS: &[&str] =
    &["moitie", "tiers", "quart", "quarts", "half", "third", "thirds", "quarter", "quarters", "majority", "majorite"];
const MAGNITUDES: &[&str] = &[
    "million",
    "millions",
    "milliard",
    "milliards",
    "millier",
    "milliers",
    "centaine",
    "centaines",
    "dizaine",
    "dizaines",
    "thousand",
    "thousands",
    "billion",
    "billions",
    "hundred",
    "hundreds",
    "dozen",
    "dozens",
];

#[cfg(test)]
mod tests {
    use super::super::query::parse;
    use super::*;

    fn asked(q: &str) -> Option<AnswerType> {
        answer_type(&parse(q)).map(|(kind, _)| kind)
    }

    #[test]
    fn questions_that_ask_for_a_figure_or_a_year() {
        assert_eq!(asked("what share of trafficking victims are children"), Some(AnswerType::Share));
        assert_eq!(asked("taux de condamnation pour travail forcé"), Some(AnswerType::Share));
        assert_eq!(asked("Combien de temps vit une abeille ?"), Some(AnswerType::Quantity));
        assert_eq!(asked("How long is the Amazon River?"), Some(AnswerType::Quantity));
        assert_eq!(asked("Quelle est la longueur de la Loire ?"), Some(AnswerType::Quantity));
        assert_eq!(asked("En quelle année la variole a-t-elle été éradiquée ?"), Some(AnswerType::Year));
        assert_eq!(asked("quand louis XVI a ete guillotine"), Some(AnswerType::Year));
        assert_eq!(asked("depuis quand le val de loire est classé"), Some(AnswerType::Year));
    }

    #[test]
    fn the_same_words_elsewhere_ask_for_nothing() {
        assert_eq!(asked("Peut-on manger du fromage quand on est intolérant au lactose ?"), None);
        assert_eq!(asked("prendre part à la lutte"), None);
        assert_eq!(asked("share experiences of survivors"), None);
        assert_eq!(asked("\"taux de condamnation\""), None);
        assert_eq!(asked("a long way"), None);
    }

    #[test]
    fn figures_of_each_type() {
        assert!(answers("60%", AnswerType::Share) && answers("moitie", AnswerType::Share));
        assert!(!answers("60", AnswerType::Share));
        assert!(answers("15000", AnswerType::Quantity) && answers("millions", AnswerType::Quantity));
        assert!(!answers("2018", AnswerType::Quantity) && answers("2018", AnswerType::Year));
        assert!(!answers("185", AnswerType::Year) && !answers("traite", AnswerType::Quantity));
    }
}
