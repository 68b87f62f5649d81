// The passages every engine indexes, as Verbatim sees them.
//
// - A JSON Lines corpus ({"id", "title"?, "text", "lang"?} a line) is used as it is:
//   Verbatim indexes the same file (`verbatim index corpus.jsonl`).
// - A meeting record (the press-release .txt layout, or anything else `verbatim index`
//   reads) is turned into passages by Verbatim itself, never by re-implementing its
//   parser: `verbatim index` builds the index, `verbatim page` renders every paragraph
//   of that index (`<p id="pN" class="passage">text</p>`, section headings as <h2>),
//   and that page is read back. Each passage's id is then taken from Verbatim's own
//   hits: the wasm engine (pkg/verbatim.js, in Node) is asked a phrase of the
//   paragraph, and the hit whose text equals the paragraph gives the id ("AG/12734#p23").
//
// Both paths end with the same check, which fails loudly: the passage count equals
// Engine.info().passages, and for every passage Verbatim returns a hit with the same id,
// the same anchor (for records) and byte-identical text. So quote-judged and id-judged
// scoring see exactly the passages that Verbatim's `eval` sees.
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const unescape = (s) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]);

/** Parses `verbatim page` output: [{anchor, symbol, title, speaker, text}] in document order. */
export function parsePage(html) {
  const out = [];
  let symbol = "";
  let title = "";
  for (const line of html.split("\n")) {
    let m;
    if ((m = /^<article [^>]*data-symbol="([^"]*)"/.exec(line))) {
      symbol = unescape(m[1]);
      title = "";
    } else if ((m = /^<h2 id="[^"]*">(.*)<\/h2>$/.exec(line))) {
      title = unescape(m[1]);
    } else if ((m = /^<p id="([^"]+)" class="passage"(?: data-speaker="([^"]*)")?>(.*)<\/p>$/.exec(line))) {
      out.push({ anchor: m[1], symbol, title, speaker: m[2] ? unescape(m[2]) : "", text: unescape(m[3]) });
    }
  }
  return out;
}

/** Reads a passages JSON Lines file: [{id, title, text, lang}]. */
export function parsePassages(text, name = "passages") {
  const out = [];
  const seen = new Set();
  text.split("\n").forEach((line, i) => {
    if (!line.trim()) return;
    const p = JSON.parse(line);
    const id = typeof p.id === "number" ? String(p.id) : p.id;
    if (typeof id !== "string" || !id.trim()) throw new Error(`${name}:${i + 1}: needs an "id"`);
    if (typeof p.text !== "string" || !p.text.trim()) throw new Error(`${name}:${i + 1}: needs a "text"`);
    if (seen.has(id)) throw new Error(`${name}:${i + 1}: duplicate id ${id}`);
    seen.add(id);
    out.push({ id, title: typeof p.title === "string" ? p.title : "", text: p.text, lang: p.lang ?? "" });
  });
  return out;
}

/** The wasm engine of pkg/ in Node, on some index bytes. */
export async function verbatimInNode(root, indexBytes) {
  const glue = await import(join(root, "pkg/verbatim.js"));
  glue.initSync({ module: await readFile(join(root, "pkg/verbatim_bg.wasm")) });
  return new glue.Engine(indexBytes);
}

const words = (text) => text.split(/\s+/).filter(Boolean);

/** Queries that should bring `text` back: phrases from it, then a plain run of its words. */
function probes(text) {
  const w = words(text).filter((x) => !x.includes('"'));
  const out = [];
  for (const start of [0, Math.floor(w.length / 2)]) {
    const phrase = w.slice(start, start + 8).join(" ");
    if (phrase) out.push(`"${phrase}"`);
  }
  out.push(w.slice(0, 40).join(" "));
  return out;
}

/**
 * Finds, for each passage, the hit that Verbatim returns for it. `passages` may lack ids
 * (records: the id comes from the hit); `anchor`, when present, must equal the hit's.
 * Throws with the first passage that Verbatim does not return as it is.
 */
export function checkAgainstVerbatim(engine, passages) {
  const info = engine.info();
  if (info.passages !== passages.length) {
    throw new Error(`Verbatim's index holds ${info.passages} passages, the export ${passages.length}`);
  }
  const ids = new Set();
  for (const p of passages) {
    let hit;
    for (const q of probes(p.text)) {
      hit = engine.search(q, { limit: 50 }).hits.find((h) => h.text === p.text && (!p.id || h.id === p.id) && (!p.anchor || h.anchor === p.anchor));
      if (hit) break;
    }
    if (!hit) throw new Error(`Verbatim returns no hit with the text of passage ${p.id || p.anchor}: ${p.text.slice(0, 80)}…`);
    if (ids.has(hit.id)) throw new Error(`two passages map to Verbatim's hit ${hit.id}`);
    ids.add(hit.id);
    p.id = hit.id;
  }
  return passages;
}

/**
 * The passages of a corpus file and how Verbatim indexes it.
 * `verbatim(args)` runs the Verbatim CLI. Writes `passages.jsonl` into `dir`.
 * Returns {passages, verbatimIndex, source: "jsonl" | "record"}.
 */
export async function preparePassages({ root, corpus, dir, verbatim }) {
  const verbatimIndex = join(dir, "verbatim.idx");
  const build = await verbatim(["index", corpus, "-o", verbatimIndex]);
  let passages;
  let source;
  if (corpus.endsWith(".jsonl")) {
    source = "jsonl";
    passages = parsePassages(await readFile(corpus, "utf8"), corpus);
  } else {
    source = "record";
    const page = join(dir, "verbatim-page.html");
    await verbatim(["page", "--index", verbatimIndex, "-o", page]);
    passages = parsePage(await readFile(page, "utf8")).map((p) => ({ id: "", anchor: p.anchor, title: p.title, text: p.text, lang: "" }));
  }
  const engine = await verbatimInNode(root, await readFile(verbatimIndex));
  checkAgainstVerbatim(engine, passages);
  engine.free();
  const lines = passages.map((p) => JSON.stringify({ id: p.id, title: p.title, text: p.text, ...(p.lang ? { lang: p.lang } : {}) }));
  await writeFile(join(dir, "passages.jsonl"), lines.join("\n") + "\n");
  return { passages: passages.map(({ id, title, text }) => ({ id, title, text })), verbatimIndex, source, build };
}
