// Pagefind 1.6 — its own search (pagefind.js + its wasm, in a worker, fetching its index
// chunks and result fragments on demand), configured as its docs recommend
// (https://pagefind.app/docs/node-api/ and https://pagefind.app/docs/api/): the index is built
// with the Node API, one custom record per passage with `language: "fr"` (French stemming)
// and the passage's title as `meta.title`; in the browser `pagefind.search(query)` then
// `result.data()` for each result shown, which returns the excerpt (snippet). Search options
// are Pagefind's defaults: it matches word prefixes, folds diacritics unless told otherwise,
// and offers no typo tolerance.
import { mkdir } from "node:fs/promises";
import { join } from "node:path";

export const CONFIG = {
  createIndex: {},
  record: { url: "/passage/<id>", content: "<text>", language: "fr", meta: { title: "<title>" } },
  search: "pagefind.search(query) → top results' data() (url, excerpt, meta.title); default options",
};

export const meta = {
  key: "pagefind",
  name: "Pagefind",
  package: "pagefind",
  docs: "https://pagefind.app/docs/node-api/, https://pagefind.app/docs/api/",
  snippets: true,
  shown: "Node API createIndex(); addCustomRecord({url, content, language: \"fr\", meta.title}); browser pagefind.search() + data() (excerpt); defaults otherwise (prefix matching, no typo tolerance)",
  adapter: "pagefind-adapter.js",
};

export const urlOf = (id) => `/passage/${encodeURIComponent(id)}`;

/** Node: builds the Pagefind bundle into siteDir/pagefind. */
export async function buildSite(passages, siteDir) {
  const pagefind = await import("pagefind");
  try {
    const { index, errors } = await pagefind.createIndex(CONFIG.createIndex);
    if (!index) throw new Error(`pagefind: ${errors.join("; ")}`);
    for (const p of passages) {
      const r = await index.addCustomRecord({ url: urlOf(p.id), content: p.text, language: "fr", meta: { title: p.title || p.id } });
      if (r.errors.length) throw new Error(`pagefind: ${r.errors.join("; ")}`);
    }
    await mkdir(siteDir, { recursive: true });
    const w = await index.writeFiles({ outputPath: join(siteDir, "pagefind") });
    if (w.errors.length) throw new Error(`pagefind: ${w.errors.join("; ")}`);
  } finally {
    await pagefind.close();
  }
}
