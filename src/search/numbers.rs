//! Numbers as figures and as words, in French and in English: "25" is
//! « vingt-cinq » and "twenty-five", and the 25th « vingt-cinquième »,
//! "twenty-fifth", « 25e »; records spell out small numbers and ordinals
//! (« le vingt-cinquième anniversaire de la Convention »), people type figures.
//! One and first are left out (« un », "one", « premier », "first" are
//! articles, pronouns and titles far more often than figures). A number of
//! several words with a hundred or a thousand in it (« cent quatre-vingt-cinq »,
//! "two thousand and twenty-five") is read whole into its figure, and a
//! ratio (« trois sur cinq », "one in four") into its share in percent.

use super::listed;
use crate::analysis::{Lang, is_any_stopword};

/// The highest number spelt out; 1000 is the one round number past it.
const MAX_SPELT: u32 = 99;

/// One way of writing a number.
#[derive(Clone, Debug, PartialEq)]
pub struct NumberForm {
    /// Folded.
    pub form: String,
    /// As a figure, or as a word of one language.
    pub lang: Option<Lang>,
    /// An ordinal ("25th"), else a cardinal or a figure.
    ordinal: bool,
}

/// The other ways of writing the number a folded word writes, each with
/// whether it keeps the word's kind (figure or cardinal for a cardinal,
/// ordinal for an ordinal): empty when the word writes no number.
#[inline(never)]
pub fn number_forms(folded: &str) -> Vec<(NumberForm, bool)> {
    let Some((n, ordinal)) = read(folded) else { return Vec::new() };
    forms_of(n).into_iter().filter(|f| f.form != folded).map(|f| (f.clone(), f.ordinal == ordinal)).collect()
}

/// The number a folded word writes, and whether as an ordinal.
fn read(folded: &str) -> Option<(u32, bool)> {
    // A figure, or an ordinal in figures (« 25e », « 25eme », "25th").
    let digits = folded.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let (figures, suffix) = folded.split_at_checked(digits)?;
        let n: u32 = figures.parse().ok()?;
        let ordinal = match suffix {
            "" => false,
            "e" | "eme" | "st" | "nd" | "rd" | "th" => true,
            _ => return None,
        };
        return ((2..=MAX_SPELT).contains(&n) || n == 1000 && !ordinal).then_some((n, ordinal));
    }
    // Only a word whose first part is a number word may be one: most query words
    // stop here, before the forms of every number are spelt to be compared.
    if !begins_as_a_number_word(head(folded)) {
        return None;
    }
    (2..=MAX_SPELT)
        .chain([1000])
        .find_map(|n| forms_of(n).into_iter().find(|f| f.form == folded).map(|f| (n, f.ordinal)))
}

/// The number a folded word writes as a cardinal or a figure (1 included: in a
/// number of several words, « un » and "one" count).
fn cardinal(folded: &str) -> Option<u32> {
    if listed("un une one 1", folded) {
        return Some(1);
    }
    read(folded).filter(|&(n, ordinal)| !ordinal && n < 1000).map(|(n, _)| n)
}

/// A number spelt in several words at the start of `words` (folded; "" for
/// what is no single word): how many words it takes and its value. Only with
/// a hundred or a thousand in it: « deux mille vingt-cinq » is 2025, « cent
/// quatre-vingt-cinq » 185, "one hundred and five" 105; « vingt cinq » is two numbers.
pub fn spelt_in_words(words: &[String]) -> Option<(usize, u32)> {
    let (mut thousands, mut group, mut used, mut scaled) = (0u32, 0u32, 0usize, false);
    let mut i = 0;
    while let Some(w) = words.get(i).map(String::as_str) {
        if listed("et and", w) && used > 0 && words.get(i + 1).and_then(|w| cardinal(w)).is_some() {
            i += 1;
            continue;
        }
        if let Some(n) = cardinal(w) {
            if group % 100 != 0 {
                break;
            }
            group += n;
        } else if listed("cent cents hundred hundreds", w) && group < 100 {
            group = group.max(1) * 100;
            scaled = true;
        } else if listed("mille thousand thousands", w) && thousands == 0 {
            thousands = group.max(1) * 1000;
            group = 0;
            scaled = true;
        } else {
            break;
        }
        i += 1;
        used = i;
    }
    (scaled && used >= 2).then_some((used, thousands + group))
}

/// A ratio at the start of `words` (folded, "" for what is no single word):
/// « trois sur cinq », "three in five", "one out of four", or with a noun
/// between, « une victime sur trois » (where no noun follows: « un rapport sur
/// trois pays » is about three countries): the share in percent (rounded), how
/// many words it spans, and whether the second of them is that noun.
pub fn ratio(words: &[String]) -> Option<(u32, usize, bool)> {
    let word = |i: usize| words.get(i).map_or("", String::as_str);
    let part = cardinal(word(0))?;
    let (whole_at, noun) = match (word(1), word(2)) {
        (of, _) if listed("sur in", of) => (2, false),
        ("out", "of") => (3, false),
        (noun, "sur") if !noun.is_empty() && (word(4).is_empty() || is_any_stopword(word(4))) => (3, true),
        _ => return None,
    };
    let whole = cardinal(word(whole_at))?;
    (part < whole && whole <= 100).then(|| ((part * 200 + whole) / (2 * whole), whole_at + 1, noun))
}

/// A word's part before its first hyphen (« vingt » of « vingt-cinq »).
fn head(word: &str) -> &str {
    word.bytes().position(|b| b == b'-').and_then(|i| word.get(..i)).unwrap_or(word)
}

/// Whether a word's first part is the first part of a number word (plain loops:
/// iterator chains over the tables cost the wasm build more).
fn begins_as_a_number_word(first: &str) -> bool {
    for (units, tens, eighty) in [&FRENCH_CARDINALS, &FRENCH_ORDINALS, &ENGLISH_CARDINALS, &ENGLISH_ORDINALS] {
        for word in units.iter().chain(tens.iter()) {
            if !word.is_empty() && head(word) == first {
                return true;
            }
        }
        if !eighty.is_empty() && head(eighty) == first {
            return true;
        }
    }
    for (cardinal, ordinal) in ENGLISH_HIGH_TENS {
        if cardinal == first || ordinal == first {
            return true;
        }
    }
    first == "mille" || first == "thousand"
}

/// Every way of writing `n` in one word.
fn forms_of(n: u32) -> Vec<NumberForm> {
    let form = |form: String, lang: Option<Lang>, ordinal: bool| NumberForm { form, lang, ordinal };
    let digits = n.to_string();
    if n == 1000 {
        return vec![
            form(digits, None, false),
            form("mille".into(), Some(Lang::French), false),
            form("thousand".into(), Some(Lang::English), false),
        ];
    }
    let english_suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    let (fr, en) = (Some(Lang::French), Some(Lang::English));
    vec![
        form(digits.clone() + "e", fr, true),
        form(digits.clone() + "eme", fr, true),
        form(digits.clone() + english_suffix, en, true),
        form(digits, None, false),
        form(french(n, &FRENCH_CARDINALS), fr, false),
        form(french(n, &FRENCH_ORDINALS), fr, true),
        form(english(n, &ENGLISH_CARDINALS), en, false),
        form(english(n, &ENGLISH_ORDINALS), en, true),
    ]
}

/// French words for 1–19, then for the tens 10–60 and 80: cardinals and
/// ordinals alike, so that one function spells both (tables cost the wasm
/// build less than the code that would derive one from the other).
type Words = ([&'static str; 20], [&'static str; 7], &'static str);

const FRENCH_CARDINALS: Words = (
    [
        "", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize",
        "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf",
    ],
    ["", "dix", "vingt", "trente", "quarante", "cinquante", "soixante"],
    "quatre-vingts",
);
// Packed as the cardinals are: rustfmt would give each longer word a line of its own.
#[rustfmt::skip]
const FRENCH_ORDINALS: Words = (
    [
        "", "unieme", "deuxieme", "troisieme", "quatrieme", "cinquieme", "sixieme", "septieme", "huitieme",
        "neuvieme", "dixieme", "onzieme", "douzieme", "treizieme", "quatorzieme", "quinzieme", "seizieme",
        "dix-septieme", "dix-huitieme", "dix-neuvieme",
    ],
    ["", "dixieme", "vingtieme", "trentieme", "quarantieme", "cinquantieme", "soixantieme"],
    "quatre-vingtieme",
);

/// « vingt-cinq », « soixante-et-onze », « quatre-vingt-dix », « vingt-cinquième »
/// (folded; in the 1990 spelling, hyphens throughout, which makes one word).
fn french(n: u32, (units, tens, eighty): &Words) -> String {
    let unit = |u: u32| units.get(u as usize).copied().unwrap_or_default();
    // Before a unit, the tens word is a cardinal: « vingt-cinquième ».
    let (ten, rest) = match n {
        0..=19 => return unit(n).to_string(),
        80 => return eighty.to_string(),
        81..=99 => ("quatre-vingt", n - 80),
        // 70–79 count on from soixante: « soixante-douze ».
        70..=79 => ("soixante", n - 60),
        _ if n.is_multiple_of(10) => return tens.get((n / 10) as usize).copied().unwrap_or_default().to_string(),
        _ => (FRENCH_CARDINALS.1.get((n / 10) as usize).copied().unwrap_or_default(), n % 10),
    };
    let and = if (rest == 1 || rest == 11) && n < 80 { "-et-" } else { "-" };
    joined(&[ten, and, unit(rest)])
}

const ENGLISH_CARDINALS: Words = (
    [
        "",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ],
    ["", "ten", "twenty", "thirty", "forty", "fifty", "sixty"],
    "",
);
// Packed, as the French ordinals.
#[rustfmt::skip]
const ENGLISH_ORDINALS: Words = (
    [
        "", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
        "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
    ],
    ["", "tenth", "twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth"],
    "",
);
/// The tens past sixty, which French does not count in: cardinal, ordinal.
const ENGLISH_HIGH_TENS: [(&str, &str); 3] =
    [("seventy", "seventieth"), ("eighty", "eightieth"), ("ninety", "ninetieth")];

/// "twenty-five", "twenty-fifth", "eightieth" (folded).
fn english(n: u32, (units, tens, _): &Words) -> String {
    let ordinal = units.get(1) == ENGLISH_ORDINALS.0.get(1);
    let tens_word = |t: u32, as_ordinal: bool| match t {
        7..=9 => ENGLISH_HIGH_TENS.get(t as usize - 7).map_or("", |&(c, o)| if as_ordinal { o } else { c }),
        _ if as_ordinal => tens.get(t as usize).copied().unwrap_or_default(),
        _ => ENGLISH_CARDINALS.1.get(t as usize).copied().unwrap_or_default(),
    };
    match n {
        0..=19 => units.get(n as usize).copied().unwrap_or_default().to_string(),
        _ if n.is_multiple_of(10) => tens_word(n / 10, ordinal).to_string(),
        _ => joined(&[tens_word(n / 10, false), "-", units.get((n % 10) as usize).copied().unwrap_or_default()]),
    }
}

/// Words joined into one, as `concat` would (whose generic code costs the wasm build more).
fn joined(parts: &[&str]) -> String {
    let mut out = String::new();
    for part in parts {
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(word: &str) -> Vec<String> {
        number_forms(word).into_iter().map(|(f, _)| f.form).collect()
    }

    #[test]
    fn figures_cardinals_and_ordinals_write_one_number() {
        let of_25 = forms("25");
        for form in ["vingt-cinq", "vingt-cinquieme", "twenty-five", "twenty-fifth", "25e", "25eme", "25th"] {
            assert!(of_25.contains(&form.to_string()), "{form} in {of_25:?}");
        }
        assert!(forms("vingt-cinquieme").contains(&"25".to_string()));
        assert!(forms("twenty-fifth").contains(&"vingt-cinquieme".to_string()));
        assert!(forms("quinze").contains(&"fifteen".to_string()));
        assert!(forms("mille").contains(&"1000".to_string()));
    }

    #[test]
    fn numbers_are_spelt_as_french_and_english_count() {
        let fr = |n| (french(n, &FRENCH_CARDINALS), french(n, &FRENCH_ORDINALS));
        assert_eq!(fr(21), ("vingt-et-un".into(), "vingt-et-unieme".into()));
        assert_eq!(fr(25), ("vingt-cinq".into(), "vingt-cinquieme".into()));
        assert_eq!(fr(30), ("trente".into(), "trentieme".into()));
        assert_eq!(fr(71), ("soixante-et-onze".into(), "soixante-et-onzieme".into()));
        assert_eq!(fr(72), ("soixante-douze".into(), "soixante-douzieme".into()));
        assert_eq!(fr(80), ("quatre-vingts".into(), "quatre-vingtieme".into()));
        assert_eq!(fr(81), ("quatre-vingt-un".into(), "quatre-vingt-unieme".into()));
        assert_eq!(fr(99), ("quatre-vingt-dix-neuf".into(), "quatre-vingt-dix-neuvieme".into()));
        let en = |n| (english(n, &ENGLISH_CARDINALS), english(n, &ENGLISH_ORDINALS));
        assert_eq!(en(22), ("twenty-two".into(), "twenty-second".into()));
        assert_eq!(en(40), ("forty".into(), "fortieth".into()));
        assert_eq!(en(80), ("eighty".into(), "eightieth".into()));
        assert_eq!(en(93), ("ninety-three".into(), "ninety-third".into()));
    }

    #[test]
    fn a_cardinal_keeps_its_kind_in_figures_and_words_not_in_ordinals() {
        let kinds: Vec<(String, bool)> = number_forms("15").into_iter().map(|(f, same)| (f.form, same)).collect();
        assert!(kinds.contains(&("quinze".to_string(), true)));
        assert!(kinds.contains(&("quinzieme".to_string(), false)));
    }

    #[test]
    fn an_ordinal_in_figures_writes_its_number() {
        for word in ["25e", "25eme", "25th"] {
            let of = forms(word);
            assert!(of.contains(&"vingt-cinquieme".to_string()) && of.contains(&"25".to_string()), "{word}: {of:?}");
        }
        assert!(forms("79th").contains(&"seventy-ninth".to_string()));
        assert!(forms("25x").is_empty() && forms("1000th").is_empty());
    }

    fn words(text: &str) -> Vec<String> {
        text.split(' ').map(|w| if w == "_" { String::new() } else { w.to_string() }).collect()
    }

    #[test]
    fn numbers_of_several_words_with_a_hundred_or_a_thousand_are_read_whole() {
        assert_eq!(spelt_in_words(&words("cent quatre-vingt-cinq etats")), Some((2, 185)));
        assert_eq!(spelt_in_words(&words("deux mille vingt-cinq")), Some((3, 2025)));
        assert_eq!(spelt_in_words(&words("one hundred and five")), Some((4, 105)));
        assert_eq!(spelt_in_words(&words("trois cents")), Some((2, 300)));
        // Two numbers side by side, a number alone, a hundred before a word.
        assert_eq!(spelt_in_words(&words("vingt cinq")), None);
        assert_eq!(spelt_in_words(&words("quarante pour cent")), None);
        assert_eq!(spelt_in_words(&words("cent pays")), None);
        assert_eq!(spelt_in_words(&words("cent _ cinq")), None);
        // "and" only between number words.
        assert_eq!(spelt_in_words(&words("two hundred and countries")), Some((2, 200)));
    }

    #[test]
    fn ratios_are_read_as_shares_in_percent() {
        assert_eq!(ratio(&words("trois sur cinq")), Some((60, 3, false)));
        assert_eq!(ratio(&words("one out of four")), Some((25, 4, false)));
        assert_eq!(ratio(&words("une victime sur trois")), Some((33, 4, true)));
        assert_eq!(ratio(&words("une victime sur trois est un enfant")), Some((33, 4, true)));
        assert_eq!(ratio(&words("un rapport sur trois pays")), None, "about three countries");
        assert_eq!(ratio(&words("2 in 3")), Some((67, 3, false)));
        assert_eq!(ratio(&words("une _ sur trois")), None);
        assert_eq!(ratio(&words("cinq sur trois")), None);
        assert_eq!(ratio(&words("un regard sur")), None);
        assert_eq!(ratio(&words("one in 2025")), None);
    }

    #[test]
    fn one_first_and_other_words_write_no_number() {
        for word in ["1", "un", "one", "premier", "first", "traite", "", "100", "seizieme-siecle"] {
            assert!(number_forms(word).is_empty(), "{word}");
        }
    }
}
