//! What the person typed → [`Query`]: words, "quoted phrases", -exclusions.
//! Parsing never fails; odd input becomes warnings.

use super::numbers::{number_forms, ratio, spelt_in_words};
use crate::analysis::{fold, is_any_stopword, is_upper, tokenize};

/// Longer queries are cut here, so time stays bounded whatever is pasted in.
pub const MAX_QUERY_CHARS: usize = 1000;
/// At most this many clauses (words and phrases) are searched.
pub const MAX_CLAUSES: usize = 32;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    pub clauses: Vec<Clause>,
    /// Words and phrases after a minus sign: passages that hold them are dropped.
    pub excluded: Vec<Clause>,
    pub warnings: Vec<String>,
}

/// One unit of the query: a word, or words that must stand together.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clause {
    /// Lowercase words, accents as typed.
    pub words: Vec<String>,
    /// The words must be adjacent, in order ("quoted", or a hyphenated word).
    pub phrase: bool,
    /// The whole as one indexed form: "demi-mesures" for its parts, "60%" for "60".
    pub alias: Option<String>,
    /// The last word is still being typed: match it as a prefix too.
    pub prefix: bool,
    /// Quoted by the person (not merely hyphenated).
    pub quoted: bool,
    /// Typed in capitals among lowercase words, or alone: an acronym ("AI", "UN"),
    /// even where it spells a function word (« ai », « un »).
    pub capitals: bool,
}

impl Clause {
    /// A lone function word ("de", "the"): ranked on only when nothing else is.
    pub fn is_stopword(&self) -> bool {
        self.words.len() == 1 && self.alias.is_none() && !self.capitals && is_any_stopword(&fold(&self.words[0]))
    }
}

const QUOTES: &[char] = &['"', '“', '”', '«', '»', '„'];

pub fn parse(input: &str) -> Query {
    let mut query = Query::default();
    // A control character separates words like a space ("traite\0personnes").
    let mut text: String = input.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if text.chars().count() > MAX_QUERY_CHARS {
        text = text.chars().take(MAX_QUERY_CHARS).collect();
        query.warnings.push(format!("the query was cut to its first {MAX_QUERY_CHARS} characters"));
    }
    // The last word is being typed, unless it is an exclusion ("travail -forc").
    let last_raw = text.split_whitespace().next_back().unwrap_or_default();
    let still_typing = text.ends_with(|c: char| c.is_alphanumeric()) && !last_raw.starts_with(['-', '−']);

    // A query typed all in capitals says nothing about acronyms, unless it is one word.
    let shouting = !text.chars().any(|c| is_letter(c) && !is_upper(c)) && text.trim().contains(char::is_whitespace);
    let mut in_quotes = false;
    let segments: Vec<(bool, &str)> = text
        .split(QUOTES)
        .map(|s| {
            let seg = (in_quotes, s);
            in_quotes = !in_quotes;
            seg
        })
        .collect();
    let last_segment = segments.len().saturating_sub(1);
    for (i, (quoted, segment)) in segments.into_iter().enumerate() {
        if quoted {
            let words = words_of(segment);
            if !words.is_empty() {
                query.clauses.push(Clause { words, phrase: true, quoted: true, ..Clause::default() });
            }
            continue;
        }
        let mut kept = String::new();
        for raw in segment.split_whitespace() {
            match raw.strip_prefix(['-', '−']) {
                Some(rest) if rest.chars().any(char::is_alphanumeric) => {
                    query.excluded.extend(clauses_of(rest, false, shouting));
                }
                _ => {
                    kept.push_str(raw);
                    kept.push(' ');
                }
            }
        }
        let typing_here = still_typing && i == last_segment;
        query.clauses.extend(clauses_of(&numbers_in_words(kept.trim_end()), typing_here, shouting));
    }
    if query.clauses.len() > MAX_CLAUSES {
        query.clauses.truncate(MAX_CLAUSES);
        query.warnings.push(format!("only the first {MAX_CLAUSES} words and phrases were searched"));
    }
    query
}

/// A letter, told without std's Unicode category tables (they cost wasm bytes).
fn is_letter(c: char) -> bool {
    c.is_alphanumeric() && !c.is_ascii_digit()
}

fn words_of(text: &str) -> Vec<String> {
    tokenize(text).into_iter().filter(|t| !t.alias).map(|t| t.word).collect()
}

/// Groups tokens into clauses: an alias token joins the tokens it spans.
/// `shouting`: the whole query is in capitals, so none of its words is an acronym for it.
fn clauses_of(text: &str, last_is_prefix: bool, shouting: bool) -> Vec<Clause> {
    let tokens = tokenize(text);
    let mut clauses = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        if token.alias {
            i += 1;
            continue;
        }
        let alias = tokens.iter().skip(i + 1).find(|t| t.alias && t.start == token.start);
        match alias {
            // "60%": one word whose whole form is an alias of the number.
            Some(alias) if tokens[i..].iter().filter(|t| !t.alias && t.end <= alias.end).count() == 1 => {
                clauses.push(Clause {
                    words: vec![token.word.clone()],
                    alias: Some(alias.word.clone()),
                    ..Clause::default()
                });
            }
            // « soixante-dix », "forty-seven": a number, read whole (as « 70 », "47").
            Some(alias) if !number_forms(&fold(&alias.word)).is_empty() => {
                clauses.push(Clause { words: vec![alias.word.clone()], ..Clause::default() });
                i = tokens.iter().rposition(|t| !t.alias && t.end <= alias.end).unwrap_or(i);
            }
            // "demi-mesures", "blanchissent-ils": each part is a word of its own;
            // proximity ranks the passages where they stand together first.
            _ => {
                let typed = text.get(token.start..token.end).unwrap_or_default();
                let capitals = !shouting
                    && typed.chars().filter(|&c| is_letter(c)).count() >= 2
                    && typed.chars().all(|c| is_upper(c) || !is_letter(c));
                clauses.push(Clause { words: vec![token.word.clone()], capitals, ..Clause::default() })
            }
        }
        i += 1;
    }
    if last_is_prefix
        && let Some(last) = clauses.last_mut()
        && !last.phrase
        && last.alias.is_none()
    {
        last.prefix = true;
    }
    clauses
}

/// Numbers of several words written as one: « cent quatre-vingt-cinq » as the
/// figure « 185 », "three in five" as the share « 60% » (each word alone would
/// be a number of its own, or none). `text`: words separated by one space.
fn numbers_in_words(text: &str) -> String {
    let raw: Vec<&str> = text.split(' ').collect();
    let words: Vec<String> = raw.iter().map(|w| fold(w)).collect();
    let mut out = String::new();
    let mut i = 0;
    while let Some(word) = raw.get(i) {
        let rest = words.get(i..).unwrap_or_default();
        if !out.is_empty() {
            out.push(' ');
        }
        if let Some((share, span, noun)) = ratio(rest) {
            out.push_str(&share.to_string());
            out.push('%');
            // The noun between the two numbers (« une victime sur trois ») stays a word of the query.
            if let Some(noun) = raw.get(i + 1).filter(|_| noun) {
                out.push(' ');
                out.push_str(noun);
            }
            i += span;
        } else if let Some((span, n)) = spelt_in_words(rest) {
            out.push_str(&n.to_string());
            i += span;
        } else {
            out.push_str(word);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clause(words: &[&str]) -> Clause {
        Clause { words: words.iter().map(|w| w.to_string()).collect(), ..Clause::default() }
    }

    #[test]
    fn words_phrases_and_exclusions() {
        let q = parse("\"travail forcé\" victimes -sport ");
        assert_eq!(q.clauses.len(), 2);
        assert!(q.clauses[0].phrase && q.clauses[0].quoted);
        assert_eq!(q.clauses[0].words, ["travail", "forcé"]);
        assert_eq!(q.clauses[1], clause(&["victimes"]));
        assert_eq!(q.excluded, [clause(&["sport"])]);
    }

    #[test]
    fn the_last_word_being_typed_is_a_prefix() {
        let q = parse("la Litu");
        assert!(q.clauses[1].prefix);
        assert!(!parse("la Litu ").clauses[1].prefix);
        assert!(!parse("Qu'a dit la Lituanie ?").clauses.last().unwrap().prefix);
    }

    #[test]
    fn hyphenated_words_split_and_percentages_keep_their_whole_form() {
        let q = parse("demi-mesures 60 %");
        assert_eq!(q.clauses[..2], [clause(&["demi"]), clause(&["mesures"])]);
        assert_eq!(q.clauses[2].words, ["60"]);
        assert_eq!(q.clauses[2].alias.as_deref(), Some("60%"));
    }

    #[test]
    fn elisions_and_stopwords() {
        let q = parse("d'Haïti ");
        assert_eq!(q.clauses, [clause(&["haïti"])]);
        assert!(parse("de").clauses[0].is_stopword());
    }

    #[test]
    fn a_word_in_capitals_is_an_acronym_unless_the_whole_query_is_in_capitals() {
        let q = parse("AI et traite");
        assert!(q.clauses[0].capitals && !q.clauses[0].is_stopword());
        assert!(!q.clauses[1].capitals && !q.clauses[2].capitals);
        assert!(parse("UN").clauses[0].capitals);
        assert!(!parse("WHAT IS THE UN").clauses.iter().any(|c| c.capitals));
        assert!(!parse("A traite").clauses[0].capitals, "one letter is no acronym");
    }

    #[test]
    fn odd_queries_do_not_panic() {
        for q in ["", "----", "\"", "\"\"\"", "-", "- -a", "\u{0}\u{1}", "🙂", "\u{202e}abc"] {
            let _ = parse(q);
        }
        let long = "mot ".repeat(5000);
        let q = parse(&long);
        assert_eq!(q.clauses.len(), MAX_CLAUSES);
        assert_eq!(q.warnings.len(), 2);
        assert!(parse("----").clauses.is_empty());
        assert_eq!(parse("traite\u{0}personnes").clauses.len(), 2, "a control character separates words");
    }
}
