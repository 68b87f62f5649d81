//! What kind of answer a question asks for. "What share of victims are
//! children", « taux de condamnation », « combien de victimes » ask for a
//! figure, "when" and « en quelle année » for a year: among the passages that
//! match the words, those that hold such a figure answer it.

use super::listed;
use super::query::Query;
use crate::analysis::{fold, is_any_stopword};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerType {
    /// A percentage or a fraction: "what share", « quel pourcentage », « taux ».
    Share,
    /// A number that is not a year: "how many", « combien », « longueur ».
    Quantity,
    /// A year: "when", « en quelle année », « depuis quand ».
    Year,
}

use AnswerType::{Quantity, Share, Year};

// Folded words that ask for a figure, one string each: tables of string
// slices cost the wasm build more.
/// Wherever they stand: "percentage", « taux ».
const SHARE: &str = "percentage percent proportion pourcentage taux ratio fraction";
/// After "what" or « quel », function words between ("what is the share", « quelle est la
/// part »): elsewhere they mean something else (« prendre part », "share experiences").
const SHARE_ASKED: &str = "share part rate";
/// Wherever they stand: « combien », « longueur ».
const QUANTITY: &str = "combien longueur hauteur superficie vitesse duree distance profondeur poids altitude \
    rendement montant length height speed duration weight depth";
/// After "what" or « quel »: « quel nombre », "what size".
const QUANTITY_ASKED: &str = "nombre number population age size taille cout cost prix price";
/// After "how": "how many", "how long" ("a long way" asks nothing).
const HOW: &str = "many much long far big large tall high old fast deep heavy";
/// After "what" or « quelle »: "what year", « en quelle année ».
const YEAR_ASKED: &str = "year annee date";
/// Interrogatives that turn the next word into a question.
const ASKING: &str = "what which quel quelle quels quelles how";

/// The answer type the query asks for, if it reads as such a question, and
/// the clause that asks it ("share", « longueur »), if one does: that word
/// names the answer, the passage that gives it may not say it. Quoted phrases are
/// searched as they stand and ask nothing. The first cue counts: "how many
/// years" asks a number.
pub fn answer_type(query: &Query) -> Option<(AnswerType, Option<usize>)> {
    let mut before = String::new();
    // An interrogative, then only function words: « quelle est la part », "what is the rate".
    let mut asked = false;
    for (clause, c) in query.clauses.iter().enumerate().filter(|(_, c)| !c.quoted) {
        let word = fold(c.words.first()?);
        asked = listed(ASKING, &before) || asked && is_any_stopword(&before);
        let kind = if listed(SHARE, &word) || asked && listed(SHARE_ASKED, &word) {
            Some(Share)
        } else if listed(QUANTITY, &word)
            || asked && listed(QUANTITY_ASKED, &word)
            || before == "how" && listed(HOW, &word)
        {
            Some(Quantity)
        } else if asked && listed(YEAR_ASKED, &word)
            // "when", « quand » opening the question, « depuis quand »
            // (« … du fromage quand on est intolérant » asks no date).
            || (word == "when" || word == "quand") && (clause == 0 || before == "depuis" || before == "since")
        {
            Some(Year)
        } else {
            None
        };
        if let Some(kind) = kind {
            return Some((kind, Some(clause)));
        }
        before = word;
    }
    // « la moitié des victimes », "a third of victims": a share, which the record may
    // give as a percentage (« 60% des victimes »); the fraction is no mere asking word.
    let fraction =
        query.clauses.iter().any(|c| !c.quoted && c.words.first().is_some_and(|w| listed(FRACTIONS, &fold(w))));
    fraction.then_some((Share, None))
}

/// Whether a dictionary word (folded) is a figure of the given answer type:
/// "60%" a share, "15000" a quantity, "2018" a year; spelled-out fractions
/// and magnitudes count too (« la moitié », "two million").
pub fn answers(word: &str, kind: AnswerType) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    let percent = digits > 0 && word.ends_with('%');
    let year = digits == 4 && word.len() == 4 && matches!(word.as_bytes().first(), Some(b'1' | b'2'));
    let fraction = listed(FRACTIONS, word);
    match kind {
        Share => percent || fraction,
        Quantity => (digits > 0 && !year) || fraction || listed(MAGNITUDES, word),
        Year => year,
    }
}

/// The figures spelled out that answer a type: where they stand in the
/// dictionary is looked up, not found by reading it whole.
pub fn spelled_figures(kind: AnswerType) -> impl Iterator<Item = &'static str> {
    let lists: &[&'static str] = match kind {
        Share => &[FRACTIONS],
        Quantity => &[FRACTIONS, MAGNITUDES],
        Year => &[],
    };
    lists.iter().flat_map(|list| list.split(' '))
}

const FRACTIONS: &str = "moitie tiers quart quarts half third thirds quarter quarters majority majorite";
const MAGNITUDES: &str = "million millions milliard milliards millier milliers centaine centaines dizaine \
    dizaines thousand thousands billion billions hundred hundreds dozen dozens";

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
        assert_eq!(asked("quelle est la part des enfants parmi les victimes ?"), Some(AnswerType::Share));
        assert_eq!(asked("what is the rate of convictions"), Some(AnswerType::Share));
        assert_eq!(asked("quel est le nombre de victimes"), Some(AnswerType::Quantity));
        assert_eq!(asked("taux de condamnation pour travail forcé"), Some(AnswerType::Share));
        assert_eq!(asked("Combien de temps vit une abeille ?"), Some(AnswerType::Quantity));
        assert_eq!(asked("How long is the Amazon River?"), Some(AnswerType::Quantity));
        assert_eq!(asked("Quelle est la longueur de la Loire ?"), Some(AnswerType::Quantity));
        assert_eq!(asked("En quelle année la variole a-t-elle été éradiquée ?"), Some(AnswerType::Year));
        assert_eq!(asked("quand louis XVI a ete guillotine"), Some(AnswerType::Year));
        assert_eq!(asked("depuis quand le val de loire est classé"), Some(AnswerType::Year));
        assert_eq!(asked("moitie des victimes"), Some(AnswerType::Share), "a fraction asks for a share");
        assert_eq!(
            answer_type(&parse("a third of victims")).map(|(_, asking)| asking),
            Some(None),
            "and is no asking word"
        );
    }

    #[test]
    fn the_same_words_elsewhere_ask_for_nothing() {
        assert_eq!(asked("Peut-on manger du fromage quand on est intolérant au lactose ?"), None);
        assert_eq!(asked("prendre part à la lutte"), None);
        assert_eq!(asked("share experiences of survivors"), None);
        assert_eq!(asked("quelle victime a pris part au débat"), None);
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
