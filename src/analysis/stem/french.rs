//! French Snowball stemmer, following the definition rust-stemmers 1.2 was
//! generated from (https://snowballstem.org/algorithms/french/stemmer.html).
//!
//! Upper-case `I`, `U`, `Y` mark an i/u/y that acts as a consonant (set by
//! [`mark_vowels`], lowered again at the very end); the suffix tables spell
//! them that way on purpose.
use super::{after_vc, ends, longest, set_tail, suffix_at};

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'â' | 'à' | 'ë' | 'é' | 'ê' | 'è' | 'ï' | 'î' | 'ô' | 'û' | 'ù')
}

pub(super) fn stem(word: &str) -> String {
    let mut w: Vec<char> = word.chars().collect();
    mark_vowels(&mut w);
    let (rv, r1, r2) = regions(&w);
    // Steps 1 and 2. Step 1 may rewrite the word and still fail (-ment,
    // -amment, -emment), in which case the verb steps see the rewritten word.
    if standard_suffix(&mut w, rv, r1, r2) || i_verb_suffix(&mut w, rv) || verb_suffix(&mut w, rv, r2) {
        // Step 3: something was removed, so tidy the new ending.
        if let Some(c) = w.last_mut() {
            *c = match *c {
                'Y' => 'i',
                'ç' => 'c',
                c => c,
            };
        }
    } else {
        residual_suffix(&mut w, rv, r2);
    }
    // Step 5: undouble.
    if ["enn", "onn", "ett", "ell", "eill"].iter().any(|s| ends(&w, s).is_some()) {
        w.pop();
    }
    // Step 6: é/è before the final run of non-vowels becomes e.
    let mut i = w.len();
    while i > 0 && !is_vowel(w[i - 1]) {
        i -= 1;
    }
    if i > 0 && i < w.len() && matches!(w[i - 1], 'é' | 'è') {
        w[i - 1] = 'e';
    }
    w.into_iter()
        .map(|c| match c {
            'I' => 'i',
            'U' => 'u',
            'Y' => 'y',
            c => c,
        })
        .collect()
}

/// Upper-case u or i between vowels, y next to a vowel, and u after q, so
/// they count as consonants. Left to right: an earlier mark is already a
/// non-vowel when the next position is looked at.
fn mark_vowels(w: &mut [char]) {
    for p in 0..w.len() {
        let next = w.get(p + 1).copied();
        let next_is_vowel = next.is_some_and(is_vowel);
        if is_vowel(w[p]) {
            let vowel_after = w.get(p + 2).is_some_and(|&c| is_vowel(c));
            match next {
                Some('u') if vowel_after => w[p + 1] = 'U',
                Some('i') if vowel_after => w[p + 1] = 'I',
                Some('y') => w[p + 1] = 'Y',
                _ if w[p] == 'y' && next_is_vowel => w[p] = 'Y',
                _ => {}
            }
        } else if w[p] == 'q' && next == Some('u') {
            w[p + 1] = 'U';
        }
    }
}

/// (RV, R1, R2) as char indices.
fn regions(w: &[char]) -> (usize, usize, usize) {
    let n = w.len();
    let prefix = |p: &str| n >= 3 && w[..3].iter().copied().eq(p.chars());
    // RV: after a leading vowel pair, after par/col/tap, else after the
    // first vowel that is not the first letter.
    let rv = if (n >= 3 && is_vowel(w[0]) && is_vowel(w[1])) || ["par", "col", "tap"].into_iter().any(prefix) {
        3
    } else {
        (1..n).find(|&i| is_vowel(w[i])).map_or(n, |i| i + 1)
    };
    let r1 = after_vc(w, 0, is_vowel);
    (rv, r1, after_vc(w, r1, is_vowel))
}

/// Step 1 suffixes, grouped by what happens to them (see `standard_suffix`).
const STANDARD: &[(u8, &[&str])] = &[
    (1, &["ance", "iqUe", "isme", "able", "iste", "eux", "ances", "iqUes", "ismes", "ables", "istes"]),
    (2, &["atrice", "ateur", "ation", "atrices", "ateurs", "ations"]),
    (3, &["logie", "logies"]),
    (4, &["usion", "ution", "usions", "utions"]),
    (5, &["ence", "ences"]),
    (6, &["ement", "ements"]),
    (7, &["ité", "ités"]),
    (8, &["if", "ive", "ifs", "ives"]),
    (9, &["eaux"]),
    (10, &["aux"]),
    (11, &["euse", "euses"]),
    (12, &["issement", "issements"]),
    (13, &["amment"]),
    (14, &["emment"]),
    (15, &["ment", "ments"]),
];

/// Step 1: standard suffix removal. True when it changed the word and
/// steps 2a/2b must be skipped.
fn standard_suffix(w: &mut Vec<char>, rv: usize, r1: usize, r2: usize) -> bool {
    let Some((s, group)) = longest(w, 0, STANDARD) else {
        return false;
    };
    match group {
        1 if s >= r2 => w.truncate(s),
        2 if s >= r2 => {
            w.truncate(s);
            ic(w, r2);
        }
        3 if s >= r2 => set_tail(w, s, "log"),
        4 if s >= r2 => set_tail(w, s, "u"),
        5 if s >= r2 => set_tail(w, s, "ent"),
        6 if s >= rv => {
            w.truncate(s);
            // What preceded -ement: -iv(at), -eus, -abl/-iqU, -ièr.
            const AFTER: &[(u8, &[&str])] = &[(1, &["iv"]), (2, &["eus"]), (3, &["abl", "iqU"]), (4, &["ièr", "Ièr"])];
            match longest(w, 0, AFTER) {
                Some((t, 1)) if t >= r2 => {
                    w.truncate(t);
                    if let Some(t) = suffix_at(w, r2, "at") {
                        w.truncate(t);
                    }
                }
                Some((t, 2)) if t >= r2 => w.truncate(t),
                Some((t, 2)) if t >= r1 => set_tail(w, t, "eux"),
                Some((t, 3)) if t >= r2 => w.truncate(t),
                Some((t, 4)) if t >= rv => set_tail(w, t, "i"),
                _ => {}
            }
        }
        7 if s >= r2 => {
            w.truncate(s);
            if let Some(t) = ends(w, "abil") {
                set_tail(w, t, if t >= r2 { "" } else { "abl" });
            } else if ends(w, "ic").is_some() {
                ic(w, r2);
            } else if let Some(t) = suffix_at(w, r2, "iv") {
                w.truncate(t);
            }
        }
        8 if s >= r2 => {
            w.truncate(s);
            if let Some(t) = suffix_at(w, r2, "at") {
                w.truncate(t);
                ic(w, r2);
            }
        }
        9 => set_tail(w, s, "eau"),
        10 if s >= r1 => set_tail(w, s, "al"),
        11 if s >= r2 => w.truncate(s),
        11 if s >= r1 => set_tail(w, s, "eux"),
        12 if s >= r1 && s > 0 && !is_vowel(w[s - 1]) => w.truncate(s),
        // -amment/-emment become -ant/-ent and -ment after a vowel in RV is
        // dropped, but the step still fails so the verb steps run next.
        13 if s >= rv => set_tail(w, s, "ant"),
        14 if s >= rv => set_tail(w, s, "ent"),
        15 if s > rv && is_vowel(w[s - 1]) => w.truncate(s),
        _ => return false,
    }
    group < 13
}

/// After -ation/-atrice/-ateur (and -ité, -if/-ive + at): a preceding -ic
/// goes in R2, else becomes -iqU.
fn ic(w: &mut Vec<char>, r2: usize) {
    if let Some(t) = ends(w, "ic") {
        set_tail(w, t, if t >= r2 { "" } else { "iqU" });
    }
}

/// Step 2a suffixes, removed in RV when preceded by a non-vowel also in RV.
const I_VERB: &[&str] = &[
    "ira", "ie", "isse", "issante", "i", "irai", "ir", "iras", "ies", "îmes", "isses", "issantes", "îtes", "is",
    "irais", "issais", "irions", "issions", "irons", "issons", "issants", "it", "irait", "issait", "issant", "iraIent",
    "issaIent", "irent", "issent", "iront", "ît", "iriez", "issiez", "irez", "issez",
];

/// Step 2a: verb suffixes beginning with i.
fn i_verb_suffix(w: &mut Vec<char>, rv: usize) -> bool {
    match longest(w, rv, &[((), I_VERB)]) {
        Some((s, ())) if s > rv && !is_vowel(w[s - 1]) => {
            w.truncate(s);
            true
        }
        _ => false,
    }
}

/// Step 2b suffixes: 1 = -ions (needs R2), 2 = delete, 3 = delete and
/// also a preceding e in RV.
const VERB: &[(u8, &[&str])] = &[
    (1, &["ions"]),
    (
        2,
        &[
            "é", "ée", "ées", "és", "èrent", "er", "era", "erai", "eraIent", "erais", "erait", "eras", "erez", "eriez",
            "erions", "erons", "eront", "ez", "iez",
        ],
    ),
    (
        3,
        &[
            "âmes", "ât", "âtes", "a", "ai", "aIent", "ais", "ait", "ant", "ante", "antes", "ants", "as", "asse",
            "assent", "asses", "assiez", "assions",
        ],
    ),
];

/// Step 2b: other verb suffixes, all inside RV.
fn verb_suffix(w: &mut Vec<char>, rv: usize, r2: usize) -> bool {
    match longest(w, rv, VERB) {
        Some((s, 1)) if s >= r2 => w.truncate(s),
        Some((s, 2)) => w.truncate(s),
        Some((s, 3)) => {
            w.truncate(s);
            if suffix_at(w, rv, "e").is_some() {
                w.pop();
            }
        }
        _ => return false,
    }
    true
}

/// Step 4: residual suffixes, when steps 1 and 2 changed nothing.
fn residual_suffix(w: &mut Vec<char>, rv: usize, r2: usize) {
    let n = w.len();
    // A final s goes unless it follows a, i, o, u, è or s.
    if n >= 2 && w[n - 1] == 's' && !matches!(w[n - 2], 'a' | 'i' | 'o' | 'u' | 'è' | 's') {
        w.pop();
    }
    const RESIDUAL: &[(u8, &[&str])] = &[(1, &["ion"]), (2, &["ier", "ière", "Ier", "Ière"]), (3, &["e"]), (4, &["ë"])];
    match longest(w, rv, RESIDUAL) {
        // -ion in R2 after an s or t that is itself in RV.
        Some((s, 1)) if s >= r2 && s > rv && matches!(w[s - 1], 's' | 't') => w.truncate(s),
        Some((s, 2)) => set_tail(w, s, "i"),
        Some((s, 3)) => w.truncate(s),
        // -guë → -gu, with the gu in RV.
        Some((s, 4)) if s >= rv + 2 && w[s - 2..s] == ['g', 'u'] => w.truncate(s),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    fn check_fr(cases: &[(&str, &str)]) {
        for &(word, want) in cases {
            assert_eq!(stem(word), want, "stem({word:?})");
        }
    }

    #[test]
    fn standard_suffixes() {
        check_fr(&[
            ("trafiquants", "trafiqu"),
            ("indicateurs", "indiqu"),
            ("sociologies", "sociolog"),
            ("conclusions", "conclus"),
            ("conférences", "conférent"),
            ("continuellement", "continuel"),
            ("généreusement", "géner"),
            ("positivement", "posit"),
            ("relativement", "relat"),
            ("véritablement", "vérit"),
            ("entièrement", "entier"),
            ("gouvernements", "gouvern"),
            ("activités", "activ"),
            ("responsabilités", "respons"),
            ("publicité", "publiqu"),
            ("informatif", "inform"),
            ("nouveaux", "nouveau"),
            ("journaux", "journal"),
            ("chevaux", "cheval"),
            ("heureuse", "heureux"),
            ("établissements", "établ"),
        ]);
    }

    #[test]
    fn adverbs_fall_through_to_verb_steps() {
        check_fr(&[
            ("évidemment", "évident"),
            ("abondamment", "abond"),
            ("puissamment", "puiss"),
            ("vraiment", "vrai"),
        ]);
    }

    #[test]
    fn verb_suffixes() {
        check_fr(&[
            ("finissions", "fin"),
            ("choisirions", "chois"),
            ("parlerions", "parl"),
            ("chantassent", "chant"),
            ("aimer", "aim"),
            ("jouer", "jou"),
            ("évaluer", "évalu"),
            ("appuyé", "appui"),
            ("commençait", "commenc"),
            ("payer", "pai"),
        ]);
    }

    #[test]
    fn residual_undouble_unaccent() {
        check_fr(&[
            ("nations", "nation"),
            ("questions", "question"),
            ("mission", "mission"),
            ("premières", "premi"),
            ("tuière", "tui"),
            ("ambiguë", "ambigu"),
            ("contiguë", "contigu"),
            ("parole", "parol"),
            ("personne", "person"),
            ("ancienne", "ancien"),
            ("colère", "coler"),
            ("célèbre", "célebr"),
            ("pays", "pay"),
            ("oasis", "oasis"),
            ("tapis", "tapis"),
            ("tapisserie", "tapisser"),
            ("quête", "quêt"),
            ("yeux", "yeux"),
            ("aïeul", "aïeul"),
        ]);
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        check_fr(&[("", ""), ("a", "a"), ("é", "é"), ("s", "s"), ("ss", "ss"), ("2025", "2025")]);
        for w in ["e\u{301}", "\u{301}ment", "日本語", "😀s", "quIUY", "ÉTATS"] {
            stem(w);
        }
    }
}
