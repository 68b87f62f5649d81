// A record whose text carries markup — <script>, <img onerror>, javascript: links, bidi
// overrides — is searched and read as plain text: nothing in it runs, loads or becomes
// an element, in the widget or on the page `verbatim page` renders. No CSP here: the
// widget and the page must be inert on their own, not thanks to a policy.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve, launch, open, search, options, highlighted, eventually, missingSite, cli, recordRequests } from "./helpers.mjs";

const FIXTURE = fileURLToPath(new URL("fixtures/hostile-record.jsonl", import.meta.url));
const PASSAGES = readFileSync(FIXTURE, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const text = (id) => PASSAGES.find((p) => p.id === id).text;

const skip = missingSite();
let browser, server, dir;
before(async () => {
  if (skip) return;
  dir = mkdtempSync(join(tmpdir(), "verbatim-hostile-"));
  const idx = join(dir, "hostile.idx");
  await cli(["index", FIXTURE, "-o", idx]);
  await cli(["page", "--index", idx, "-o", join(dir, "hostile.html"), "--pkg-url", "/pkg/", "--index-url", "/hostile.idx"]);
  const page = readFileSync(join(dir, "hostile.html"));
  server = await serve({
    routes: {
      "/hostile.html": { body: page },
      "/hostile.idx": { body: readFileSync(idx) },
      // The widget on a page that does not hold the record's paragraphs, with no page attribute.
      "/elsewhere.html": {
        type: "text/html; charset=utf-8",
        body: `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Ailleurs</title>
<script type="module" src="/pkg/verbatim-search.js"></script></head>
<body><verbatim-search index="/hostile.idx"></verbatim-search></body></html>`,
      },
    },
  });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// Records every element the page or the widget's shadow root gains once the document is
// parsed (the page's own markup is the baseline below) whose tag could run or load
// something, and every event-handler or URL attribute that points at script. Record text in
// data-* or title attributes is inert and allowed. The widget's own stylesheet link and SVG
// icons (in its buttons and field) are expected.
async function watch(page) {
  await page.addInitScript(() => {
    window.__created = [];
    const risky = /^(script|img|iframe|frame|object|embed|style|link|base|a|form|meta|video|audio|source|image|use|foreignobject|svg)$/i;
    const expected = (el) =>
      (/^link$/i.test(el.tagName) && /\/pkg\/verbatim-search\.css$/.test(el.href)) || el.closest?.("button, .field");
    const note = (node) => {
      if (node.nodeType !== 1) return;
      for (const el of [node, ...node.querySelectorAll("*")]) {
        const bad = [...el.attributes].filter(
          (a) => /^on/i.test(a.name) || (/^(href|src|action|formaction|xlink:href|srcdoc)$/i.test(a.name) && /javascript:|__pwned/i.test(a.value)),
        );
        if (bad.length || (risky.test(el.tagName) && !expected(el))) {
          window.__created.push(`<${el.tagName.toLowerCase()} ${[...el.attributes].map((a) => `${a.name}="${a.value}"`).join(" ")}>`);
        }
      }
    };
    const observe = (root) =>
      new MutationObserver((records) => {
        if (document.readyState === "loading") return;
        records.forEach((r) => r.addedNodes.forEach(note));
      }).observe(root, { childList: true, subtree: true });
    observe(document);
    // The widget's shadow root, as soon as it exists.
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function (init) {
      const root = attach.call(this, init);
      observe(root);
      return root;
    };
  });
}

// Elements present once the page has loaded, before any search: the page's own.
const baseline = (page) =>
  page.evaluate(() => ({
    scripts: [...document.scripts].map((s) => s.src),
    images: document.images.length,
    links: [...document.querySelectorAll("link")].map((l) => l.href),
    iframes: document.querySelectorAll("iframe").length,
  }));

test("markup in record text is searched and shown as text: nothing runs, loads or becomes an element", { skip }, async () => {
  const { context, page, problems } = await open(browser, null);
  const requests = recordRequests(context);
  await watch(page);
  await page.goto(`${server.url}hostile.html`);
  const before = await baseline(page);
  // The page renders the record as text.
  assert.equal(await page.locator("#p1").textContent(), text("h-script"));
  assert.equal(await page.locator("#p2").textContent(), text("h-img"));
  assert.equal(await page.locator("#p5").textContent(), text("h-svg"));
  assert.equal(await page.locator("h2").first().textContent(), PASSAGES[0].title);
  assert.equal(await page.locator("article a").count(), 0, "the javascript: source URL is not a link");

  await search(page, "zorblax");
  assert.equal(await options(page).count(), PASSAGES.length, "every hostile passage is a result");
  const shown = await page.evaluate(() =>
    document.querySelector("verbatim-search").results.hits.map((h) => ({ id: h.id, text: h.text })),
  );
  for (const { id } of shown) {
    const option = options(page).nth(shown.findIndex((h) => h.id === id));
    const snippet = await option.locator(".snippet").textContent();
    assert.equal(snippet, text(id), `${id}: the snippet shows the text literally`);
  }
  const scriptHit = options(page).nth(shown.findIndex((h) => h.id === "h-script"));
  assert.equal(await scriptHit.locator(".section").textContent(), PASSAGES[0].title);
  assert.equal(await scriptHit.locator(".speaker").textContent(), PASSAGES[0].speaker);
  // The speaker facet's chips (two speakers: a facet with one value shows none) are text too.
  const chips = await page.locator("verbatim-search .chip-label").allTextContents();
  for (const { speaker } of PASSAGES.filter((p) => p.speaker)) assert.ok(chips.includes(speaker), `a chip reads ${speaker}`);

  // Inside the widget, results are made of the widget's own elements only.
  const tags = await page.evaluate(() => {
    const root = document.querySelector("verbatim-search").shadowRoot;
    return [...new Set([...root.querySelectorAll("#listbox *, .chips *")].map((e) => e.tagName.toLowerCase()))].sort();
  });
  assert.deepEqual(tags, ["button", "li", "mark", "span"]);

  // Choosing a hostile result highlights its paragraph and runs nothing.
  await scriptHit.click();
  const target = await eventually(() => highlighted(page).then((h) => h?.inView && h));
  assert.equal(target.id, "p1");
  await search(page, "cliquez");
  await options(page).first().click();
  await eventually(() => highlighted(page).then((h) => h?.id === "p3"));

  assert.equal(await page.evaluate(() => window.__pwned), undefined, "no record text ran as script");
  assert.deepEqual(await page.evaluate(() => window.__created), [], "no element was made from record text");
  assert.deepEqual(await baseline(page), before, "the page gained no script, image, link or frame");
  const strays = requests.map((r) => new URL(r.url)).filter((u) => u.hostname !== "127.0.0.1" || /^\/(x|x\.css)$/.test(u.pathname));
  assert.deepEqual(strays.map(String), [], "record text loaded nothing (img src=x, stylesheet, base)");
  assert.deepEqual(problems.filter((p) => !/sw\.js|favicon/.test(p)), []);
  await context.close();
});

test("a bidi override in a passage stays inside its snippet", { skip }, async () => {
  const { context, page } = await open(browser, `${server.url}hostile.html`);
  await search(page, "ordinaire");
  const option = options(page).first();
  assert.equal(await option.locator(".snippet").textContent(), text("h-bidi"), "shown as is, override included");
  // The section shown after it reads left to right: the override ends with the snippet's
  // block (an override leaking out would draw "Annexe" from right to left).
  const order = await page.evaluate(() => {
    const root = document.querySelector("verbatim-search").shadowRoot;
    const ltr = (node) => {
      const t = node.firstChild;
      const at = (i) => {
        const r = document.createRange();
        r.setStart(t, i);
        r.setEnd(t, i + 1);
        return r.getBoundingClientRect().left;
      };
      return at(0) < at(Math.min(3, t.length - 1));
    };
    const option = root.querySelector(".option");
    return { section: option.querySelector(".section").textContent, ltr: ltr(option.querySelector(".section")) };
  });
  assert.deepEqual(order, { section: "Annexe technique", ltr: true });
  // On the page, `verbatim page` drops bidi controls from the text.
  assert.equal(await page.locator("#p4").textContent(), text("h-bidi").replace(/[\u202a-\u202e\u2066-\u2069]/g, ""));
  await context.close();
});

// The record's URL is untrusted record metadata (JSON Lines "url", NAME.meta.json): the
// widget follows and cites only http(s) URLs, as `verbatim page` links only those.
test("choosing a result whose record URL is javascript: does not run it", { skip }, async () => {
  // The paragraph is not on this page and there is no page attribute, so the widget opens
  // the record's source URL — here "javascript:window.__pwned=1", from the record itself.
  const { context, page } = await open(browser, `${server.url}elsewhere.html`, { expectErrors: true });
  await search(page, "cliquez");
  await options(page).first().click();
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "the record's javascript: URL ran");
  await context.close();
});
