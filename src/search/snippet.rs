//! The best window of a passage to show under a result: about 160–240
//! characters around the most distinct highlighted words, cut at word (or
//! sentence) boundaries, with highlight ranges moved into it.

use serde::Serialize;
use std::ops::Range;

/// A passage excerpt with the ranges (bytes of `text`) to highlight.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
}

const TARGET_CHARS: usize = 220;
const MAX_CHARS: usize = 240;
/// How much context to keep before the first highlighted word.
const LEAD_CHARS: usize = 50;
const ELLIPSIS: &str = "…";

pub fn make_snippet(text: &str, highlights: &[Range<usize>]) -> Snippet {
    let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())).collect();
    let total = chars.len() - 1;
    if total <= MAX_CHARS {
        return Snippet { text: text.to_string(), highlights: highlights.to_vec() };
    }
    let char_at = |byte: usize| chars.partition_point(|&b| b < byte);
    let mut best: Option<(usize, usize, usize)> = None; // (score, start char, end char)
    let starts = highlights.iter().map(|h| char_at(h.start)).chain(std::iter::once(0));
    for first in starts {
        let start = window_start(text, &chars, first);
        let end = window_end(text, &chars, start);
        let (lo, hi) = (chars[start], chars[end]);
        let inside: Vec<&Range<usize>> = highlights.iter().filter(|h| h.start >= lo && h.end <= hi).collect();
        let mut distinct: Vec<String> =
            inside.iter().map(|h| crate::analysis::lower(text.get(h.start..h.end).unwrap_or_default())).collect();
        crate::sort::sort(&mut distinct);
        distinct.dedup();
        let score = distinct.len() * 100 + inside.len();
        if best.is_none_or(|(s, _, _)| score > s) {
            best = Some((score, start, end));
        }
    }
    let (_, start, end) = best.unwrap_or((0, 0, total.min(TARGET_CHARS)));
    let (lo, hi) = (chars[start], chars[end]);
    let lead = if lo > 0 { ELLIPSIS } else { "" };
    let tail = if hi < text.len() { ELLIPSIS } else { "" };
    let body = text.get(lo..hi).unwrap_or_default().trim_end();
    let shift = lead.len();
    let highlights = highlights
        .iter()
        .filter(|h| h.start >= lo && h.end <= lo + body.len())
        .map(|h| h.start - lo + shift..h.end - lo + shift)
        .collect();
    Snippet { text: format!("{lead}{body}{tail}"), highlights }
}

/// Start a little before the first highlighted word: at a sentence start if
/// one is near, else at a word start.
fn window_start(text: &str, chars: &[usize], first: usize) -> usize {
    let earliest = first.saturating_sub(LEAD_CHARS + 30);
    for c in (earliest..first).rev() {
        let before = text.get(chars[c.saturating_sub(2)]..chars[c]).unwrap_or_default();
        if c == 0 || (before.ends_with(". ") || before.ends_with("? ") || before.ends_with("! ")) {
            return c;
        }
    }
    let mut c = first.saturating_sub(LEAD_CHARS);
    while c > 0 && c < first && !text.get(chars[c - 1]..chars[c]).unwrap_or_default().starts_with(char::is_whitespace) {
        c += 1;
    }
    c.min(first)
}

/// End near the target length, after a whole word.
fn window_end(text: &str, chars: &[usize], start: usize) -> usize {
    let total = chars.len() - 1;
    let mut end = (start + TARGET_CHARS).min(total);
    while end < total
        && end < start + MAX_CHARS
        && !text.get(chars[end]..).unwrap_or_default().starts_with(char::is_whitespace)
    {
        end += 1;
    }
    end
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    #[test]
    fn short_passages_are_shown_whole() {
        let s = make_snippet("Un court texte.", &[3..8]);
        assert_eq!(s, Snippet { text: "Un court texte.".into(), highlights: vec![3..8] });
    }

    #[test]
    fn long_passages_are_cut_around_the_highlights() {
        let filler = "mot ".repeat(100);
        let text = format!("{filler}Ici la Lituanie parle. {filler}");
        let at = text.find("Lituanie").unwrap();
        let s = make_snippet(&text, &[at..at + "Lituanie".len()]);
        let n = s.text.chars().count();
        assert!((160..=245).contains(&n), "{n} chars");
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        let h = &s.highlights[0];
        assert_eq!(&s.text[h.clone()], "Lituanie");
    }

    #[test]
    fn prefers_the_window_with_more_distinct_words() {
        let filler = "mot ".repeat(80);
        let text = format!("alpha {filler} alpha beta gamma {filler}");
        let ranges: Vec<Range<usize>> = ["alpha", "beta", "gamma"]
            .iter()
            .flat_map(|w| text.match_indices(&format!("{w} ")).map(|(i, _)| i..i + w.len()).collect::<Vec<_>>())
            .collect();
        let s = make_snippet(&text, &ranges);
        assert!(s.text.contains("beta gamma"), "{}", s.text);
    }
}
