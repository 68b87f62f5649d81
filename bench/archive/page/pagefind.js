// Pagefind 1.6 in a bare page (bench/archive/run.mjs drives it), as its docs show: import
// its pagefind.js, search, then data() for the first ten results — which fetches their
// fragments (title, excerpt): what showing the results costs. Times are performance.now().
//   ?q=QUERY  cold mode: load, answer QUERY, set window.__cold
//   (none)    warm mode: load, set window.__ready and window.__warm(queries, rounds, limit)
const started = performance.now();
let pagefind;

async function load() {
  pagefind = await import("/pagefind/pagefind.js");
  await pagefind.init();
}

async function query(q, limit) {
  const r = await pagefind.search(q);
  const data = await Promise.all(r.results.slice(0, limit).map((x) => x.data()));
  let shown = 0;
  for (const d of data) shown += (d.meta?.title ?? "").length + (d.excerpt ?? "").length;
  return { rounds: null, fetched: null, hits: data.length, total: r.results.length, shown, first: data[0] ? `${data[0].meta?.title}: ${data[0].excerpt.replace(/<[^>]+>/g, "").slice(0, 80)}` : null };
}

const q = new URLSearchParams(location.search).get("q");
try {
  if (q !== null) {
    await load();
    const loaded = performance.now();
    const r = await query(q, 10);
    const done = performance.now();
    window.__cold = { ...r, startMs: started, loadMs: loaded - started, queryMs: done - loaded, totalMs: done - started, sinceNavigationMs: done };
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
