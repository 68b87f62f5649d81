// FlexSearch 0.8 — configured as its README recommends for a Latin language with a
// language pack (https://github.com/nextapps-de/flexsearch#readme: "Encoder", "Charset
// Collection", "Tokenizer (Partial Match)", "Suggestions", "Document Search", "Export /
// Import"): the French language pack on the LatinBalance charset (accents folded, light
// phonetic normalization that forgives some typos), "forward" tokenizer (prefix matching),
// contextual index, `suggest: true` so a query with an unknown word still returns the rest.
// A Document index with the title and text stored (to show a snippet), exported in Node
// and imported in the browser.
import { Document, Encoder, Charset } from "flexsearch";
import French from "flexsearch/lang/fr";
import { snippet } from "../browser/snippet.js";

const options = () => ({
  tokenize: "forward",
  encoder: new Encoder(Charset.LatinBalance, French),
  context: true,
  document: { id: "id", index: ["title", "text"], store: ["title", "text"] },
});

export const CONFIG = {
  index: { tokenize: "forward", encoder: "new Encoder(Charset.LatinBalance, FrenchPreset)", context: true, document: { id: "id", index: ["title", "text"], store: ["title", "text"] } },
  search: { suggest: true, enrich: true, merge: true },
};

export const meta = {
  key: "flexsearch",
  name: "FlexSearch",
  package: "flexsearch",
  docs: "https://github.com/nextapps-de/flexsearch#readme (Encoder + language packs, Tokenizer, Suggestions, Document, Export/Import)",
  snippets: true,
  shown: "Document index; Encoder(Charset.LatinBalance, French pack), tokenize \"forward\", context: true; search suggest: true; title + text stored; index exported as JSON",
};

export async function buildIndex(passages) {
  const index = new Document(options());
  for (const p of passages) index.add(p);
  const parts = {};
  await index.export((key, data) => {
    parts[key] = data;
  });
  return { "index.json": JSON.stringify(parts) };
}

let index;

export async function load() {
  const parts = await (await fetch("./index.json")).json();
  index = new Document(options());
  for (const [key, data] of Object.entries(parts)) await index.import(key, data);
}

export async function search(query, limit) {
  const hits = await index.search(query, { limit, ...CONFIG.search });
  return hits.slice(0, limit).map((h) => ({ id: h.id, title: h.doc.title, snippet: snippet(h.doc.text, query) }));
}
