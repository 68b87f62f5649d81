// Verbatim's Archive in a bare page (bench/archive/run.mjs drives it): the archive build of
// the engine (pkg/verbatim-archive.js + its wasm; ?glue= names the glue), the manifest,
// then the fetch loop of the archive contract: search, fetch the shards it needs, add
// them, search again, until it answers. Times are
// performance.now() in the page.
//   ?q=QUERY  cold mode: load the engine, answer QUERY, set window.__cold
//   (none)    warm mode: load the engine, set window.__ready and window.__warm(queries, rounds, limit)
const started = performance.now();
const params = new URLSearchParams(location.search);
const glueUrl = `/pkg/${params.get("glue") || "verbatim-archive.js"}`;
const manifestUrl = new URL("/index/manifest.vrba", location.href);
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

// The contract's loop; rounds = how many times it had to fetch shards before answering.
async function query(q, limit) {
  let rounds = 0;
  let fetched = 0;
  for (let round = 0; round < 5; round++) {
    const step = archive.search(q, { limit });
    if (!step.need.length) {
      const hits = step.results.hits.slice(0, limit);
      // What showing the results reads: title, date, snippet of each hit.
      let shown = 0;
      for (const h of hits) shown += (h.title ?? "").length + (h.snippet?.text ?? h.text ?? "").length;
      return { rounds, fetched, hits: hits.length, total: step.results.total, shown, first: hits[0] ? `${hits[0].title ?? hits[0].record}: ${(hits[0].snippet?.text ?? hits[0].text).slice(0, 80)}` : null };
    }
    rounds++;
    fetched += step.need.length;
    await Promise.all(step.need.map(async (p) => archive.add(p, await bytes(new URL(p, manifestUrl)))));
  }
  throw new Error(`still needs shards after 5 rounds: ${q}`);
}

const q = params.get("q");
try {
  if (q !== null) {
    await load();
    const loaded = performance.now();
    const r = await query(q, 10);
    const done = performance.now();
    window.__cold = { ...r, startMs: started, loadMs: loaded - started, queryMs: done - loaded, totalMs: done - started, sinceNavigationMs: done };
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
