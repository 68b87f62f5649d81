//! Snowball stemmers for French and English (Porter2), written by hand so the
//! wasm build does not carry a generic Snowball runtime plus generated tables.
//!
//! The output matches rust-stemmers 1.2 (the Snowball definitions it was
//! generated from); `tests/stemmers.rs` checks that word for word.
//!
//! Both algorithms only ever rewrite the end of the word, so a word is held
//! as a `Vec<char>`: suffixes are truncated or replaced in place, regions are
//! char indices, and nothing can be sliced at a non-char boundary.
use super::Lang;

mod english;
mod french;

/// Snowball stem of a lowercase word (accents kept). Returns the word
/// unchanged when no rule applies.
pub fn stem(lang: Lang, word: &str) -> String {
    match lang {
        Lang::French => french::stem(word),
        Lang::English => english::stem(word),
    }
}

/// Start index of suffix `s` in `w`, if `w` ends with `s` and the whole
/// suffix lies at or after `min` (Snowball's backward limit).
fn suffix_at(w: &[char], min: usize, s: &str) -> Option<usize> {
    let mut i = w.len();
    for c in s.chars().rev() {
        if i <= min || w[i - 1] != c {
            return None;
        }
        i -= 1;
    }
    Some(i)
}

/// Start index of suffix `s` anywhere in `w`.
fn ends(w: &[char], s: &str) -> Option<usize> {
    suffix_at(w, 0, s)
}

/// Snowball `among`: the longest suffix of `w[min..]` listed in `table`,
/// returned with its start index and the tag of its group.
fn longest<T: Copy>(w: &[char], min: usize, table: &[(T, &[&str])]) -> Option<(usize, T)> {
    // Most suffixes fail on their last byte: compared first, it spares decoding them.
    let mut utf8 = [0u8; 4];
    let last_byte = w.last().and_then(|c| c.encode_utf8(&mut utf8).as_bytes().last().copied())?;
    let mut best: Option<(usize, T)> = None;
    for &(tag, suffixes) in table {
        for s in suffixes {
            if s.as_bytes().last() == Some(&last_byte)
                && let Some(i) = suffix_at(w, min, s)
                && best.is_none_or(|(b, _)| i < b)
            {
                best = Some((i, tag));
            }
        }
    }
    best
}

/// Replace everything from `start` on with `s`.
fn set_tail(w: &mut Vec<char>, start: usize, s: &str) {
    w.truncate(start);
    w.extend(s.chars());
}

/// Region start: the index just past the first non-vowel that follows a
/// vowel, searching from `from`; `w.len()` when there is none (R1, R2).
fn after_vc(w: &[char], from: usize, vowel: fn(char) -> bool) -> usize {
    let n = w.len();
    (from..n).find(|&i| vowel(w[i])).and_then(|i| (i + 1..n).find(|&j| !vowel(w[j]))).map_or(n, |j| j + 1)
}
