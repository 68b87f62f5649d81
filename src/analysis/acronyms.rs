//! Acronyms learned from the text itself: "Long Name (ACR)" defines ACR.
//!
//! The initials of the words before the parenthesis, skipping function words,
//! must spell the acronym: « l’Office des Nations Unies contre la drogue et le
//! crime (ONUDC) » defines ONUDC; « le crime (ONU) » defines nothing.

use super::fold::is_upper;
use super::{fold, is_any_stopword, tokenize};

/// How far back from the parenthesis the long name may start, in words.
const MAX_EXPANSION_WORDS: usize = 16;

/// One definition found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    /// As written: "ONUDC".
    pub acronym: String,
    /// As written: "Office des Nations Unies contre la drogue et le crime".
    pub expansion: String,
    /// Byte range of the expansion in the text.
    pub start: usize,
    pub end: usize,
}

/// Finds every "Long Name (ACR)" definition in a text.
pub fn find_definitions(text: &str) -> Vec<Definition> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text.get(from..).unwrap_or_default().find('(').map(|i| from + i) {
        from = open + 1;
        let Some(close) = text.get(from..).unwrap_or_default().find(')').map(|i| from + i) else {
            break;
        };
        let acronym = text.get(from..close).unwrap_or_default();
        if !is_acronym(acronym) {
            continue;
        }
        if let Some((start, end)) = expansion_before(text, open, acronym) {
            out.push(Definition {
                acronym: acronym.to_string(),
                expansion: text.get(start..end).unwrap_or_default().to_string(),
                start,
                end,
            });
        }
    }
    out
}

fn is_acronym(s: &str) -> bool {
    let uppers = s.chars().filter(|&c| is_upper(c)).count();
    (2..=10).contains(&s.chars().count())
        && uppers >= 2
        && s.starts_with(is_upper)
        && s.chars().all(|c| c.is_alphanumeric() || c == '&')
}

/// The byte range of the words before `open` whose initials spell the acronym.
fn expansion_before(text: &str, open: usize, acronym: &str) -> Option<(usize, usize)> {
    let letters: Vec<char> = fold(acronym).chars().filter(|c| c.is_alphabetic()).collect();
    let window_start = text.get(..open).unwrap_or_default().char_indices().rev().nth(200).map_or(0, |(i, _)| i);
    let tokens: Vec<_> =
        tokenize(text.get(window_start..open).unwrap_or_default()).into_iter().filter(|t| !t.alias).collect();
    let mut need = letters.len();
    let mut end = None;
    for token in tokens.iter().rev().take(MAX_EXPANSION_WORDS) {
        let folded = fold(&token.word);
        if is_any_stopword(&folded) || CONNECTORS.contains(&folded.as_str()) {
            // Function words spell nothing, but the name cannot end with one.
            end?;
            continue;
        }
        let letter = *letters.get(need.checked_sub(1)?)?;
        if !folded.starts_with(letter) {
            return None;
        }
        end.get_or_insert(window_start + token.end);
        need -= 1;
        if need == 0 {
            return Some((window_start + token.start, end?));
        }
    }
    None
}

/// Prepositions that long names contain and initials skip, beyond the stopwords.
const CONNECTORS: &[&str] = &["aupres", "contre", "entre", "against", "among", "within"];

#[cfg(test)]
mod tests {
    use super::*;

    fn defs(text: &str) -> Vec<(String, String)> {
        find_definitions(text).into_iter().map(|d| (d.acronym, d.expansion)).collect()
    }

    #[test]
    fn learns_long_names_before_parentheses() {
        let cases = [
            (
                "à l’Office des Nations Unies contre la drogue et le crime (ONUDC), a signalé",
                ("ONUDC", "Office des Nations Unies contre la drogue et le crime"),
            ),
            ("dont l’intelligence artificielle (IA), à la fois", ("IA", "intelligence artificielle")),
            (
                "Coordonnatrice de l’Organisation pour la sécurité et la coopération en Europe (OSCE) pour",
                ("OSCE", "Organisation pour la sécurité et la coopération en Europe"),
            ),
            ("thème l’Union européenne (UE). Chypre", ("UE", "Union européenne")),
            (
                "the United Nations Office on Drugs and Crime (UNODC) said",
                ("UNODC", "United Nations Office on Drugs and Crime"),
            ),
        ];
        for (text, (acr, exp)) in cases {
            assert_eq!(defs(text), [(acr.to_string(), exp.to_string())], "{text}");
        }
    }

    #[test]
    fn ignores_parentheses_that_are_not_definitions() {
        assert!(defs("les pays (voir plus haut) ont dit").is_empty());
        assert!(defs("le crime organisé (ONU)").is_empty());
        assert!(defs("S/RES/2231 (2015)").is_empty());
        assert!(defs("(ONUDC) au début").is_empty());
        assert!(defs("unclosed (ABC").is_empty());
    }
}
