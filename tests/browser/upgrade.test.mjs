// A reader has the site open while a new version is deployed. The new service worker
// takes over at once, but a page never runs one version's engine with the other's
// index: a page keeps the version its document came from, the next load gets the new
// one whole, and the old offline copy goes once no page uses it.
//
// Two versions are served in turn from the same URLs. A is the built site. B differs in
// its engine and its index: verbatim_bg.wasm with a custom section added (same code, other
// bytes: a "new wasm"), the index in the stored layout (other bytes, still readable), and
// sw.js with another cache name, as a new build gives. Which version a page loaded is
// read from the bytes it received.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve, launch, open, search, options, eventually, missingSite, cli, ROOT } from "./helpers.mjs";

const WASM = "/pkg/verbatim_bg.wasm";
const INDEX = "/pkg/AG12734-fr.idx";
const MARK = "verbatim-test-deploy-B";

// The wasm with a custom section appended: ignored by the engine, different bytes.
function withCustomSection(wasm, name) {
  const leb = (n) => {
    const out = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
    return Buffer.from(out);
  };
  const body = Buffer.concat([leb(name.length), Buffer.from(name)]);
  return Buffer.concat([wasm, Buffer.from([0]), leb(body.length), body]);
}

const skip = missingSite();
let browser, dir;
const A = {};
const B = {};
before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), "verbatim-upgrade-"));
  A.sw = readFileSync(join(ROOT, "sw.js"), "utf8");
  A.wasm = readFileSync(join(ROOT, WASM));
  A.index = readFileSync(join(ROOT, INDEX));
  const hash = /const CACHE = "verbatim-([^"]+)"/.exec(A.sw)?.[1];
  assert.ok(hash, "sw.js names its cache verbatim-<hash>");
  A.cache = `verbatim-${hash}`;
  B.cache = `verbatim-${hash}b`;
  B.sw = A.sw.replace(A.cache, B.cache);
  B.wasm = withCustomSection(A.wasm, MARK);
  await cli(["index", join(ROOT, "records/AG12734-fr.txt"), "--layout", "stored", "-o", join(dir, "b.idx")]);
  B.index = readFileSync(join(dir, "b.idx"));
  assert.notDeepEqual(B.index, A.index);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const versionOf = (what, bytes) => {
  const v = what === "wasm" ? (bytes.includes(MARK) ? "B" : bytes.equals(A.wasm) ? "A" : "?") : bytes.equals(B.index) ? "B" : bytes.equals(A.index) ? "A" : "?";
  return `${what} ${v}`;
};

// Which engine and index bytes the page received (through the service worker or not).
function recordLoads(page) {
  const pending = [];
  page.on("response", (r) => {
    const path = new URL(r.url()).pathname;
    if (path !== WASM && path !== INDEX) return;
    pending.push(r.body().then((b) => versionOf(path === WASM ? "wasm" : "index", b), (e) => `unreadable ${path}: ${e.message}`));
  });
  return async () => {
    const seen = await Promise.all(pending.splice(0));
    return [...new Set(seen)].sort();
  };
}

async function activateUpdate(page) {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration.update();
    const next = registration.installing || registration.waiting;
    if (next && next.state !== "activated") {
      await new Promise((resolve) => next.addEventListener("statechange", () => next.state === "activated" && resolve()));
    }
  });
}

const verbatimCaches = (page) => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("verbatim-")).sort());

test("a deploy during a page load never pairs one version's engine with the other's index", { skip }, async () => {
  let version = A;
  let finishSlowPage;
  const server = await serve({
    routes: {
      "/sw.js": () => ({ type: "text/javascript", body: version.sw }),
      [WASM]: () => ({ body: version.wasm }),
      [INDEX]: () => ({ body: version.index }),
      // A page caught mid-load: it has fetched the element's script (from version A's
      // cache), then its parser waits on a script from another origin (which no service
      // worker answers, so nothing holds the old worker back) until the deploy is done.
      // Only then does the element run and load the engine and the index.
      "/slow.html": () => ({
        type: "text/html; charset=utf-8",
        body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Lente</title>
<script type="module" src="/pkg/verbatim-search.js"></script></head><body>
<verbatim-search index="${INDEX}"></verbatim-search>
<script src="${server.url.replace("127.0.0.1", "localhost")}hold.js"></script>
<p>Fin de la page.</p></body></html>`,
      }),
      "/hold.js": () => ({
        type: "text/javascript",
        stream: async (res) => {
          await new Promise((resolve) => (finishSlowPage = resolve));
          res.end("// held until the deploy is done");
        },
      }),
    },
  });
  const { context, page, problems } = await open(browser, null);
  const loads = recordLoads(page);
  try {
    // First visit: version A's worker installs, precaches A and controls the page.
    await page.goto(server.url);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    await search(page, "Haïti");
    assert.ok((await options(page).count()) > 0);
    await loads();

    // A page starts loading under version A…
    finishSlowPage = null;
    const loaded = page.goto(`${server.url}slow.html`);
    loaded.catch(() => {}); // awaited below; a failure in between must not hide behind it
    await eventually(() => finishSlowPage);
    await page.waitForFunction(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/pkg/verbatim-search.js")));
    // …version B is deployed, and its worker, installed from another tab of the site (Chromium
    // checks for updates only once a page has loaded), takes over the loading page…
    version = B;
    const other = await context.newPage();
    await other.goto(`${server.url}index.html`);
    await activateUpdate(other);
    await other.close();
    assert.deepEqual(await verbatimCaches(page), [A.cache, B.cache].sort(), "A's copy is kept while a page uses it");
    // …then the page loads its engine and index: both version A, from A's cache.
    finishSlowPage();
    await loaded;
    await search(page, "Haïti");
    assert.ok((await options(page).count()) > 0, "the page that started as A searches");
    assert.deepEqual(await loads(), ["index A", "wasm A"]);

    // The next load is version B, whole.
    await page.goto(server.url);
    await search(page, "Haïti");
    assert.ok((await options(page).count()) > 0, "version B searches");
    assert.deepEqual(await loads(), ["index B", "wasm B"]);
    assert.equal(await page.locator("verbatim-search .message").isVisible(), false, "no version message");

    // Once no page uses A, a later load removes its copy.
    await eventually(
      async () => {
        await page.reload();
        return JSON.stringify(await verbatimCaches(page)) === JSON.stringify([B.cache]);
      },
      { timeout: 20_000, interval: 1_000 },
    );
    assert.deepEqual(await loads(), ["index B", "wasm B"]);
    assert.deepEqual(problems, []);
  } finally {
    finishSlowPage?.();
    await context.close();
    await server.close();
  }
});

test("an open page keeps its version after the deploy; its reload is the new version", { skip }, async () => {
  let version = A;
  const server = await serve({
    routes: {
      "/sw.js": () => ({ type: "text/javascript", body: version.sw }),
      [WASM]: () => ({ body: version.wasm }),
      [INDEX]: () => ({ body: version.index }),
    },
  });
  const { context, page, problems } = await open(browser, null);
  const loads = recordLoads(page);
  try {
    await page.goto(server.url);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    // Loaded by the worker, from A's cache.
    await page.reload();
    await search(page, "Monaco");
    assert.deepEqual(await loads(), ["index A", "wasm A"]);
    version = B;
    await activateUpdate(page);
    // What a late request of this page gets (a second element, say): still A's files.
    const late = await page.evaluate(async ([wasm, index]) => {
      const get = async (url) => new Uint8Array(await (await fetch(url)).arrayBuffer());
      return { wasm: Array.from(await get(wasm)).length, index: Array.from(await get(index)) };
    }, [WASM, INDEX]);
    assert.equal(late.wasm, A.wasm.length, "the old page's late engine request gets A's engine");
    assert.ok(Buffer.from(late.index).equals(A.index), "the old page's late index request gets A's index");
    assert.deepEqual(await loads(), ["index A", "wasm A"]);
    // The new version already keeps its own engine and index for offline use, before any
    // page of it has named them: what the old version kept, fetched anew.
    const keptByB = await page.evaluate(async ([name, wasm, index]) => {
      const cache = await caches.open(name);
      const size = async (url) => (await (await cache.match(new URL(url, location.href).href))?.arrayBuffer())?.byteLength;
      return { wasm: await size(wasm), index: await size(index) };
    }, [B.cache, WASM, INDEX]);
    assert.deepEqual(keptByB, { wasm: B.wasm.length, index: B.index.length });
    await page.reload();
    await search(page, "Monaco");
    assert.ok((await options(page).count()) > 0);
    assert.deepEqual(await loads(), ["index B", "wasm B"]);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
  }
});
