// Smoke test of the archive benchmark (`make bench-archive`, bench/archive/): the whole
// harness on a tiny slice of the UN General Debate corpus, in headless Chromium. It checks
// that the report has its rows and numbers, not what the numbers are, and that each cold
// query is measured to its first result and then to its first page of 10.
//
//   node --test tests/bench-archive-smoke.test.mjs
//
// Slice: tests/data/ungdc-slice, else 10 files of session 78 from /tmp/ungdc (an unpacked
// corpus), else the test is skipped. Verbatim runs when pkg/verbatim-archive.js exports
// `Archive` and the CLI (VERBATIM_CLI, or `cargo build --features cli`) has `index
// --archive`; Pagefind when bench/node_modules has it (`npm ci --prefix bench`). It also
// checks that the harness says so and stops when the built engine has no Archive.
// VERBATIM_PKG=DIR tests another build of the engine than pkg/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeArchiveReport, START, END } from "../bench/archive/report.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUN = join(ROOT, "bench/archive/run.mjs");
const TXT = /^[A-Z0-9]{2,4}_\d{1,3}_\d{4}\.txt$/;

const tmp = mkdtempSync(join(tmpdir(), "bench-archive-smoke-"));
process.on("exit", () => rmSync(tmp, { recursive: true, force: true }));

function slice() {
  const committed = join(ROOT, "tests/data/ungdc-slice");
  if (existsSync(committed) && readdirSync(committed).some((f) => TXT.test(f))) return committed;
  const unpacked = "/tmp/ungdc";
  if (!existsSync(unpacked)) return null;
  const files = readdirSync(unpacked).filter((f) => /_78_2023\.txt$/.test(f)).sort().slice(0, 10);
  if (!files.length) return null;
  const dir = join(tmp, "slice");
  mkdirSync(dir, { recursive: true });
  for (const f of files) copyFileSync(join(unpacked, f), join(dir, f));
  return dir;
}

const chromium = process.env.CHROMIUM_PATH || (() => {
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    return "";
  }
})();
const corpus = slice();
// VERBATIM_PKG: another folder than pkg/ with the archive glue verbatim-archive.js + its wasm (a build being tested).
const PKG = process.env.VERBATIM_PKG ?? join(ROOT, "pkg");
const hasArchiveGlue = ["verbatim-archive.js", "verbatim.js"].some(
  (g) => existsSync(join(PKG, g)) && /export class Archive\b|export\s*\{[^}]*\bArchive\b/.test(readFileSync(join(PKG, g), "utf8")),
);
const hasPagefind = existsSync(join(ROOT, "bench/node_modules/pagefind/package.json"));

let cliPath;
function cli() {
  if (cliPath !== undefined) return cliPath;
  if (process.env.VERBATIM_CLI) return (cliPath = process.env.VERBATIM_CLI);
  try {
    execFileSync("cargo", ["build", "--quiet", "--features", "cli"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
    cliPath = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, "target"), "debug", "verbatim");
  } catch {
    cliPath = null;
  }
  return cliPath;
}
function cliHasArchive() {
  if (!cli()) return false;
  try {
    return /--archive\b/.test(execFileSync(cli(), ["index", "--help"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  } catch {
    return false;
  }
}

function harness(engines, out) {
  const args = [RUN, "--corpus", corpus, "--sizes", "all", "--engines", engines.join(","), "--cold-queries", "2", "--cold-repeats", "1", "--rounds", "2", "--cache", join(tmp, "cache"), "--out", out, "--json", `${out}.json`, "--pkg", PKG];
  if (engines.includes("verbatim") && hasArchiveGlue && cli()) args.push("--cli", cli());
  const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", timeout: 150_000 });
  return { ...r, json: existsSync(`${out}.json`) ? JSON.parse(readFileSync(`${out}.json`, "utf8")) : null };
}

const skipReason = !corpus ? "no UNGDC slice (tests/data/ungdc-slice or /tmp/ungdc)" : !chromium ? "no chromium on PATH" : false;
const NUMBER = "\\d[\\d,]*(?:\\.\\d+)?";

test("the harness measures the engines on a slice and writes its section", { skip: skipReason, timeout: 170_000 }, (t) => {
  const verbatimReady = hasArchiveGlue && cliHasArchive();
  const engines = [...(verbatimReady ? ["verbatim"] : []), ...(hasPagefind ? ["pagefind"] : [])];
  if (!engines.length) return t.skip("neither the Verbatim archive (pkg/ Archive + CLI --archive) nor Pagefind (bench/node_modules) is available");
  if (!verbatimReady) t.diagnostic("Verbatim's archive is not built yet (pkg/verbatim.js Archive export or CLI index --archive): Pagefind alone");
  const out = join(tmp, "BENCHMARKS.md");
  const before = "# Benchmarks\n\nEverything above the archive section stays as it is.\n";
  writeFileSync(out, before);
  const r = harness(engines, out);
  assert.equal(r.status, 0, `harness failed:\n${r.stderr.slice(-3000)}`);
  const { json } = r;
  assert.ok(json, "no JSON figures written");
  const statements = readdirSync(corpus).filter((f) => TXT.test(f)).length;
  assert.deepEqual(json.sizes.map((s) => s.statements), [statements]);
  assert.deepEqual(json.rows.map((row) => row.engine), engines);
  for (const row of json.rows) {
    assert.equal(row.error, undefined, `${row.engine}: ${row.error}`);
    assert.equal(row.statements, statements);
    assert.ok(row.rawBytes > 0);
    assert.ok(row.build.ms > 0 && row.build.maxRssKb > 0, `${row.engine} build figures`);
    if (row.engine === "pagefind") assert.ok(row.build.treePeakKb > 0, "Pagefind's process tree sampled");
    assert.ok(row.index.bytes > 0 && row.index.files > 0, `${row.engine} index figures`);
    assert.equal(row.cold.length, 2);
    for (const c of row.cold) {
      // Verbatim's archive engine is one file (its wasm inside); Pagefind's JS and wasm are several.
      assert.ok(c.traffic.engine.requests >= (row.engine === "verbatim" ? 1 : 2) && c.traffic.engine.encoded > 0, `${row.engine} engine traffic for ${c.query}`);
      assert.ok(c.traffic.index.requests >= 1 && c.traffic.index.encoded > 0, `${row.engine} index traffic for ${c.query}`);
      assert.equal(c.traffic.total.requests, c.traffic.engine.requests + c.traffic.index.requests);
      assert.ok(c.traffic.total.encoded <= c.traffic.total.raw, "gzip never sends more than the file");
      assert.deepEqual(c.traffic.failed, []);
      assert.ok(Number.isFinite(c.totalMs) && c.totalMs > 0);
      assert.ok(c.isolated, "cross-origin isolated page (fine timer)");
      // Both phases answer (a query may match nothing in the slice); the first page costs at
      // least what the first result did.
      const { page } = c;
      assert.ok(page?.traffic, `${row.engine}: first page of 10 measured for ${c.query}`);
      if (c.total) assert.ok(c.hits >= 1 && c.first, `${row.engine}: a first result for ${c.query}`);
      assert.equal(page.hits, Math.min(10, c.total), `${row.engine}: the first page shows its hits for ${c.query}`);
      assert.ok(page.shown >= c.shown, "the first page shows at least the first result");
      assert.ok(page.traffic.total.requests >= c.traffic.total.requests, `${row.engine}: first result ${c.traffic.total.requests} requests, first page ${page.traffic.total.requests}`);
      assert.ok(page.traffic.total.encoded >= c.traffic.total.encoded);
      assert.deepEqual(page.traffic.failed, []);
      assert.ok(Number.isFinite(page.totalMs) && page.totalMs >= page.queryMs && page.queryMs >= c.queryMs);
      t.diagnostic(`${row.engine} cold \`${c.query}\`: first result ${(c.traffic.total.encoded / 1024).toFixed(1)} KB, ${c.traffic.total.requests} requests, ${c.totalMs.toFixed(0)} ms; first page of 10 ${(page.traffic.total.encoded / 1024).toFixed(1)} KB, ${page.traffic.total.requests} requests, ${page.totalMs.toFixed(0)} ms`);
    }
    assert.ok(Number.isFinite(row.warm.repeat.p50) && Number.isFinite(row.warm.repeat.p95));
    assert.equal(row.warm.perQuery.length, json.settings.queryCount);
    assert.equal(row.warm.repeat.requests, 0, "repeated queries fetch nothing");
    if (row.engine === "verbatim") {
      assert.ok(row.index.parts["manifest.vrba"], "a manifest.vrba");
      assert.ok(row.cold[0].traffic.files.some((f) => f.path === "/index/manifest.vrba"), "the page fetched the manifest");
      assert.ok(row.cold.every((c) => Number.isInteger(c.rounds) && c.rounds >= 0 && c.page.rounds >= c.rounds && c.page.rounds <= 6), "fetch rounds counted");
      assert.ok(row.cold.every((c) => !c.total || c.traffic.files.some((f) => f.path.startsWith("/index/text/"))), "the first result has its text");
      assert.ok(row.warm.ready.passages > 0, "Archive.info() passages");
      // The slice is small: every word keeps all its postings, so the archive ranks as the single file does.
      const f = row.fidelity;
      assert.ok(f && f.queries > 0 && f.perQuery.length === json.settings.queryCount, "the archive compared with the exhaustive index");
      assert.ok(f.agreement > 0.9 && f.agreement <= 1 && f.ndcg > 0.9 && f.ndcg <= 1, `agreement ${f.agreement}, nDCG ${f.ndcg}`);
    }
  }
  const md = readFileSync(out, "utf8");
  assert.ok(md.startsWith(before), "the rest of the file is untouched");
  assert.equal(md.split(START).length, 2);
  assert.equal(md.split(END).length, 2);
  const section = md.slice(md.indexOf(START), md.indexOf(END));
  for (const e of engines) {
    const name = e === "verbatim" ? "Verbatim" : "Pagefind";
    const cold = `${NUMBER} KB \\(${NUMBER} KB\\) \\| \\d+ \\(\\d+\\) \\| ${NUMBER} ms`; // gzip (index), requests (index), ms
    const row = new RegExp(`^\\| \\*\\*${name}\\*\\* \\| all sessions \\| ${statements} \\| ${cold} \\| ${cold} \\| ${NUMBER} ms / ${NUMBER} ms \\| ${NUMBER} s \\| \\d+ MB \\| ${NUMBER} MB / ${NUMBER} MB \\(${NUMBER}\\) \\| ${NUMBER} \\|$`, "m");
    assert.match(section, row, `${name} row in the results table`);
    assert.match(section, new RegExp(`### Goals: ${name}`));
  }
  assert.match(section, /\| cold first result: gzip total \(index data\) \| requests total \(index data\) \| ms \| first page of 10 with snippets: gzip total \(index data\) \| requests total \(index data\) \| ms \|/);
  assert.match(section, /\| first result: gzip total \|.* \| first page of 10: gzip total \(index data\) \|/, "the detail gives both phases");
  assert.match(section, /`\{limit: 10, text: 1\}`/, "what is measured names Verbatim's first phase");
  if (engines.includes("verbatim")) assert.match(section, /### Ranking: the archive against the exhaustive index\n[^]*\| all sessions \| \d+ \| [01]\.\d{3} \| [01]\.\d{3} \|/);
  for (const goal of ["cold first result ≤ 150 KB gzip", "cold first result ≤ 4 requests", "cold first result ≤ 500 ms over loopback", "warm p95 ≤ 30 ms (repeated)", "build ≤ 2 min", "build ≤ 2 GB peak RSS"]) {
    const line = section.split("\n").find((l) => l.startsWith(`| ${goal} |`));
    assert.ok(line, `goal line ${goal}`);
    assert.match(line, /\*\*(met|not met)\*\*/);
  }
  assert.match(section, /\*\*Machine\*\*: .+ \*\*Browser\*\*: Debian's Chromium \d/);
});

test("rewriting the section replaces it in place", { skip: skipReason }, async () => {
  const file = join(tmp, "rewrite.md");
  writeFileSync(file, `# Top\n\n${START}\nold\n${END}\n\n## After\n`);
  const report = {
    date: "2026-01-01T00:00:00Z",
    command: "node bench/archive/run.mjs",
    machine: { cpu: "cpu", nproc: 1, memGiB: 1, os: "os", kernel: "k", node: "v", rustc: "r", chromium: "1", playwright: "1" },
    versions: { verbatim: "0", pagefind: null },
    settings: { engines: ["verbatim"], rounds: 2, limit: 10, coldQueries: ["climate"], queriesFile: "q", queryCount: 1, corpus: "c", corpusStatements: 1 },
    sizes: [{ name: "all", label: "all sessions", statements: 1, rawBytes: 10 }],
    rows: [{ engine: "verbatim", size: "all", label: "all sessions", statements: 1, rawBytes: 10, error: "not built" }],
  };
  await writeArchiveReport(report, file);
  await writeArchiveReport(report, file);
  const md = readFileSync(file, "utf8");
  assert.ok(md.startsWith(`# Top\n\n${START}\n## Archive scale`));
  assert.ok(md.endsWith(`${END}\n\n## After\n`));
  assert.equal(md.split(START).length, 2);
  assert.match(md, /did not run: not built/);
});

test("without the archive engine in the built pkg/, the harness says so and stops", { skip: skipReason }, () => {
  // A built engine from before the archive: glue without an Archive export.
  const old = join(tmp, "old-pkg");
  mkdirSync(old, { recursive: true });
  writeFileSync(join(old, "verbatim.js"), "export class Engine {}\nexport default async function init() {}\n");
  const out = join(tmp, "refused.md");
  const r = spawnSync(process.execPath, [RUN, "--corpus", corpus, "--engines", "verbatim", "--pkg", old, "--out", out, "--cache", join(tmp, "cache")], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /has no `Archive` export/);
  assert.match(r.stderr, /Nothing measured/);
  assert.ok(!existsSync(out), "no report written");
});
