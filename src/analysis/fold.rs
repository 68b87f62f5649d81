//! Case and accent folding without Unicode normalization tables.
//!
//! A full NFD table costs ~56 KB gzip in wasm; meeting records are written in
//! Latin scripts, so a hand-written map of the Latin-1 and Latin Extended-A
//! letters covers them. Other scripts are only lowercased.

/// Lowercases a word, keeping its accents (the form the dictionary stores).
pub fn lower(word: &str) -> String {
    word.chars().map(lower_char).collect()
}

/// The lowercase of a letter in the Latin, Greek and Cyrillic blocks that
/// meeting records use; other characters are returned unchanged. Std's
/// `to_lowercase` tables cover every script and cost ~11 KB of wasm.
pub fn lower_char(c: char) -> char {
    let code = c as u32;
    let even = code.is_multiple_of(2);
    let lowered = match code {
        0x41..=0x5a => code + 32,
        0xc0..=0xde if code != 0xd7 => code + 32,
        0x130 => 'i' as u32,
        0x178 => 0xff,
        // Latin Extended-A and Latin Extended Additional alternate upper, lower.
        0x100..=0x137 | 0x14a..=0x177 | 0x1e00..=0x1e95 | 0x1ea0..=0x1eff if even => code + 1,
        0x139..=0x148 | 0x179..=0x17e if !even => code + 1,
        0x218..=0x21b if even => code + 1, // Ș Ț
        0x391..=0x3ab if code != 0x3a2 => code + 32,
        0x386 => 0x3ac,
        0x388..=0x38a => code + 37,
        0x38c => 0x3cc,
        0x38e | 0x38f => code + 63,
        0x400..=0x40f => code + 80,
        0x410..=0x42f => code + 32,
        0x460..=0x481 | 0x48a..=0x4bf | 0x4d0..=0x52f if even => code + 1,
        0x4c0 => 0x4cf,
        0x4c1..=0x4ce if !even => code + 1,
        _ => code,
    };
    char::from_u32(lowered).unwrap_or(c)
}

/// True for an uppercase letter of the scripts `lower_char` knows.
pub fn is_upper(c: char) -> bool {
    lower_char(c) != c
}

/// Lowercases and removes accents; expands the œ and æ ligatures.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match fold_char(lower_char(c)) {
            Folded::One(f) => out.push(f),
            Folded::Two(a, b) => {
                out.push(a);
                out.push(b);
            }
        }
    }
    out
}

enum Folded {
    One(char),
    Two(char, char),
}

fn fold_char(c: char) -> Folded {
    let f = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'œ' => return Folded::Two('o', 'e'),
        'æ' => return Folded::Two('a', 'e'),
        'ß' => return Folded::Two('s', 's'),
        'þ' => return Folded::Two('t', 'h'),
        'ð' => 'd',
        other => other,
    };
    Folded::One(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_french_and_latin_letters() {
        for (input, want) in [
            ("États", "etats"),
            ("Œuvrer", "oeuvrer"),
            ("Cœur", "coeur"),
            ("Koweït", "koweit"),
            ("Siobhán", "siobhan"),
            ("Türkiye", "turkiye"),
            ("Łódź", "lodz"),
            ("Straße", "strasse"),
            ("ÆGIS", "aegis"),
            ("Москва", "москва"),
        ] {
            assert_eq!(fold(input), want, "fold({input})");
        }
    }

    #[test]
    fn lower_char_agrees_with_std_on_the_scripts_it_knows() {
        let ranges = [0x20..0x180u32, 0x218..0x21c, 0x386..0x3b0, 0x400..0x530, 0x1e00..0x1f00];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let std: Vec<char> = c.to_lowercase().collect();
            if std.len() == 1 && c != 'ẞ' {
                assert_eq!(lower_char(c), std[0], "{c} U+{:04X}", c as u32);
            }
        }
        assert_eq!(lower_char('漢'), '漢');
    }

    #[test]
    fn lower_keeps_accents() {
        assert_eq!(lower("Élèves"), "élèves");
        assert_eq!(lower("ONUDC"), "onudc");
    }
}
