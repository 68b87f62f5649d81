// MiniSearch 7.2 — configured as its README recommends (https://lucaong.github.io/minisearch/,
// "Search options" and "Term processing"): prefix and fuzzy search on, title boosted; MiniSearch
// ships no stemmer or stop words, so the documented `processTerm` hook folds accents and case
// and drops French elided articles (l’, d’, qu’…). The index is built once (Node) and shipped as
// JSON (`JSON.stringify(miniSearch)` → `MiniSearch.loadJSON`, the README's "serialization"),
// with the title and text stored so that a result can be shown with a snippet.
import MiniSearch from "minisearch";
import { snippet } from "../browser/snippet.js";

const ELIDED = new Set(["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu"]);

export const CONFIG = {
  fields: ["title", "text"],
  storeFields: ["title", "text"],
  // Lower case, accents folded ("États" → "etats"), elided articles dropped.
  processTerm: (term) => {
    const t = term.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    return ELIDED.has(t) ? null : t;
  },
  searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 2 } },
};

export const meta = {
  key: "minisearch",
  name: "MiniSearch",
  package: "minisearch",
  docs: "https://lucaong.github.io/minisearch/ (README: Search options, Term processing, Serialization)",
  snippets: true,
  shown: "prefix: true, fuzzy: 0.2, boost title ×2; processTerm folds accents and case, drops elided articles; index shipped as JSON with title + text stored",
};

/** Node: builds the index; returns the files to serve. */
export function buildIndex(passages) {
  const ms = new MiniSearch(CONFIG);
  ms.addAll(passages);
  return { "index.json": JSON.stringify(ms) };
}

let index;

/** Browser: fetches and loads the index. */
export async function load() {
  index = MiniSearch.loadJSON(await (await fetch("./index.json")).text(), CONFIG);
}

/** Browser: the top results, ready to show. */
export function search(query, limit) {
  return index
    .search(query)
    .slice(0, limit)
    .map((r) => ({ id: r.id, title: r.title, snippet: snippet(r.text, query) }));
}
