// An advocate opens the page once, then loses the network: the page and its search still work.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { serve, launch, open, search, settle, input, options, eventually, recordRequests, missingSite, ROOT } from "./helpers.mjs";

const skip = missingSite();
let browser;
before(async () => {
  if (!skip) browser = await launch();
});
after(() => browser?.close());

// The service worker controls the page once it has precached the shell and claimed it;
// the engine and the index, which the page names to it, are kept a moment later.
async function visitOnce(page, files = ["pkg/verbatim_bg.wasm", "pkg/AG12734-fr.idx"]) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await eventually(() => page.evaluate(async (files) => (await Promise.all(files.map((f) => caches.match(new URL(f, location.href).href)))).every(Boolean), files));
}

test("after one visit, an offline reload still searches", { skip }, async () => {
  const server = await serve();
  const { context, page, problems } = await open(browser, server.url);
  await visitOnce(page);
  const cache = await page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("verbatim-")));
  assert.equal(cache.length, 1, `one versioned cache: ${cache}`);
  // Offline for real: the browser is offline and the server is gone.
  await context.setOffline(true);
  await server.close();
  await page.reload();
  await search(page, "Haïti");
  assert.ok((await options(page).count()) > 0, "the search answers from the cache");
  // A shared link with ?q= opens offline too (navigations ignore the query string).
  await page.goto(`${server.url}index.html?q=Monaco`);
  await settle(page);
  assert.equal(await input(page).inputValue(), "Monaco");
  assert.match(await options(page).first().textContent(), /Monaco/);
  await page.goto(`${server.url}?q=Chypre`);
  await settle(page);
  assert.match(await options(page).first().textContent(), /Chypre/);
  assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(p)), []);
  await context.close();
});

test("a first visit to a record's page downloads no archive engine to keep", { skip }, async () => {
  const server = await serve();
  const { context, page, problems } = await open(browser, null);
  const requests = recordRequests(context);
  await page.goto(server.url);
  await visitOnce(page);
  const paths = requests.map((r) => new URL(r.url).pathname);
  assert.ok(paths.includes("/pkg/verbatim_bg.wasm"), "the record's engine is fetched");
  assert.ok(!paths.includes("/pkg/verbatim-archive.js"), `the archive engine is not: ${paths}`);
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

test("a page that switches to another index keeps that one for offline use too", { skip }, async () => {
  const server = await serve({ routes: { "/pkg/another.idx": { body: readFileSync(join(ROOT, "pkg/AG12734-fr.idx")) } } });
  const { context, page, problems } = await open(browser, server.url);
  await visitOnce(page);
  await page.evaluate(() => document.querySelector("verbatim-search").setAttribute("index", "pkg/another.idx"));
  await search(page, "Haïti");
  await visitOnce(page, ["pkg/another.idx"]);
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

test("a new version of the site replaces the old offline copy", { skip }, async () => {
  let version = 0;
  const worker = await readFile(join(ROOT, "sw.js"), "utf8");
  const hash = /const CACHE = "verbatim-([^"]+)"/.exec(worker)?.[1];
  assert.ok(hash, "sw.js names its cache verbatim-<hash>");
  const server = await serve({
    routes: { "/sw.js": () => ({ type: "text/javascript", body: version ? worker.replace(hash, `${hash}-v${version}`) : worker }) },
  });
  const { context, page } = await open(browser, server.url);
  await visitOnce(page);
  await page.evaluate(() => caches.open("verbatim-stale-from-an-old-site"));
  version = 1;
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration.update();
    const next = registration.installing || registration.waiting;
    if (next && next.state !== "activated") {
      await new Promise((resolve) => next.addEventListener("statechange", () => next.state === "activated" && resolve()));
    }
  });
  const caches = await page.evaluate(() => caches.keys());
  assert.deepEqual(caches.filter((k) => k.startsWith("verbatim-")), [`verbatim-${hash}-v1`]);
  await context.close();
  await server.close();
});
