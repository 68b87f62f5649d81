//! A query → ranked passages: parse, expand each word (exact, folded, stemmed,
//! completed, corrected), score clauses (BM25, phrases, acronyms, speaker and
//! section fields), combine with coverage and proximity, then cut snippets.

mod answer_type;
mod expand;
mod fuzzy;
mod initials;
mod numbers;
pub mod query;
mod rank;
mod said_by;
mod snippet;
mod titles;

use crate::analysis::{Lang, fold, is_stopword, tokenize};
use crate::index::{Index, WordId};
use crate::sort::{sort, sort_by, sort_by_key};
use answer_type::{AnswerType, answer_type, answers, spelled_figures};
use expand::{Expansion, expand};
pub(crate) use expand::{Typed, completes, core_forms, reads_as_other};
pub(crate) use numbers::number_forms;
use query::{Clause, Query, parse};
use rank::{Matches, Scorer, merge_best};
pub(crate) use said_by::{SaidBy, said_by};
use serde::Serialize;
use std::ops::Range;

pub use snippet::Snippet;

/// An acronym found for its long name, or a long name for its acronym, is worth this much of a direct match.
const ACRONYM_WEIGHT: f32 = 0.8;
/// Weight of query words that stand close together in the passage.
const PROXIMITY_WEIGHT: f32 = 0.5;
/// How strongly the share of the query matched (weighted by idf) scales the score.
const COVERAGE_POWER: f32 = 1.0;
/// Positions further apart than this earn no proximity bonus.
const PROXIMITY_WINDOW: u32 = 8;
/// A passage holding the kind of figure a question asks for ("how many") scores this much more.
const ANSWER_BONUS: f32 = 2.0;
/// A passage the speaker a question asks about speaks in ("what did France say…") scores this much more.
const SPOKEN_BONUS: f32 = 2.0;
/// The word that names the figure asked for ("share", « taux ») counts this much of a word.
const ASKING_WEIGHT: f32 = 0.3;
/// Answer types, acronyms read from initials and titles that name a speaker
/// need a whole index (every figure, every passage's text and speakers). The
/// archive's wasm engine only ever holds an archive's parts, so its build
/// leaves them out.
const WHOLE_INDEX_FEATURES: bool = !cfg!(all(target_arch = "wasm32", feature = "archive"));

/// Filters and paging.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SearchOptions {
    pub limit: usize,
    /// Only passages of this record (its symbol).
    pub record: Option<String>,
    /// Only passages under this section heading.
    pub section: Option<String>,
    /// Only passages where this speaker speaks.
    pub speaker: Option<String>,
    /// Only passages of records from this year ("2023").
    pub year: Option<String>,
    /// Only passages in this language ("fr", "en").
    pub lang: Option<String>,
}

impl Default for SearchOptions {
    fn default() -> SearchOptions {
        SearchOptions { limit: 10, record: None, section: None, speaker: None, year: None, lang: None }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Results {
    pub query: String,
    pub hits: Vec<Hit>,
    /// Passages matched before the limit.
    pub total: usize,
    pub facets: Facets,
    /// "Did you mean", when nothing matched the words as typed.
    pub suggestion: Option<String>,
    pub warnings: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Hit {
    /// "AG/12734#p23".
    pub id: String,
    /// "p23": the fragment of the paragraph in the record's page.
    pub anchor: String,
    /// The record's symbol.
    pub record: String,
    /// The record's title and date.
    pub title: String,
    pub date: String,
    pub number: u32,
    pub section: Option<String>,
    /// The main speaker.
    pub speaker: Option<String>,
    pub speakers: Vec<String>,
    pub score: f32,
    /// The whole passage.
    pub text: String,
    /// Byte ranges of `text` to highlight.
    pub highlights: Vec<Range<usize>>,
    pub snippet: Snippet,
    /// Position of the passage in the index data.
    #[serde(skip)]
    pub passage: u32,
}

/// Counts per value among the matched passages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    pub records: Vec<FacetCount>,
    pub sections: Vec<FacetCount>,
    pub speakers: Vec<FacetCount>,
    pub years: Vec<FacetCount>,
    pub languages: Vec<FacetCount>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    pub value: String,
    pub count: usize,
}

/// One scored clause, ready to combine.
struct Scored {
    matches: Matches,
    /// How much matching this clause matters for coverage: its idf, or 0 when
    /// no passage matches it (an unknown word should not sink every passage).
    weight: f32,
    /// Content clauses count towards coverage; lone stopwords do not.
    content: bool,
    /// Matched only through a typo correction or a completion.
    inexact: bool,
    /// Names the speaker a question asks about: matched, for coverage, in that speaker's passages.
    names_speaker: bool,
}

impl Index {
    /// Runs a query. Never fails: odd input gives warnings and fewer results.
    pub fn search(&self, input: &str, options: &SearchOptions) -> Results {
        let mut query = parse(input);
        self.split_joined_words(&mut query);
        self.loosen_translated_phrases(&mut query);
        let scorer = Scorer::new(self);
        let all_stopwords = query.clauses.iter().all(Clause::is_stopword);
        let translate = self.reads_as_translation(&query);
        let mut scored: Vec<Scored> = Vec::new();
        let mut expansions: Vec<Option<Expansion>> = Vec::new();
        for (i, clause) in query.clauses.iter().enumerate() {
            // Function words rank nothing unless they are all there is ("to be or not to be").
            if clause.is_stopword() && !all_stopwords {
                scored.push(Scored {
                    matches: Matches::default(),
                    weight: 0.0,
                    content: false,
                    inexact: false,
                    names_speaker: false,
                });
                expansions.push(None);
                continue;
            }
            // A word typed twice is expanded (and its typos scanned) once.
            let earlier = query.clauses.get(..i).and_then(|before| before.iter().position(|c| c == clause));
            let (matches, expansion) = match earlier.and_then(|j| Some((scored.get(j)?, expansions.get(j)?))) {
                Some((done, expansion)) if done.content => (done.matches.clone(), expansion.clone()),
                _ => self.score_clause(&scorer, clause, translate),
            };
            let inexact = expansion.as_ref().is_some_and(|e| e.core.is_empty() && !e.completed);
            let df = match &expansion {
                Some(e) => self.pooled_doc_freq(e.core.iter().map(|&(id, _)| id), matches.len()),
                None => matches.len(),
            };
            let weight = if matches.is_empty() { 0.0 } else { scorer.idf(df) };
            scored.push(Scored { matches, weight, content: true, inexact, names_speaker: false });
            expansions.push(expansion);
        }
        self.apply_acronym_spans(&scorer, &query, &expansions, &mut scored);
        // "What share…", « Quelle est la longueur… »: the word that names the figure counts for less,
        // and a passage that gives the figure without that word misses nothing.
        let asks = if self.is_whole() { answer_type(&query) } else { None };
        if let Some(asking) = asks.and_then(|(_, clause)| scored.get_mut(clause?)) {
            asking.weight = 0.0;
            asking.matches.values_mut().for_each(|m| m.score *= ASKING_WEIGHT);
        }

        if self.is_whole() {
            let content: Vec<usize> =
                (0..scored.len()).filter(|&i| scored[i].content && scored[i].weight > 0.0).collect();
            titles::apply_titles(self, &mut scored, &content);
        }
        // "What did France say…": the verb (and "delegation") only asks; the speaker's passages answer first.
        let spoken = match said_by(&query) {
            Some(asked) => {
                for &i in &asked.asking {
                    if let Some(asking) = scored.get_mut(i) {
                        asking.weight = 0.0;
                        asking.matches.clear();
                    }
                }
                for &i in &asked.speaker {
                    if let Some(naming) = scored.get_mut(i) {
                        naming.names_speaker = true;
                    }
                }
                self.passages_spoken_by(&query, &asked.speaker, &expansions)
            }
            None => Vec::new(),
        };
        let excluded = self.excluded_passages(&scorer, &query);
        let answering = asks.map_or_else(Vec::new, |(kind, _)| self.passages_answering(kind));
        let mut ranked = combine(&scored, &excluded, &answering, &spoken);
        ranked.retain(|(p, _)| self.passes_filters(*p, options));
        let facets = self.facets(ranked.iter().map(|&(p, _)| p));
        let total = ranked.len();

        let weak = ranked.is_empty() || scored.iter().filter(|s| s.content).all(|s| s.inexact || s.matches.is_empty());
        let suggestion = if weak { self.suggest(&query, &expansions) } else { None };

        let hits = ranked
            .into_iter()
            .take(options.limit)
            .map(|(passage, score)| {
                let mut matched: Vec<(u32, WordId)> = scored
                    .iter()
                    .filter_map(|s| s.matches.get(&passage))
                    .flat_map(|m| m.hits.iter().copied())
                    .collect();
                sort(&mut matched);
                self.hit(passage, score, &matched)
            })
            .collect();
        Results { query: input.to_string(), hits, total, facets, suggestion, warnings: query.warnings }
    }

    /// A query reads as the other language (its words' translations count) when
    /// it holds a function word of that language, or a word that reads so ("les",
    /// or « travail » in « travail des enfants » on an English record): a query is
    /// typed in one language.
    fn reads_as_translation(&self, query: &Query) -> bool {
        let words = query.clauses.iter().filter(|c| !c.phrase && c.alias.is_none() && !c.is_stopword());
        reads_as(query, self.translation_source())
            || words.filter_map(|c| c.words.first()).any(|w| reads_as_other(self, w))
    }

    /// « costarica » → « costa rica »: a word the index lacks, typed without the
    /// space between two words that stand side by side in the record, is read as
    /// those two words, quoted. Only where the pair occurs: « partout » is not
    /// « par tout » unless the record says so. A whole index only: an archive's
    /// part holds the query's own words, not their halves.
    fn split_joined_words(&self, query: &mut Query) {
        if !self.is_whole() {
            return;
        }
        for clause in &mut query.clauses {
            let [word] = clause.words.as_slice() else { continue };
            let folded = fold(word);
            if clause.quoted || !self.prefix_range(&folded).is_empty() {
                continue; // known, or being typed
            }
            for (at, _) in folded.char_indices().skip(2) {
                // `get`, not `split_at`: its panic path would bring ~4 KB of formatting into the wasm.
                let (Some(left), Some(right)) = (folded.get(..at), folded.get(at..)) else { continue };
                if right.chars().nth(1).is_some() && self.stand_together(left, right) {
                    *clause =
                        Clause { words: vec![left.to_string(), right.to_string()], phrase: true, ..Clause::default() };
                    break;
                }
            }
        }
    }

    /// Whether a word folded as `left` is followed by one folded as `right` somewhere.
    fn stand_together(&self, left: &str, right: &str) -> bool {
        let postings = |id: &WordId| self.data.postings.get(*id as usize).map_or(&[][..], Vec::as_slice);
        for a in self.fold_group(left).iter().flat_map(postings) {
            for b in self.fold_group(right).iter().flat_map(postings) {
                if a.passage == b.passage && a.positions.iter().any(|&p| b.positions.contains(&(p + 1))) {
                    return true;
                }
            }
        }
        false
    }

    /// A quoted phrase of the other language ("forced labour" on a French record)
    /// matches nothing as typed, and its translation may run in another order
    /// (« travail forcé »): its words are searched as words, with their
    /// translations, and the words that stand close rank first.
    fn loosen_translated_phrases(&self, query: &mut Query) {
        let translated: Vec<bool> = query
            .clauses
            .iter()
            .map(|c| {
                let mut content = c.words.iter().filter(|w| !crate::analysis::is_any_stopword(&fold(w))).peekable();
                c.quoted && content.peek().is_some() && content.all(|w| reads_as_other(self, w))
            })
            .collect();
        if !translated.contains(&true) {
            return;
        }
        let clauses = std::mem::take(&mut query.clauses);
        for (clause, translated) in clauses.into_iter().zip(translated) {
            match translated {
                true => query
                    .clauses
                    .extend(clause.words.into_iter().map(|w| Clause { words: vec![w], ..Clause::default() })),
                false => query.clauses.push(clause),
            }
        }
    }

    fn score_clause(&self, scorer: &Scorer, clause: &Clause, translate: bool) -> (Matches, Option<Expansion>) {
        if clause.phrase {
            let slots: Vec<Vec<(WordId, f32)>> = clause
                .words
                .iter()
                .map(|w| match self.is_partial() && crate::analysis::is_any_stopword(&fold(w)) {
                    // A part of an archive keeps only a function word's best postings: let any word stand there.
                    true => vec![(rank::ANY_WORD, 1.0)],
                    false => core_forms(self, w),
                })
                .collect();
            let content_words = clause.words.iter().filter(|w| !crate::analysis::is_any_stopword(&fold(w))).count();
            let matches = scorer.phrase(&slots, content_words.max(1) as f32);
            return (matches, None);
        }
        let word = clause.words.first().map_or("", String::as_str);
        let folded = fold(word);
        let mut expansion = expand(self, word, clause.prefix, translate);
        // "AI" on a French record is « IA », not the verb « ai »; "UN" is « ONU », not « un ».
        if clause.capitals && crate::analysis::is_any_stopword(&folded) {
            let translations = self.translations(word);
            if !translations.is_empty() {
                expansion.core = translations.iter().map(|&id| (id, expand::TRANSLATED)).collect();
                expansion.extra.clear();
            }
        }
        if let Some(alias) = &clause.alias {
            // "60%": the whole form first, the bare number below it.
            let mut core = core_forms(self, alias);
            core.extend(expansion.core.iter().map(|&(id, w)| (id, w * 0.8)));
            expansion.core = core;
        }
        // An unknown acronym ("NYU", or one no typo explains) may be the initials of a name the text spells out.
        let names = match self.is_whole() && expansion.core.is_empty() && !expansion.completed {
            true if clause.capitals || expansion.extra.is_empty() => initials::names_spelled_by(self, word),
            _ => Vec::new(),
        };
        if !names.is_empty() {
            expansion.extra.clear();
        }
        let (mut matches, idf) = scorer.words(&expansion.core, &expansion.extra);
        let field_words: Vec<(WordId, f32)> = expansion.core.iter().chain(&expansion.extra).copied().collect();
        scorer.field_bonus(&mut matches, &field_words, idf);
        // "ONUDC" also finds « l’Office des Nations Unies contre la drogue et le crime »,
        // and "AI", translated « IA », « l’intelligence artificielle ».
        let mut long_names = names;
        for acronym in &self.data.acronyms {
            if self.folded(acronym.acronym) == folded || expansion.core.iter().any(|&(id, _)| id == acronym.acronym) {
                long_names.push(acronym.expansion.clone());
            }
        }
        for name in long_names {
            let slots: Vec<Vec<(WordId, f32)>> = name.into_iter().map(|id| vec![(id, 1.0)]).collect();
            merge_best(&mut matches, scorer.phrase(&slots, ACRONYM_WEIGHT));
        }
        (matches, Some(expansion))
    }

    /// "intelligence artificielle" also finds "IA": consecutive query words that
    /// spell an acronym's long name may match the acronym instead.
    fn apply_acronym_spans(
        &self,
        scorer: &Scorer,
        query: &Query,
        expansions: &[Option<Expansion>],
        scored: &mut [Scored],
    ) {
        let content: Vec<usize> =
            (0..query.clauses.len()).filter(|&i| !query.clauses[i].phrase && !query.clauses[i].is_stopword()).collect();
        for acronym in &self.data.acronyms {
            let long: Vec<&str> = acronym
                .expansion
                .iter()
                .map(|&id| self.folded(id))
                .filter(|w| !crate::analysis::is_any_stopword(w))
                .collect();
            if long.len() < 2 {
                continue;
            }
            // As typed, inflected, misspelt or translated: "inteligence artificielle" is « IA » too.
            let spells = |i: usize, w: &str| {
                let typed = &query.clauses[i].words[0];
                let expanded = expansions.get(i).and_then(Option::as_ref).into_iter();
                let mut forms = expanded.flat_map(|e| e.core.iter().chain(&e.extra));
                fold(typed) == w || forms.any(|&(id, _)| self.folded(id) == w)
            };
            for window in content.windows(long.len()) {
                // In any order: a translation may run in another ("United Nations Office on
                // Drugs and Crime" is « l’Office des Nations Unies contre la drogue et le crime »).
                let spelled = long.iter().all(|w| window.iter().any(|&i| spells(i, w)))
                    && window.iter().all(|&i| long.iter().any(|w| spells(i, w)));
                if !spelled {
                    continue;
                }
                let (short, _) = scorer.words(&core_forms(self, self.word(acronym.acronym)), &[]);
                let share = ACRONYM_WEIGHT / window.len() as f32;
                for (passage, m) in short {
                    for &i in window {
                        let entry = scored[i].matches.entry(passage).or_default();
                        if entry.score < m.score * share {
                            entry.score = m.score * share;
                            entry.hits.clone_from(&m.hits);
                        }
                    }
                }
            }
        }
    }

    /// Whether the whole corpus is at hand (not an archive's part) and the
    /// build has the features that need it.
    fn is_whole(&self) -> bool {
        WHOLE_INDEX_FEATURES && !self.is_partial()
    }

    /// The passages that hold the kind of figure a question asks for, sorted.
    /// Asked of a whole index only: an archive's part holds the query's words,
    /// not every figure.
    fn passages_answering(&self, kind: AnswerType) -> Vec<u32> {
        // Figures in digits are one run of the dictionary, sorted by bytes; figures in words are looked up.
        let digits = self.data.words.partition_point(|w| w.as_str() < "0")
            ..self.data.words.partition_point(|w| w.as_str() < ":");
        let in_digits = (digits.start as WordId..digits.end as WordId).filter(|&id| answers(self.folded(id), kind));
        let in_words = spelled_figures(kind).flat_map(|w| self.fold_group(w).iter().copied());
        let mut holding: Vec<u32> = in_digits
            .chain(in_words)
            .filter_map(|id| self.data.postings.get(id as usize))
            .flat_map(|postings| postings.iter().map(|p| p.passage))
            .collect();
        sort(&mut holding);
        holding
    }

    /// The passages of the speakers whose names hold a form of each of the
    /// `speaker` clauses' words, sorted.
    fn passages_spoken_by(&self, query: &Query, speaker: &[usize], expansions: &[Option<Expansion>]) -> Vec<u32> {
        // A word of the speaker's name, or a nationality adjective of it ("the French delegation").
        let mut forms: Vec<Vec<WordId>> = Vec::with_capacity(speaker.len());
        for &i in speaker {
            let (Some(clause), Some(Some(expansion))) = (query.clauses.get(i), expansions.get(i)) else {
                return Vec::new();
            };
            let mut ids: Vec<WordId> = expansion.core.iter().chain(&expansion.extra).map(|&(id, _)| id).collect();
            if let Some(word) = clause.words.first() {
                ids.extend_from_slice(self.speaker_aliases(word));
            }
            forms.push(ids);
        }
        let mut passages: Vec<u32> = Vec::new();
        for (name, spoken) in self.speaker_words.iter().zip(&self.speaker_passages) {
            if forms.iter().all(|f| f.iter().any(|id| name.contains(id))) {
                passages.extend(spoken);
            }
        }
        sort(&mut passages);
        passages.dedup();
        passages
    }

    /// The passages an excluded word or phrase matches, sorted.
    fn excluded_passages(&self, scorer: &Scorer, query: &Query) -> Vec<u32> {
        let mut out = Vec::new();
        for clause in &query.excluded {
            let matches = if clause.phrase {
                let slots: Vec<Vec<(WordId, f32)>> = clause.words.iter().map(|w| core_forms(self, w)).collect();
                scorer.phrase(&slots, 1.0)
            } else {
                let word = clause.alias.as_ref().or(clause.words.first()).map_or("", String::as_str);
                scorer.words(&core_forms(self, word), &[]).0
            };
            out.extend(matches.keys());
        }
        sort(&mut out);
        out
    }

    fn passes_filters(&self, passage: u32, options: &SearchOptions) -> bool {
        let Some(p) = self.data.passages.get(passage as usize) else {
            return false;
        };
        let record_ok = options
            .record
            .as_ref()
            .is_none_or(|want| self.data.records.get(p.record as usize).is_some_and(|r| &r.symbol == want));
        let section_ok = options
            .section
            .as_ref()
            .is_none_or(|want| p.section.and_then(|s| self.data.sections.get(s as usize)).is_some_and(|s| s == want));
        let speaker_ok = options.speaker.as_ref().is_none_or(|want| {
            p.speakers.iter().any(|&s| self.data.speakers.get(s as usize).is_some_and(|s| &s.name == want))
        });
        let year_ok = options.year.as_ref().is_none_or(|want| self.year_of(p) == Some(want.as_str()));
        let lang_ok = options.lang.as_ref().is_none_or(|want| self.lang_of(p) == Some(want.as_str()));
        record_ok && section_ok && speaker_ok && year_ok && lang_ok
    }

    /// The year of the passage's record, from its date ("2023", "2025-11-24").
    fn year_of(&self, p: &crate::index::PassageData) -> Option<&str> {
        let date = &self.data.records.get(p.record as usize)?.date;
        date.get(..4).filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
    }

    fn lang_of(&self, p: &crate::index::PassageData) -> Option<&'static str> {
        p.lang.or_else(|| self.data.records.get(p.record as usize)?.lang).map(|l| l.code())
    }

    fn facets(&self, passages: impl Iterator<Item = u32>) -> Facets {
        let (mut records, mut sections, mut speakers) = (Vec::new(), Vec::new(), Vec::new());
        let (mut years, mut languages) = (Vec::new(), Vec::new());
        for p in passages.filter_map(|p| self.data.passages.get(p as usize)) {
            records.push(p.record as usize);
            years.extend(self.year_of(p));
            languages.extend(self.lang_of(p));
            sections.extend(p.section.map(|s| s as usize));
            speakers.extend(p.speakers.iter().map(|&s| s as usize));
        }
        Facets {
            // An archive knows a record's symbol only once its text is loaded.
            records: counts(records, &|i| self.data.records.get(i).map(|r| r.symbol.clone()).filter(|s| !s.is_empty())),
            sections: counts(sections, &|i| self.data.sections.get(i).cloned()),
            speakers: counts(speakers, &|i| self.data.speakers.get(i).map(|s| s.name.clone())),
            years: counts(years, &|y| Some(y.to_string())),
            languages: counts(languages, &|l| Some(l.to_string())),
        }
    }

    /// The query with each unknown word replaced by its closest dictionary word.
    fn suggest(&self, query: &Query, expansions: &[Option<Expansion>]) -> Option<String> {
        let mut changed = false;
        let mut out = String::new();
        for (clause, expansion) in query.clauses.iter().zip(expansions) {
            if !out.is_empty() {
                out.push(' ');
            }
            let replacement = match expansion {
                // The best typo candidate comes first; a completion or a synonym is no typo.
                Some(e) if e.core.is_empty() && !e.completed && e.extra.len() > e.synonyms => {
                    e.extra.first().map(|&(id, _)| id)
                }
                _ => None,
            };
            if let Some(id) = replacement {
                changed = true;
                out.push_str(self.word(id));
                continue;
            }
            let quote = if clause.quoted { "\"" } else { "" };
            out.push_str(quote);
            for (i, word) in clause.words.iter().enumerate() {
                out.push_str(if i > 0 { " " } else { "" });
                out.push_str(word);
            }
            out.push_str(quote);
        }
        changed.then_some(out)
    }

    /// `matched`: the (position, word) pairs the query matched in it, sorted.
    fn hit(&self, passage: u32, score: f32, matched: &[(u32, WordId)]) -> Hit {
        let Some(p) = self.data.passages.get(passage as usize) else {
            return Hit::default();
        };
        let record = self.data.records.get(p.record as usize);
        let symbol = record.map_or("", |r| r.symbol.as_str());
        let at = |position: u32| matched.binary_search_by_key(&position, |&(p, _)| p).is_ok();
        let mut highlights: Vec<Range<usize>> = tokenize(&p.text)
            .into_iter()
            .filter(|t| at(t.position))
            .filter(|t| self.word_id(&t.word).is_some_and(|id| matched.binary_search(&(t.position, id)).is_ok()))
            .map(|t| t.start..t.end)
            .collect();
        sort_by_key(&mut highlights, |r| (r.start, std::cmp::Reverse(r.end)));
        highlights.dedup_by(|b, a| b.start < a.end); // drop ranges inside an earlier one
        let speakers: Vec<String> =
            p.speakers.iter().filter_map(|&s| self.data.speakers.get(s as usize)).map(|s| s.name.clone()).collect();
        Hit {
            id: p.id.clone().unwrap_or_else(|| format!("{symbol}#p{}", p.number)),
            anchor: format!("p{}", p.number),
            record: symbol.to_string(),
            title: record.map_or_else(String::new, |r| r.title.clone()),
            date: record.map_or_else(String::new, |r| r.date.clone()),
            number: p.number,
            section: p.section.and_then(|s| self.data.sections.get(s as usize)).cloned(),
            speaker: speakers.first().cloned(),
            speakers,
            score,
            snippet: snippet::make_snippet(&p.text, &highlights),
            text: p.text.clone(),
            highlights,
            passage,
        }
    }
}

/// Counts per facet value, most frequent first: `values` holds one entry per
/// passage that has the value.
fn counts<K: Ord + Copy>(mut values: Vec<K>, name: &dyn Fn(K) -> Option<String>) -> Vec<FacetCount> {
    sort(&mut values);
    let mut list: Vec<FacetCount> = values
        .chunk_by(|a, b| a == b)
        .filter_map(|run| Some(FacetCount { value: name(*run.first()?)?, count: run.len() }))
        .collect();
    sort_by(&mut list, |a, b| (b.count, &a.value) < (a.count, &b.value));
    list
}

/// Sums clause scores per passage, scaled by the share of the query's content
/// clauses matched (a passage matching more of the query ranks higher), plus a
/// bonus for matched words that stand close together; `answering` (sorted):
/// the passages that hold the figure a question asks for.
fn combine(scored: &[Scored], excluded: &[u32], answering: &[u32], spoken: &[u32]) -> Vec<(u32, f32)> {
    let total_weight: f32 = scored.iter().filter(|s| s.content).map(|s| s.weight).sum();
    let mut passages: Vec<u32> = scored.iter().flat_map(|s| s.matches.keys().copied()).collect();
    sort(&mut passages);
    passages.dedup();
    let mut ranked: Vec<(u32, f32)> = passages
        .into_iter()
        .filter(|p| excluded.binary_search(p).is_err())
        .map(|p| {
            let mut sum = 0.0;
            let mut matched_weight = 0.0;
            let mut proximity = 0.0;
            let mut previous: Option<&rank::Match> = None;
            // Function words between two words of the query ("élaboration des
            // politiques"): the text may hold as many between them at no cost.
            let mut between = 0;
            for s in scored {
                if !s.content {
                    between += 1;
                    continue;
                }
                let m = s.matches.get(&p);
                if let Some(m) = m {
                    sum += m.score;
                    matched_weight += s.weight;
                } else if s.names_speaker && spoken.binary_search(&p).is_ok() {
                    // The speaker's own passages need not name it ("the French
                    // delegation"): they count as naming it once.
                    sum += s.weight;
                    matched_weight += s.weight;
                }
                if let (Some(a), Some(b)) = (previous, m) {
                    let d = closest(&a.hits, &b.hits);
                    if d <= PROXIMITY_WINDOW {
                        proximity += PROXIMITY_WEIGHT * a.score.min(b.score) / d.saturating_sub(between).max(1) as f32;
                    }
                }
                if m.is_some() || s.weight > 0.0 {
                    previous = m;
                    between = 0;
                }
            }
            let coverage = if total_weight > 0.0 { matched_weight / total_weight } else { 1.0 };
            let answer = if answering.binary_search(&p).is_ok() { ANSWER_BONUS } else { 1.0 };
            let said = if spoken.binary_search(&p).is_ok() { SPOKEN_BONUS } else { 1.0 };
            (p, (sum + proximity) * coverage.powf(COVERAGE_POWER) * answer * said)
        })
        .filter(|&(_, score)| score > 0.0)
        .collect();
    sort_by(&mut ranked, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)).is_lt());
    ranked
}

/// Whether a word is one of a list's, the list one string of words separated
/// by spaces (tables of string slices cost the wasm build more).
pub(crate) fn listed(list: &str, word: &str) -> bool {
    list.split(' ').any(|w| w == word)
}

/// The smallest distance between positions of two hit lists.
fn closest(a: &[(u32, WordId)], b: &[(u32, WordId)]) -> u32 {
    let mut best = u32::MAX;
    for &(pa, _) in a.iter().take(64) {
        for &(pb, _) in b.iter().take(64) {
            best = best.min(pa.abs_diff(pb));
        }
    }
    best
}

/// A query with a function word of `lang` that the other language lacks is
/// read as `lang`: on a French record, "what", "the", "of" make it English; on
/// an English record, « le », « des », « quel » make it French. Its words'
/// translations count then.
pub(crate) fn reads_as(query: &Query, lang: Lang) -> bool {
    query.clauses.iter().flat_map(|c| &c.words).any(|w| {
        let folded = fold(w);
        is_stopword(lang, &folded) && !is_stopword(lang.other(), &folded)
    })
}
