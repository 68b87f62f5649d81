// Writes the archive benchmark's section of BENCHMARKS.md, between the markers
// <!-- archive:start --> and <!-- archive:end --> (appended at the end of the file when
// missing); the rest of the file is left exactly as it is.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";

export const START = "<!-- archive:start -->";
export const END = "<!-- archive:end -->";

// The issue's goals for the archive (Verbatim); Pagefind is measured against the same lines.
export const GOALS = {
  coldBytes: 150 * 1024, // cold query, gzip on the wire to show the first result
  coldRequests: 4,
  coldMs: 500, // over loopback
  warmP95Ms: 30,
  buildMs: 120_000,
  buildRssKb: 2 * 1024 * 1024,
};

const NAMES = { verbatim: "Verbatim", pagefind: "Pagefind" };
const kb = (b) => (b == null || Number.isNaN(b) ? "–" : `${(b / 1024).toFixed(1)} KB`);
const mb = (b) => (b == null || Number.isNaN(b) ? "–" : `${(b / 2 ** 20).toFixed(1)} MB`);
const size = (b) => (b < 2 ** 20 ? kb(b) : mb(b));
const ms = (x, d = 0) => (x == null || Number.isNaN(x) ? "–" : `${x.toFixed(d)} ms`);
const ms2 = (x) => (x == null || Number.isNaN(x) ? "–" : x < 10 ? `${x.toFixed(2)} ms` : `${x.toFixed(1)} ms`);
const sec = (x) => (x == null ? "–" : `${(x / 1000).toFixed(x < 10_000 ? 2 : 1)} s`);
const rssMb = (k) => (k == null || Number.isNaN(k) ? "–" : `${Math.round(k / 1024)} MB`);
const times = (a, b) => (a && b ? `×${(b / a).toFixed(b / a < 10 ? 2 : 1)}` : "–");
const num = (n) => n.toLocaleString("en-US");
const MET = "**met**";
const NOT = "**not met**";

/** The build's peak memory as reported in the main table: GNU time for Verbatim (one process), the process tree for Pagefind (Node + its binary). */
export const peakKb = (row) => (row.engine === "pagefind" ? Math.max(row.build?.treePeakKb ?? 0, row.build?.maxRssKb ?? 0) || null : row.build?.maxRssKb ?? null);
const first = (row) => row.cold?.[0];
// The first page of 10 with snippets of a cold query; results from before it was measured have none.
const pageOf = (c) => (c?.page?.traffic ? c.page : null);

// The index requests of a cold load, up to its first result, by kind: Verbatim's manifest,
// terms/, typos/, text/; Pagefind's entry, metadata, index/, filter/, fragment/.
function kinds(c) {
  const count = new Map();
  for (const f of c.traffic.files) {
    if (/\.(js|mjs|wasm|css|pagefind)$/.test(f.path)) continue;
    const rest = f.path.replace(/^\/(index|pagefind)\//, "");
    const kind = rest.includes("/") ? rest.split("/")[0] : rest.endsWith(".json") ? "entry" : rest.endsWith(".pf_meta") ? "meta" : rest.replace(/\.vrba$/, "");
    count.set(kind, (count.get(kind) ?? 0) + 1);
  }
  return [...count].map(([k, n]) => `${k} ${n}`).join(", ");
}
const worstBy = (row, f) => row.cold?.reduce((w, c) => (f(c) > f(w) ? c : w), row.cold[0]);

function goalCells(row) {
  if (row.error || !row.cold?.length) return null;
  const k = row.cold.length;
  const within = (f, limit) => row.cold.filter((c) => f(c) <= limit).length;
  const verdict = (n) => (n === k ? MET : n === 0 ? NOT : `${NOT} (${n} of ${k} cold queries within)`);
  const bytes = (c) => c.traffic.total.encoded;
  const ibytes = (c) => c.traffic.index.encoded;
  const reqs = (c) => c.traffic.total.requests;
  const ireqs = (c) => c.traffic.index.requests;
  const wb = worstBy(row, bytes);
  const wib = worstBy(row, ibytes);
  const wr = worstBy(row, reqs);
  const wir = worstBy(row, ireqs);
  const wt = worstBy(row, (c) => c.totalMs);
  const indexOnly = (n, what) => `index data alone: ${what}, ${verdict(n)}`;
  const peak = peakKb(row);
  return {
    coldBytes: `first ${kb(bytes(first(row)))}, worst ${kb(bytes(wb))} (\`${wb.query}\`): ${verdict(within(bytes, GOALS.coldBytes))}; ${indexOnly(within(ibytes, GOALS.coldBytes), `worst ${kb(ibytes(wib))}`)}`,
    coldRequests: `first ${reqs(first(row))}, worst ${reqs(wr)} (\`${wr.query}\`): ${verdict(within(reqs, GOALS.coldRequests))}; ${indexOnly(within(ireqs, GOALS.coldRequests), `worst ${ireqs(wir)}`)}`,
    coldMs: `first ${ms(first(row).totalMs)}, worst ${ms(wt.totalMs)} (\`${wt.query}\`): ${verdict(within((c) => c.totalMs, GOALS.coldMs))}`,
    warm: row.warm ? `${ms2(row.warm.repeat.p95)}: ${row.warm.repeat.p95 <= GOALS.warmP95Ms ? MET : NOT} (first pass, fetching: ${ms2(row.warm.first.p95)})` : "–",
    buildTime: `${sec(row.build.ms)}: ${row.build.ms <= GOALS.buildMs ? MET : NOT}`,
    buildRss: `${rssMb(peak)}: ${peak != null && peak <= GOALS.buildRssKb ? MET : NOT}`,
  };
}

function growth(rows, sizes) {
  const lines = [];
  for (const engine of [...new Set(rows.map((r) => r.engine))]) {
    const ok = rows.filter((r) => r.engine === engine && !r.error && r.cold?.length).sort((a, b) => a.rawBytes - b.rawBytes);
    if (ok.length < 2) continue;
    const [a, b] = [ok[0], ok.at(-1)];
    const median = (row, f) => {
      const s = row.cold.map(f).sort((x, y) => x - y);
      return s[Math.floor((s.length - 1) / 2)];
    };
    const idx = (c) => c.traffic.index.encoded;
    const pageIdx = (c) => pageOf(c)?.traffic.index.encoded;
    const withPage = (r) => r.cold.every(pageOf);
    const per = (r) => (r.index.bytes / r.rawBytes).toFixed(2);
    lines.push(
      `- **${NAMES[engine]}**, from ${a.label} to ${b.label} (text ${times(a.rawBytes, b.rawBytes)}, ${num(a.statements)} → ${num(b.statements)} statements): ` +
        `index on disk ${mb(a.index.bytes)} → ${mb(b.index.bytes)} (${times(a.index.bytes, b.index.bytes)}; ${per(a)} → ${per(b)} bytes per byte of text), ` +
        `${num(a.index.files)} → ${num(b.index.files)} files; ` +
        `build ${sec(a.build.ms)} → ${sec(b.build.ms)} (${times(a.build.ms, b.build.ms)}), peak RSS ${rssMb(peakKb(a))} → ${rssMb(peakKb(b))}; ` +
        `cold query, index data fetched for the first result (median of the cold queries) ${kb(median(a, idx))} → ${kb(median(b, idx))} (${times(median(a, idx), median(b, idx))}), ` +
        (withPage(a) && withPage(b) ? `for the first page of 10 ${kb(median(a, pageIdx))} → ${kb(median(b, pageIdx))} (${times(median(a, pageIdx), median(b, pageIdx))}), ` : "") +
        `engine ${kb(first(a).traffic.engine.encoded)} → ${kb(first(b).traffic.engine.encoded)}; ` +
        `cold time to the first result (median) ${ms(median(a, (c) => c.totalMs))} → ${ms(median(b, (c) => c.totalMs))}; ` +
        `warm p95 ${ms2(a.warm.repeat.p95)} → ${ms2(b.warm.repeat.p95)}.`,
    );
  }
  const measured = sizes.filter((s) => s.statements);
  if (measured.length < 2) lines.push("- One size only in this run: run all three sizes (`make bench-archive`) to see the growth.");
  return lines;
}

export function renderArchive(report) {
  const { machine: m, versions: v, settings: s, rows, sizes } = report;
  const out = [];
  const engineList = s.engines.map((e) => NAMES[e]).join(" and ");
  out.push("## Archive scale: the UN General Debate corpus");
  out.push("");
  out.push(
    `Generated by \`make bench-archive\` (\`${report.command}\`, see bench/archive/run.mjs) on ${report.date.slice(0, 10)} — do not edit by hand; every figure is as measured in that run, on one machine. Engines: ${engineList}.`,
  );
  out.push("");
  out.push(
    `**Machine**: ${m.cpu}, ${m.nproc} CPUs, ${m.memGiB} GiB RAM, ${m.os} (Linux ${m.kernel}). **Browser**: Debian's Chromium ${m.chromium}, headless, driven by playwright-core ${m.playwright}. **Node** ${m.node}. **Rust** ${m.rustc}. **Verbatim** ${v.verbatim}${v.pagefind ? `. **Pagefind** ${v.pagefind}` : ""}.${m.load ? ` **Load average** (1 min, sampled every 2 s) during the run: median ${m.load.median}, min ${m.load.min}, max ${m.load.max}, on ${m.nproc} CPUs${m.load.max > m.nproc ? " — the machine was also busy with other work, which slows and scatters the timings (the detail gives the load during each measurement)" : ""}.` : ""}`,
  );
  out.push("");
  const sizeText = sizes.map((z) => `${z.label} (\`--sizes ${z.name}\`): ${num(z.statements)} statements, ${mb(z.rawBytes)} of text`).join("; ");
  out.push(
    `**Corpus**: the UN General Debate Corpus 1946–2024 (Jankin, Baturo, Dasandi; Harvard Dataverse, doi:10.7910/DVN/0TJX8Y, CC0), ${num(s.corpusStatements)} statements, one file each (\`ISO3_session_year.txt\`). Sizes: ${sizeText}. **Queries**: \`${s.queriesFile}\`, ${s.queryCount} queries of the kinds typed on this corpus (words, names, quoted phrases, half-typed words, typos, questions, acronyms); the first ${s.coldQueries.length} are measured cold: ${s.coldQueries.map((q) => `\`${q}\``).join(", ")}.`,
  );
  out.push("");
  out.push("### What is measured");
  out.push("");
  out.push("- **Build**: wall time of the whole build, process start to files written, and its peak memory. Verbatim: `verbatim index --archive DIR <files>` (release build) under `/usr/bin/time -v`, its \"Maximum resident set size\". Pagefind: a Node process (bench/archive/pagefind-build.mjs) that reads each file and calls the Node API — `createIndex()`, `addCustomRecord({url, content: the text, language: \"en\", meta.title, filters delegation and year})` per statement, `writeFiles()` — which drives Pagefind's own binary in a child process; its peak is the sum of the RSS of the Node process and the binary, sampled every 50 ms (GNU time's figure is in the detail table: for Pagefind it covers the Node process only, since the binary is not reaped through it).");
  out.push("- **Index on disk**: every file the build wrote (Verbatim: manifest, term chunks, typo buckets, text blocks). Pagefind: its index files (entry, metadata, index chunks, filter chunks, fragments) — its engine files written beside them (pagefind.js, wasm, UI) are not counted as index. The ratio is index bytes per byte of raw text.");
  out.push("- **Browser**: headless Chromium over a loopback static server (bench/archive/server.mjs) that gzips every response gzip makes smaller (JS, wasm, `.vrba` shards; Pagefind's index files are gzip already and go as they are) and logs the bytes it sends. Bare pages (bench/archive/page/): Verbatim loads its archive engine (`pkg/" + (v.glue ?? "verbatim-archive.js") + "`, its wasm inside) and drives `Archive` with the contract's fetch loop (search, fetch the files it needs, `add`, search again; *rounds* = the fetch rounds); Pagefind imports its `pagefind.js` and runs `await pagefind.search(q)`, then `await r.data()` of each result shown (its fragment: title and excerpt, what showing a result costs).");
  out.push("- **Cold first query**: a fresh browser context (empty cache) opens the page with the query; the page loads the engine and answers the query in two phases, in the same load. (1) The **first result** shown, what the goals are read on: Verbatim searches with `{limit: 10, text: 1}` and runs the loop until the answer has results — the best hit with its text and snippet; the other hits' text comes after; Pagefind runs `await pagefind.search(q)` then `await results[0].data()` (one fragment). (2) The page then requests a marker URL, which splits the server's log, and goes on to the **first page of 10 with snippets**: Verbatim goes on with the loop (fetches the other hits' text blocks, `add`, searches again with the same options) until it needs nothing more; Pagefind runs `data()` of the first 10 results (the first one's is cached). Bytes = gzip bytes on the wire (response bodies), split into engine (JS, wasm, CSS) and index data (manifest, shards, fragments); requests likewise; the first page's figures include the first result's. Cold ms = from the page script's start (the query is known) to the first result shown, or to the first page ready, in the page (`performance.now()`, cross-origin isolated), engine load included, the marker's round trip not; the median of " + (s.coldRepeats ?? 1) + " such loads, each in a fresh context (bytes and requests: the first; they are the same each time). Before each measured load a throwaway load of the same page fills the server's gzip cache, as a host serving precompressed files; the measured context shares no cache with it.");
  out.push(`- **Warm**: one page with the engine loaded runs the whole list once (the *first pass*: each query fetches the shards it needs over loopback), then ${s.rounds - 1} more passes of the same queries (*repeated*: p50/p95 over ${s.rounds - 1} × ${s.queryCount} searches, top ${s.limit} with snippets ready; Verbatim searches without \`text\`, so every hit's text comes before its answer).`);
  out.push(`- **Goals** (the issue's, for Verbatim; Pagefind is read against the same lines): cold first query ≤ 150 KB gzip and ≤ 4 requests, ≤ 500 ms over loopback, read on the first result (the issue's "bytes over the network to show the first result"); warm p95 ≤ 30 ms; build ≤ 2 min and ≤ 2 GB. A cold goal is *met* when every cold query meets it; the bytes and requests goals are also read on the index data alone (without the engine files), since the engine is paid once per visit.`);
  out.push("");
  out.push("### Results");
  out.push("");
  out.push("| engine | size | statements | cold first result: gzip total (index data) | requests total (index data) | ms | first page of 10 with snippets: gzip total (index data) | requests total (index data) | ms | warm p50 / p95 | build | build peak RSS | index on disk / raw text | index files |");
  out.push("| :-- | :-- | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: | --: |");
  for (const r of rows) {
    const name = `**${NAMES[r.engine]}**`;
    if (r.error) {
      out.push(`| ${name} | ${r.label} | ${num(r.statements)} | did not run: ${r.error.split("\n")[0].replace(/\|/g, "\\|").slice(0, 200)} | | | | | | | | | | |`);
      continue;
    }
    const c = first(r);
    const p = pageOf(c);
    out.push(
      `| ${name} | ${r.label} | ${num(r.statements)} | ${kb(c.traffic.total.encoded)} (${kb(c.traffic.index.encoded)}) | ${c.traffic.total.requests} (${c.traffic.index.requests}) | ${ms(c.totalMs)} | ${p ? `${kb(p.traffic.total.encoded)} (${kb(p.traffic.index.encoded)})` : "–"} | ${p ? `${p.traffic.total.requests} (${p.traffic.index.requests})` : "–"} | ${ms(p?.totalMs)} | ${ms2(r.warm.repeat.p50)} / ${ms2(r.warm.repeat.p95)} | ${sec(r.build.ms)} | ${rssMb(peakKb(r))} | ${mb(r.index.bytes)} / ${mb(r.rawBytes)} (${(r.index.bytes / r.rawBytes).toFixed(2)}) | ${num(r.index.files)} |`,
    );
  }
  out.push("");
  out.push(`Cold first query: \`${s.coldQueries[0]}\`; all cold queries are in the detail below; the first page's bytes and requests include the first result's. KB = 1,024 bytes, MB = 1,024 KB; warm = the repeated passes.`);
  out.push("");
  for (const engine of s.engines) {
    const mine = rows.filter((r) => r.engine === engine);
    const cells = mine.map((r) => [r, goalCells(r)]);
    if (!cells.some(([, c]) => c)) continue;
    out.push(`### Goals: ${NAMES[engine]}${engine === "verbatim" ? "" : " (for reference; the goals are Verbatim's)"}`);
    out.push("");
    out.push(`| goal | ${mine.map((r) => r.label).join(" | ")} |`);
    out.push(`| :-- | ${mine.map(() => ":--").join(" | ")} |`);
    const line = (label, key) => out.push(`| ${label} | ${cells.map(([r, c]) => (c ? c[key] : `did not run`)).join(" | ")} |`);
    line("cold first result ≤ 150 KB gzip", "coldBytes");
    line("cold first result ≤ 4 requests", "coldRequests");
    line("cold first result ≤ 500 ms over loopback", "coldMs");
    line("warm p95 ≤ 30 ms (repeated)", "warm");
    line("build ≤ 2 min", "buildTime");
    line("build ≤ 2 GB peak RSS", "buildRss");
    out.push("");
  }
  const faithful = rows.filter((r) => r.fidelity);
  if (faithful.length) {
    out.push("### Ranking: the archive against the exhaustive index");
    out.push("");
    out.push("The archive keeps each word's best 200 postings (64 in a filter's chunks, 32 in a typo bucket); the same statements in one single-file index keep them all and give the exhaustive answer. Each query's top 10 through the CLI (`verbatim search --limit 10`), both indexes: *agreement* = the share of the exhaustive top 10 found in the archive's top 10; *nDCG@10* grades each archive hit by its exhaustive rank (10 for the first … 1 for the tenth, 0 outside). Measured where a single file is reasonable (up to 64 MB of text).");
    out.push("");
    out.push("| size | queries | agreement | nDCG@10 | lowest (agreement) |");
    out.push("| :-- | --: | --: | --: | :-- |");
    for (const r of faithful) {
      const f = r.fidelity;
      const lowest = f.perQuery.filter((q) => q.agreement !== null && q.agreement < 1).sort((a, b) => a.agreement - b.agreement).slice(0, 4);
      out.push(`| ${r.label} | ${f.queries} | ${f.agreement.toFixed(3)} | ${f.ndcg.toFixed(3)} | ${lowest.map((q) => `\`${q.query.replace(/\|/g, "\\|")}\` ${q.agreement.toFixed(1)}`).join(", ") || "–"} |`);
    }
    out.push("");
  }
  out.push("### How it grows");
  out.push("");
  out.push(...growth(rows, sizes));
  out.push("");
  out.push("### Detail");
  out.push("");
  out.push("Every cold query (fresh context each), to the first result and to the first page of 10 with snippets (whose bytes, requests and rounds include the first result's): gzip bytes and requests, engine + index data; time split into engine load (JS, wasm, manifest or entry) and the query (shards, fragments, search).");
  out.push("");
  out.push("| engine | size | query | first result: gzip total | engine | index data | requests (engine + index) | index requests by kind | fetch rounds | ms (load + query) | first page of 10: gzip total (index data) | requests (engine + index) | fetch rounds | ms (load + query) | results |");
  out.push("| :-- | :-- | :-- | --: | --: | --: | --: | :-- | --: | --: | --: | --: | --: | --: | --: |");
  for (const r of rows) {
    for (const c of r.cold ?? []) {
      const p = pageOf(c);
      const pageCells = p
        ? `${kb(p.traffic.total.encoded)} (${kb(p.traffic.index.encoded)}) | ${p.traffic.total.requests} (${p.traffic.engine.requests} + ${p.traffic.index.requests}) | ${p.rounds ?? "–"} | ${ms(p.totalMs)} (${ms(p.totalMs - p.queryMs)} + ${ms(p.queryMs)})`
        : "– | – | – | –";
      out.push(
        `| ${NAMES[r.engine]} | ${r.label} | \`${c.query.replace(/\|/g, "\\|")}\` | ${kb(c.traffic.total.encoded)} | ${kb(c.traffic.engine.encoded)} | ${kb(c.traffic.index.encoded)} | ${c.traffic.total.requests} (${c.traffic.engine.requests} + ${c.traffic.index.requests}) | ${kinds(c)} | ${c.rounds ?? "–"} | ${ms(c.totalMs)} (${ms(c.loadMs)} + ${ms(c.queryMs)}) | ${pageCells} | ${num(c.total ?? 0)} |`,
      );
    }
  }
  out.push("");
  out.push("| engine | size | build wall | peak RSS, GNU time | peak RSS, process tree (sampled) | index files by kind | warm page: engine ready | first pass p50 / p95 (requests, gzip) | repeated p50 / p95 / max (requests) | load average: build / browser |");
  out.push("| :-- | :-- | --: | --: | --: | :-- | --: | --: | --: | --: |");
  for (const r of rows) {
    if (r.error) continue;
    const parts = Object.entries(r.index.parts)
      .sort((x, y) => y[1].bytes - x[1].bytes)
      .map(([k, p]) => `${k} ${num(p.files)} / ${size(p.bytes)}`)
      .join(", ");
    const eng = r.index.engineFiles ? `; engine files beside it ${r.index.engineFiles.files} / ${size(r.index.engineFiles.bytes)}` : "";
    out.push(
      `| ${NAMES[r.engine]} | ${r.label} | ${sec(r.build.ms)} | ${rssMb(r.build.maxRssKb)} | ${rssMb(r.build.treePeakKb)} (${r.build.processes} process${r.build.processes > 1 ? "es" : ""}) | ${parts}${eng} | ${ms(r.warm.ready.loadMs)} | ${ms2(r.warm.first.p50)} / ${ms2(r.warm.first.p95)} (${r.warm.first.requests}, ${kb(r.warm.first.encoded)}) | ${ms2(r.warm.repeat.p50)} / ${ms2(r.warm.repeat.p95)} / ${ms2(r.warm.repeat.max)} (${r.warm.repeat.requests}) | ${r.buildLoad ?? "–"} / ${r.browserLoad ?? "–"} |`,
    );
  }
  out.push("");
  const measured = rows.filter((r) => !r.error && r.warm?.perQuery);
  if (measured.length) {
    out.push("Matches per query (each engine's total count of results, from the first warm pass; not a relevance judgment — the engines count differently: Pagefind one result per statement, Verbatim one per passage, i.e. per paragraph):");
    out.push("");
    out.push(`| query | ${measured.map((r) => `${NAMES[r.engine]}, ${r.label}`).join(" | ")} |`);
    out.push(`| :-- | ${measured.map(() => "--:").join(" | ")} |`);
    measured[0].warm.perQuery.forEach((p, i) => {
      out.push(`| \`${p.query.replace(/\|/g, "\\|")}\` | ${measured.map((r) => num(r.warm.perQuery[i]?.total ?? 0)).join(" | ")} |`);
    });
    out.push("");
  }
  const notes = [];
  for (const r of rows) {
    const tag = `${NAMES[r.engine]}, ${r.label}`;
    if (r.error) notes.push(`- ${tag}: **did not run**: ${r.error.split("\n").slice(0, 4).join(" ").replace(/\s+/g, " ").slice(0, 600)}`);
    for (const n of r.notes ?? []) notes.push(`- ${tag}: ${n}.`);
    if (r.cold?.length && !r.cold.every(pageOf)) notes.push(`- ${tag}: measured before the first result and the first page were told apart: its cold figures are those of the top 10 with snippets.`);
    for (const p of [...new Set(r.problems ?? [])].slice(0, 5)) notes.push(`- ${tag}: ${p.replace(/\s+/g, " ").slice(0, 300)}`);
    if (r.engine === "verbatim" && r.build?.summary) notes.push(`- ${tag}: the CLI said: \`${r.build.summary.replace(/`/g, "'")}\``);
    if (r.warm?.repeat?.requests) notes.push(`- ${tag}: the repeated passes still made ${r.warm.repeat.requests} request${r.warm.repeat.requests > 1 ? "s" : ""}.`);
  }
  if (notes.length) {
    out.push("Notes:");
    out.push("");
    out.push(...notes);
    out.push("");
  }
  return out.join("\n");
}

export async function writeArchiveReport(report, file) {
  const section = `${START}\n${renderArchive(report)}\n${END}`;
  let text = existsSync(file) ? await readFile(file, "utf8") : "";
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a >= 0 && b > a) text = text.slice(0, a) + section + text.slice(b + END.length);
  else text = `${text}${text && !text.endsWith("\n") ? "\n" : ""}${text ? "\n" : ""}${section}\n`;
  await writeFile(file, text);
}
