// Shared by the browser tests: a static server for the repository root, Debian's
// Chromium driven by playwright-core, and the few steps every test takes.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

// The site to serve: the repository root, or another built copy (VERBATIM_SITE=/path).
export const ROOT = normalize(process.env.VERBATIM_SITE ? `${process.env.VERBATIM_SITE}/` : fileURLToPath(new URL("../..", import.meta.url)));
export const ARTIFACTS = fileURLToPath(new URL("artifacts/", import.meta.url));

export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".idx": "application/octet-stream",
  ".txt": "text/plain; charset=utf-8",
};

/** What the demo site needs before the browser tests can run (built by `make pkg`). */
export function missingSite() {
  const need = ["index.html", "sw.js", "pkg/verbatim.js", "pkg/verbatim_bg.wasm", "pkg/AG12734-fr.idx", "pkg/verbatim-search.js", "pkg/verbatim-search.css"];
  const missing = need.filter((f) => !existsSync(join(ROOT, f)));
  return missing.length ? `run \`make pkg\` (or bash scripts/build-pkg.sh) first; missing: ${missing.join(", ")}` : false;
}

/**
 * Serves the repository root on 127.0.0.1 at an ephemeral port.
 * `headers(path)` adds response headers (a CSP, say); `routes[path]` answers a path with
 * { status?, type?, body } or { status?, type?, stream(res) } instead of a file (a damaged
 * index, say), or with a function returning one. `root` serves another folder (a site built
 * by the test itself) instead of ROOT.
 */
export async function serve({ headers = () => ({}), routes = {}, root = ROOT } = {}) {
  root = normalize(`${root}/`);
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    requests.push(path);
    const extra = { "cache-control": "no-cache", ...headers(path) };
    try {
      if (routes[path]) {
        const r = typeof routes[path] === "function" ? await routes[path]() : routes[path];
        res.writeHead(r.status ?? 200, { "content-type": r.type ?? TYPES[extname(path)] ?? "application/octet-stream", ...extra });
        // { stream(res) } writes the body itself, in parts and at its own pace (then ends it).
        if (r.stream) await r.stream(res);
        else res.end(r.body);
        return;
      }
      let file = normalize(join(root, path));
      if (!file.startsWith(root) || file.split(sep).includes(".git")) throw Object.assign(new Error("outside"), { code: "ENOENT" });
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", ...extra });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (e) {
      res.writeHead(e.code === "ENOENT" || e.code === "ENOTDIR" ? 404 : 500, { "content-type": "text/plain", ...extra });
      res.end(e.code === "ENOENT" ? "not found" : String(e));
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  return {
    url,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(resolve);
      }),
  };
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * A fresh context and page. `problems` collects page errors, console errors and CSP
 * violations (reported from the page and from the console).
 */
export async function open(browser, url, options = {}) {
  const { expectErrors = false, ...contextOptions } = options;
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, reducedMotion: "reduce", ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  const consoleErrors = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text());
    if (/Content.Security.Policy|Refused to/i.test(m.text())) problems.push(`csp: ${m.text()}`);
    // Failed loads are reported below with their URL.
    else if (m.type() === "error" && !expectErrors && !/^Failed to load resource/.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on("response", (r) => {
    // The browser asks for /favicon.ico on its own; only the page's own requests count.
    if (r.status() >= 400 && !expectErrors && new URL(r.url()).pathname !== "/favicon.ico") problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  await page.exposeFunction("__reportViolation", (v) => problems.push(`csp: ${v}`));
  await page.addInitScript(() => {
    document.addEventListener(
      "securitypolicyviolation",
      (e) => window.__reportViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`),
      true,
    );
  });
  if (url) await page.goto(url);
  return { context, page, problems, consoleErrors };
}

/** The widget's parts; Playwright's CSS locators pierce its open shadow root. */
export const input = (page) => page.locator("verbatim-search input[role=combobox]");
export const options = (page) => page.locator("verbatim-search [role=option]");
export const status = (page) => page.locator("verbatim-search [role=status]");

/** Types a query like a person (one key at a time) and waits for the answer to show. */
export async function search(page, query) {
  await input(page).click();
  await input(page).fill("");
  await input(page).pressSequentially(query, { delay: 20 });
  await settle(page);
}

/** Waits until the debounced search has answered the input's current value. */
export async function settle(page) {
  await page.waitForFunction(() => {
    const el = document.querySelector("verbatim-search");
    const root = el?.shadowRoot;
    if (!root) return false;
    const value = root.querySelector("input").value;
    if (!root.querySelector(".message").hidden) return true;
    return value.trim() ? el.results?.query === value : !el.results;
  });
}

/** The paragraph the widget highlighted, and whether it is in the viewport. */
export function highlighted(page) {
  return page.evaluate(() => {
    const p = document.querySelector(".verbatim-target");
    if (!p) return null;
    const r = p.getBoundingClientRect();
    return {
      id: p.id,
      focused: document.activeElement === p,
      inView: r.top < innerHeight && r.bottom > 0,
      hash: location.hash,
      background: getComputedStyle(p).backgroundColor,
    };
  });
}

/** Polls `fn` until it returns a truthy value (for smooth scrolls and async UI). */
export async function eventually(fn, { timeout = 5000, interval = 50 } = {}) {
  const end = Date.now() + timeout;
  let last;
  for (;;) {
    last = await fn();
    if (last) return last;
    if (Date.now() > end) assert.fail(`condition not met within ${timeout} ms (last: ${JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

// The CLI: VERBATIM_CLI=/path/to/verbatim, or `cargo run --release --features cli`.
const CLI = process.env.VERBATIM_CLI ? [process.env.VERBATIM_CLI] : ["cargo", "run", "--quiet", "--release", "--locked", "--features", "cli", "--"];

/** Runs the `verbatim` command line from the repository root; throws with its stderr on failure. */
export async function cli(args) {
  const { execFileSync } = await import("node:child_process");
  const root = fileURLToPath(new URL("../..", import.meta.url));
  try {
    return execFileSync(CLI[0], [...CLI.slice(1), ...args], { cwd: root, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  } catch (e) {
    throw new Error(`verbatim ${args.join(" ")} failed: ${e.stderr || e.message}`);
  }
}

/**
 * Every request a page makes, as { url, type, fromServiceWorker }: from the page, its
 * workers and the service worker (Playwright reports all of them on the context).
 */
export function recordRequests(context) {
  const seen = [];
  context.on("request", (r) => seen.push({ url: r.url(), type: r.resourceType(), fromServiceWorker: Boolean(r.serviceWorker?.()) }));
  return seen;
}
