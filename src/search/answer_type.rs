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

/// How a word asks for a figure.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cue {
    /// Wherever it stands: "percentage", « combien », « longueur ».
    Always(AnswerType),
    /// After "what", « quel », "how": « quelle part », "what share" — elsewhere
    /// the word means something else (« prendre part », "share experiences").
    Asked(AnswerType),
    /// After "how" only: "how many", "how long" ("a long way" asks nothing).
    AfterHow,
    /// Opening the question: "when", « quand » (« … du fromage quand on est intolérant » does not ask).
    Opening,
}

use AnswerType::{Quantity, Share, Year};
use Cue::{AfterHow, Always, Asked, Opening};

/// Folded words that ask for a figure, and how. One table: it costs the wasm build least.
const CUES: &[(&str, Cue)] = &[
    ("percentage", Always(Share)),
    ("percent", Always(Share)),
    ("proportion", Always(Share)),
    ("pourcentage", Always(Share)),
    ("taux", Always(Share)),
    ("ratio", Always(Share)),
    ("fraction", Always(Share)),
    ("share", Asked(Share)),
    ("part", Asked(Share)),
    ("rate", Asked(Share)),
    ("combien", Always(Quantity)),
    ("longueur", Always(Quantity)),
    ("hauteur", Always(Quantity)),
    ("superficie", Always(Quantity)),
    ("vitesse", Always(Quantity)),
    ("duree", Always(Quantity)),
    ("distance", Always(Quantity)),
    ("profondeur", Always(Quantity)),
    ("poids", Always(Quantity)),
    ("altitude", Always(Quantity)),
    ("rendement", Always(Quantity)),
    ("montant", Always(Quantity)),
    ("length", Always(Quantity)),
    ("height", Always(Quantity)),
    ("speed", Always(Quantity)),
    ("duration", Always(Quantity)),
    ("weight", Always(Quantity)),
    ("depth", Always(Quantity)),
    ("nombre", Asked(Quantity)),
    ("number", Asked(Quantity)),
    ("population", Asked(Quantity)),
    ("age", Asked(Quantity)),
    ("size", Asked(Quantity)),
    ("taille", Asked(Quantity)),
    ("cout", Asked(Quantity)),
    ("cost", Asked(Quantity)),
    ("prix", Asked(Quantity)),
    ("price", Asked(Quantity)),
    ("many", AfterHow),
    ("much", AfterHow),
    ("long", AfterHow),
    ("far", AfterHow),
    ("big", AfterHow),
    ("large", AfterHow),
    ("tall", AfterHow),
    ("high", AfterHow),
    ("old", AfterHow),
    ("fast", AfterHow),
    ("deep", AfterHow),
    ("heavy", AfterHow),
    ("year", Asked(Year)),
    ("annee", Asked(Year)),
    ("date", Asked(Year)),
    ("when", Opening),
    ("quand", Opening),
];

/// Interrogatives that turn the next word into a question.
const ASKING: &[&str] = &["what", "which", "quel", "quelle", "quels", "quelles", "how"];

/// The answer type the query asks for, if it reads as such a question, and
/// the clause that asks it ("share", « longueur »): that word names the
/// answer, the passage that gives it may not say it. Quoted phrases are
/// searched as they stand and ask nothing. The first cue counts: "how many
/// years" asks a number.
pub fn answer_type(query: &Query) -> Option<(AnswerType, usize)> {
    let mut before = String::new();
    for (clause, c) in query.clauses.iter().enumerate().filter(|(_, c)| !c.quoted) {
        let word = fold(c.words.first()?);
        let asked = ASKING.contains(&before.as_str());
        let kind = match CUES.iter().find(|(w, _)| *w == word).map(|&(_, cue)| cue) {
            Some(Always(kind)) => Some(kind),
            Some(Asked(kind)) if asked => Some(kind),
            Some(AfterHow) if before == "how" => Some(Quantity),
            // « depuis quand », "since when".
            Some(Opening) if clause == 0 || before == "depuis" || before == "since" => Some(Year),
            _ => None,
        };
        if let Some(kind) = kind {
            return Some((kind, clause));
        }
        before = word;
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
    let spelled = FIGURES.iter().find(|(w, _)| *w == word).map(|&(_, fraction)| fraction);
    match kind {
        Share => percent || spelled == Some(true),
        Quantity => (digits > 0 && !year) || spelled.is_some(),
        Year => year,
    }
}

/// Figures spelled out: true for a fraction (a share, and a quantity), false for a magnitude.
const FIGURES: &[(&str, bool)] = &[
    ("moitie", true),
    ("tiers", true),
    ("quart", true),
    ("quarts", true),
    ("half", true),
    ("third", true),
    ("thirds", true),
    ("quarter", true),
    ("quarters", true),
    ("majority", true),
    ("majorite", true),
    ("million", false),
    ("millions", false),
    ("milliard", false),
    ("milliards", false),
    ("millier", false),
    ("milliers", false),
    ("centaine", false),
    ("centaines", false),
    ("dizaine", false),
    ("dizaines", false),
    ("thousand", false),
    ("thousands", false),
    ("billion", false),
    ("billions", false),
    ("hundred", false),
    ("hundreds", false),
    ("dozen", false),
    ("dozens", false),
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
