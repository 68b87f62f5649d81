// Orama 3.1 with its French stemmer — configured as Orama's docs show
// (https://docs.orama.com/docs/orama-js/text-analysis/stemming and .../search: `tolerance`
// for typos, `boost`; prefix matching is Orama's default): tokenizer with
// `stemming: true` and the French stemmer and language from @orama/stemmers/french,
// typo tolerance 1, title boosted. The database is built in Node and shipped with
// `save()` → JSON → `load()`; Orama keeps the documents, so results carry their text.
import { create, insertMultiple, search as oramaSearch, save, load as oramaLoad } from "@orama/orama";
import { stemmer, language } from "@orama/stemmers/french";
import { snippet } from "../browser/snippet.js";

const schema = { id: "string", title: "string", text: "string" };
const make = () => create({ schema, components: { tokenizer: { stemming: true, stemmer, language } } });

export const CONFIG = {
  schema,
  components: { tokenizer: { stemming: true, stemmer: "@orama/stemmers/french", language } },
  search: { properties: ["title", "text"], tolerance: 1, boost: { title: 2 } },
};

export const meta = {
  key: "orama",
  name: "Orama + French stemmer",
  package: "@orama/orama",
  extraPackages: ["@orama/stemmers"],
  docs: "https://docs.orama.com/docs/orama-js/text-analysis/stemming, https://docs.orama.com/docs/orama-js/search",
  snippets: true,
  shown: "tokenizer { stemming: true, stemmer + language from @orama/stemmers/french }; search tolerance: 1 (typos), prefix (default), boost title ×2; save() → JSON → load()",
};

export async function buildIndex(passages) {
  const db = await make();
  await insertMultiple(db, passages);
  return { "index.json": JSON.stringify(await save(db)) };
}

let db;

export async function load() {
  const raw = await (await fetch("./index.json")).json();
  db = await make();
  await oramaLoad(db, raw);
}

export async function search(query, limit) {
  const r = await oramaSearch(db, { term: query, limit, ...CONFIG.search });
  return r.hits.map((h) => ({ id: h.document.id, title: h.document.title, snippet: snippet(h.document.text, query) }));
}
