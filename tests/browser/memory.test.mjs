// A reader (or a script) types thousands of queries without reloading: the engine's
// WebAssembly memory stops growing once warm. Ten thousand random queries — record
// words, typos, prefixes, phrases, exclusions, filters, junk, lone surrogates, long
// pastes — through the same glue and Engine the element uses; the memory is measured
// before, after a warm-up of 1,000 and at the end, and printed.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, open, missingSite } from "./helpers.mjs";

const QUERIES = 10_000;
const WARM_UP = 1_000;
// After the warm-up, the heap may still grow by this much (allocator slack for the one
// unlucky query that needs a bigger block), never by more.
const MAX_GROWTH_AFTER_WARM_UP = 2 * 1024 * 1024;
const MAX_TOTAL = 64 * 1024 * 1024;

const skip = missingSite();
let browser, server;
before(async () => {
  if (skip) return;
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("10,000 random queries leave the wasm heap bounded", { skip }, async () => {
  const { context, page, problems } = await open(browser, `${server.url}tests/browser/fixtures/plain.html`);
  const figures = await page.evaluate(
    async ({ QUERIES, WARM_UP }) => {
      const glue = await import("/pkg/verbatim.js");
      const wasm = await glue.default();
      const memory = wasm.memory;
      const bytes = () => memory.buffer.byteLength;
      const atStart = bytes();
      const engine = new glue.Engine(new Uint8Array(await (await fetch("/pkg/AG12734-fr.idx")).arrayBuffer()));
      const info = engine.info();
      const afterLoad = bytes();

      // The record's words, from its own text: a first search for every section heading.
      const words = new Set();
      for (const q of ["traite", "personnes", "États", "Mullally", "Lituanie", "migrants", ...info.sections]) {
        for (const hit of engine.search(q, { limit: 30 }).hits) for (const w of hit.text.split(/[^\p{L}\p{N}]+/u)) if (w) words.add(w);
      }
      const vocabulary = [...words];
      // A small deterministic generator (mulberry32), so every run types the same queries.
      let seed = 0x5eed;
      const rand = () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const pick = (list) => list[Math.floor(rand() * list.length)];
      const word = () => pick(vocabulary);
      const typo = (w) => {
        const i = Math.floor(rand() * w.length);
        return w.slice(0, i) + pick("aeiourstlnxz") + w.slice(i + 1);
      };
      const junk = (n) => Array.from({ length: n }, () => String.fromCharCode(Math.floor(rand() * 0xffff))).join("");
      const kinds = [
        () => word(),
        () => `${word()} ${word()} ${word()}`,
        () => typo(word()),
        () => word().slice(0, 1 + Math.floor(rand() * 4)),
        () => `"${word()} ${word()}"`,
        () => `${word()} -${word()}`,
        () => Array.from({ length: 40 }, word).join(" "),
        () => junk(1 + Math.floor(rand() * 50)),
        () => `${word()}\ud800${word()}\udfff`,
        () => "x".repeat(Math.floor(rand() * 3000)),
        () => `${pick(["«", "“", '"'])}${word()} ${word()}${pick(["»", "”", ""])} ${pick(["----", "-", "🙂", "\u202e", "مرحبا"])}`,
      ];
      const options = () => {
        const r = rand();
        if (r < 0.1 && info.sections.length) return { limit: 30, section: pick(info.sections) };
        if (r < 0.2 && info.speakers.length) return { limit: 30, speaker: pick(info.speakers).name };
        return { limit: 30 };
      };

      const samples = [];
      let hits = 0;
      let warm = 0;
      let slowest = 0;
      const started = performance.now();
      for (let i = 1; i <= QUERIES; i++) {
        const query = pick(kinds)();
        const t = performance.now();
        const results = engine.search(query, options());
        slowest = Math.max(slowest, performance.now() - t);
        hits += results.hits.length;
        if (i === WARM_UP) warm = bytes();
        if (i % 1000 === 0) samples.push(bytes());
      }
      const ms = (performance.now() - started) / QUERIES;
      engine.free();
      return { atStart, afterLoad, warm, end: bytes(), samples, hits, vocabulary: vocabulary.length, ms, slowest };
    },
    { QUERIES, WARM_UP },
  );
  const mb = (n) => `${(n / 1024 / 1024).toFixed(2)} MB`;
  console.log(
    `wasm memory: ${mb(figures.atStart)} at start, ${mb(figures.afterLoad)} with the index loaded, ` +
      `${mb(figures.warm)} after ${WARM_UP} queries, ${mb(figures.end)} after ${QUERIES} ` +
      `(every 1,000: ${figures.samples.map(mb).join(", ")}); ${figures.hits} hits from ${figures.vocabulary} record words; ` +
      `${figures.ms.toFixed(2)} ms a query on average, ${figures.slowest.toFixed(1)} ms the slowest`,
  );
  assert.ok(figures.hits > QUERIES, "the queries found passages");
  assert.ok(figures.end - figures.warm <= MAX_GROWTH_AFTER_WARM_UP, `grew ${mb(figures.end - figures.warm)} after the warm-up`);
  assert.ok(figures.end <= MAX_TOTAL, `${mb(figures.end)} in all`);
  assert.deepEqual(problems, []);
  await context.close();
});
