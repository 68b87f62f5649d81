// A static server for one engine's site, on 127.0.0.1 at an ephemeral port. It logs every
// request with the bytes of the body it sent (to count requests and payload), answers
// with cross-origin isolation headers (COOP/COEP, so that performance.now() has its fine
// resolution in Chromium), and can shape the network itself: `slow` adds a round trip
// per request and shares one downlink among all responses (Lighthouse's "slow 4G": 150 ms
// RTT, 1.6 Mbit/s), served gzip-compressed where that helps, as a static host would. The
// shaping is done here rather than by the browser so that requests from workers (Pagefind
// searches in one) pay it too.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { gzipSync } from "node:zlib";

/** Content types by extension (also used by bench/archive/server.mjs). */
export const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
};

export const SLOW = { rttMs: 150, bytesPerMs: (1.6 * 1024 * 1024) / 8 / 1000 };

/**
 * Serves `dir`. `extra[path]` = a file served at that path instead (the measurement
 * script). Returns {url, log, reset(), close()}; log entries: {path, bytes, status}.
 */
export async function serve(dir, { extra = {}, slow = false } = {}) {
  const root = normalize(dir + sep);
  let log = [];
  let linkFreeAt = 0;
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const headers = {
      "cache-control": "no-store",
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-embedder-policy": "require-corp",
      "cross-origin-resource-policy": "same-origin",
    };
    let status = 200;
    let body;
    try {
      let file = extra[path] ?? normalize(join(root, path));
      if (!extra[path] && !file.startsWith(root)) throw Object.assign(new Error("outside"), { code: "ENOENT" });
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      body = await readFile(file);
      headers["content-type"] = TYPES[extname(file)] ?? "application/octet-stream";
    } catch {
      status = 404;
      body = Buffer.from("not found");
      headers["content-type"] = "text/plain";
    }
    log.push({ path, bytes: body.length, status });
    if (slow) {
      if (/\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
        const gz = gzipSync(body, { level: 9 });
        if (gz.length < body.length) {
          body = gz;
          headers["content-encoding"] = "gzip";
        }
      }
      await sleep(SLOW.rttMs);
      const start = Math.max(performance.now(), linkFreeAt);
      linkFreeAt = start + body.length / SLOW.bytesPerMs;
      await sleep(linkFreeAt - performance.now());
    }
    res.writeHead(status, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  });
  return listen(server, () => log, () => {
    log = [];
    linkFreeAt = 0;
  });
}

/**
 * Starts `server` on 127.0.0.1 at an ephemeral port: {url, log (from `getLog`), reset, close()}.
 * Shared with bench/archive/server.mjs.
 */
export async function listen(server, getLog, reset) {
  server.keepAliveTimeout = 60_000;
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    get log() {
      return getLog();
    },
    reset,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections?.();
        server.close(r);
      }),
  };
}
