//! Relevance evaluation, exactly as ../shared/eval/README.md scores it:
//! quote-judged files (graded quotes found in passage text) and id-judged
//! files (`relevant_ids`): nDCG@10, MRR@10, Success@1, Recall@10.

pub mod baseline;

use serde::Deserialize;
use std::collections::BTreeMap;

/// Ranked lists are cut here.
pub const CUTOFF: usize = 10;

/// One judged query.
#[derive(Clone, Debug, PartialEq)]
pub struct Judged {
    pub query: String,
    pub kind: String,
    pub judgments: Judgments,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Judgments {
    /// (quote, grade): a passage containing the quote has that grade.
    Quotes(Vec<(String, u32)>),
    /// Passage ids that answer, all of grade 1.
    Ids(Vec<String>),
}

#[derive(Deserialize)]
struct Line {
    query: String,
    kind: Option<String>,
    relevant: Option<Vec<QuoteLine>>,
    relevant_ids: Option<Vec<String>>,
}

#[derive(Deserialize)]
struct QuoteLine {
    quote: String,
    grade: u32,
}

/// Reads a JSON Lines query file; errors name the line.
pub fn parse_queries(text: &str) -> Result<Vec<Judged>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let parsed: Line = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1))?;
        let judgments = match (parsed.relevant, parsed.relevant_ids) {
            (Some(quotes), _) => Judgments::Quotes(quotes.into_iter().map(|q| (q.quote, q.grade)).collect()),
            (None, Some(ids)) => Judgments::Ids(ids),
            (None, None) => {
                return Err(format!("line {}: needs \"relevant\" or \"relevant_ids\"", i + 1));
            }
        };
        out.push(Judged { query: parsed.query, kind: parsed.kind.unwrap_or_else(|| "all".into()), judgments });
    }
    Ok(out)
}

/// The figures for one query, or a mean of them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Metrics {
    pub ndcg: f64,
    pub mrr: f64,
    pub success_at_1: f64,
    pub recall: f64,
}

impl Metrics {
    fn add(&mut self, other: &Metrics) {
        self.ndcg += other.ndcg;
        self.mrr += other.mrr;
        self.success_at_1 += other.success_at_1;
        self.recall += other.recall;
    }

    fn divided(mut self, n: usize) -> Metrics {
        let n = n.max(1) as f64;
        self.ndcg /= n;
        self.mrr /= n;
        self.success_at_1 /= n;
        self.recall /= n;
        self
    }
}

/// A returned passage: its id and its text.
pub struct Returned<'a> {
    pub id: &'a str,
    pub text: &'a str,
}

/// Scores one ranked list against its judgments.
pub fn score(judgments: &Judgments, ranked: &[Returned]) -> Metrics {
    let ranked = ranked.get(..CUTOFF.min(ranked.len())).unwrap_or_default();
    let (gains, ideal, listed, credited): (Vec<u32>, Vec<u32>, usize, usize) = match judgments {
        Judgments::Quotes(quotes) => {
            let mut credited = vec![false; quotes.len()];
            let gains = ranked
                .iter()
                .map(|r| {
                    let mut grade = 0;
                    for (i, (quote, g)) in quotes.iter().enumerate() {
                        if r.text.contains(quote.as_str()) {
                            if !credited[i] {
                                grade = grade.max(*g);
                            }
                            credited[i] = true;
                        }
                    }
                    grade
                })
                .collect();
            let mut ideal: Vec<u32> = quotes.iter().map(|q| q.1).collect();
            ideal.sort_unstable_by(|a, b| b.cmp(a));
            (gains, ideal, quotes.len(), credited.iter().filter(|&&c| c).count())
        }
        Judgments::Ids(ids) => {
            let mut credited = vec![false; ids.len()];
            let gains = ranked
                .iter()
                .map(|r| match ids.iter().position(|id| id == r.id) {
                    Some(i) if !credited[i] => {
                        credited[i] = true;
                        1
                    }
                    _ => 0,
                })
                .collect();
            (gains, vec![1; ids.len()], ids.len(), credited.iter().filter(|&&c| c).count())
        }
    };
    let dcg = |grades: &[u32]| -> f64 {
        grades
            .iter()
            .take(CUTOFF)
            .enumerate()
            .map(|(i, &g)| (2f64.powi(g as i32) - 1.0) / ((i + 2) as f64).log2())
            .sum()
    };
    let ideal_dcg = dcg(&ideal);
    let first = gains.iter().position(|&g| g > 0);
    Metrics {
        ndcg: if ideal_dcg > 0.0 { dcg(&gains) / ideal_dcg } else { 0.0 },
        mrr: first.map_or(0.0, |r| 1.0 / (r + 1) as f64),
        success_at_1: if first == Some(0) { 1.0 } else { 0.0 },
        recall: if listed > 0 { credited as f64 / listed as f64 } else { 0.0 },
    }
}

/// Mean figures over all queries and per kind, plus each query's.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub mean: Metrics,
    pub by_kind: BTreeMap<String, (usize, Metrics)>,
    pub per_query: Vec<(String, String, Metrics)>,
}

/// Runs every query through `search` (which returns the ranked passages' ids and texts) and averages.
pub fn evaluate(queries: &[Judged], mut search: impl FnMut(&str) -> Vec<(String, String)>) -> Report {
    let mut report = Report::default();
    let mut kinds: BTreeMap<String, (usize, Metrics)> = BTreeMap::new();
    for q in queries {
        let results = search(&q.query);
        let returned: Vec<Returned> = results.iter().map(|(id, text)| Returned { id, text }).collect();
        let m = score(&q.judgments, &returned);
        report.mean.add(&m);
        let entry = kinds.entry(q.kind.clone()).or_default();
        entry.0 += 1;
        entry.1.add(&m);
        report.per_query.push((q.query.clone(), q.kind.clone(), m));
    }
    report.mean = report.mean.divided(queries.len());
    report.by_kind = kinds.into_iter().map(|(k, (n, m))| (k, (n, m.divided(n)))).collect();
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(list: &[(&str, u32)]) -> Judgments {
        Judgments::Quotes(list.iter().map(|(q, g)| (q.to_string(), *g)).collect())
    }

    fn ranked<'a>(texts: &'a [&'a str]) -> Vec<Returned<'a>> {
        texts.iter().map(|t| Returned { id: t, text: t }).collect()
    }

    #[test]
    fn perfect_ranking_scores_one() {
        let j = quotes(&[("alpha", 2), ("beta", 1)]);
        let m = score(&j, &ranked(&["x alpha", "beta y", "z"]));
        assert!((m.ndcg - 1.0).abs() < 1e-9);
        assert_eq!((m.mrr, m.success_at_1, m.recall), (1.0, 1.0, 1.0));
    }

    #[test]
    fn follows_the_readme_formula() {
        // One grade-2 quote found at rank 2: DCG = 3/log2(3), ideal = 3/log2(2).
        let j = quotes(&[("alpha", 2)]);
        let m = score(&j, &ranked(&["none", "alpha"]));
        assert!((m.ndcg - 1.0 / 3f64.log2()).abs() < 1e-9);
        assert_eq!((m.mrr, m.success_at_1, m.recall), (0.5, 0.0, 1.0));
    }

    #[test]
    fn a_quote_counts_once() {
        let j = quotes(&[("alpha", 2), ("beta", 2)]);
        let m = score(&j, &ranked(&["alpha", "alpha again", "beta"]));
        let ideal = 3.0 + 3.0 / 3f64.log2();
        let got = 3.0 + 3.0 / 4f64.log2();
        assert!((m.ndcg - got / ideal).abs() < 1e-9);
    }

    #[test]
    fn id_judgments_score_binary() {
        let j = Judgments::Ids(vec!["b".into()]);
        let m = score(&j, &[Returned { id: "a", text: "" }, Returned { id: "b", text: "" }]);
        assert_eq!((m.mrr, m.recall), (0.5, 1.0));
    }

    #[test]
    fn reads_both_file_kinds() {
        let text = "{\"query\":\"a\",\"kind\":\"name\",\"relevant\":[{\"quote\":\"x\",\"grade\":2}]}\n{\"query\":\"b\",\"relevant_ids\":[\"i\"]}\n";
        let qs = parse_queries(text).unwrap();
        assert_eq!(qs[0].judgments, quotes(&[("x", 2)]));
        assert_eq!(qs[1].kind, "all");
        assert!(parse_queries("{\"query\":\"c\"}").unwrap_err().starts_with("line 1"));
    }
}
