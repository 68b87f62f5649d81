#!/usr/bin/env node
// Archive-scale benchmark: Verbatim's archive index (`verbatim index --archive`, the
// browser `Archive` class) against Pagefind 1.6 on the UN General Debate corpus, at
// several sizes — build time and memory, index size on disk, and in headless Chromium
// over a loopback server that gzips: the cold first query (bytes, requests, time to the
// first result shown, then to the first page of 10 with snippets) and warm query latency.
// Writes its section of BENCHMARKS.md (between <!-- archive:start --> and
// <!-- archive:end -->) and the raw figures as JSON.
//
//   make bench-archive                                  (all three sizes, ~15 min)
//   node bench/archive/run.mjs --sizes session          (one session, ~1 min)
//
// Options (defaults in brackets):
//   --corpus PATH        the corpus: a .tar.xz or an unpacked folder [$UNGDC_CORPUS or
//                        /work/shared/corpora/ungdc/ungdc-1946-2024.tar.xz]
//   --sizes LIST         comma-separated: session, sNN, YYYY-YYYY, YYYY, all [session,2015-2024,all]
//   --session N          the session `session` means [78]
//   --queries FILE       one query a line [bench/archive/ungdc-queries.txt]
//   --engines LIST       verbatim,pagefind [both]
//   --cold-queries N     how many of the first queries are measured cold [6]
//   --cold-repeats N     fresh-context loads per cold query; the median time is reported [3]
//   --rounds N           passes over the query list in the warm page [5; the first fetches shards]
//   --cache DIR          where the corpus is unpacked and indexes are built [$TMPDIR/verbatim-bench-archive]
//   --cli PATH           a built `verbatim` [cargo build --release --features cli]
//   --pkg DIR            the built engine: verbatim.js + verbatim_bg.wasm [pkg/]
//   --out FILE           the Markdown file whose archive section is (re)written [BENCHMARKS.md]
//   --json FILE          raw figures [CACHE/results.json]
//   --rewrite FILE.json  measure nothing: rewrite the section of --out from the figures of an earlier run
import { parseArgs } from "node:util";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { loadavg, tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { corpusDir, delegationNames, materialise, parseSize, statements, titleOf } from "./corpus.mjs";
import { serve } from "./server.mjs";
import { writeArchiveReport } from "./report.mjs";
import { descendants } from "../proc.mjs";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const ROOT = resolve(HERE, "../..");
const BENCH = resolve(HERE, "..");
const say = (...m) => console.error("bench-archive:", ...m);
const die = (msg, code = 2) => {
  console.error(`bench-archive: ${msg}`);
  process.exit(code);
};

const { values: opt } = parseArgs({
  options: {
    corpus: { type: "string", default: process.env.UNGDC_CORPUS ?? "/work/shared/corpora/ungdc/ungdc-1946-2024.tar.xz" },
    sizes: { type: "string", default: "session,2015-2024,all" },
    session: { type: "string", default: "78" },
    queries: { type: "string", default: join(HERE, "ungdc-queries.txt") },
    engines: { type: "string", default: "verbatim,pagefind" },
    "cold-queries": { type: "string", default: "6" },
    "cold-repeats": { type: "string", default: "3" },
    rounds: { type: "string", default: "5" },
    cache: { type: "string", default: join(tmpdir(), "verbatim-bench-archive") },
    cli: { type: "string" },
    pkg: { type: "string", default: join(ROOT, "pkg") },
    out: { type: "string", default: join(ROOT, "BENCHMARKS.md") },
    json: { type: "string" },
    limit: { type: "string", default: "10" },
    rewrite: { type: "string" },
  },
});

if (opt.rewrite) {
  await writeArchiveReport(JSON.parse(readFileSync(opt.rewrite, "utf8")), resolve(opt.out));
  console.error(`bench-archive: rewrote the archive section of ${opt.out} from ${opt.rewrite}`);
  process.exit(0);
}

const ENGINES = ["verbatim", "pagefind"];
const engines = opt.engines.split(",").map((s) => s.trim()).filter(Boolean);
for (const e of engines) if (!ENGINES.includes(e)) die(`unknown engine \`${e}\`; known: ${ENGINES.join(", ")}`);
const sizes = opt.sizes.split(",").map((s) => parseSize(s, Number(opt.session)));
const rounds = Math.max(2, Number(opt.rounds));
const coldRepeats = Math.max(1, Number(opt["cold-repeats"]));
const limit = Number(opt.limit);
const cache = resolve(opt.cache);
const work = join(cache, "work");
const jsonOut = resolve(opt.json ?? join(cache, "results.json"));
if (!existsSync(opt.corpus)) die(`corpus not found: ${opt.corpus} (give --corpus PATH, a .tar.xz or a folder of ISO3_session_year.txt files)`);
if (resolve(cache).startsWith(ROOT + "/") && !resolve(cache).startsWith(join(ROOT, "target") + "/")) die(`--cache ${cache} is inside the repository; use a folder outside it (or under target/)`);

const queries = readFileSync(opt.queries, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("# "));
if (!queries.length) die(`no queries in ${opt.queries}`);
const coldQueries = queries.slice(0, Math.max(1, Number(opt["cold-queries"])));

const sh = (cmd, args, o = {}) => {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 << 20, ...o }).trim();
  } catch (e) {
    return o.throws ? (() => { throw e; })() : "";
  }
};

// ---------------------------------------------------------------------------------------
// Preconditions: say clearly what is missing, and stop before anything long.

let cli = null;
const ARCHIVE_GLUES = ["verbatim-archive.js", "verbatim.js"];
let glueName = null;
if (engines.includes("verbatim")) {
  // The archive engine is its own wasm build (pkg/verbatim-archive.js, cargo feature
  // `archive`) so that the single-record widget does not carry it; older layouts had one glue.
  glueName = ARCHIVE_GLUES.find((g) => existsSync(join(resolve(opt.pkg), g))) ?? ARCHIVE_GLUES[0];
  const gluePath = join(resolve(opt.pkg), glueName);
  const glue = existsSync(gluePath) ? readFileSync(gluePath, "utf8") : "";
  if (!/export class Archive\b|export\s*\{[^}]*\bArchive\b/.test(glue)) {
    die(`${relative(ROOT, gluePath)} ${glue ? "has no \`Archive\` export" : "is missing"}: the browser archive engine is not in the built pkg/ yet (rebuild it with \`make pkg\`, which builds the archive glue pkg/verbatim-archive.js). Nothing measured. (\`--engines pagefind\` runs Pagefind alone.)`);
  }
  if (opt.cli) cli = resolve(opt.cli);
  else {
    say("cargo build --release --features cli …");
    try {
      execFileSync("cargo", ["build", "--quiet", "--release", "--features", "cli"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
    } catch {
      die("`cargo build --release --features cli` failed; nothing measured.");
    }
    cli = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, "target"), "release", "verbatim");
  }
  const help = sh(cli, ["index", "--help"]) + sh(cli, ["help", "index"]);
  if (!/--archive\b/.test(help)) die(`\`${cli} index --help\` has no --archive option: the archive index is not in the CLI yet. Nothing measured. (\`--engines pagefind\` runs Pagefind alone.)`);
}
if (engines.includes("pagefind") && !existsSync(join(BENCH, "node_modules/pagefind/package.json"))) {
  die("bench/node_modules/pagefind is missing: run `npm ci --prefix bench` (or `--engines verbatim`).");
}
const chromiumPath = process.env.CHROMIUM_PATH || sh("sh", ["-c", "command -v chromium"]);
if (!chromiumPath) die("no `chromium` on PATH (Debian: apt-get install chromium), or set CHROMIUM_PATH.");
let playwright;
try {
  playwright = createRequire(join(BENCH, "package.json"))("playwright-core");
} catch {
  try {
    playwright = createRequire(join(ROOT, "package.json"))("playwright-core");
  } catch {
    die("playwright-core is not installed: run `npm ci --prefix bench`.");
  }
}

// ---------------------------------------------------------------------------------------
// Measured child processes: wall time, GNU time's peak RSS, and the sampled peak of the
// summed RSS of the whole process tree (Pagefind's Node API drives a separate binary).

const rssKb = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
  } catch {
    return 0;
  }
};

function runMeasured(cmd, args, { cwd = ROOT } = {}) {
  return new Promise((resolveRun, reject) => {
    const started = performance.now();
    const child = spawn("/usr/bin/time", ["-v", cmd, ...args], { cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let treePeakKb = 0;
    let processes = 1;
    const sample = () => {
      const pids = descendants(child.pid); // below /usr/bin/time: the command and its children
      processes = Math.max(processes, pids.length);
      treePeakKb = Math.max(treePeakKb, pids.reduce((s, p) => s + rssKb(p), 0));
    };
    const timer = setInterval(sample, 50);
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(timer);
      const ms = performance.now() - started;
      const maxRssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN);
      const cut = stderr.lastIndexOf("\tCommand being timed:");
      const own = cut >= 0 ? stderr.slice(0, cut) : stderr;
      if (code !== 0) reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}\n${own.slice(-3000)}`));
      else resolveRun({ ms, maxRssKb, treePeakKb: treePeakKb || null, processes, stdout, stderr: own });
    });
  });
}

function walk(dir, base = dir, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p, base, out);
    else out.push({ path: relative(base, p), bytes: statSync(p).size });
  }
  return out;
}

// Pagefind's bundle holds its engine (pagefind.js, its worker, wasm.*.pagefind, the UI
// files) beside the index; only the index files are counted as the index.
const pagefindEngineFile = (p) => /\.(js|mjs|css|pagefind)$/.test(p) || /pagefind-(ui|modular-ui|component-ui|highlight)/.test(p);

// ---------------------------------------------------------------------------------------
// Builds.

async function buildVerbatim(corpus, out) {
  await rm(out, { recursive: true, force: true });
  const r = await runMeasured(cli, ["index", "--archive", out, corpus.dir]);
  const files = walk(out);
  const parts = {};
  for (const f of files) {
    const part = f.path.includes("/") ? f.path.split("/")[0] : f.path.replace(/\.[0-9a-f]{8}\.vrba$/, ".vrba");
    parts[part] ??= { files: 0, bytes: 0 };
    parts[part].files++;
    parts[part].bytes += f.bytes;
  }
  if (!files.some((f) => f.path === "manifest.vrba")) throw new Error(`verbatim index --archive wrote no manifest.vrba in ${out}`);
  return {
    build: { ms: r.ms, maxRssKb: r.maxRssKb, treePeakKb: r.treePeakKb, processes: r.processes, summary: (r.stdout + r.stderr).trim().split("\n").slice(-3).join(" ").replaceAll(`${out}: `, "").slice(0, 400) },
    index: { files: files.length, bytes: files.reduce((s, f) => s + f.bytes, 0), parts },
  };
}

async function buildPagefind(corpus, out, names) {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const records = corpus.files.map((f) => {
    const delegation = names.get(f.code) ?? f.code;
    return { path: f.path, name: f.name, title: titleOf(f, delegation), delegation, year: f.year };
  });
  const list = join(out, "..", `pagefind-records-${corpus.size}.json`);
  await writeFile(list, JSON.stringify(records));
  const r = await runMeasured(process.execPath, [join(HERE, "pagefind-build.mjs"), list, out]);
  const own = JSON.parse(r.stdout.trim().split("\n").at(-1));
  const all = walk(join(out, "pagefind"));
  const data = all.filter((f) => !pagefindEngineFile(f.path));
  const eng = all.filter((f) => pagefindEngineFile(f.path));
  const parts = {};
  for (const f of data) {
    const part = f.path.includes("/") ? f.path.split("/")[0] : f.path.replace(/^.*\./, "*.");
    parts[part] ??= { files: 0, bytes: 0 };
    parts[part].files++;
    parts[part].bytes += f.bytes;
  }
  return {
    build: { ms: r.ms, maxRssKb: r.maxRssKb, treePeakKb: r.treePeakKb, processes: r.processes, inProcessMs: own.ms, summary: `${own.records} records` },
    index: { files: data.length, bytes: data.reduce((s, f) => s + f.bytes, 0), parts, engineFiles: { files: eng.length, bytes: eng.reduce((s, f) => s + f.bytes, 0) } },
  };
}

// How far the archive's best-postings cut moves the ranking: the same statements in one
// single-file index (every posting: the exhaustive answer) against the archive, each query's
// top 10 through the CLI. Agreement = the share of the exhaustive top 10 that the archive's
// holds; nDCG@10 grades each hit by its exhaustive rank (10 for the first … 1 for the tenth).
// Only where a single file is reasonable (its build holds the whole index in memory).
const FIDELITY_MAX_BYTES = 64 * 2 ** 20;
async function fidelity(corpus, archiveDir) {
  const file = join(work, `verbatim-${corpus.size}.idx`);
  await runMeasured(cli, ["index", "-o", file, corpus.dir]);
  const top10 = (index) =>
    sh(cli, ["search", "--index", index, "--limit", "10"], { input: queries.join("\n") + "\n", stdio: ["pipe", "pipe", "pipe"], throws: true })
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line).results.map((h) => h.id));
  const exhaustive = top10(file);
  const archive = top10(archiveDir);
  await rm(file, { force: true });
  const perQuery = queries.map((query, i) => {
    const truth = exhaustive[i] ?? [];
    const got = archive[i] ?? [];
    const gain = (id) => (truth.includes(id) ? 10 - truth.indexOf(id) : 0);
    const dcg = (ids) => ids.reduce((s, id, r) => s + gain(id) / Math.log2(r + 2), 0);
    return {
      query,
      agreement: truth.length ? got.filter((id) => truth.includes(id)).length / truth.length : null,
      ndcg: truth.length ? dcg(got) / dcg(truth) : null,
    };
  });
  const judged = perQuery.filter((q) => q.agreement !== null);
  const mean = (f) => judged.reduce((s, q) => s + f(q), 0) / judged.length;
  return { queries: judged.length, agreement: mean((q) => q.agreement), ndcg: mean((q) => q.ndcg), perQuery };
}

// ---------------------------------------------------------------------------------------
// Chromium.

const HARNESS = (p) => p.startsWith("/__archive/") || p === "/favicon.ico";
// The cold page requests it once its first result is shown, before the first page of 10.
const MARK = "/__archive/mark";
const isEngineFile = (p) => /\.(js|mjs|wasm|css|pagefind)$/.test(p);
const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * p))] : NaN);

function traffic(log) {
  const sum = (list) => ({ requests: list.length, raw: list.reduce((s, r) => s + r.raw, 0), encoded: list.reduce((s, r) => s + r.encoded, 0) });
  const ok = log.filter((r) => !HARNESS(r.path));
  return {
    total: sum(ok),
    engine: sum(ok.filter((r) => isEngineFile(r.path))),
    index: sum(ok.filter((r) => !isEngineFile(r.path))),
    failed: ok.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.path}`),
    files: ok.map((r) => ({ path: r.path, raw: r.raw, encoded: r.encoded, gzip: r.gzip })),
  };
}

async function openPage(browser, url, ready) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && !/^Failed to load resource/.test(m.text()) && problems.push(`console: ${m.text()}`));
  await page.goto(url);
  await page.waitForFunction(`window.${ready} || window.__error`, null, { timeout: 300_000 });
  const error = await page.evaluate(() => window.__error);
  if (error) {
    await context.close();
    throw new Error(error);
  }
  return { context, page, problems };
}

async function measureBrowser(browser, engine, mounts) {
  const server = await serve({ "/__archive/": join(HERE, "page"), ...mounts });
  // The page's URL: ?glue= names Verbatim's glue in /pkg/, ?q= the cold query.
  const pageUrl = `${server.url}__archive/${engine}.html?glue=${encodeURIComponent(glueName ?? "")}`;
  const out = { cold: [], problems: [] };
  try {
    // Cold: for each cold query, a throwaway load (fills the server's gzip cache, as a host
    // serving precompressed files), then a fresh context (empty HTTP cache, no compiled
    // wasm cached) whose every request is counted.
    for (const q of coldQueries) {
      const prime = await openPage(browser, `${pageUrl}&q=${encodeURIComponent(q)}`, "__cold");
      await prime.context.close();
      // coldRepeats fresh contexts: the bytes and requests of the first, the median time.
      const runs = [];
      for (let i = 0; i < coldRepeats; i++) {
        server.reset();
        const { context, page, problems } = await openPage(browser, `${pageUrl}&q=${encodeURIComponent(q)}`, "__cold");
        const cold = await page.evaluate(() => window.__cold);
        const isolated = await page.evaluate(() => self.crossOriginIsolated);
        await page.waitForTimeout(200); // late requests still count
        await context.close();
        // Before the marker: what the first result cost; the whole log: the first page of 10.
        const mark = server.log.findIndex((r) => r.path === MARK);
        if (mark < 0) throw new Error(`the page never requested ${MARK}`);
        const t = traffic(server.log.slice(0, mark));
        const pageTraffic = traffic(server.log);
        if (pageTraffic.failed.length) out.problems.push(`${q}: failed requests ${pageTraffic.failed.join(", ")}`);
        out.problems.push(...problems.map((p) => `${q}: ${p}`));
        runs.push({ ...cold, isolated, traffic: t, page: { ...cold.page, traffic: pageTraffic } });
      }
      const [firstRun] = runs;
      const differ = runs.filter((r) => r.traffic.total.encoded !== firstRun.traffic.total.encoded || r.traffic.total.requests !== firstRun.traffic.total.requests);
      if (differ.length) out.problems.push(`${q}: the cold loads did not fetch the same bytes (${runs.map((r) => `${r.traffic.total.requests} requests, ${r.traffic.total.encoded} B`).join("; ")}); the first is reported`);
      const medianBy = (f) => [...runs].sort((a, b) => f(a) - f(b))[Math.floor((runs.length - 1) / 2)];
      const median = medianBy((r) => r.totalMs);
      const pageMedian = medianBy((r) => r.page.totalMs).page;
      const entry = {
        query: q,
        ...firstRun,
        totalMs: median.totalMs,
        loadMs: median.loadMs,
        queryMs: median.queryMs,
        sinceNavigationMs: median.sinceNavigationMs,
        samplesMs: runs.map((r) => r.totalMs),
        page: { ...firstRun.page, totalMs: pageMedian.totalMs, queryMs: pageMedian.queryMs, samplesMs: runs.map((r) => r.page.totalMs) },
      };
      out.cold.push(entry);
      const line = (t, ms) => `${(t.total.encoded / 1024).toFixed(1)} KB gzip (index ${(t.index.encoded / 1024).toFixed(1)} KB), ${t.total.requests} requests (index ${t.index.requests}), ${ms.toFixed(0)} ms`;
      say(`  cold \`${q}\`: first result ${line(entry.traffic, entry.totalMs)}; first page of 10 ${line(entry.page.traffic, entry.page.totalMs)} (medians of ${runs.length}), ${entry.total} hits`);
    }
    // Warm: one page, engine loaded; a first pass over the list (fetches each query's
    // shards over loopback), then rounds-1 passes of the same queries.
    server.reset();
    const { context, page, problems } = await openPage(browser, pageUrl, "__ready");
    const ready = await page.evaluate(() => window.__ready);
    const load = traffic(server.log);
    server.reset();
    const first = await page.evaluate(([qs, l]) => window.__warm(qs, 1, l), [queries, limit]);
    const firstTraffic = traffic(server.log);
    server.reset();
    const repeat = await page.evaluate(([qs, n, l]) => window.__warm(qs, n, l), [queries, rounds - 1, limit]);
    const repeatTraffic = traffic(server.log);
    await context.close();
    out.problems.push(...problems);
    const stats = (times) => {
      const s = times.flat().sort((a, b) => a - b);
      return { p50: percentile(s, 0.5), p95: percentile(s, 0.95), max: s.at(-1), n: s.length };
    };
    const perQueryMedian = queries.map((_, i) => percentile(repeat.times.map((row) => row[i]).sort((a, b) => a - b), 0.5));
    out.warm = {
      ready,
      load: { requests: load.total.requests, encoded: load.total.encoded },
      first: { ...stats(first.times), requests: firstTraffic.total.requests, encoded: firstTraffic.total.encoded },
      repeat: { ...stats(repeat.times), rounds: rounds - 1, requests: repeatTraffic.total.requests, encoded: repeatTraffic.total.encoded },
      perQuery: first.perQuery.map((p, i) => ({ query: queries[i], ...p, firstMs: first.times[0][i], repeatMedianMs: perQueryMedian[i] })),
    };
    say(`  warm: first pass p50 ${out.warm.first.p50.toFixed(2)} / p95 ${out.warm.first.p95.toFixed(2)} ms (${firstTraffic.total.requests} requests); repeated p50 ${out.warm.repeat.p50.toFixed(2)} / p95 ${out.warm.repeat.p95.toFixed(2)} ms`);
  } finally {
    await server.close();
  }
  return out;
}

// ---------------------------------------------------------------------------------------

const cargoVersion = /^version = "([^"]+)"/m.exec(readFileSync(join(ROOT, "Cargo.toml"), "utf8"))?.[1];
const commit = sh("git", ["rev-parse", "--short=12", "HEAD"], { cwd: ROOT });
const dirty = sh("git", ["status", "--porcelain", "--untracked-files=no", "--", "src", "pkg", "Cargo.toml", "Cargo.lock"], { cwd: ROOT }).length > 0;
const lockVersion = (name) => {
  try {
    return JSON.parse(readFileSync(join(BENCH, "package-lock.json"), "utf8")).packages?.[`node_modules/${name}`]?.version ?? null;
  } catch {
    return null;
  }
};
const installedVersion = (name) => {
  try {
    return JSON.parse(readFileSync(join(BENCH, "node_modules", name, "package.json"), "utf8")).version;
  } catch {
    return lockVersion(name);
  }
};

const corpusRoot = corpusDir(resolve(opt.corpus), cache, say);
const all = statements(corpusRoot);
if (!all.length) die(`no ISO3_session_year.txt files in ${corpusRoot}`);
const names = delegationNames(ROOT);
say(`${all.length} statements in ${corpusRoot}; sizes ${sizes.map((s) => s.name).join(", ")}; engines ${engines.join(", ")}; ${queries.length} queries (${coldQueries.length} cold)`);

const browser = await playwright.chromium.launch({
  executablePath: chromiumPath,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const chromiumVersion = browser.version();
// The 1-minute load average every 2 s: other work on the machine slows and scatters timings,
// so the report gives it for the run and for each engine's browser measurement.
const loadSamples = [{ t: Date.now(), load: loadavg()[0] }];
const loadTimer = setInterval(() => loadSamples.push({ t: Date.now(), load: loadavg()[0] }), 2000);
loadTimer.unref();
const loadBetween = (a, b) => {
  const l = loadSamples.filter((x) => x.t >= a && x.t <= b).map((x) => x.load);
  return l.length ? Number((l.reduce((s, x) => s + x, 0) / l.length).toFixed(2)) : Number(loadavg()[0].toFixed(2));
};
const rows = [];
const sizeInfo = [];
try {
  // The browser's own warm-up, so that the first engine measured does not pay for it.
  {
    const c = await browser.newContext();
    const p = await c.newPage();
    await p.setContent("<p>warm-up</p>");
    await p.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    await c.close();
  }
  for (const size of sizes) {
    const corpus = { ...materialise(all, size, work), size: size.name };
    if (!corpus.files.length) {
      say(`size ${size.name}: no statement matches; skipped`);
      sizeInfo.push({ name: size.name, label: size.label, statements: 0, rawBytes: 0 });
      continue;
    }
    const years = corpus.files.map((f) => f.year);
    if (/^session/.test(size.label) && Math.min(...years) === Math.max(...years)) size.label += ` (${years[0]})`;
    sizeInfo.push({ name: size.name, label: size.label, statements: corpus.files.length, rawBytes: corpus.rawBytes, years: [Math.min(...years), Math.max(...years)] });
    say(`size ${size.name} = ${size.label}: ${corpus.files.length} statements, ${(corpus.rawBytes / 2 ** 20).toFixed(1)} MB`);
    for (const engine of engines) {
      const row = { engine, size: size.name, label: size.label, statements: corpus.files.length, rawBytes: corpus.rawBytes, notes: [] };
      rows.push(row);
      try {
        const out = join(work, `${engine}-${size.name}`);
        say(`  ${engine}: build …`);
        const b0 = Date.now();
        if (engine === "verbatim") {
          Object.assign(row, await buildVerbatim(corpus, out));
          row.buildLoad = loadBetween(b0, Date.now());
          say(`  ${engine}: built in ${(row.build.ms / 1000).toFixed(1)} s, peak RSS ${(row.build.maxRssKb / 1024).toFixed(0)} MB, ${row.index.files} files, ${(row.index.bytes / 2 ** 20).toFixed(1)} MB`);
          const t0 = Date.now();
          Object.assign(row, await measureBrowser(browser, engine, { "/pkg/": resolve(opt.pkg), "/index/": out }));
          row.browserLoad = loadBetween(t0, Date.now());
          if (corpus.rawBytes <= FIDELITY_MAX_BYTES) {
            row.fidelity = await fidelity(corpus, out);
            say(`  ${engine}: top 10 against the exhaustive single-file index: agreement ${row.fidelity.agreement.toFixed(3)}, nDCG@10 ${row.fidelity.ndcg.toFixed(3)}`);
          }
        } else {
          Object.assign(row, await buildPagefind(corpus, out, names));
          row.buildLoad = loadBetween(b0, Date.now());
          say(`  ${engine}: built in ${(row.build.ms / 1000).toFixed(1)} s, peak RSS ${(row.build.treePeakKb / 1024).toFixed(0)} MB (process tree), ${row.index.files} files, ${(row.index.bytes / 2 ** 20).toFixed(1)} MB`);
          const t0 = Date.now();
          Object.assign(row, await measureBrowser(browser, engine, { "/pagefind/": join(out, "pagefind") }));
          row.browserLoad = loadBetween(t0, Date.now());
        }
        const empty = row.warm.perQuery.filter((p) => !p.total).map((p) => p.query);
        if (empty.length) row.notes.push(`no result for ${empty.length} of ${queries.length} queries: ${empty.map((q) => `\`${q}\``).join(", ")}`);
      } catch (e) {
        row.error = String(e?.message ?? e).split("\n").slice(0, 10).join("\n");
        say(`  ${engine}: FAILED: ${row.error}`);
      }
    }
  }
} finally {
  await browser.close();
}

const report = {
  date: new Date().toISOString(),
  command: `node bench/archive/run.mjs ${process.argv.slice(2).join(" ")}`.trim(),
  machine: {
    cpu: /model name\s*:\s*(.*)/.exec(existsSync("/proc/cpuinfo") ? readFileSync("/proc/cpuinfo", "utf8") : "")?.[1]?.trim() ?? "unknown",
    nproc: Number(sh("nproc", [])) || null,
    memGiB: Math.round(Number(/MemTotal:\s+(\d+)/.exec(readFileSync("/proc/meminfo", "utf8"))?.[1] ?? 0) / 2 ** 20),
    os: /PRETTY_NAME="([^"]*)"/.exec(existsSync("/etc/os-release") ? readFileSync("/etc/os-release", "utf8") : "")?.[1] ?? process.platform,
    kernel: sh("uname", ["-r"]),
    node: process.version,
    rustc: sh("rustc", ["--version"]),
    chromium: chromiumVersion,
    load: (() => {
      const l = loadSamples.map((x) => x.load).sort((a, b) => a - b);
      return { min: l[0], median: l[Math.floor((l.length - 1) / 2)], max: l.at(-1), samples: l.length };
    })(),
    playwright: installedVersion("playwright-core"),
  },
  versions: {
    verbatim: `${cargoVersion} (${commit}${dirty ? ", uncommitted changes in src/ or pkg/" : ""})${resolve(opt.pkg) === join(ROOT, "pkg") ? "" : `, engine from ${opt.pkg} instead of pkg/`}`,
    glue: glueName, pagefind: engines.includes("pagefind") ? installedVersion("pagefind") : null },
  settings: { engines, rounds, limit, coldQueries, coldRepeats, queriesFile: relative(ROOT, resolve(opt.queries)) || opt.queries, queryCount: queries.length, corpus: opt.corpus, corpusStatements: all.length },
  sizes: sizeInfo,
  rows,
};
await mkdir(resolve(jsonOut, ".."), { recursive: true });
await writeFile(jsonOut, JSON.stringify(report, null, 1));
await writeArchiveReport(report, resolve(opt.out));
say(`wrote the archive section of ${relative(ROOT, resolve(opt.out)) || opt.out}; figures in ${jsonOut}`);
const failed = rows.filter((r) => r.error).map((r) => `${r.engine}/${r.size}`);
if (failed.length) {
  say(`did not run: ${failed.join(", ")} (see the report)`);
  process.exit(1);
}
