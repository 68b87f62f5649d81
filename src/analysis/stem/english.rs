//! English (Porter2) Snowball stemmer, following the definition rust-stemmers
//! 1.2 was generated from (https://snowballstem.org/algorithms/english/stemmer.html).
//!
//! An upper-case `Y` marks a y that acts as a consonant; it is lowered again
//! at the end.
use super::{after_vc, ends, longest, set_tail};

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

pub(super) fn stem(word: &str) -> String {
    if let Some(s) = exceptional_form(word) {
        return s.into();
    }
    let mut w: Vec<char> = word.chars().collect();
    // Words of one or two letters are left alone.
    if w.len() < 3 {
        return word.into();
    }
    if w[0] == '\'' {
        w.remove(0);
    }
    // A y at the start or after a vowel is a consonant.
    let mut y_found = false;
    for i in 0..w.len() {
        if w[i] == 'y' && (i == 0 || is_vowel(w[i - 1])) {
            w[i] = 'Y';
            y_found = true;
        }
    }
    // R1 and R2 (R1 starts right after one of these prefixes, so that e.g.
    // generous and general keep apart).
    let p1 = match ["gener", "commun", "arsen"]
        .into_iter()
        .find(|p| w.len() >= p.len() && w[..p.len()].iter().copied().eq(p.chars()))
    {
        Some(p) => p.len(),
        None => after_vc(&w, 0, is_vowel),
    };
    let p2 = after_vc(&w, p1, is_vowel);

    step_1a(&mut w);
    // Words the later steps would mangle; checked after step 1a, so their
    // plurals are covered too.
    let invariant = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"];
    if !invariant.iter().any(|s| w.iter().copied().eq(s.chars())) {
        step_1b(&mut w, p1);
        step_1c(&mut w);
        step_2(&mut w, p1);
        step_3(&mut w, p1, p2);
        step_4(&mut w, p2);
        step_5(&mut w, p1, p2);
    }
    w.into_iter().map(|c| if y_found && c == 'Y' { 'y' } else { c }).collect()
}

/// Whole words with irregular stems, mapped directly or left alone.
fn exceptional_form(word: &str) -> Option<&str> {
    Some(match word {
        "skis" => "ski",
        "skies" => "sky",
        "dying" => "die",
        "lying" => "lie",
        "tying" => "tie",
        "idly" => "idl",
        "gently" => "gentl",
        "ugly" => "ugli",
        "early" => "earli",
        "only" => "onli",
        "singly" => "singl",
        "sky" | "news" | "howe" | "atlas" | "cosmos" | "bias" | "andes" => word,
        _ => return None,
    })
}

/// A short syllable ends at `end`: non-vowel (not w, x, Y), vowel,
/// non-vowel; or vowel, non-vowel making up the whole word.
fn short_syllable(w: &[char], end: usize) -> bool {
    let v = |i: usize| is_vowel(w[i]);
    (end >= 3 && !matches!(w[end - 1], 'w' | 'x' | 'Y') && !v(end - 1) && v(end - 2) && !v(end - 3))
        || (end == 2 && v(0) && !v(1))
}

fn has_vowel(w: &[char]) -> bool {
    w.iter().any(|&c| is_vowel(c))
}

/// Step 1a: possessives and plurals.
fn step_1a(w: &mut Vec<char>) {
    if let Some((s, ())) = longest(w, 0, &[((), &["'", "'s", "'s'"])]) {
        w.truncate(s);
    }
    const PLURALS: &[(u8, &[&str])] = &[(1, &["sses"]), (2, &["ied", "ies"]), (3, &["s"]), (0, &["ss", "us"])];
    match longest(w, 0, PLURALS) {
        Some((s, 1)) => set_tail(w, s, "ss"),
        // ties → tie, cries → cri.
        Some((s, 2)) => set_tail(w, s, if s >= 2 { "i" } else { "ie" }),
        // Only when a vowel comes before the letter preceding the s: gas, this stay.
        Some((s, 3)) if s >= 1 && has_vowel(&w[..s - 1]) => w.truncate(s),
        _ => {}
    }
}

/// Step 1b: -eed(ly) in R1 → -ee; -ed(ly)/-ing(ly) after a vowel go, then
/// the stem is repaired (hop(p)ing → hop, hop(e)d → hope).
fn step_1b(w: &mut Vec<char>, p1: usize) {
    // Tag: true for -eed/-eedly.
    const TABLE: &[(bool, &[&str])] = &[(true, &["eed", "eedly"]), (false, &["ed", "edly", "ing", "ingly"])];
    match longest(w, 0, TABLE) {
        Some((s, true)) if s >= p1 => set_tail(w, s, "ee"),
        Some((s, false)) if has_vowel(&w[..s]) => {
            w.truncate(s);
            let n = w.len();
            if ["at", "bl", "iz"].iter().any(|s| ends(w, s).is_some()) {
                w.push('e');
            } else if n >= 2
                && w[n - 1] == w[n - 2]
                && matches!(w[n - 1], 'b' | 'd' | 'f' | 'g' | 'm' | 'n' | 'p' | 'r' | 't')
            {
                w.pop();
            } else if n == p1 && short_syllable(w, n) {
                // A short word: R1 is empty and it ends in a short syllable.
                w.push('e');
            }
        }
        _ => {}
    }
}

/// Step 1c: final y/Y after a non-vowel that is not the first letter → i.
fn step_1c(w: &mut [char]) {
    let n = w.len();
    if n >= 3 && matches!(w[n - 1], 'y' | 'Y') && !is_vowel(w[n - 2]) {
        w[n - 1] = 'i';
    }
}

/// Step 2: suffixes in R1, grouped by their replacement.
fn step_2(w: &mut Vec<char>, p1: usize) {
    const TABLE: &[(&str, &[&str])] = &[
        ("tion", &["tional"]),
        ("ence", &["enci"]),
        ("ance", &["anci"]),
        ("able", &["abli"]),
        ("ent", &["entli"]),
        ("ize", &["izer", "ization"]),
        ("ate", &["ational", "ation", "ator"]),
        ("al", &["alism", "aliti", "alli"]),
        ("ful", &["fulness", "fulli"]),
        ("ous", &["ousli", "ousness"]),
        ("ive", &["iveness", "iviti"]),
        ("ble", &["biliti", "bli"]),
        ("less", &["lessli"]),
        ("og", &["ogi"]),
        ("", &["li"]),
    ];
    let Some((s, to)) = longest(w, 0, TABLE) else {
        return;
    };
    let before = w[..s].last().copied();
    let ok = match to {
        "og" => before == Some('l'),
        // -li goes only after a valid li-ending.
        "" => before.is_some_and(|c| matches!(c, 'c' | 'd' | 'e' | 'g' | 'h' | 'k' | 'm' | 'n' | 'r' | 't')),
        _ => true,
    };
    if s >= p1 && ok {
        set_tail(w, s, to);
    }
}

/// Step 3: suffixes in R1, grouped by their replacement.
fn step_3(w: &mut Vec<char>, p1: usize, p2: usize) {
    // The only suffix that also needs R2; no other entry ends in -ative, so
    // testing it first keeps the longest-match rule.
    if let Some(s) = ends(w, "ative") {
        if s >= p2 {
            w.truncate(s);
        }
        return;
    }
    const TABLE: &[(&str, &[&str])] = &[
        ("tion", &["tional"]),
        ("ate", &["ational"]),
        ("al", &["alize"]),
        ("ic", &["icate", "iciti", "ical"]),
        ("", &["ful", "ness"]),
    ];
    if let Some((s, to)) = longest(w, 0, TABLE)
        && s >= p1
    {
        set_tail(w, s, to);
    }
}

/// Step 4: suffixes deleted in R2; -ion only after s or t.
fn step_4(w: &mut Vec<char>, p2: usize) {
    const TABLE: &[(bool, &[&str])] = &[
        (
            false,
            &[
                "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate", "iti",
                "ous", "ive", "ize",
            ],
        ),
        (true, &["ion"]),
    ];
    if let Some((s, ion)) = longest(w, 0, TABLE)
        && s >= p2
        && (!ion || (s > 0 && matches!(w[s - 1], 's' | 't')))
    {
        w.truncate(s);
    }
}

/// Step 5: final e in R2, or in R1 unless after a short syllable; final l
/// in R2 after another l.
fn step_5(w: &mut Vec<char>, p1: usize, p2: usize) {
    let Some(s) = w.len().checked_sub(1) else {
        return;
    };
    let drop = match w[s] {
        'e' => s >= p2 || (s >= p1 && !short_syllable(w, s)),
        'l' => s >= p2 && s > 0 && w[s - 1] == 'l',
        _ => false,
    };
    if drop {
        w.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    fn check_en(cases: &[(&str, &str)]) {
        for &(word, want) in cases {
            assert_eq!(stem(word), want, "stem({word:?})");
        }
    }

    #[test]
    fn exceptional_forms() {
        check_en(&[
            ("skis", "ski"),
            ("skies", "sky"),
            ("dying", "die"),
            ("news", "news"),
            ("gently", "gentl"),
            ("early", "earli"),
            ("sky", "sky"),
            ("inning", "inning"),
            ("outings", "outing"),
            ("proceed", "proceed"),
            ("generously", "generous"),
            ("communism", "communism"),
            ("arsenal", "arsenal"),
        ]);
    }

    #[test]
    fn step_1() {
        check_en(&[
            ("dog's", "dog"),
            ("boys'", "boy"),
            ("'tis", "tis"),
            ("caresses", "caress"),
            ("ties", "tie"),
            ("cries", "cri"),
            ("gaps", "gap"),
            ("gas", "gas"),
            ("kiwis", "kiwi"),
            ("agreed", "agre"),
            ("feed", "feed"),
            ("hopping", "hop"),
            ("hoped", "hope"),
            ("filing", "file"),
            ("luxuriating", "luxuri"),
            ("troubled", "troubl"),
            ("exceedingly", "exceed"),
            ("cry", "cri"),
            ("by", "by"),
            ("say", "say"),
            ("yellow", "yellow"),
            ("player", "player"),
        ]);
    }

    #[test]
    fn steps_2_to_5() {
        check_en(&[
            ("relational", "relat"),
            ("conditional", "condit"),
            ("digitizer", "digit"),
            ("vietnamization", "vietnam"),
            ("hopefulness", "hope"),
            ("archaeology", "archaeolog"),
            ("lovely", "love"),
            ("briefly", "briefli"),
            ("triplicate", "triplic"),
            ("formative", "format"),
            ("electrical", "electr"),
            ("goodness", "good"),
            ("revival", "reviv"),
            ("allowance", "allow"),
            ("replacement", "replac"),
            ("adjustment", "adjust"),
            ("adoption", "adopt"),
            ("association", "associ"),
            ("probate", "probat"),
            ("rate", "rate"),
            ("controll", "control"),
            ("roll", "roll"),
        ]);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        check_en(&[("", ""), ("a", "a"), ("'", "'"), ("''s", ""), ("yyy", "yyy"), ("2023", "2023")]);
        for w in ["e\u{301}d", "\u{301}ing", "日本語", "😀😀s", "Yes", "naïve"] {
            stem(w);
        }
    }
}
