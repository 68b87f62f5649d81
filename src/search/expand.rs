//! A typed word → the dictionary words it stands for, each with a weight:
//! the same word (1.0), the same word without its accents, an inflection,
//! and only then a completion of the word being typed or a likely typo.

use super::fuzzy::{Rows, distance_within, first_sound, max_edits, prefix_distance_within, sound};
use super::numbers::number_forms;
use crate::analysis::{fold, is_any_stopword, stem_key};
use crate::index::{Index, WordId};
use crate::sort::{sort, sort_by_key};

pub const EXACT: f32 = 1.0;
/// "etats" for "états": the accent is a detail, but the exact form ranks first.
pub const FOLDED: f32 = 0.95;
/// "trafiquant" for "trafiquants": an inflection.
pub const STEMMED: f32 = 0.85;
/// « exploitation » for « exploitant »: the same stem, another word.
pub const DERIVED: f32 = 0.5;
/// "children" for « enfants » (an English query on a French record).
pub const TRANSLATED: f32 = 0.8;
/// A word of the query's language that a word of the other only folds or
/// stems to, beside that word's translations.
pub const FALSE_FRIEND: f32 = 0.5;
/// « prêtes » for « préparés »: a word of like meaning (`lexicon/fr-synonyms.tsv`).
pub const SYNONYM: f32 = 0.5;
/// Upper bound for a completion of the word being typed ("Litu" → "lituanie").
pub const PREFIX: f32 = 0.8;
/// Typos: one edit, two edits.
pub const FUZZY_1: f32 = 0.6;
pub const FUZZY_2: f32 = 0.4;

/// The least a completion weighs against the most frequent one, as a share of its weight.
const COMPLETION_FLOOR: f32 = 0.2;
/// Completions kept for a prefix, the most frequent first.
const MAX_COMPLETIONS: usize = 64;
/// Typo candidates kept, the closest and most frequent first.
const MAX_TYPO_CANDIDATES: usize = 16;
/// A whole word the index lacks, this long, may be a clipped form of a longer one.
const MIN_CLIPPED: usize = 5;
/// A word this many times rarer than its translations (or rarer still) reads
/// as the other language: « travail » in a few English statements, "labour" in
/// thousands; "children" once in a French record, in an organization's name,
/// « enfants » in ten paragraphs.
const RARER_THAN_TRANSLATIONS: usize = 10;
/// A word being typed this long may be misspelt too (shorter, too many words begin nearly so).
const MIN_FUZZY_PREFIX: usize = 5;

/// The words one typed word may match.
#[derive(Clone, Debug, Default)]
pub struct Expansion {
    /// Same word, folded or stemmed: scored together as one term.
    pub core: Vec<(WordId, f32)>,
    /// Completions and typos: each scored on its own, below the core.
    pub extra: Vec<(WordId, f32)>,
    /// The word is a known word's beginning: completions, not typos, explain it.
    pub completed: bool,
    /// How many of `extra`, at its end, are synonyms (no typo to suggest).
    pub synonyms: usize,
}

/// The core forms of a word: exact, folded, stemmed.
pub fn core_forms(index: &Index, word: &str) -> Vec<(WordId, f32)> {
    let folded = fold(word);
    let mut core: Vec<(WordId, f32)> = Vec::new();
    let mut add = |id: WordId, weight: f32| match core.iter_mut().find(|(w, _)| *w == id) {
        Some(entry) => entry.1 = entry.1.max(weight),
        None => core.push((id, weight)),
    };
    if let Some(id) = index.word_id(word) {
        add(id, EXACT);
    }
    for &id in index.fold_group(&folded) {
        add(id, FOLDED);
    }
    for id in index.stem_group(word) {
        add(id, if inflects(&folded, index.folded(id)) { STEMMED } else { DERIVED });
    }
    // "15" is « quinze » and "fifteen"; « quinze » is "15"; "25" the 25th, « vingt-cinquième », a little less.
    for (number, same_kind) in number_forms(&folded) {
        for &id in index.fold_group(&number.form) {
            add(id, if same_kind { FOLDED } else { STEMMED });
        }
    }
    sort_by_key(&mut core, |&(id, _)| id);
    core
}

/// Whether a word of the typed word's stem is an inflection of it, not a
/// derivation: one begins with the other, a few letters apart (« exploitants »
/// for « exploitant », « victime » for « victimes »; not « exploitation »).
fn inflects(typed: &str, word: &str) -> bool {
    let (short, long) = if typed.len() <= word.len() { (typed, word) } else { (word, typed) };
    long.starts_with(short) && long.len() - short.len() <= INFLECTION_LETTERS
}

/// An inflection adds this many letters at most (« -es », "-ing").
const INFLECTION_LETTERS: usize = 3;

/// Whether the words that begin with a typed word stand for it: it is being
/// typed, or it is a whole word the index lacks, long enough to be the clipped
/// form of one it holds (« cinéma » for « cinématographe », "negociat").
pub(crate) fn completes(typed_chars: usize, prefix: bool, known: bool) -> bool {
    if prefix { typed_chars >= 2 } else { !known && typed_chars >= MIN_CLIPPED }
}

/// Whether a typed word reads as the other language (English on a French
/// record, French on an English one): it translates, and the index lacks it or
/// holds it far more rarely than its translations (« travail » in a few
/// English statements, "labour" in thousands).
pub(crate) fn reads_as_other(index: &Index, word: &str) -> bool {
    let core = core_forms(index, word);
    let translations = translations(index, word, &core);
    !translations.is_empty()
        && most_common(index, core.into_iter().map(|(id, _)| id)) * RARER_THAN_TRANSLATIONS
            <= most_common(index, translations.iter().copied())
}

/// A word's translations, unless the index lacks the word, the word is no
/// inflection of the stem its translations are filed under, and the index
/// holds a word that sounds just like it (`fuzzy::sound`) and is none of them:
/// that is the word misspelt ("trafficants" is « trafiquants », not "traffic"
/// derived; « homme » is "man" on an English index, whatever "home" sounds like).
fn translations<'i>(index: &'i Index, word: &str, core: &[(WordId, f32)]) -> &'i [WordId] {
    let translations = index.translations(word);
    let folded = fold(word);
    if translations.is_empty() || !core.is_empty() || inflects(&folded, &stem_key(index.translation_source(), &folded))
    {
        return translations;
    }
    let typed = Typed::new(&folded);
    let (mut chars, mut heard, mut rows) = (Vec::new(), Vec::new(), Rows::default());
    let sounds_alike = index.words_by_fold().iter().any(|&id| {
        let w = index.folded(id);
        // Bytes bound characters from above; a sound is never longer than its word.
        if w.len() < typed.sound.len() || index.doc_freq(id) == 0 || translations.contains(&id) {
            return false;
        }
        chars.clear();
        chars.extend(w.chars());
        typed.sounds_within(&chars, 0, &mut rows, &mut heard).is_some()
    });
    if sounds_alike { &[] } else { translations }
}

/// The document frequency of the most common of some words (0 for none).
fn most_common(index: &Index, ids: impl Iterator<Item = WordId>) -> usize {
    ids.map(|id| index.doc_freq(id)).max().unwrap_or(0)
}

/// Everything a typed word may match. `prefix`: the person is still typing it.
/// `translate`: the query reads as the other language, so its words'
/// translations count too.
pub fn expand(index: &Index, word: &str, prefix: bool, translate: bool) -> Expansion {
    let mut core = core_forms(index, word);
    let translations = translations(index, word, &core);
    // A word more common than its translations is this index's own ("France" in
    // English statements, not "French"), whatever it means in the other language;
    // as typed, not folded (« forcé » is no "force").
    let as_typed = core.iter().filter(|&&(_, w)| w >= EXACT).map(|&(id, _)| id);
    if translate && most_common(index, as_typed) <= most_common(index, translations.iter().copied()) {
        // What the word only folds or stems to is a false friend beside its
        // translations (« forcé » is "forced", not "force").
        for entry in core.iter_mut().filter(|(id, w)| *w < EXACT && !translations.contains(id)) {
            entry.1 *= FALSE_FRIEND;
        }
        for &id in translations {
            match core.iter_mut().find(|(c, _)| *c == id) {
                Some(entry) => entry.1 = entry.1.max(TRANSLATED),
                None => core.push((id, TRANSLATED)),
            }
        }
        sort_by_key(&mut core, |&(id, _)| id);
    }
    let folded = fold(word);
    let typed_chars = folded.chars().count();
    let mut extra = Vec::new();
    if completes(typed_chars, prefix, !core.is_empty()) {
        let mut completions: Vec<WordId> = index
            .prefix_range(&folded)
            .iter()
            .copied()
            .filter(|id| !core.iter().any(|(c, _)| c == id) && index.doc_freq(*id) > 0)
            .collect();
        sort_by_key(&mut completions, |&id| (std::cmp::Reverse(index.doc_freq(id)), id));
        completions.truncate(MAX_COMPLETIONS);
        let most = completions.first().map_or(1, |&id| index.doc_freq(id)).max(1) as f32;
        for id in completions {
            let word_chars = index.folded(id).chars().count().max(1);
            // A rare completion's high idf must not outrank the common word
            // most people are typing ("nucle" → nuclear, not nuclei).
            let share = (index.doc_freq(id) as f32 / most).sqrt().max(COMPLETION_FLOOR);
            extra.push((id, PREFIX * (typed_chars as f32 / word_chars as f32).sqrt() * share));
        }
    }
    // Typos only where the word is neither known nor the start of a known
    // word: a real word, or one still being typed, is what was meant.
    let completed = !extra.is_empty();
    if core.is_empty() && !completed {
        // A word the index lacks may be another of its stem's family (« mendiants »
        // for « la mendicité »): a derivation, before any typo.
        let derived = index.stem_prefixed(word);
        extra.extend(derived.iter().map(|&id| (id, DERIVED)));
        // A word both derived and one typo away counts once, as derived.
        extra.extend(typo_candidates(index, &folded, prefix).into_iter().filter(|(id, _)| !derived.contains(id)));
        // "forced labuor" on a French record: a misspelt word of the other language.
        if translate || extra.is_empty() {
            extra.extend(misspelt_translations(index, &folded));
        }
    }
    // A word the record lacks, said in its words: « mal préparés » is « pas prêtes »,
    // « actrice » « star de cinéma » (only where the record lacks the word: a word of two
    // senses keeps to the record's own use of it).
    let synonyms: Vec<(WordId, f32)> = (if core.is_empty() { index.synonyms(word) } else { &[] })
        .iter()
        .filter(|id| !core.iter().chain(&extra).any(|(c, _)| c == *id))
        .map(|&id| (id, SYNONYM))
        .collect();
    extra.extend_from_slice(&synonyms);
    Expansion { core, extra, completed, synonyms: synonyms.len() }
}

/// The translations of the word of the other language a misspelt word is
/// likely to be ("labuor" → labour's « travail »): the stem key within the
/// edits allowed for a typo, the fewest edits first, then the first such key.
fn misspelt_translations(index: &Index, folded: &str) -> Vec<(WordId, f32)> {
    let typed: Vec<char> = stem_key(index.translation_source(), folded).chars().collect();
    let mut rows = Rows::default();
    let mut best: Option<(usize, &[WordId])> = None;
    for translation in &index.data.translations {
        let key: Vec<char> = translation.key.chars().collect();
        let max = max_edits(typed.len(), key.len()).min(best.map_or(usize::MAX, |(d, _)| d.saturating_sub(1)));
        // A word's own key (ending in a tab) is found through its stem key.
        if max > 0
            && !translation.key.ends_with('\t')
            && let Some(d) = distance_within(&typed, &key, max, &mut rows).filter(|&d| d > 0)
        {
            best = Some((d, &translation.words));
        }
    }
    let weight = TRANSLATED * if best.is_some_and(|(d, _)| d == 1) { FUZZY_1 } else { FUZZY_2 };
    best.map_or(Vec::new(), |(_, words)| words.iter().map(|&id| (id, weight)).collect())
}

/// A misspelt word as typed (folded) and as it sounds.
pub(crate) struct Typed {
    chars: Vec<char>,
    sound: Vec<char>,
}

impl Typed {
    pub(crate) fn new(folded: &str) -> Typed {
        let chars: Vec<char> = folded.chars().collect();
        let mut heard = Vec::new();
        sound(&chars, &mut heard);
        Typed { chars, sound: heard }
    }

    /// The edits to a folded candidate, when within the edits allowed for a
    /// typo (as `typo_candidates` allows them: never to a stopword); 0: the same.
    pub(crate) fn typo_distance(&self, candidate: &str, prefix: bool) -> Option<usize> {
        if is_any_stopword(candidate) {
            return None;
        }
        let candidate: Vec<char> = candidate.chars().collect();
        edits(self, &candidate, prefix, &mut Rows::default(), &mut Vec::new()).map(|(d, _)| d)
    }

    /// The edits between how this word and a candidate sound, if at most `max`
    /// (`heard`: a buffer for the candidate's sound).
    fn sounds_within(&self, candidate: &[char], max: usize, rows: &mut Rows, heard: &mut Vec<char>) -> Option<usize> {
        // Most words begin with another sound: not worth spelling out.
        if first_sound(candidate).as_ref() != self.sound.first() {
            return None;
        }
        sound(candidate, heard);
        distance_within(&self.sound, heard, max, rows)
    }
}

/// The edits from what was typed to the whole candidate, or, for a word still
/// being typed (`prefix`, five letters or more), to its nearest beginning;
/// true when only a beginning is that near.
/// A spelling that sounds like the candidate (`fuzzy::sound`) counts as one
/// edit more than the sounds differ by ("trafficants" → « trafiquants »: one).
fn edits(
    typed: &Typed,
    candidate: &[char],
    prefix: bool,
    rows: &mut Rows,
    heard: &mut Vec<char>,
) -> Option<(usize, bool)> {
    let max = max_edits(typed.chars.len(), candidate.len());
    let whole = match max {
        0 => None,
        max => distance_within(&typed.chars, candidate, max, rows)
            .or_else(|| typed.sounds_within(candidate, max - 1, rows, heard).map(|d| d + 1)),
    };
    let typed = &typed.chars;
    match (whole, prefix && typed.len() >= MIN_FUZZY_PREFIX) {
        (Some(d), _) => Some((d, false)),
        (None, true) => {
            prefix_distance_within(typed, candidate, max_edits(typed.len(), typed.len()), rows).map(|d| (d, true))
        }
        (None, false) => None,
    }
}

/// Dictionary words within the allowed edits of a folded word, best first;
/// of a word still being typed (`prefix`, five letters or more), words that
/// begin within those edits ("soriv" → sorvino).
pub fn typo_candidates(index: &Index, folded: &str, prefix: bool) -> Vec<(WordId, f32)> {
    let typed = Typed::new(folded);
    if max_edits(typed.chars.len(), typed.chars.len() + 2) == 0 {
        return Vec::new();
    }
    let mut heard = Vec::new();
    let mut found: Vec<(bool, usize, bool, usize, WordId)> = Vec::new();
    let mut candidate: Vec<char> = Vec::new();
    let mut rows = Rows::default();
    let widest = max_edits(typed.chars.len(), usize::MAX);
    for &id in index.words_by_fold() {
        let w = index.folded(id);
        // Bytes bound characters from above: most words fail this before being decoded.
        if w.len() + widest < typed.chars.len() || index.doc_freq(id) == 0 && !index.is_field_word(id) {
            continue;
        }
        candidate.clear();
        candidate.extend(w.chars());
        // A stopword is never what a misspelt word meant ("taux" is not "aux").
        if let Some((d, begins_only)) = edits(&typed, &candidate, prefix, &mut rows, &mut heard).filter(|&(d, _)| d > 0)
            && !is_any_stopword(w)
        {
            // People rarely miss a word's first letter: "apartied" is apartheid, not parties.
            let first_differs = candidate.first() != typed.chars.first();
            found.push((begins_only, d, first_differs, usize::MAX - index.doc_freq(id), id));
        }
    }
    sort(&mut found);
    // A whole word near what was typed is what was meant; only when there is
    // none does a word that begins so count ("womne" is women, not "womfe…").
    if found.first().is_some_and(|&(begins_only, ..)| !begins_only) {
        found.retain(|&(begins_only, ..)| !begins_only);
    }
    found.truncate(MAX_TYPO_CANDIDATES);
    // As for completions, a rare candidate's high idf must not outrank the
    // likeliest word ("rseolution" → resolution, not revolution): each weighs
    // by its frequency against the best candidate's — the fewest edits, the
    // first letter kept, the most frequent.
    let best = found.first().map_or(1, |&(.., id)| index.doc_freq(id)).max(1) as f32;
    found
        .into_iter()
        .map(|(_, d, _, _, id)| {
            let share = (index.doc_freq(id).max(1) as f32 / best).sqrt().clamp(COMPLETION_FLOOR, 1.0);
            (id, if d == 1 { FUZZY_1 } else { FUZZY_2 } * share)
        })
        .collect()
}
