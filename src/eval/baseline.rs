//! Plain BM25 (k1 1.2, b 0.75) with Snowball stemming, stopwords and accent
//! folding: the bar that Verbatim's ranking must clear on general passages.

use crate::analysis::{Lang, fold, is_stopword, stem, tokenize};
use std::collections::HashMap;

pub struct Bm25 {
    lang: Lang,
    /// (id, text, length) of each passage.
    passages: Vec<(String, String, f64)>,
    postings: HashMap<String, Vec<(usize, f64)>>,
    average_length: f64,
}

impl Bm25 {
    pub fn new(lang: Lang, passages: impl IntoIterator<Item = (String, String)>) -> Bm25 {
        let mut bm25 = Bm25 { lang, passages: Vec::new(), postings: HashMap::new(), average_length: 1.0 };
        for (i, (id, text)) in passages.into_iter().enumerate() {
            let terms = bm25.terms(&text);
            let mut tf: HashMap<String, f64> = HashMap::new();
            for t in &terms {
                *tf.entry(t.clone()).or_default() += 1.0;
            }
            for (t, n) in tf {
                bm25.postings.entry(t).or_default().push((i, n));
            }
            bm25.passages.push((id, text, terms.len() as f64));
        }
        let total: f64 = bm25.passages.iter().map(|p| p.2).sum();
        bm25.average_length = (total / bm25.passages.len().max(1) as f64).max(1.0);
        bm25
    }

    fn terms(&self, text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .filter(|t| !t.alias && !is_stopword(self.lang, &fold(&t.word)))
            .map(|t| fold(&stem::stem(self.lang, &t.word)))
            .collect()
    }

    /// The top passages, as (id, text).
    pub fn search(&self, query: &str, limit: usize) -> Vec<(String, String)> {
        let n = self.passages.len() as f64;
        let mut scores: HashMap<usize, f64> = HashMap::new();
        for term in self.terms(query) {
            let Some(postings) = self.postings.get(&term) else {
                continue;
            };
            let df = postings.len() as f64;
            let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
            for &(p, tf) in postings {
                let len = self.passages[p].2;
                *scores.entry(p).or_default() +=
                    idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * len / self.average_length));
            }
        }
        let mut ranked: Vec<(usize, f64)> = scores.into_iter().collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().take(limit).map(|(p, _)| (self.passages[p].0.clone(), self.passages[p].1.clone())).collect()
    }
}
