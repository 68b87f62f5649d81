// Pagefind 1.6 in a bare page (bench/archive/run.mjs drives it), as its docs show: import
// its pagefind.js, search, then data() of the results to show — which fetches their
// fragments (title, excerpt). Times are performance.now().
//   ?q=QUERY  cold mode: load, answer QUERY in two phases, set window.__cold
//   (none)    warm mode: load, set window.__ready and window.__warm(queries, rounds, limit)
const started = performance.now();
// The harness splits its request log at this path (nothing is served there: a 404 it ignores).
const MARK = "/__archive/mark";
let pagefind;

async function load() {
  pagefind = await import("/pagefind/pagefind.js");
  await pagefind.init();
}

// What showing the results reads: title and excerpt of each result whose data() is here.
function summary(r, data) {
  let shown = 0;
  for (const d of data) shown += (d.meta?.title ?? "").length + (d.excerpt ?? "").length;
  const first = data[0] ? `${data[0].meta?.title}: ${data[0].excerpt.replace(/<[^>]+>/g, "").slice(0, 80)}` : null;
  return { rounds: null, fetched: null, hits: data.length, total: r.results.length, shown, first };
}

async function query(q, limit) {
  const r = await pagefind.search(q);
  return summary(r, await Promise.all(r.results.slice(0, limit).map((x) => x.data())));
}

// Cold: the first result (search, data() of the first result), then, after the marker
// request, the first page of 10 (data() of the first ten; the first one's is cached).
async function cold(q) {
  await load();
  const loaded = performance.now();
  const r = await pagefind.search(q);
  const firstData = await Promise.all(r.results.slice(0, 1).map((x) => x.data()));
  const shown = performance.now();
  const firstResult = { ...summary(r, firstData), startMs: started, loadMs: loaded - started, queryMs: shown - loaded, totalMs: shown - started, sinceNavigationMs: shown };
  await fetch(MARK, { cache: "no-store" });
  // The marker's round trip is not the engine's: the page phase resumes after it.
  const resumed = performance.now();
  const pageData = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
  const pageMs = shown - loaded + (performance.now() - resumed);
  return { ...firstResult, page: { ...summary(r, pageData), queryMs: pageMs, totalMs: loaded - started + pageMs } };
}

const q = new URLSearchParams(location.search).get("q");
try {
  if (q !== null) {
    window.__cold = await cold(q);
  } else {
    await load();
    window.__warm = async (queries, rounds, limit) => {
      const times = [];
      const out = queries.map(() => ({ hits: 0, total: 0 }));
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
    window.__ready = { loadMs: performance.now() - started };
  }
} catch (e) {
  window.__error = String(e?.stack ?? e);
}
