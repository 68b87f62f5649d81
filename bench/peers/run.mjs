#!/usr/bin/env node
// Side-by-side benchmark of Verbatim and its peers: relevance, bytes, speed, memory.
//
//   npm ci --prefix bench && node bench/peers/run.mjs          (what `make bench-peers` runs)
//   node bench/peers/run.mjs --corpus X.jsonl --queries Q.jsonl [--corpus … --queries …]
//
// For each (corpus, queries) pair: turns the corpus into passages exactly as Verbatim
// sees them (corpus.mjs), builds every engine's index and site (engines/), serves each
// site on 127.0.0.1 and drives Debian's Chromium with playwright-core: a cold load that
// shows the first result (requests, bytes), the same on a throttled network and CPU,
// then every query (relevance, scored by score.mjs with `verbatim eval`'s rules) and a
// latency loop, in one browser session; native runs where the engine is native. Writes
// BENCHMARKS.md, one SVG chart per pair (docs/) and the raw figures (JSON).
// Options: --engines a,b  --rounds N  --native-rounds N  --native-builds N  --slow-runs N  --no-slow
//          --out FILE  --charts DIR  --json FILE  --work DIR  --cli PATH  --name NAME  --strict
import { parseArgs } from "node:util";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { preparePassages } from "./corpus.mjs";
import { evaluate, parseQueries, CUTOFF } from "./score.mjs";
import { ENGINES, TINYSEARCH_VERSION } from "./engines/registry.mjs";
import { serve } from "./server.mjs";
import { crateVersion, git, machine, npmVersion, percentile, runMeasured, wire } from "./util.mjs";
import { writeReport } from "./report.mjs";
import { descendants } from "../proc.mjs";

const PEERS = fileURLToPath(new URL(".", import.meta.url));
const ROOT = resolve(PEERS, "../..");
const BENCH = resolve(PEERS, "..");
const say = (...m) => console.error("bench-peers:", ...m);

const { values: opt } = parseArgs({
  options: {
    corpus: { type: "string", multiple: true },
    queries: { type: "string", multiple: true },
    name: { type: "string", multiple: true },
    engines: { type: "string" },
    rounds: { type: "string", default: "30" },
    "native-rounds": { type: "string", default: "200" },
    "native-builds": { type: "string", default: "20" },
    "no-slow": { type: "boolean", default: false },
    // Cold loads on the slow profile, each in a fresh context: the median is reported
    // (one load on this 2-core machine varies by a few hundred ms).
    "slow-runs": { type: "string", default: "5" },
    out: { type: "string", default: join(ROOT, "BENCHMARKS.md") },
    charts: { type: "string", default: join(ROOT, "docs") },
    json: { type: "string" },
    work: { type: "string", default: join(ROOT, "target", "bench-peers") },
    cli: { type: "string" },
    strict: { type: "boolean", default: false },
  },
});

const corpora = opt.corpus ?? [join(ROOT, "records/AG12734-fr.txt")];
const queryFiles = opt.queries ?? [join(ROOT, "tests/data/eval/AG12734-dev-queries.jsonl")];
if (corpora.length !== queryFiles.length) throw new Error("give one --queries per --corpus");
const names = corpora.map((c, i) => opt.name?.[i] ?? basename(c).replace(/\.(jsonl|txt)$/, "").replace(/^passages$/, basename(resolve(c, ".."))));
const rounds = Number(opt.rounds);
const slowRuns = Math.max(1, Number(opt["slow-runs"]));
const work = resolve(opt.work);
const benchModules = existsSync(join(BENCH, "node_modules"));

// Which engines: asked for, or all; an engine whose packages are missing is reported as such.
const wanted = opt.engines ? opt.engines.split(",").map((s) => s.trim()) : ENGINES.map((e) => e.key);
for (const w of wanted) if (!ENGINES.some((e) => e.key === w)) throw new Error(`unknown engine ${w}; known: ${ENGINES.map((e) => e.key).join(", ")}`);
const engines = ENGINES.filter((e) => wanted.includes(e.key));

// Versions, from the lock files.
const benchLock = join(BENCH, "package-lock.json");
const rootLock = join(ROOT, "package-lock.json");
const verbatimVersion = /^version = "([^"]+)"/m.exec(readFileSync(join(ROOT, "Cargo.toml"), "utf8"))?.[1];
const gitInfo = git(ROOT);
function versionOf(meta) {
  if (meta.key === "verbatim") return `${verbatimVersion} (${gitInfo.commit}${gitInfo.dirty ? ", uncommitted changes in src/ or pkg/" : ""})`;
  if (meta.key.startsWith("tinysearch")) return crateVersion(join(PEERS, "tinysearch", "Cargo.lock"), "tinysearch") ?? TINYSEARCH_VERSION;
  const main = npmVersion(benchLock, meta.package);
  const extra = (meta.extraPackages ?? []).map((p) => `${p} ${npmVersion(benchLock, p)}`);
  return [main, ...extra].join(", ");
}

// The Verbatim CLI: given, or the release build (`cargo build --release --features cli`).
async function verbatimCli() {
  if (opt.cli) return resolve(opt.cli);
  say("cargo build --release --features cli …");
  await runMeasured("cargo", ["build", "--quiet", "--release", "--features", "cli"], { cwd: ROOT });
  return join(ROOT, "target", "release", "verbatim");
}

// Chromium renderer processes below this Node process, for peak memory (VmHWM).
function renderers() {
  const out = new Map();
  for (const pid of descendants()) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--type=renderer")) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      if (hwm) out.set(pid, Number(hwm[1]));
    } catch {}
  }
  return out;
}
const peakOfNew = (before) => {
  let peak = null;
  for (const [pid, kb] of renderers()) if (!before.has(pid)) peak = Math.max(peak ?? 0, kb);
  return peak;
};

const EXTRA = { "/__bench.js": join(PEERS, "browser", "bench-page.js"), "/blank.html": join(PEERS, "browser", "blank.html") };
const NOT_PAYLOAD = new Set(["/cold.html", "/bench.html", "/__bench.js", "/favicon.ico", "/blank.html"]);

async function measureInBrowser(browser, engine, ctx, firstQuery, queries) {
  const out = {};
  const fast = await serve(ctx.siteDir, { extra: EXTRA });
  const problems = [];
  const watch = (page) => {
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    // Failed loads show up in the server's log, with their path (favicon.ico aside).
    page.on("console", (m) => m.type() === "error" && !/^Failed to load resource/.test(m.text()) && problems.push(`console: ${m.text()}`));
  };
  try {
    // 1. Cold load of a page that shows the first result for the first query.
    {
      const context = await browser.newContext({ serviceWorkers: "block" });
      const page = await context.newPage();
      watch(page);
      fast.reset();
      await page.goto(`${fast.url}cold.html?q=${encodeURIComponent(firstQuery)}`);
      await page.waitForFunction(() => window.__first || window.__error, null, { timeout: 120_000 });
      const first = await page.evaluate(() => window.__first ?? { error: window.__error });
      if (first.error) throw new Error(first.error);
      await page.waitForTimeout(300); // late requests (a prefetch, a worker) still count
      const files = [];
      for (const r of fast.log.filter((r) => !NOT_PAYLOAD.has(r.path) && r.status === 200)) {
        const body = await readFile(join(ctx.siteDir, r.path));
        files.push({ path: r.path, ...wire(body) });
      }
      const failed = fast.log.filter((r) => r.status !== 200 && !NOT_PAYLOAD.has(r.path)).map((r) => `${r.status} ${r.path}`);
      if (failed.length) problems.push(`failed requests: ${failed.join(", ")}`);
      const sum = (k) => files.reduce((s, f) => s + f[k], 0);
      out.payload = { files, requests: files.length, raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli") };
      out.cold = { ms: first.at, shown: first.text, hits: first.hits };
      if (first.hits === 0) problems.push(`found nothing for the cold-start query \`${firstQuery}\`, so its payload and first-result times are those of an empty answer`);
      await context.close();
    }
    // 2. The same on slow 4G (served gzip, 150 ms RTT, 1.6 Mbit/s) with a 4× slower CPU.
    if (!opt["no-slow"]) {
      const slow = await serve(ctx.siteDir, { extra: EXTRA, slow: true });
      try {
        const runs = [];
        for (let i = 0; i < slowRuns; i++) {
          const context = await browser.newContext({ serviceWorkers: "block" });
          const page = await context.newPage();
          watch(page);
          const cdp = await context.newCDPSession(page);
          await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
          await page.goto(`${slow.url}cold.html?q=${encodeURIComponent(firstQuery)}`, { timeout: 180_000 });
          await page.waitForFunction(() => window.__first || window.__error, null, { timeout: 180_000 });
          const at = await page.evaluate(() => window.__first?.at ?? null);
          if (at != null) runs.push(at);
          await context.close();
        }
        runs.sort((a, b) => a - b);
        out.slow = { ms: runs.length ? runs[runs.length >> 1] : null, runs };
      } finally {
        await slow.close();
      }
    }
    // 3. Every query (top 10: relevance), then the latency loop; the renderer's peak memory.
    {
      const before = renderers();
      const context = await browser.newContext({ serviceWorkers: "block" });
      const page = await context.newPage();
      watch(page);
      await page.goto(`${fast.url}bench.html`);
      await page.waitForFunction(() => window.__ready || window.__error, null, { timeout: 120_000 });
      const error = await page.evaluate(() => window.__error);
      if (error) throw new Error(error);
      const r = await page.evaluate(([q, n, k]) => window.__run(q, n, k), [queries, rounds, CUTOFF]);
      out.memory = { rendererPeakKb: peakOfNew(before), wasmMemoryBytes: r.stats?.wasmMemoryBytes ?? null };
      const times = r.times.flat().sort((a, b) => a - b);
      out.latency = { p50: percentile(times, 0.5), p95: percentile(times, 0.95), max: times.at(-1), n: times.length, isolated: r.isolated };
      // Each query's median, to name the slow ones.
      out.latency.perQuery = r.times.map((t) => percentile(t.sort((a, b) => a - b), 0.5));
      out.results = r.results;
      await context.close();
    }
  } finally {
    await fast.close();
  }
  out.problems = problems;
  return out;
}

async function blankRenderer(browser, dir) {
  const server = await serve(dir, { extra: EXTRA });
  const before = renderers();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}blank.html`);
  await page.waitForTimeout(300);
  const kb = peakOfNew(before);
  await context.close();
  await server.close();
  return kb;
}

async function runPair(corpus, queriesFile, name, cli, browser) {
  const runDir = join(work, name);
  await mkdir(runDir, { recursive: true });
  say(`${name}: passages from ${relative(ROOT, corpus)} …`);
  const verbatim = (args) => runMeasured(cli, args);
  const prepared = await preparePassages({ root: ROOT, corpus: resolve(corpus), dir: runDir, verbatim });
  const queries = parseQueries(await readFile(queriesFile, "utf8"));
  await writeFile(join(runDir, "queries.txt"), queries.map((q) => q.query).join("\n") + "\n");
  const byId = new Map(prepared.passages.map((p) => [p.id, p]));
  // A blank page first: the reference for memory, and the browser's own warm-up, so that
  // the first engine measured does not pay for it.
  const blankRendererKb = await blankRenderer(browser, runDir);
  const ctxBase = {
    root: ROOT,
    work,
    runDir,
    tools: join(work, "tools"),
    cargoTarget: join(work, "cargo"),
    passages: prepared.passages,
    passagesFile: join(runDir, "passages.jsonl"),
    queriesFile: resolve(queriesFile),
    verbatimIndex: prepared.verbatimIndex,
    verbatimBuild: prepared.build,
    cli,
    nativeRounds: Number(opt["native-rounds"]),
    nativeBuilds: Number(opt["native-builds"]),
    say,
  };
  const results = [];
  for (const engine of engines) {
    const mod = engine.needs === "bench" && !benchModules ? null : await engine.module();
    const meta = mod?.meta ?? { key: engine.key, name: engine.key };
    const config = mod?.CONFIG && JSON.parse(JSON.stringify(mod.CONFIG, (_, v) => (typeof v === "function" ? v.toString().replace(/\s+/g, " ") : v)));
    const row = { key: engine.key, name: meta.name, docs: meta.docs, shown: meta.shown, snippets: meta.snippets, config, notes: [] };
    results.push(row);
    if (!mod) {
      row.error = "bench/node_modules is missing: run `npm ci --prefix bench`";
      say(`${engine.key}: skipped (${row.error})`);
      continue;
    }
    row.version = versionOf(meta);
    const ctx = { ...ctxBase, siteDir: join(runDir, "sites", engine.key) };
    try {
      say(`${name}: ${engine.key}: build …`);
      row.build = await engine.prepare(ctx);
      row.notes.push(...(row.build.notes ?? []));
      say(`${name}: ${engine.key}: Chromium …`);
      Object.assign(row, await measureInBrowser(browser, engine, ctx, queries[0].query, queries.map((q) => q.query)));
      const unknown = new Set(row.results.flat().filter((id) => !byId.has(id)));
      if (unknown.size) row.notes.push(`returned ids that are not passages: ${[...unknown].slice(0, 5).join(", ")}`);
      const empty = row.results.filter((r) => r.length === 0).length;
      if (empty) row.notes.push(`returned no result at all for ${empty} of ${row.results.length} queries`);
      row.quality = evaluate(queries, (_, i) => row.results[i].map((id) => byId.get(id) ?? { id, text: "" }));
      if (engine.native) {
        say(`${name}: ${engine.key}: native …`);
        row.native = await engine.native(ctx);
        if (row.native.rankings) {
          const scores = row.native.rankings.map((rk) => evaluate(queries, (_, i) => rk[i].map((id) => byId.get(id) ?? { id, text: "" })).mean.ndcg);
          row.native.ndcgBuilds = { mean: scores.reduce((a, b) => a + b, 0) / scores.length, min: Math.min(...scores), max: Math.max(...scores), n: scores.length };
          delete row.native.rankings;
        }
      }
      say(`${name}: ${engine.key}: nDCG@10 ${row.quality.mean.ndcg.toFixed(3)}, ${(row.payload.gzip / 1024).toFixed(1)} KB gzip, p50 ${row.latency.p50.toFixed(2)} ms`);
    } catch (e) {
      row.error = String(e?.message ?? e).split("\n").slice(0, 12).join("\n");
      say(`${name}: ${engine.key}: FAILED: ${row.error}`);
    }
  }
  const v = results.find((r) => r.key === "verbatim");
  if (v?.quality && v.native?.eval && Math.abs(v.quality.mean.ndcg - v.native.eval.ndcg) > 0.0006) {
    v.notes.push(`in-browser nDCG@10 ${v.quality.mean.ndcg.toFixed(3)} differs from native \`verbatim eval\` ${v.native.eval.ndcg.toFixed(3)} (pkg/ wasm older than src/?)`);
  }
  return {
    name,
    corpus: relative(ROOT, resolve(corpus)),
    queries: relative(ROOT, resolve(queriesFile)),
    passages: prepared.passages.length,
    source: prepared.source,
    queryCount: queries.length,
    kinds: [...new Set(queries.map((q) => q.kind))].sort(),
    firstQuery: queries[0].query,
    queryTexts: queries.map((q) => q.query),
    blankRendererKb,
    engines: results,
  };
}

const cli = await verbatimCli();
const requireRoot = createRequire(join(ROOT, "package.json"));
const requireBench = createRequire(join(BENCH, "package.json"));
let playwright;
try {
  playwright = requireBench("playwright-core");
} catch {
  playwright = requireRoot("playwright-core");
}
const browser = await playwright.chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const chromium = browser.version();
const runs = [];
try {
  for (let i = 0; i < corpora.length; i++) runs.push(await runPair(corpora[i], queryFiles[i], names[i], cli, browser));
} finally {
  await browser.close();
}

const report = {
  date: new Date().toISOString(),
  machine: { ...machine(), chromium, playwright: npmVersion(existsSync(benchLock) ? benchLock : rootLock, "playwright-core") },
  settings: { rounds, nativeRounds: Number(opt["native-rounds"]), nativeBuilds: Number(opt["native-builds"]), slow: !opt["no-slow"], slowRuns },
  command: `node bench/peers/run.mjs ${process.argv.slice(2).join(" ")}`.trim(),
  runs,
};
await mkdir(work, { recursive: true });
const jsonOut = opt.json ?? join(work, "results.json");
await writeFile(jsonOut, JSON.stringify(report, null, 1));
await writeReport(report, { out: resolve(opt.out), charts: resolve(opt.charts), root: ROOT });
say(`wrote ${relative(ROOT, resolve(opt.out)) || opt.out}, charts in ${relative(ROOT, resolve(opt.charts))}/, figures in ${relative(ROOT, jsonOut)}`);
const failed = runs.flatMap((r) => r.engines.filter((e) => e.error).map((e) => `${r.name}/${e.key}`));
if (failed.length) say(`engines that did not run: ${failed.join(", ")} (see the report)`);
if (opt.strict && failed.length) process.exit(1);
