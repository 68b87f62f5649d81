// A webmaster drops the widget into their page. It fetches only its own files, and it
// touches nothing of the host page outside its own element except the documented
// effects of choosing a result: the paragraph's highlight class (and tabindex, so it can
// take focus), focus, and the URL (?q=…#pN). No global, no stylesheet, no storage.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, serve, launch, open, search, options, highlighted, eventually, missingSite, recordRequests } from "./helpers.mjs";

const PARAGRAPHS = Array.from({ length: 35 }, (_, i) => `<p id="p${i + 1}" class="host-p">Paragraphe ${i + 1} de la page hôte.</p>`).join("\n");
const host = (attributes = "") => `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>Une page hôte</title>
<link rel="stylesheet" href="/host.css">
<script type="module" src="/pkg/verbatim-search.js"></script>
</head>
<body>
<header><h1 id="title">La page de l’ONG</h1>
<verbatim-search index="/pkg/AG12734-fr.idx"${attributes}></verbatim-search></header>
<main>
${PARAGRAPHS}
<p><input id="host-input" aria-label="champ hôte"></p>
</main>
</body>
</html>`;
const HOST_CSS = "body { font: 16px/1.5 Georgia, serif; color: #222; } .host-p { margin: 0 0 1em; }";

const skip = missingSite();
let browser, server;
before(async () => {
  if (skip) return;
  server = await serve({
    routes: {
      "/host.html": { type: "text/html; charset=utf-8", body: host() },
      "/host-offline.html": { type: "text/html; charset=utf-8", body: host(" offline") },
      "/host.css": { type: "text/css", body: HOST_CSS },
    },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// Globals present when the document starts, to compare with the ones at the end; and
// every listener a script under /pkg/ adds to the window or the document.
async function rememberGlobals(page) {
  await page.addInitScript(() => {
    window.__globalsAtStart = Object.getOwnPropertyNames(window);
    const added = (window.__widgetListeners = []);
    const add = EventTarget.prototype.addEventListener;
    EventTarget.prototype.addEventListener = function (type, ...rest) {
      if ((this === window || this === document) && /\/pkg\//.test(new Error().stack)) {
        added.push(`${this === window ? "window" : "document"}:${type}`);
      }
      return add.call(this, type, ...rest);
    };
  });
}

// The host page as the webmaster wrote it: its DOM outside the widget's shadow root,
// its stylesheets, its globals and its storage.
function snapshot(page) {
  return page.evaluate(async () => {
    const start = new Set(window.__globalsAtStart);
    const sheetOwner = (s) => s.href || s.ownerNode?.outerHTML;
    return {
      html: document.documentElement.outerHTML,
      widgetChildren: document.querySelector("verbatim-search").childNodes.length,
      styleSheets: [...document.styleSheets].map(sheetOwner),
      adoptedStyleSheets: document.adoptedStyleSheets.length,
      newGlobals: Object.getOwnPropertyNames(window).filter((n) => !start.has(n) && !/^__(globalsAtStart|widgetListeners|reportViolation|pw|playwright)/.test(n)),
      cookies: document.cookie,
      localStorage: localStorage.length,
      sessionStorage: sessionStorage.length,
      databases: (await indexedDB.databases()).map((d) => d.name),
      caches: await caches.keys(),
      workers: (await navigator.serviceWorker.getRegistrations()).length,
      bodyStyle: getComputedStyle(document.body).cssText || ["fontFamily", "fontSize", "color", "lineHeight", "margin"].map((p) => getComputedStyle(document.body)[p]).join("|"),
      pStyle: ["fontFamily", "fontSize", "color", "marginBottom", "backgroundColor"].map((p) => getComputedStyle(document.querySelector("#p1"))[p]).join("|"),
    };
  });
}

const path = (url) => new URL(url).pathname;

test("the widget fetches only its own files, and touches only what choosing a result documents", { skip }, async () => {
  const { context, page, problems } = await open(browser, null);
  const requests = recordRequests(context);
  await rememberGlobals(page);
  await page.goto(`${server.url}host.html`);
  await page.waitForLoadState("load");
  const before = await snapshot(page);

  await search(page, "Mulaly");
  assert.ok((await options(page).count()) > 0);
  const afterSearch = await snapshot(page);
  assert.deepEqual(afterSearch, before, "searching changes nothing of the host page");

  const anchor = await page.evaluate(() => document.querySelector("verbatim-search").results.hits[0].anchor);
  await options(page).first().click();
  const target = await eventually(() => highlighted(page).then((h) => h?.inView && h));
  assert.equal(target.id, anchor);
  assert.equal(target.focused, true, "focus moves to the paragraph");
  const afterChoice = await snapshot(page);
  // The documented effects, and only those: the paragraph's class and tabindex.
  const expectedHtml = before.html.replace(
    `<p id="${anchor}" class="host-p">`,
    `<p id="${anchor}" class="host-p verbatim-target" tabindex="-1">`,
  );
  assert.notEqual(expectedHtml, before.html, "the chosen paragraph is in the host page");
  assert.deepEqual(afterChoice, { ...before, html: expectedHtml });
  const url = new URL(page.url());
  assert.equal(url.pathname, "/host.html");
  assert.equal(url.searchParams.get("q"), "Mulaly");
  assert.equal(url.hash, `#${anchor}`);

  // Listeners on the window and the document: the "/" shortcut, nothing else.
  assert.deepEqual(await page.evaluate(() => window.__widgetListeners), ["document:keydown"]);

  // Requests: the page and its stylesheet, then the widget's own files under /pkg/.
  const seen = [...new Set(requests.map((r) => r.url))];
  const foreign = seen.filter((u) => new URL(u).origin !== new URL(server.url).origin);
  assert.deepEqual(foreign, [], "nothing leaves the site");
  const widget = seen.map(path).filter((p) => !["/host.html", "/host.css", "/favicon.ico"].includes(p)).sort();
  assert.deepEqual(widget, ["/pkg/AG12734-fr.idx", "/pkg/verbatim-search.css", "/pkg/verbatim-search.js", "/pkg/verbatim.js", "/pkg/verbatim_bg.wasm"]);
  console.log(`requests: ${seen.map(path).join(" ")}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the engine's wasm downloads while its glue does, not after", { skip }, async () => {
  // The glue comes slowly; the wasm is asked for before it has arrived.
  let glueServed = false;
  let wasmAskedEarly = null;
  const file = (name) => readFileSync(join(ROOT, "pkg", name));
  const slow = await serve({
    routes: {
      "/host.html": { type: "text/html; charset=utf-8", body: host() },
      "/host.css": { type: "text/css", body: HOST_CSS },
      "/pkg/verbatim.js": async () => {
        await new Promise((r) => setTimeout(r, 600));
        glueServed = true;
        return { body: file("verbatim.js") };
      },
      "/pkg/verbatim_bg.wasm": () => {
        wasmAskedEarly ??= !glueServed;
        return { type: "application/wasm", body: file("verbatim_bg.wasm") };
      },
    },
  });
  const { context, page, problems } = await open(browser, `${slow.url}host.html`);
  await search(page, "Mulaly");
  assert.ok((await options(page).count()) > 0, "the engine starts from the early download");
  assert.equal(wasmAskedEarly, true, "the wasm was asked for before the glue arrived");
  assert.deepEqual(problems, []);
  await context.close();
  await slow.close();
});

test("with the offline attribute it also fetches sw.js, its shell and the files the page uses, all from its own site", { skip }, async () => {
  const { context, page, problems } = await open(browser, null);
  const requests = recordRequests(context);
  await page.goto(`${server.url}host-offline.html`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  await search(page, "Mulaly");
  assert.ok((await options(page).count()) > 0);
  const worker = await (await fetch(`${server.url}sw.js`)).text();
  const precached = JSON.parse(/const ASSETS = (\[.*\]);/.exec(worker)[1]).map((a) => `/${a}`);
  const used = ["/pkg/verbatim.js", "/pkg/verbatim_bg.wasm", "/pkg/AG12734-fr.idx"];
  const allowed = new Set(["/host-offline.html", "/host.css", "/favicon.ico", "/sw.js", ...precached, ...used]);
  const seen = [...new Set(requests.map((r) => r.url))];
  assert.deepEqual(seen.filter((u) => new URL(u).origin !== new URL(server.url).origin), []);
  assert.deepEqual(seen.map(path).filter((p) => !allowed.has(p)), [], "only the worker, its shell and the page's own files");
  assert.deepEqual(problems, []);
  await context.close();
});

test("an embedding page on a site without index.html searches offline after one visit", { skip }, async () => {
  const site = await serve({
    routes: {
      "/ngo/search.html": { type: "text/html; charset=utf-8", body: host(' offline="/sw.js"') },
      "/host.css": { type: "text/css", body: HOST_CSS },
      "/index.html": { status: 404, type: "text/plain", body: "not here" },
      "/manifest.webmanifest": { status: 404, type: "text/plain", body: "not here" },
    },
  });
  const { context, page } = await open(browser, `${site.url}ngo/search.html`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const kept = (url) => page.evaluate(async (u) => Boolean(await caches.match(u)), url);
  // Every file the search needs is kept before the network goes: the page, the engine, the index.
  const needed = ["ngo/search.html", "host.css", "pkg/verbatim.js", "pkg/verbatim_bg.wasm", "pkg/AG12734-fr.idx"];
  await eventually(async () => (await Promise.all(needed.map((f) => kept(`${site.url}${f}`)))).every(Boolean));
  await context.setOffline(true);
  await site.close();
  await page.goto(`${site.url}ngo/search.html?q=Mulaly`);
  await eventually(async () => (await options(page).count()) > 0);
  assert.match(await options(page).first().textContent(), /Mullally/);
  await context.close();
});
