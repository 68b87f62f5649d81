// Smoke test of the peer benchmark (`make bench-peers`, bench/peers/): its scorer agrees
// with `verbatim eval`, it exports a record's passages exactly as Verbatim sees them, and
// the whole harness runs on a tiny corpus (tests/data/bench-smoke/) in headless Chromium.
//
//   node --test tests/bench-smoke.test.mjs
//
// Needs the Verbatim CLI (VERBATIM_CLI, or `cargo build --features cli`, which `make test`
// has already done by then), pkg/, Debian's Chromium and the root's playwright-core. With
// only those, the harness runs Verbatim alone; when bench/node_modules exists
// (`npm ci --prefix bench`), it also runs the npm peers (Pagefind, MiniSearch, FlexSearch,
// lunr, Orama). tinysearch, which compiles a wasm crate per index, is left to the full run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseQueries, score, evaluate } from "../bench/peers/score.mjs";
import { preparePassages } from "../bench/peers/corpus.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DATA = join(ROOT, "tests/data/bench-smoke");

let cliPath;
function cli() {
  if (cliPath) return cliPath;
  if (process.env.VERBATIM_CLI) return (cliPath = process.env.VERBATIM_CLI);
  execFileSync("cargo", ["build", "--quiet", "--features", "cli"], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
  return (cliPath = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, "target"), "debug", "verbatim"));
}
const verbatim = (args, input) => execFileSync(cli(), args, { cwd: ROOT, encoding: "utf8", input, maxBuffer: 64 << 20 });

const close = (a, b, eps = 1e-9) => Math.abs(a - b) <= eps;
const texts = (list) => list.map((t) => ({ id: t, text: t }));

test("the scorer follows the rules of verbatim eval (src/eval/mod.rs's own cases)", () => {
  const quotes = (l) => ({ quotes: l });
  let m = score(quotes([["alpha", 2], ["beta", 1]]), texts(["x alpha", "beta y", "z"]));
  assert.ok(close(m.ndcg, 1));
  assert.deepEqual([m.mrr, m.success_at_1, m.recall], [1, 1, 1]);
  // One grade-2 quote found at rank 2: DCG = 3/log2(3), ideal = 3/log2(2).
  m = score(quotes([["alpha", 2]]), texts(["none", "alpha"]));
  assert.ok(close(m.ndcg, 1 / Math.log2(3)));
  assert.deepEqual([m.mrr, m.success_at_1, m.recall], [0.5, 0, 1]);
  // A quote counts once.
  m = score(quotes([["alpha", 2], ["beta", 2]]), texts(["alpha", "alpha again", "beta"]));
  assert.ok(close(m.ndcg, (3 + 3 / Math.log2(4)) / (3 + 3 / Math.log2(3))));
  // Id judgments are binary.
  m = score({ ids: ["b"] }, [{ id: "a", text: "" }, { id: "b", text: "" }]);
  assert.deepEqual([m.mrr, m.recall], [0.5, 1]);
  // Ranks past 10 do not count.
  m = score({ ids: ["k"] }, "abcdefghijk".split("").map((id) => ({ id, text: "" })));
  assert.equal(m.ndcg, 0);
  const qs = parseQueries('{"query":"a","kind":"name","relevant":[{"quote":"x","grade":2}]}\n\n{"query":"b","relevant_ids":["i"]}\n');
  assert.deepEqual(qs[0].judgments, { quotes: [["x", 2]] });
  assert.equal(qs[1].kind, "all");
  assert.throws(() => parseQueries('{"query":"c"}'), /^Error: line 1/);
});

test("the JS scorer gives verbatim eval's figures on Verbatim's own rankings", () => {
  const dir = mkdtempSync(join(tmpdir(), "bench-smoke-"));
  try {
    const idx = join(dir, "smoke.idx");
    verbatim(["index", join(DATA, "passages.jsonl"), "-o", idx]);
    const queriesFile = join(DATA, "queries.jsonl");
    const queries = parseQueries(readFileSync(queriesFile, "utf8"));
    // Native rankings (id and text of each hit), scored here…
    const out = verbatim(["search", "--index", idx, "--limit", "10"], queries.map((q) => q.query).join("\n") + "\n");
    const rankings = out.trim().split("\n").map((l) => JSON.parse(l).results.map((h) => ({ id: h.id, text: h.text })));
    const mine = evaluate(queries, (_, i) => rankings[i]);
    // …and by `verbatim eval` (printed to 3 decimals).
    const theirs = verbatim(["eval", "--index", idx, "--queries", queriesFile, "--verbose"]);
    const mean = /verbatim: nDCG@10 ([\d.]+)\s+MRR@10 ([\d.]+)\s+Success@1 ([\d.]+)\s+Recall@10 ([\d.]+)/.exec(theirs);
    assert.ok(mean, theirs);
    assert.equal(mine.mean.ndcg.toFixed(3), mean[1]);
    assert.equal(mine.mean.mrr.toFixed(3), mean[2]);
    assert.equal(mine.mean.success_at_1.toFixed(3), mean[3]);
    assert.equal(mine.mean.recall.toFixed(3), mean[4]);
    for (const [kind, k] of Object.entries(mine.byKind)) {
      assert.match(theirs, new RegExp(`\\b${kind}\\s+n=${k.n}\\s+nDCG@10 ${k.ndcg.toFixed(3)}`), `kind ${kind}`);
    }
    const perQuery = [...theirs.matchAll(/^ {4}([\d.]+) {2}\S+\s+(.*)$/gm)].map((m) => [m[2], m[1]]);
    assert.deepEqual(perQuery, mine.perQuery.map((q) => [q.query, q.ndcg.toFixed(3)]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a record's passages are exported exactly as Verbatim sees them", async () => {
  const dir = mkdtempSync(join(tmpdir(), "bench-smoke-"));
  try {
    const run = (args) => Promise.resolve({ stdout: verbatim(args) });
    const { passages, source } = await preparePassages({ root: ROOT, corpus: join(DATA, "record.txt"), dir, verbatim: run });
    assert.equal(source, "record");
    assert.deepEqual(
      passages.map((p) => [p.id, p.title]),
      [
        ["AG/99999#p1", ""],
        ["AG/99999#p2", "Les fleuves et les villes"],
        ["AG/99999#p3", "Les fleuves et les villes"],
        ["AG/99999#p4", "Le pain et la farine"],
      ],
    );
    assert.match(passages[1].text, /^Le représentant de la Suisse a évoqué les crues/);
    const lines = readFileSync(join(dir, "passages.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.id), passages.map((p) => p.id));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("the harness runs end to end on a tiny corpus and writes the report", { timeout: 180_000 }, () => {
  const peers = existsSync(join(ROOT, "bench/node_modules"));
  const engines = ["verbatim", ...(peers ? ["pagefind", "minisearch", "flexsearch", "lunr", "orama"] : [])];
  const dir = mkdtempSync(join(tmpdir(), "bench-smoke-"));
  try {
    const out = join(dir, "BENCHMARKS.md");
    const json = join(dir, "results.json");
    // Run as `make bench-peers` does, with a tiny corpus and few rounds.
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, "bench/peers/run.mjs"),
        ...["--corpus", join(DATA, "passages.jsonl"), "--queries", join(DATA, "queries.jsonl"), "--name", "bench-smoke"],
        ...["--engines", engines.join(","), "--rounds", "2", "--native-rounds", "5", "--native-builds", "1", "--no-slow"],
        ...["--out", out, "--charts", dir, "--json", json, "--work", join(dir, "work"), "--cli", cli(), "--strict"],
      ],
      { cwd: ROOT, encoding: "utf8", timeout: 170_000 },
    );
    assert.equal(r.status, 0, `bench/peers/run.mjs failed:\n${r.stderr}\n${r.stdout}`);
    const report = JSON.parse(readFileSync(json, "utf8"));
    const run = report.runs[0];
    assert.equal(run.passages, 6);
    assert.deepEqual(run.engines.map((e) => e.key), engines);
    for (const e of run.engines) {
      assert.equal(e.error, undefined, `${e.key}: ${e.error}`);
      assert.ok(e.quality.mean.ndcg >= 0 && e.quality.mean.ndcg <= 1, e.key);
      assert.equal(e.results.length, 6, e.key);
      assert.ok(e.payload.requests > 0 && e.payload.gzip > 0 && e.payload.brotli > 0, e.key);
      assert.ok(e.payload.gzip <= e.payload.raw, e.key);
      assert.ok(Number.isFinite(e.latency.p50) && e.latency.p95 >= e.latency.p50, e.key);
      assert.ok(e.build.buildMs > 0, e.key);
    }
    const v = run.engines[0];
    // What the element needs: its JS and CSS, the glue, the wasm, the index.
    assert.deepEqual(v.payload.files.map((f) => f.path).sort(), ["/verbatim-search.css", "/verbatim-search.js", "/verbatim.idx", "/verbatim.js", "/verbatim_bg.wasm"]);
    assert.ok(v.quality.mean.ndcg > 0.5, `Verbatim's nDCG@10 on the smoke queries: ${v.quality.mean.ndcg}`);
    assert.ok(v.native.eval && v.native.latencyUs, "native eval and bench ran");
    const md = readFileSync(out, "utf8");
    assert.match(md, /^# Benchmarks: Verbatim and its peers/);
    assert.match(md, /\| engine \| nDCG@10 \| MRR@10 \|/);
    assert.match(md, /\| \*\*Verbatim\*\* \| \d\.\d{3} \|/);
    assert.match(md, /### Relevance per query kind/);
    assert.match(md, /### Where Verbatim is not ahead/);
    assert.match(readFileSync(join(dir, "bench-bench-smoke.svg"), "utf8"), /^<svg [^>]*>[\s\S]*<\/svg>\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
