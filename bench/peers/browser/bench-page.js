// The measurement script of every engine's page (served as /__bench.js, not counted in
// any engine's payload). On /cold.html?q=… it loads the engine, answers q and shows the
// first result (title and snippet), then sets window.__first; for Verbatim, /cold.html is
// the <verbatim-search> element itself and this only watches for its first result.
// window.__run(queries, rounds, limit) runs the relevance pass and the latency loop.
const q = new URLSearchParams(location.search).get("q");
const element = document.querySelector("verbatim-search");

if (element) {
  const check = () => {
    const option = element.shadowRoot?.querySelector("[role=option]");
    const answered = element.results;
    if (option) window.__first = { at: performance.now(), hits: answered?.hits?.length ?? null, text: option.textContent.trim().slice(0, 200) };
    else if (answered && answered.query === q && answered.hits?.length === 0) window.__first = { at: performance.now(), hits: 0, text: "" };
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
} else {
  try {
    const engine = await import("/engine.js");
    await engine.load();
    if (q) {
      // Only the first result is shown: Pagefind loads one fragment per result shown.
      const hits = await engine.search(q, 1);
      const out = document.getElementById("result");
      if (hits[0]) {
        const title = document.createElement("h2");
        title.textContent = hits[0].title || hits[0].id;
        const snippet = document.createElement("p");
        snippet.textContent = hits[0].snippet;
        out.replaceChildren(title, snippet);
      }
      window.__first = { at: performance.now(), hits: hits.length, text: out.textContent.trim().slice(0, 200) };
    }
    window.__run = async (queries, rounds, limit) => {
      const results = [];
      for (const query of queries) results.push((await engine.search(query, limit)).map((h) => h.id));
      const times = queries.map(() => []);
      for (let r = 0; r < rounds; r++) {
        for (let i = 0; i < queries.length; i++) {
          const t = performance.now();
          await engine.search(queries[i], limit);
          times[i].push(performance.now() - t);
        }
      }
      return { results, times, isolated: self.crossOriginIsolated, stats: engine.stats?.() ?? null };
    };
    window.__ready = true;
  } catch (e) {
    window.__error = String(e?.stack ?? e);
  }
}
