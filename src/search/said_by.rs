//! "What did France say about nuclear tests", « qu'a dit la Lituanie sur le
//! Bélarus »: a question that asks what someone said names a speaker, and the
//! passages where that speaker speaks answer it before the others that share
//! its words.

use super::listed;
use super::query::Query;
use crate::analysis::{fold, is_any_stopword};

/// English auxiliaries before the speaker ("what did France say").
const ASKING: &str = "did does do has have had";
/// Verbs of saying, folded ("say", « dit », « déclaré »).
const SAYING: &str = "say said says think thinks thought dit dire declare pense propose";
/// French words that ask before a verb of saying (« qu'a dit », « qu'ont dit », « que dit »).
const ASKING_FR: &str = "qu que a ont";
/// French words that end the speaker after the verb (« … la Lituanie sur le Bélarus »).
const ABOUT_FR: &str = "sur de du des a au aux concernant";
/// Words that say what kind of speaker, not which ("the French delegation",
/// « le représentant du Mexique »): the speaker is named by the others.
const ROLE: &str = "delegation delegations representative representant representante government gouvernement";

/// A question of what someone said, as clause indexes.
#[derive(Debug, PartialEq)]
pub struct SaidBy {
    /// The clauses that name the speaker ("France", "French").
    pub speaker: Vec<usize>,
    /// The clauses that only ask: the verb of saying first, then the words of a
    /// role beside the speaker's name ("delegation"). They rank nothing.
    pub asking: Vec<usize>,
}

/// What a question of what someone said asks; `None` when the query asks no
/// such thing. Quoted phrases ask nothing.
pub fn said_by(query: &Query) -> Option<SaidBy> {
    let words: Vec<Option<String>> =
        query.clauses.iter().map(|c| if c.quoted { None } else { c.words.first().map(|w| fold(w)) }).collect();
    let word = |i: usize| words.get(i).and_then(Option::as_deref);
    let asked = |verb: usize, range: std::ops::Range<usize>| -> Option<SaidBy> {
        let (mut speaker, mut asking) = (Vec::new(), vec![verb]);
        for i in range {
            match word(i) {
                Some(w) if listed(ROLE, w) => asking.push(i),
                Some(w) if !is_any_stopword(w) => speaker.push(i),
                _ => {}
            }
        }
        // "What did the delegation say": a role alone is the speaker.
        if speaker.is_empty() {
            speaker = asking.split_off(1);
        }
        (!speaker.is_empty()).then_some(SaidBy { speaker, asking })
    };
    let verb = (0..words.len()).find(|&i| word(i).is_some_and(|w| listed(SAYING, w)))?;
    // English: the speaker stands between the auxiliary and the verb.
    if let Some(aux) = (0..verb).rev().find(|&i| word(i).is_some_and(|w| listed(ASKING, w))) {
        return asked(verb, aux + 1..verb);
    }
    // French: after the verb, up to the word that opens what was said about.
    if verb > 0 && word(verb - 1).is_some_and(|w| listed(ASKING_FR, w)) {
        let mut end = verb + 1;
        while end < words.len() && !(end > verb + 1 && word(end).is_some_and(|w| listed(ABOUT_FR, w))) {
            end += 1;
        }
        return asked(verb, verb + 1..end);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::query::parse;
    use super::*;

    fn asked(q: &str) -> Option<(Vec<String>, Vec<String>)> {
        let query = parse(q);
        let word = |i: usize| query.clauses[i].words[0].clone();
        said_by(&query).map(|s| (s.speaker.into_iter().map(word).collect(), s.asking.into_iter().map(word).collect()))
    }

    #[test]
    fn questions_that_ask_what_someone_said() {
        let strings = |words: &[&str]| words.iter().map(|s| s.to_string()).collect::<Vec<String>>();
        let named = |speaker: &[&str], verb: &str| Some((strings(speaker), strings(&[verb])));
        assert_eq!(asked("what did france say about nuclear tests"), named(&["france"], "say"));
        assert_eq!(asked("what did mira sorvino say"), named(&["mira", "sorvino"], "say"));
        assert_eq!(asked("qu'a dit la lituanie sur le belarus"), named(&["lituanie"], "dit"));
        assert_eq!(asked("qu'a dit siobhan mullally"), named(&["siobhan", "mullally"], "dit"));
        let role = |speaker: &str, asking: &[&str]| Some((strings(&[speaker]), strings(asking)));
        assert_eq!(asked("what did the french delegation say"), role("french", &["say", "delegation"]));
        assert_eq!(asked("what did the representative of Mexico say"), role("mexico", &["say", "representative"]));
        assert_eq!(asked("qu'a dit la délégation française sur"), role("française", &["dit", "délégation"]));
        assert_eq!(asked("what did the delegation say"), named(&["delegation"], "say"));
    }

    #[test]
    fn other_queries_ask_no_speaker() {
        assert_eq!(asked("what did the"), None);
        assert_eq!(asked("nuclear tests"), None);
        assert_eq!(asked("\"what did france say\""), None);
        assert_eq!(asked("le droit de dire non"), None);
    }
}
