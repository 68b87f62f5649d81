// Figures for the widget on the shipped record, in headless Chromium — a
// benchmark, not a test: it prints numbers and asserts nothing.
//
//   node bench/widget.mjs            (after `make pkg`; `make bench-widget` does both)
//
// 1. Bytes over the network to show the first result: every response the page
//    needs except the HTML page itself (JS, wasm, index, CSS), gzip -9 and brotli 11.
// 2. Time to first result (median of 5 cold loads): index.html?q=… loaded with a 4× CPU slowdown and a
//    Slow-4G-like network (150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up — the
//    Lighthouse "slow 4G" profile), served gzip-compressed as every static host does (GitHub
//    Pages); then served brotli-compressed, as hosts that compress with brotli do (Cloudflare
//    Pages, Netlify), for a webmaster choosing where to host.
// 3. In-browser query latency p50/p95 over the development queries (Engine.search
//    in wasm, results converted to JS objects included).
// 4. A first visit with its offline copy: everything the page and its service worker
//    download until the worker keeps what the page needs to search offline (the server
//    answers revalidations with 304, as static hosts do with ETags).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { createHash } from "node:crypto";
import { chromium } from "playwright-core";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const QUERIES = join(ROOT, "tests/data/eval/AG12734-dev-queries.jsonl");
const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm",
  ".webmanifest": "application/manifest+json", ".svg": "image/svg+xml", ".idx": "application/octet-stream",
};

const gzip = (b) => gzipSync(b, { level: 9 }).length;
const brotli = (b) => brotliCompressSync(b, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

// Every response of the server: [url, status, body bytes sent].
const served = [];
// How the server compresses what the browser accepts: "gzip" or "br".
let encoding = "gzip";
// Compressed bodies, made once (brotli 11 takes longer than a slow link's round trip).
const compressed = new Map();
function compress(body, etag, how) {
  const key = `${how} ${etag}`;
  if (!compressed.has(key)) compressed.set(key, how === "br" ? brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }) : gzipSync(body, { level: 9 }));
  return compressed.get(key);
}
async function serve() {
  const server = createServer(async (req, res) => {
    try {
      let file = normalize(join(ROOT, decodeURIComponent(new URL(req.url, "http://x").pathname)));
      if (!file.startsWith(ROOT)) throw new Error("outside");
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      let body = await readFile(file);
      const etag = `"${createHash("sha256").update(body).digest("hex").slice(0, 16)}"`;
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache", etag };
      if (req.headers["if-none-match"] === etag) {
        served.push([req.url, 304, 0]);
        res.writeHead(304, headers);
        res.end();
        return;
      }
      if (new RegExp(`\\b${encoding}\\b`).test(req.headers["accept-encoding"] ?? "")) {
        body = compress(body, etag, encoding);
        headers["content-encoding"] = encoding;
      }
      served.push([req.url, 200, body.length]);
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * p))];

const site = await serve();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

// 1 and 2: cold loads of the page with a query in its URL, each in a fresh context;
// the time is the median of COLD_RUNS (one load on a 2-core machine varies by a few
// hundred ms), the bytes those of the first (the same each time).
const COLD_RUNS = 5;
async function coldLoad() {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  const responses = [];
  page.on("response", (r) => responses.push(new URL(r.url()).pathname));
  await page.addInitScript(() => {
    const check = () => {
      const option = document.querySelector("verbatim-search")?.shadowRoot?.querySelector("[role=option]");
      if (option) window.__firstResultAt = performance.now();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  await page.goto(`${site.url}index.html?q=Mulaly`);
  await page.waitForFunction(() => window.__firstResultAt !== undefined, null, { timeout: 60_000 });
  const firstResult = await page.evaluate(() => window.__firstResultAt);
  const timeline = await page.evaluate(() =>
    performance.getEntriesByType("resource").map((e) => [new URL(e.name).pathname, e.startTime, e.responseEnd]),
  );
  await context.close();
  return { firstResult, timeline, responses };
}
const loads = [];
for (let i = 0; i < COLD_RUNS; i++) loads.push(await coldLoad());
const { responses } = loads[0];
const byTime = [...loads].sort((a, b) => a.firstResult - b.firstResult);
const { firstResult, timeline } = byTime[byTime.length >> 1];
encoding = "br";
const brotliTimes = [];
for (let i = 0; i < COLD_RUNS; i++) brotliTimes.push((await coldLoad()).firstResult);
brotliTimes.sort((a, b) => a - b);
encoding = "gzip";

const assets = [...new Set(responses)].filter((p) => !p.endsWith(".html") && p !== "/" && !p.endsWith("manifest.webmanifest") && !p.endsWith(".svg"));
let raw = 0, gz = 0, br = 0;
const rows = [];
for (const path of assets) {
  const bytes = await readFile(join(ROOT, path));
  rows.push([path, bytes.length, gzip(bytes), brotli(bytes)]);
  raw += bytes.length; gz += gzip(bytes); br += brotli(bytes);
}
console.log("Bytes to show the first result (all responses but the HTML page):");
for (const [path, r, g, b] of rows) console.log(`  ${path.padEnd(28)} ${String(r).padStart(7)} raw ${String(g).padStart(7)} gzip ${String(b).padStart(7)} brotli`);
console.log(`  ${"total".padEnd(28)} ${String(raw).padStart(7)} raw ${String(gz).padStart(7)} gzip ${String(br).padStart(7)} brotli  (${assets.length} requests)`);
console.log(`Time to first result, 4× CPU slowdown, slow 4G (150 ms RTT, 1.6 Mbit/s): ${firstResult.toFixed(0)} ms after navigation start (median of ${COLD_RUNS} loads: ${byTime.map((l) => l.firstResult.toFixed(0)).join(", ")}); the median load:`);
for (const [path, start, end] of timeline) console.log(`  ${path.padEnd(28)} requested ${start.toFixed(0).padStart(5)} ms, received ${end.toFixed(0).padStart(5)} ms`);
console.log(`The same, served brotli-compressed: ${brotliTimes[brotliTimes.length >> 1].toFixed(0)} ms (median of ${COLD_RUNS} loads: ${brotliTimes.map((t) => t.toFixed(0)).join(", ")})`);

// 3: query latency inside the page, engine only.
const queries = (await readFile(QUERIES, "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l).query);
const plain = await browser.newPage();
await plain.goto(`${site.url}index.html`);
const samples = await plain.evaluate(async (queries) => {
  const glue = await import("/pkg/verbatim.js");
  await glue.default();
  const bytes = new Uint8Array(await (await fetch("/pkg/AG12734-fr.idx")).arrayBuffer());
  const engine = new glue.Engine(bytes);
  const times = [];
  for (let round = 0; round < 30; round++) {
    for (const q of queries) {
      const t = performance.now();
      engine.search(q, { limit: 10 });
      times.push(performance.now() - t);
    }
  }
  return times;
}, queries);
samples.sort((a, b) => a - b);
console.log(
  `In-browser query latency over ${samples.length} searches (${queries.length} dev queries × 30): ` +
    `p50 ${percentile(samples, 0.5).toFixed(2)} ms, p95 ${percentile(samples, 0.95).toFixed(2)} ms, max ${samples.at(-1).toFixed(2)} ms`,
);

// 4: a first visit, service worker allowed, until the worker keeps the engine and the index.
{
  const context = await browser.newContext();
  const page = await context.newPage();
  served.length = 0;
  await page.goto(`${site.url}index.html?q=Mulaly`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  await page.waitForFunction(
    async () => (await Promise.all(["pkg/verbatim_bg.wasm", "pkg/AG12734-fr.idx"].map((f) => caches.match(new URL(f, location.href).href)))).every(Boolean),
    null,
    { timeout: 60_000, polling: 100 },
  );
  await page.waitForTimeout(1000); // anything else the worker was still fetching
  const full = served.filter(([, status]) => status === 200);
  const bytes = full.reduce((sum, [, , n]) => sum + n, 0);
  console.log(
    `A first visit with its offline copy (the page included): ${(bytes / 1024).toFixed(1)} KB gzip in ${full.length} downloads, ` +
      `${served.length - full.length} revalidations (304): ${full.map(([u]) => new URL(u, site.url).pathname).join(" ")}`,
  );
  await context.close();
}
await browser.close();
site.close();
