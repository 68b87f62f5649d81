//! Who speaks in each paragraph.
//!
//! Press releases name speakers in three ways: people with an honorific
//! (« Mme Siobhán Mullally », later « Mme Mullally »), delegations (« La
//! Lituanie », « l’Union européenne ») and organizations defined with their
//! acronym (« l’Organisation internationale pour les migrations (OIM) »). A
//! title given by apposition (« la Présidente de l’Assemblée générale, Mme
//! Annalena Baerbock ») names that person wherever it recurs alone. A
//! paragraph that names nobody but carries the speech on (« Elle a, de
//! plus, appelé… ») belongs to the previous paragraph's speakers, until a new
//! section starts.

use super::Passage;
use super::delegations::DELEGATIONS;
use crate::analysis::Lang;
use crate::analysis::acronyms::find_definitions;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpeakerKind {
    Person,
    Delegation,
    Organization,
}

impl SpeakerKind {
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(code: u8) -> Option<SpeakerKind> {
        [SpeakerKind::Person, SpeakerKind::Delegation, SpeakerKind::Organization].get(usize::from(code)).copied()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Speaker {
    /// "Siobhán Mullally", "Lituanie", "Organisation internationale pour les migrations (OIM)".
    pub name: String,
    pub kind: SpeakerKind,
}

const HONORIFICS: &[&str] = &[
    "M.", "MM.", "Mme", "Mmes", "Mlle", "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Dr", "Dr.", "Pr", "Pr.", "Sir",
    "Dame", "Lord", "Lady",
];

/// Lowercase particles that may stand inside a name ("Ursula von der Leyen").
const NAME_PARTICLES: &[&str] = &["de", "du", "des", "da", "dos", "van", "von", "der", "bin", "ben", "ibn", "al", "el"];

/// Openings and phrases that show a paragraph carries on the previous speech.
const CONTINUATION_OPENINGS: &[&str] = &[
    "Elle ",
    "Il ",
    "Selon elle",
    "Selon lui",
    "Pour elle",
    "Pour lui",
    "D’après elle",
    "D’après lui",
    "She ",
    "He ",
    "According to her",
    "According to him",
];
const SPEECH_MARKS: &[&str] =
    &["a-t-elle", "a-t-il", "selon elle", "selon lui", "she said", "he said", "she added", "he added"];

/// Fills `speakers` of each passage, in order.
pub fn assign(passages: &mut [Passage], lang: Lang) {
    let delegations = delegation_names(lang);
    let mentions: Vec<Vec<String>> = passages.iter().map(|p| person_mentions(&p.text)).collect();
    let full_names: Vec<&String> = mentions.iter().flatten().filter(|n| n.contains(' ')).collect();
    let titles: Vec<(String, String)> =
        passages.iter().zip(&mentions).flat_map(|(p, names)| titles_introduced(&p.text, names)).collect();

    let mut previous: Option<(Option<String>, Vec<Speaker>)> = None;
    for (passage, names) in passages.iter_mut().zip(&mentions) {
        let mut speakers: Vec<Speaker> = Vec::new();
        for name in names {
            let name = resolve_surname(name, &full_names);
            push_unique(&mut speakers, Speaker { name, kind: SpeakerKind::Person });
        }
        for (title, name) in &titles {
            if mentions_title(&passage.text, title) {
                push_unique(&mut speakers, Speaker { name: name.clone(), kind: SpeakerKind::Person });
            }
        }
        if speakers.is_empty() {
            for name in find_delegations(&passage.text, &delegations) {
                push_unique(&mut speakers, Speaker { name, kind: SpeakerKind::Delegation });
            }
            for def in find_definitions(&passage.text) {
                if !speakers.iter().any(|s| s.name == def.expansion) && def.expansion.starts_with(char::is_uppercase) {
                    let name = format!("{} ({})", def.expansion, def.acronym);
                    push_unique(&mut speakers, Speaker { name, kind: SpeakerKind::Organization });
                }
            }
        }
        if speakers.is_empty()
            && let Some((section, before)) = &previous
            && *section == passage.section
            && carries_speech_on(&passage.text)
        {
            speakers = before.clone();
        }
        previous = Some((passage.section.clone(), speakers.clone()));
        passage.speakers = speakers;
    }
}

fn push_unique(speakers: &mut Vec<Speaker>, speaker: Speaker) {
    if !speakers.contains(&speaker) {
        speakers.push(speaker);
    }
}

/// « Mme Mullally » is the « Siobhán Mullally » named elsewhere in the record, when only one matches.
fn resolve_surname(name: &str, full_names: &[&String]) -> String {
    if name.contains(' ') {
        return name.to_string();
    }
    let mut matches = full_names.iter().filter(|full| full.rsplit(' ').next() == Some(name));
    match (matches.next(), matches.next()) {
        (Some(full), None) => (*full).clone(),
        _ => name.to_string(),
    }
}

fn carries_speech_on(text: &str) -> bool {
    if CONTINUATION_OPENINGS.iter().any(|o| text.starts_with(o)) {
        return true;
    }
    let lower = text.to_lowercase();
    if SPEECH_MARKS.iter().any(|m| lower.contains(m)) {
        return true;
    }
    // « a plaidé », « a ajouté »: the auxiliary then a past participle.
    lower
        .split(|c: char| !c.is_alphabetic())
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| w[0] == "a" && w[1].chars().count() > 3 && (w[1].ends_with('é') || w[1].ends_with("it")))
}

/// Names introduced by an honorific, in order: "Annalena Baerbock", "Mullally".
fn person_mentions(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.split([' ', '\u{a0}', '\u{202f}']).collect();
    let mut out = Vec::new();
    for (i, word) in words.iter().enumerate() {
        if !HONORIFICS.contains(word) {
            continue;
        }
        let mut name: Vec<&str> = Vec::new();
        for next in words.iter().skip(i + 1).take(6) {
            let bare = next.trim_end_matches([',', '.', ';', ':', '!', '?', ')', '»']);
            let capitalized = bare.starts_with(char::is_uppercase) && bare.chars().any(char::is_lowercase);
            let initial = bare.chars().count() == 1 && bare.starts_with(char::is_uppercase) && next.ends_with('.');
            if capitalized || initial || (!name.is_empty() && NAME_PARTICLES.contains(&bare)) {
                name.push(bare);
            } else {
                break;
            }
            if bare.len() != next.len() && !initial {
                break;
            }
        }
        while name.last().is_some_and(|w| NAME_PARTICLES.contains(w)) {
            name.pop();
        }
        if !name.is_empty() {
            out.push(name.join(" "));
        }
    }
    out
}

/// Titles given to a person by apposition, (title, full name): « la
/// Présidente de l’Assemblée générale, Mme Annalena Baerbock » gives
/// ("Présidente de l’Assemblée générale", "Annalena Baerbock"), so that a
/// later « la Présidente de l’Assemblée générale » names her.
fn titles_introduced(text: &str, names: &[String]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in names.iter().filter(|n| n.contains(' ')) {
        let Some(at) = HONORIFICS.iter().find_map(|h| text.find(&format!("{h} {name}"))) else { continue };
        let Some(before) = text.get(..at).and_then(|t| t.trim_end().strip_suffix(',')) else { continue };
        let clause = before.rsplit([',', '.', ';', ':', '«', '»', '(']).next().unwrap_or_default().trim();
        if let Some(title) = strip_article(clause)
            && title.chars().count() >= 8
            && title.starts_with(char::is_uppercase)
        {
            out.push((title.to_string(), name.clone()));
        }
    }
    out
}

/// The articles a title follows: « la Présidente », « l’Envoyée », "the President".
const TITLE_ARTICLES: &[&str] = &["la ", "le ", "l’", "La ", "Le ", "L’", "the ", "The "];

/// « la Présidente… » → « Présidente… ».
fn strip_article(phrase: &str) -> Option<&str> {
    TITLE_ARTICLES.iter().chain(&["l'", "L'"]).find_map(|a| phrase.strip_prefix(a))
}

/// True when the text names the title with its article: « la Présidente de l’Assemblée générale ».
fn mentions_title(text: &str, title: &str) -> bool {
    let text = text.replace('\'', "’");
    let title = title.replace('\'', "’");
    TITLE_ARTICLES.iter().any(|a| {
        text.match_indices(&format!("{a}{title}")).any(|(at, phrase)| {
            let before = text.get(..at).and_then(|t| t.chars().next_back());
            let after = text.get(at + phrase.len()..).and_then(|t| t.chars().next());
            before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric() && c != '-')
        })
    })
}

/// (name as written, canonical name), longest first so "Guinée-Bissau" wins over "Guinée".
fn delegation_names(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let mut names: Vec<(&str, &str)> = DELEGATIONS
        .iter()
        .flat_map(|d| {
            let list = if lang == Lang::French { d.fr } else { d.en };
            let canonical = list.first().copied().unwrap_or_default();
            list.iter().map(move |n| (*n, canonical))
        })
        .filter(|(n, _)| n.starts_with(char::is_uppercase))
        .collect();
    names.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(b.0)));
    names
}

/// Delegations named in the text, in order of first mention.
fn find_delegations(text: &str, names: &[(&str, &'static str)]) -> Vec<String> {
    let text = text.replace('\'', "’");
    let mut taken: Vec<(usize, usize, &str)> = Vec::new();
    for &(name, canonical) in names {
        let mut from = 0;
        while let Some(at) = text[from..].find(name).map(|i| from + i) {
            let end = at + name.len();
            from = end;
            let before = text[..at].chars().next_back();
            let after = text[end..].chars().next();
            let bounded = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '-');
            if bounded(before) && bounded(after) && !taken.iter().any(|&(s, e, _)| at < e && s < end) {
                taken.push((at, end, canonical));
            }
        }
    }
    taken.sort();
    let mut out: Vec<String> = Vec::new();
    for (_, _, name) in taken {
        if !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passages(texts: &[(&str, Option<&str>)]) -> Vec<Passage> {
        let mut ps: Vec<Passage> = texts
            .iter()
            .enumerate()
            .map(|(i, (t, s))| Passage {
                id: format!("X#p{}", i + 1),
                number: i as u32 + 1,
                section: s.map(str::to_string),
                text: t.to_string(),
                ..Passage::default()
            })
            .collect();
        assign(&mut ps, Lang::French);
        ps
    }

    fn names(p: &Passage) -> Vec<&str> {
        p.speakers.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn finds_people_by_honorific_and_resolves_surnames() {
        let ps = passages(&[
            ("La Rapporteuse spéciale, Mme Siobhán Mullally, les a vivement interpellés.", None),
            ("Mme Mullally a même choisi de s’en prendre aux pays.", None),
            ("Au nom du Secrétaire général, M. Guy Ryder, a réitéré l’appel de M. Guterres.", None),
        ]);
        assert_eq!(names(&ps[0]), ["Siobhán Mullally"]);
        assert_eq!(names(&ps[1]), ["Siobhán Mullally"]);
        assert_eq!(names(&ps[2]), ["Guy Ryder", "Guterres"]);
        assert_eq!(ps[0].speakers[0].kind, SpeakerKind::Person);
    }

    #[test]
    fn a_title_given_by_apposition_names_its_holder_later() {
        let ps = passages(&[
            ("Aux États Membres, la Présidente de l’Assemblée générale, Mme Annalena Baerbock, a demandé.", None),
            ("Le développement de cybercrimes a préoccupé Mme Baerbock.", None),
            ("Mme Mullally et, avant elle, la Présidente de l’Assemblée générale ont insisté.", None),
            ("La Vice-Présidente de l’Assemblée générale a clos la séance.", None),
        ]);
        assert_eq!(names(&ps[0]), ["Annalena Baerbock"]);
        assert_eq!(names(&ps[2]), ["Mullally", "Annalena Baerbock"]);
        assert!(ps[3].speakers.iter().all(|s| s.name != "Annalena Baerbock"), "another title is another person");
    }

    #[test]
    fn finds_delegations_with_articles_and_elisions() {
        let ps = passages(&[
            ("La Lituanie, au nom également de la Pologne et de l’Ukraine, a retiré toute légitimité.", None),
            ("Le débat, par la voix d’Israël et d'Haïti, a continué.", None),
            ("l’Union européenne a, elle, appelé à lutter.", None),
        ]);
        assert_eq!(names(&ps[0]), ["Lituanie", "Pologne", "Ukraine"]);
        assert_eq!(names(&ps[1]), ["Israël", "Haïti"]);
        assert_eq!(names(&ps[2]), ["Union européenne"]);
        assert_eq!(ps[0].speakers[0].kind, SpeakerKind::Delegation);
    }

    #[test]
    fn organizations_speak_through_their_acronym_definition() {
        let ps = passages(&[(
            "La représentante de l’Organisation internationale pour les migrations (OIM) a rappelé.",
            None,
        )]);
        assert_eq!(names(&ps[0]), ["Organisation internationale pour les migrations (OIM)"]);
    }

    #[test]
    fn a_paragraph_that_carries_on_keeps_the_speaker_until_the_section_ends() {
        let ps = passages(&[
            ("Mme Mira Sorvino a pris la parole.", Some("A")),
            ("L’ancienne Ambassadrice de bonne volonté de l’ONUDC a plaidé pour le modèle nordique.", Some("A")),
            ("Elle a, de plus, appelé les gouvernements à agir.", Some("B")),
            ("La discussion s’est poursuivie dans l’après-midi.", Some("B")),
        ]);
        assert_eq!(names(&ps[1]), ["Mira Sorvino"]);
        assert!(ps[2].speakers.is_empty(), "a new section ends the speech");
        assert!(ps[3].speakers.is_empty(), "narration is nobody's speech");
    }
}
