// A loopback static server for the archive benchmark, as a static host would serve the
// files: gzip on every response that gzip makes smaller (JS, wasm, Verbatim's .vrba shards;
// Pagefind's index files are gzip already and go as they are), whatever the extension.
// It logs every request with the bytes on disk and the bytes of the body it sent (encoded),
// so the harness can count requests and transferred bytes exactly.
//
// The gzip of a file is computed once and kept (like a host serving precompressed files),
// so that compressing does not count in the timings once a file has been served; the
// harness primes it with a throwaway page load before each measured cold load.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { TYPES, listen } from "../peers/server.mjs";


/**
 * Serves `mounts` ({"/prefix/": dir}) on 127.0.0.1 at an ephemeral port.
 * Returns {url, log, reset(), close()}; log entries: {path, status, raw, encoded, gzip}.
 */
export async function serve(mounts, { level = 9 } = {}) {
  const roots = Object.entries(mounts).map(([prefix, dir]) => [prefix, normalize(dir + sep)]);
  const cache = new Map(); // file → {mtimeMs, size, body, gz (null when gzip does not help)}
  let log = [];
  async function load(file) {
    const st = await stat(file);
    if (st.isDirectory()) return load(join(file, "index.html"));
    const hit = cache.get(file);
    if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit;
    const body = await readFile(file);
    const gz = gzipSync(body, { level });
    const entry = { file, mtimeMs: st.mtimeMs, size: st.size, body, gz: gz.length < body.length ? gz : null };
    cache.set(file, entry);
    return entry;
  }
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const headers = {
      "cache-control": "max-age=3600",
      // Cross-origin isolation: performance.now() at its fine resolution in Chromium.
      "cross-origin-opener-policy": "same-origin",
      "cross-origin-embedder-policy": "require-corp",
      "cross-origin-resource-policy": "same-origin",
      vary: "accept-encoding",
    };
    let status = 200;
    let body;
    let raw = 0;
    let gzipped = false;
    try {
      const mount = roots.find(([prefix]) => path.startsWith(prefix));
      if (!mount) throw new Error("no mount");
      const file = normalize(join(mount[1], path.slice(mount[0].length)));
      if (!file.startsWith(mount[1])) throw new Error("outside");
      const entry = await load(file);
      raw = entry.body.length;
      headers["content-type"] = TYPES[extname(entry.file)] ?? "application/octet-stream";
      if (entry.gz && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
        body = entry.gz;
        headers["content-encoding"] = "gzip";
        gzipped = true;
      } else body = entry.body;
    } catch {
      status = 404;
      body = Buffer.from("not found");
      headers["content-type"] = "text/plain";
    }
    headers["content-length"] = String(body.length);
    log.push({ path, status, raw, encoded: body.length, gzip: gzipped });
    res.writeHead(status, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  });
  return listen(server, () => log, () => {
    log = [];
  });
}
