// lunr 2.3.9 with lunr-languages' French — configured as lunr-languages' README shows
// (`this.use(lunr.fr)`: French trimmer, stop words, accent folding and Snowball stemmer,
// title boosted) and as lunr's "Searching" guide offers for partial and misspelled words:
// every query word is searched as typed (stemmed), with a trailing wildcard (prefix) and
// with edit distance 1 (fuzzy). The index is pre-built in Node and loaded with
// `lunr.Index.load` (lunr's "Pre-building Indexes" guide); lunr stores no documents, so
// the titles and texts to show ship beside it in docs.json.
import lunr from "lunr";
import stemmerSupport from "lunr-languages/lunr.stemmer.support.js";
import fr from "lunr-languages/lunr.fr.js";
import { snippet } from "../browser/snippet.js";

stemmerSupport(lunr);
fr(lunr);

export const CONFIG = {
  use: "lunr.fr",
  ref: "id",
  fields: { title: { boost: 10 }, text: {} },
  query: "for each word w: `w w* w~1` (as typed, trailing wildcard, edit distance 1)",
};

export const meta = {
  key: "lunr",
  name: "lunr + lunr-languages fr",
  package: "lunr",
  extraPackages: ["lunr-languages"],
  docs: "https://lunrjs.com/guides/searching.html, https://lunrjs.com/guides/index_prebuilding.html, lunr-languages README",
  snippets: true,
  shown: "this.use(lunr.fr) (trimmer, stop words, accent folding, Snowball stemmer), title boost 10; query `w w* w~1` per word; pre-built index + docs.json",
};

export function buildIndex(passages) {
  const idx = lunr(function () {
    this.use(lunr.fr);
    this.ref("id");
    this.field("title", { boost: 10 });
    this.field("text");
    for (const p of passages) this.add(p);
  });
  const docs = Object.fromEntries(passages.map((p) => [p.id, [p.title, p.text]]));
  return { "index.json": JSON.stringify(idx), "docs.json": JSON.stringify(docs) };
}

let idx;
let docs;

export async function load() {
  const [i, d] = await Promise.all([fetch("./index.json").then((r) => r.json()), fetch("./docs.json").then((r) => r.json())]);
  idx = lunr.Index.load(i);
  docs = d;
}

// Words as lunr's tokenizer splits them, with lunr's query syntax characters removed.
const queryString = (q) =>
  lunr
    .tokenizer(q)
    .map((t) => t.toString().replace(/[:^~*+\-"'’.,;!?()«»]/g, ""))
    .filter(Boolean)
    .map((w) => `${w} ${w}* ${w}~1`)
    .join(" ");

export function search(query, limit) {
  const qs = queryString(query);
  if (!qs) return [];
  let hits;
  try {
    hits = idx.search(qs);
  } catch {
    return [];
  }
  return hits.slice(0, limit).map((h) => ({ id: h.ref, title: docs[h.ref][0], snippet: snippet(docs[h.ref][1], query) }));
}
