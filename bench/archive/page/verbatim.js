// Verbatim's Archive in a bare page (bench/archive/run.mjs drives it): the archive build of
// the engine (pkg/verbatim-archive.js, its wasm inside; ?glue= names the glue), the manifest,
// then the fetch loop of the archive contract: search, fetch the files it needs, add
// them, search again, until it answers. Times are performance.now() in the page.
//   ?q=QUERY  cold mode: load the engine, answer QUERY in two phases, set window.__cold
//   (none)    warm mode: load the engine, set window.__ready and window.__warm(queries, rounds, limit)
const started = performance.now();
const params = new URLSearchParams(location.search);
const glueUrl = `/pkg/${params.get("glue") || "verbatim-archive.js"}`;
const manifestUrl = new URL("/index/manifest.vrba", location.href);
// The harness splits its request log at this path (nothing is served there: a 404 it ignores).
const MARK = "/__archive/mark";
// A filter's keys, terms, typo buckets, phrase buckets, the first hits' text, the others' text.
const MAX_ROUNDS = 8;
let archive;

async function bytes(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${res.status} for ${url}`);
  return new Uint8Array(await res.arrayBuffer());
}

async function load() {
  const glue = await import(glueUrl);
  if (typeof glue.Archive !== "function") throw new Error(`${glueUrl} has no Archive export`);
  await glue.default();
  archive = new glue.Archive(await bytes(manifestUrl));
}

// The contract's loop: search, and while files are needed (and `enough(step)` is not yet
// true), fetch them, add them, search again. `counts` adds up the fetch rounds and files
// over the calls, so that the two phases of a cold query count as one loop.
async function searchUntil(q, options, counts, enough = () => false) {
  for (;;) {
    const step = archive.search(q, options);
    if (!step.need.length || enough(step)) return step;
    if (++counts.rounds > MAX_ROUNDS) throw new Error(`still needs files after ${MAX_ROUNDS} rounds: ${q}`);
    counts.fetched += step.need.length;
    await Promise.all(step.need.map(async (p) => archive.add(p, await bytes(new URL(p, manifestUrl)))));
  }
}

// What showing the results reads: title and snippet of each hit that has its text (the
// others' text is empty until their text blocks are added).
function summary(results) {
  const hits = results.hits.filter((h) => h.text);
  let shown = 0;
  for (const h of hits) shown += (h.title ?? "").length + (h.snippet?.text ?? h.text).length;
  const first = hits[0] ? `${hits[0].title ?? hits[0].record}: ${(hits[0].snippet?.text ?? hits[0].text).slice(0, 80)}` : null;
  return { hits: hits.length, total: results.total, shown, first };
}

// Cold: the first result as soon as the best hit has its text (`text: 1`), then, after the
// marker request, the first page of 10 with every snippet.
async function cold(q) {
  await load();
  const loaded = performance.now();
  const options = { limit: 10, text: 1 };
  const counts = { rounds: 0, fetched: 0 };
  const early = await searchUntil(q, options, counts, (step) => step.results);
  const shown = performance.now();
  const firstResult = { ...summary(early.results), ...counts, startMs: started, loadMs: loaded - started, queryMs: shown - loaded, totalMs: shown - started, sinceNavigationMs: shown };
  await fetch(MARK, { cache: "no-store" });
  // The marker's round trip is not the engine's: the page phase resumes after it.
  const resumed = performance.now();
  const whole = await searchUntil(q, options, counts);
  const pageMs = shown - loaded + (performance.now() - resumed);
  return { ...firstResult, page: { ...summary(whole.results), ...counts, queryMs: pageMs, totalMs: loaded - started + pageMs } };
}

// Warm: complete answers (no `text`: every hit's text before the results).
async function query(q, limit) {
  const counts = { rounds: 0, fetched: 0 };
  const step = await searchUntil(q, { limit }, counts);
  return { ...summary(step.results), ...counts };
}

const q = params.get("q");
try {
  if (q !== null) {
    window.__cold = await cold(q);
  } else {
    await load();
    const info = archive.info();
    window.__warm = async (queries, rounds, limit) => {
      const times = [];
      const out = queries.map(() => ({ rounds: 0, fetched: 0, hits: 0, total: 0 }));
      for (let r = 0; r < rounds; r++) {
        const row = [];
        for (let i = 0; i < queries.length; i++) {
          const t = performance.now();
          const res = await query(queries[i], limit);
          row.push(performance.now() - t);
          if (r === 0) Object.assign(out[i], res);
        }
        times.push(row);
      }
      return { times, perQuery: out };
    };
    window.__ready = { loadMs: performance.now() - started, passages: info.passages, records: typeof info.records === "number" ? info.records : info.records?.length ?? null, formatVersion: info.format_version ?? info.formatVersion ?? null };
  }
} catch (e) {
  window.__error = String(e?.stack ?? e);
}
