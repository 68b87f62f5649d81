// The scoring rules of `verbatim eval` (src/eval/mod.rs, after ../shared/eval/README.md),
// ported line for line so that figures agree with the Rust side to the last digit:
// nDCG@10 (gain 2^grade − 1, discount log2(rank + 1)), MRR@10, Success@1, Recall@10,
// for quote-judged ("relevant": [{quote, grade}]) and id-judged ("relevant_ids") files.
// The smoke test (tests/bench-smoke.test.mjs) checks it against `verbatim eval`.

/** Ranked lists are cut here. */
export const CUTOFF = 10;

/** Reads a JSON Lines query file; errors name the line. */
export function parseQueries(text) {
  const out = [];
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    let parsed;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      throw new Error(`line ${i + 1}: ${e.message}`);
    }
    if (typeof parsed.query !== "string") throw new Error(`line ${i + 1}: needs a "query" string`);
    let judgments;
    if (Array.isArray(parsed.relevant)) judgments = { quotes: parsed.relevant.map((q) => [String(q.quote), Number(q.grade)]) };
    else if (Array.isArray(parsed.relevant_ids)) judgments = { ids: parsed.relevant_ids.map(String) };
    else throw new Error(`line ${i + 1}: needs "relevant" or "relevant_ids"`);
    out.push({ query: parsed.query, kind: parsed.kind ?? "all", judgments });
  });
  return out;
}

const dcg = (grades) =>
  grades.slice(0, CUTOFF).reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);

/**
 * Scores one ranked list (`ranked`: [{id, text}], best first) against its judgments.
 * Returns {ndcg, mrr, success_at_1, recall}.
 */
export function score(judgments, ranked) {
  ranked = ranked.slice(0, CUTOFF);
  let gains, ideal, listed, credited;
  if (judgments.quotes) {
    const quotes = judgments.quotes;
    const done = quotes.map(() => false);
    gains = ranked.map((r) => {
      let grade = 0;
      quotes.forEach(([quote, g], i) => {
        if (r.text.includes(quote)) {
          if (!done[i]) grade = Math.max(grade, g);
          done[i] = true;
        }
      });
      return grade;
    });
    ideal = quotes.map((q) => q[1]).sort((a, b) => b - a);
    listed = quotes.length;
    credited = done.filter(Boolean).length;
  } else {
    const ids = judgments.ids;
    const done = ids.map(() => false);
    gains = ranked.map((r) => {
      const i = ids.indexOf(r.id);
      if (i >= 0 && !done[i]) {
        done[i] = true;
        return 1;
      }
      return 0;
    });
    ideal = ids.map(() => 1);
    listed = ids.length;
    credited = done.filter(Boolean).length;
  }
  const idealDcg = dcg(ideal);
  const first = gains.findIndex((g) => g > 0);
  return {
    ndcg: idealDcg > 0 ? dcg(gains) / idealDcg : 0,
    mrr: first >= 0 ? 1 / (first + 1) : 0,
    success_at_1: first === 0 ? 1 : 0,
    recall: listed > 0 ? credited / listed : 0,
  };
}

const zero = () => ({ ndcg: 0, mrr: 0, success_at_1: 0, recall: 0 });
const add = (a, b) => {
  for (const k of Object.keys(a)) a[k] += b[k];
};
const divided = (m, n) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v / Math.max(n, 1)]));

/**
 * Scores every query. `resultsFor(query, index)` gives the ranked [{id, text}] of one query.
 * Returns {mean, byKind: {kind: {n, ...metrics}}, perQuery: [{query, kind, ...metrics}]}.
 */
export function evaluate(queries, resultsFor) {
  const mean = zero();
  const kinds = new Map();
  const perQuery = [];
  queries.forEach((q, i) => {
    const m = score(q.judgments, resultsFor(q.query, i));
    add(mean, m);
    if (!kinds.has(q.kind)) kinds.set(q.kind, { n: 0, sum: zero() });
    const k = kinds.get(q.kind);
    k.n += 1;
    add(k.sum, m);
    perQuery.push({ query: q.query, kind: q.kind, ...m });
  });
  const byKind = {};
  for (const kind of [...kinds.keys()].sort()) {
    const { n, sum } = kinds.get(kind);
    byKind[kind] = { n, ...divided(sum, n) };
  }
  return { mean: divided(mean, queries.length), byKind, perQuery };
}
