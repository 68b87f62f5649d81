//! Typo tolerance: bounded optimal-string-alignment distance (Damerau–Levenshtein
//! where a transposition of neighbours is one edit), on folded words.

/// Edits a typed word may contain, from the longer of the two words: none below
/// 4 letters, one from 4, two from 8 ("Mulaly" → "Mullally" is two insertions
/// into an 8-letter name).
pub fn max_edits(typed_chars: usize, word_chars: usize) -> usize {
    if typed_chars < 4 {
        0
    } else if typed_chars.max(word_chars) >= 8 && typed_chars >= 5 {
        2
    } else {
        1
    }
}

/// Reusable rows for [`distance_within`], so scanning a dictionary allocates once.
#[derive(Default)]
pub struct Rows {
    before: Vec<usize>,
    previous: Vec<usize>,
    current: Vec<usize>,
}

/// The distance between `a` and `b` if it is at most `max`, else `None`.
pub fn distance_within(a: &[char], b: &[char], max: usize, rows: &mut Rows) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let d = *last_row(a, b, max, rows)?.get(b.len())?;
    (d <= max).then_some(d)
}

/// The distance between `a` and the nearest beginning of `b` (`a` is a word
/// still being typed), if it is at most `max`: "soriv" is one edit from "sorvi", the
/// beginning of "sorvino".
pub fn prefix_distance_within(a: &[char], b: &[char], max: usize, rows: &mut Rows) -> Option<usize> {
    let b = b.get(..b.len().min(a.len() + max)).unwrap_or(b);
    let row = last_row(a, b, max, rows)?;
    let d = row.get(a.len().saturating_sub(max)..).and_then(|ends| ends.iter().copied().min())?;
    (d <= max).then_some(d)
}

/// The last row of the edit table of `a` against `b`: entry j is the distance
/// from `a` to `b[..j]`. `None` once every entry of a row exceeds `max`.
fn last_row<'r>(a: &[char], b: &[char], max: usize, rows: &'r mut Rows) -> Option<&'r [usize]> {
    let width = b.len() + 1;
    // Three rows: the one before the previous (for transpositions), previous, current.
    let Rows { before, previous, current } = rows;
    before.clear();
    before.resize(width, 0);
    previous.clear();
    previous.extend(0..width);
    current.clear();
    current.resize(width, 0);
    for (i, &ca) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut row_min = current[0];
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let mut d = (previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1);
            if i > 0 && j > 0 && ca == b[j - 1] && a[i - 1] == cb {
                d = d.min(before[j - 1] + 1);
            }
            current[j + 1] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(before, previous);
        std::mem::swap(previous, current);
    }
    Some(previous)
}

/// How a folded word sounds, spelt one way: doubled letters once, "qu", "q",
/// "ck" and a hard "c" as "k", "ph" as "f", "y" as "i", a silent "h" dropped
/// (kept after "c" and "s"). Spellings that differ only so are one slip, not
/// several: "trafficants" → « trafiquants », "Filipines" → « Philippines ».
pub fn sound(word: &[char], out: &mut Vec<char>) {
    out.clear();
    let mut i = 0;
    while i < word.len() {
        let (heard, letters) = sound_at(word, i, out.last().copied());
        if let Some(c) = heard
            && out.last() != Some(&c)
        {
            out.push(c);
        }
        i += letters;
    }
}

/// The first sound of a folded word (see [`sound`]), found without the rest.
pub fn first_sound(word: &[char]) -> Option<char> {
    let mut i = 0;
    while i < word.len() {
        match sound_at(word, i, None) {
            (Some(c), _) => return Some(c),
            (None, letters) => i += letters,
        }
    }
    None
}

/// The sound of the letters at `i` (`None`: silent) and how many letters it takes.
fn sound_at(word: &[char], i: usize, before: Option<char>) -> (Option<char>, usize) {
    match (word.get(i).copied(), word.get(i + 1).copied()) {
        (Some('q'), Some('u')) | (Some('p'), Some('h')) => (word.get(i).map(|&c| if c == 'q' { 'k' } else { 'f' }), 2),
        (Some('q' | 'k'), _) => (Some('k'), 1),
        (Some('c'), Some('e' | 'i' | 'y' | 'h')) => (Some('c'), 1),
        (Some('c'), _) => (Some('k'), 1),
        (Some('y'), _) => (Some('i'), 1),
        (Some('h'), _) if !matches!(before, Some('c' | 's')) => (None, 1),
        (c, _) => (c, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(a: &str, b: &str) -> Option<usize> {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        distance_within(&a, &b, 3, &mut Rows::default())
    }

    #[test]
    fn counts_edits_with_transpositions_as_one() {
        assert_eq!(d("mulaly", "mullally"), Some(2));
        assert_eq!(d("baerbok", "baerbock"), Some(1));
        assert_eq!(d("lituanei", "lituanie"), Some(1));
        assert_eq!(d("trafic", "trafic"), Some(0));
        assert_eq!(d("abc", "xyzabcdef"), None);
        assert_eq!(d("", "abc"), Some(3));
    }

    #[test]
    fn a_word_being_typed_is_measured_against_the_nearest_beginning() {
        let p = |a: &str, b: &str| {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            prefix_distance_within(&a, &b, 1, &mut Rows::default())
        };
        assert_eq!(p("soriv", "sorvino"), Some(1));
        assert_eq!(p("sorvi", "sorvino"), Some(0));
        assert_eq!(p("trafiqan", "trafiquants"), Some(1));
        assert_eq!(p("sorvino", "sor"), None);
        assert_eq!(p("xyzab", "sorvino"), None);
    }

    #[test]
    fn spellings_that_sound_alike_have_one_sound() {
        let s = |w: &str| {
            let mut out = Vec::new();
            sound(&w.chars().collect::<Vec<_>>(), &mut out);
            out.into_iter().collect::<String>()
        };
        assert_eq!(s("trafficants"), s("trafiquants"));
        assert_eq!(s("filipines"), s("philippines"));
        assert_eq!(s("mohamed"), s("mohammed"));
        assert_eq!(s("kazakstan"), s("kazakhstan"));
        assert_eq!(s("chine"), "chine");
        assert_ne!(s("cercle"), s("kerkle"));
        let first = |w: &str| first_sound(&w.chars().collect::<Vec<_>>());
        assert_eq!(
            (first("philippines"), first("hcirc"), first("quai"), first("h")),
            (Some('f'), Some('c'), Some('k'), None)
        );
    }

    #[test]
    fn allowed_edits_grow_with_length() {
        assert_eq!(max_edits(3, 3), 0);
        assert_eq!(max_edits(4, 4), 1);
        assert_eq!(max_edits(6, 8), 2);
        assert_eq!(max_edits(8, 8), 2);
        assert_eq!(max_edits(4, 9), 1);
    }
}
