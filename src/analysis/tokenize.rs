//! Text → tokens with byte ranges and word positions.
//!
//! French and English typography shapes the rules: elided articles (l’, d’,
//! qu’, jusqu’…) are dropped, hyphenated words are indexed whole and by their
//! parts, "15 000" is one number, "60 %" and "60%" are the same token, and UN
//! document symbols (A/80/PV.48) stay whole.

use super::fold::lower;

/// Words longer than this (in bytes) are noise (URLs, OCR garbage) and are skipped,
/// so one huge "word" cannot blow up the dictionary.
pub const MAX_WORD_BYTES: usize = 64;

/// One indexed word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Lowercase, accents kept, apostrophes and hyphens normalized to ASCII.
    pub word: String,
    /// Byte range of the word in the analyzed text.
    pub start: usize,
    pub end: usize,
    /// Word position, for phrases and proximity. An alias shares the position
    /// of the token it stands for.
    pub position: u32,
    /// An extra form at the same position: a hyphenated word whole, or "60%" beside "60".
    pub alias: bool,
}

const ELISIONS: &[&str] =
    &["c", "d", "j", "jusqu", "l", "lorsqu", "m", "n", "presqu", "puisqu", "qu", "quelqu", "quoiqu", "s", "t"];

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '`')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Characters that may join two alphanumeric runs into one raw word.
fn is_joiner(c: char) -> bool {
    is_apostrophe(c) || is_hyphen(c) || matches!(c, '/' | '.' | ',')
}

/// Splits text into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Tokens { text, tokens: Vec::new(), position: 0 };
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].1.is_alphanumeric() {
            i += 1;
            continue;
        }
        let begin = i;
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            if c.is_alphanumeric() {
                j += 1;
            } else if is_joiner(c) && chars.get(j + 1).is_some_and(|n| n.1.is_alphanumeric()) {
                j += 2;
            } else {
                break;
            }
        }
        let start = chars[begin].0;
        let end = chars.get(j).map_or(text.len(), |c| c.0);
        i = j;
        let word = text.get(start..end).unwrap_or_default();
        // "15 000": a group of one to three digits followed by groups of three.
        if word.bytes().all(|b| b.is_ascii_digit()) && end - start <= 3 {
            let mut digits = word.to_string();
            let mut k = j;
            while let Some(next) = thousands_group(&chars, k) {
                digits.push_str(text.get(chars[k + 1].0..chars[next - 1].0 + 1).unwrap_or_default());
                k = next;
            }
            if k != j {
                let end = chars.get(k).map_or(text.len(), |c| c.0);
                out.number(digits, start, end, percent_after(&chars, k));
                i = k;
                continue;
            }
        }
        if word.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',') {
            out.number(word.to_string(), start, end, percent_after(&chars, j));
            continue;
        }
        out.raw_word(start, end);
    }
    out.tokens
}

/// If a space then exactly three digits start at `k`, returns the index after them.
fn thousands_group(chars: &[(usize, char)], k: usize) -> Option<usize> {
    let space = chars.get(k)?;
    if !is_space(space.1) {
        return None;
    }
    let digits = chars.get(k + 1..k + 4)?;
    if !digits.iter().all(|c| c.1.is_ascii_digit()) {
        return None;
    }
    match chars.get(k + 4) {
        Some(c) if c.1.is_alphanumeric() => None,
        _ => Some(k + 4),
    }
}

/// The byte index just after a "%" that follows at `k` (with at most one space).
fn percent_after(chars: &[(usize, char)], k: usize) -> Option<usize> {
    let at = |i: usize| chars.get(i).map(|c| c.1);
    match (at(k), at(k + 1)) {
        (Some('%'), _) => chars.get(k).map(|c| c.0 + 1),
        (Some(s), Some('%')) if is_space(s) => chars.get(k + 1).map(|c| c.0 + 1),
        _ => None,
    }
}

struct Tokens<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    position: u32,
}

impl Tokens<'_> {
    fn push(&mut self, word: String, start: usize, end: usize, alias: bool) {
        if word.is_empty() || word.len() > MAX_WORD_BYTES {
            return;
        }
        let position = if alias {
            self.position.saturating_sub(1)
        } else {
            self.position = self.position.saturating_add(1);
            self.position - 1
        };
        self.tokens.push(Token { word, start, end, position, alias });
    }

    fn number(&mut self, digits: String, start: usize, end: usize, percent_end: Option<usize>) {
        let alias = percent_end.map(|pe| (format!("{digits}%"), pe));
        self.push(digits, start, end, false);
        if let Some((word, pe)) = alias {
            self.push(word, start, pe, true);
        }
    }

    fn raw_word(&mut self, mut start: usize, mut end: usize) {
        let text = self.text;
        let part = |start: usize, end: usize| text.get(start..end).unwrap_or_default();
        if part(start, end).contains('/') {
            return self.slashed(start, end);
        }
        // Drop elided articles: l’Office → Office, jusqu’à → à.
        while let Some((i, c)) = part(start, end).char_indices().find(|&(_, c)| is_apostrophe(c)) {
            if ELISIONS.contains(&lower(part(start, start + i)).as_str()) {
                start += i + c.len_utf8();
            } else {
                break;
            }
        }
        // English possessive: UN’s → UN.
        if let Some(stripped) = part(start, end).strip_suffix('s')
            && stripped.ends_with(is_apostrophe)
        {
            let apostrophe = stripped.chars().next_back().map_or(1, char::len_utf8);
            end = start + stripped.len() - apostrophe;
        }
        self.compound(start, end);
    }

    /// A hyphenated (or apostrophe-joined) word: its parts, then the whole as an alias.
    fn compound(&mut self, start: usize, end: usize) {
        let text = self.text.get(start..end).unwrap_or_default();
        let mut parts = Vec::new();
        let mut part_start = 0;
        for (i, c) in text.char_indices() {
            if is_hyphen(c) || is_apostrophe(c) || c == '.' || c == ',' {
                parts.push((part_start, i));
                part_start = i + c.len_utf8();
            }
        }
        parts.push((part_start, text.len()));
        for &(a, b) in &parts {
            self.push(lower(text.get(a..b).unwrap_or_default()), start + a, start + b, false);
        }
        if parts.len() > 1 {
            let whole: String = lower(text)
                .chars()
                .map(|c| {
                    if is_hyphen(c) {
                        '-'
                    } else if is_apostrophe(c) {
                        '\''
                    } else {
                        c
                    }
                })
                .collect();
            let first = self.tokens.len() - parts.len().min(self.tokens.len());
            let position = self.tokens.get(first).map_or(self.position, |t| t.position);
            if whole.len() <= MAX_WORD_BYTES {
                self.tokens.push(Token { word: whole, start, end, position, alias: true });
            }
        }
    }

    /// UN document symbols (AG/12734, A/80/PV.48) stay whole; "et/ou" splits.
    fn slashed(&mut self, start: usize, end: usize) {
        let text = self.text.get(start..end).unwrap_or_default();
        let is_symbol = text.starts_with(|c: char| c.is_ascii_uppercase())
            && text
                .split('/')
                .all(|seg| !seg.is_empty() && seg.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'))
            && text
                .split('/')
                .nth(1)
                .is_some_and(|s| s.starts_with(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit()));
        if is_symbol {
            self.push(text.to_ascii_lowercase(), start, end, false);
            return;
        }
        let mut offset = 0;
        for seg in text.split('/') {
            if !seg.is_empty() {
                self.raw_word(start + offset, start + offset + seg.len());
            }
            offset += seg.len() + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn splits_words_and_drops_elisions() {
        for (text, want) in [
            ("l’Office des Nations", vec!["office", "des", "nations"]),
            ("d'Haïti et d’Israël", vec!["haïti", "et", "israël"]),
            ("jusqu’à lorsqu’il qu’elle", vec!["à", "il", "elle"]),
            ("aujourd’hui", vec!["aujourd", "hui", "aujourd'hui"]),
            ("the UN’s role", vec!["the", "un", "role"]),
        ] {
            assert_eq!(words(text), want, "{text}");
        }
    }

    #[test]
    fn hyphenated_words_are_found_whole_and_by_parts() {
        assert_eq!(words("des demi-mesures"), ["des", "demi", "mesures", "demi-mesures"]);
        assert_eq!(words("Asie du Sud-Est"), ["asie", "du", "sud", "est", "sud-est"]);
        let t = tokenize("demi-mesures");
        assert_eq!((t[0].position, t[1].position, t[2].position), (0, 1, 0));
        assert!(t[2].alias);
    }

    #[test]
    fn numbers_keep_percent_and_french_thousands() {
        assert_eq!(words("plus de 60% des"), ["plus", "de", "60", "60%", "des"]);
        assert_eq!(words("plus de 60 % des"), ["plus", "de", "60", "60%", "des"]);
        assert_eq!(words("15 000 victimes"), ["15000", "victimes"]);
        assert_eq!(words("1\u{202f}250\u{a0}000 personnes"), ["1250000", "personnes"]);
        assert_eq!(words("en 2018 100 cas"), ["en", "2018", "100", "cas"]);
        assert_eq!(words("1,5 million"), ["1,5", "million"]);
    }

    #[test]
    fn un_symbols_stay_whole() {
        assert_eq!(words("AG/12734"), ["ag/12734"]);
        assert_eq!(words("voir A/80/PV.48."), ["voir", "a/80/pv.48"]);
        assert_eq!(words("S/RES/2231 (2015)"), ["s/res/2231", "2015"]);
        assert_eq!(words("et/ou"), ["et", "ou"]);
    }

    #[test]
    fn byte_ranges_point_into_the_text() {
        let text = "« Cœur bleu » d’Haïti";
        for t in tokenize(text) {
            assert_eq!(lower(&text[t.start..t.end]).replace('’', "'"), t.word);
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            "-",
            "''",
            "’s",
            "l’",
            "a-",
            "/",
            "1/",
            "%",
            "1 000 ",
            "\u{202e}abc",
            "🙂a🙂",
            "x".repeat(200).as_str(),
        ] {
            let _ = tokenize(text);
        }
        assert!(words(&"x".repeat(200)).is_empty());
    }
}
