// What a reader does with the search box on the record page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { serve, launch, open, search, settle, input, options, status, highlighted, eventually, missingSite, ROOT } from "./helpers.mjs";

const skip = missingSite();
let server, browser;
before(async () => {
  if (skip) return;
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const widget = (page, selector) => page.locator(`verbatim-search ${selector}`);

test("typing a misspelled name (Mulaly) still finds the speaker", { skip }, async () => {
  const { context, page, problems } = await open(browser, server.url);
  await search(page, "Mulaly");
  assert.ok((await options(page).count()) > 0, "no results for Mulaly");
  assert.match(await options(page).first().textContent(), /Siobhán Mullally/);
  const marks = await widget(page, "[role=option] mark").allTextContents();
  assert.ok(marks.some((m) => /^Mullally$/i.test(m)), `highlighted words: ${marks}`);
  assert.match(await options(page).first().locator(".num").textContent(), /^§ \d+$/);
  await eventually(async () => /passages? trouvés?/.test(await status(page).textContent()));
  assert.deepEqual(problems, []);
  await context.close();
});

test("choosing a result scrolls to its paragraph and highlights it", { skip }, async () => {
  const { context, page, problems } = await open(browser, server.url);
  await search(page, "Monaco");
  const hit = await page.evaluate(() => document.querySelector("verbatim-search").results.hits[0]);
  await options(page).first().click();
  const p = await eventually(() => highlighted(page).then((h) => h?.inView && h));
  assert.equal(p.id, hit.anchor);
  assert.equal(p.focused, true, "the paragraph takes focus, for screen readers");
  assert.equal(p.hash, `#${hit.anchor}`);
  assert.notEqual(p.background, "rgba(0, 0, 0, 0)", "page.css highlights the paragraph");
  assert.equal(await input(page).getAttribute("aria-expanded"), "false");
  assert.equal(new URL(page.url()).searchParams.get("q"), "Monaco");
  assert.equal(await page.locator(".verbatim-target").count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test("tapping the did-you-mean suggestion searches for it", { skip }, async () => {
  const { context, page } = await open(browser, server.url);
  await search(page, "Mulaly");
  const button = widget(page, ".suggestion button");
  assert.equal(await button.isVisible(), true);
  const suggestion = await button.textContent();
  assert.match(suggestion, /mullally/i);
  await button.click();
  await settle(page);
  assert.equal(await input(page).inputValue(), suggestion);
  assert.ok((await options(page).count()) > 0);
  assert.equal(await button.isVisible(), false, "no suggestion once the query is right");
  await context.close();
});

test("a speaker chip narrows the results to that speaker, and again shows all", { skip }, async () => {
  const { context, page } = await open(browser, server.url);
  await search(page, "traite");
  const all = await page.evaluate(() => document.querySelector("verbatim-search").results.total);
  const chip = widget(page, ".chip[data-facet=speaker]").first();
  const speaker = await chip.getAttribute("data-value");
  const count = Number((await chip.locator(".chip-count").textContent()).replace(/\D/g, ""));
  await chip.click();
  await settle(page);
  const pressed = widget(page, `.chip[data-facet=speaker][aria-pressed=true]`);
  assert.equal(await pressed.getAttribute("data-value"), speaker);
  const hits = await page.evaluate(() => document.querySelector("verbatim-search").results.hits);
  assert.equal(hits.length, count, "the chip's count is the number of results");
  assert.ok(hits.every((h) => h.speaker === speaker || h.speakers.includes(speaker)), `${speaker}: ${hits.map((h) => h.speaker)}`);
  assert.equal(await page.evaluate(() => document.querySelector("verbatim-search").shadowRoot.activeElement?.dataset.value), speaker, "focus stays on the chip");
  await pressed.click();
  await settle(page);
  assert.equal(await page.evaluate(() => document.querySelector("verbatim-search").results.total), all);
  await context.close();
});

test("copying a citation gives the symbol, meeting, date, paragraph and link", { skip }, async () => {
  const { context, page, problems } = await open(browser, server.url);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url.replace(/\/$/, "") });
  await search(page, "Mullally");
  const hit = await page.evaluate(() => document.querySelector("verbatim-search").results.hits[0]);
  await widget(page, ".copy").first().click();
  await eventually(async () => (await status(page).textContent()) === "Citation copiée");
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(text, `AG/12734, 48e séance plénière, 24 novembre 2025, § ${hit.number} — ${server.url}#${hit.anchor}`);
  assert.match(await widget(page, ".copy").first().getAttribute("title"), /Citation copiée/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the query in the URL is restored on reload, and a shared link searches", { skip }, async () => {
  const { context, page } = await open(browser, server.url);
  await search(page, "Baerbock");
  assert.equal(new URL(page.url()).searchParams.get("q"), "Baerbock");
  await page.reload();
  await settle(page);
  assert.equal(await input(page).inputValue(), "Baerbock");
  assert.ok((await options(page).count()) > 0, "the reloaded page shows the results");
  assert.equal(await widget(page, ".panel").isVisible(), true);

  await page.goto(`${server.url}?q=${encodeURIComponent("Chypre")}`);
  await settle(page);
  assert.equal(await input(page).inputValue(), "Chypre");
  assert.match(await options(page).first().textContent(), /Chypre/);

  await input(page).fill("");
  await settle(page);
  assert.equal(new URL(page.url()).searchParams.has("q"), false, "an empty query leaves the URL");
  await context.close();
});

test("the hit map marks where matches fall, and tapping a mark jumps there", { skip }, async () => {
  const { context, page } = await open(browser, server.url);
  await search(page, "Mullally");
  const ticks = widget(page, ".hitmap .tick");
  assert.equal(await ticks.count(), await options(page).count());
  const hits = await page.evaluate(() => document.querySelector("verbatim-search").results.hits);
  // Ticks go down the bar in the order of the paragraphs.
  const tops = await ticks.evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().top));
  const numbers = hits.map((h) => h.number);
  for (let i = 0; i < hits.length; i++) {
    for (let j = 0; j < hits.length; j++) {
      if (numbers[i] < numbers[j]) assert.ok(tops[i] < tops[j], `§ ${numbers[i]} above § ${numbers[j]}`);
    }
  }
  const last = numbers.indexOf(Math.max(...numbers));
  const box = await ticks.nth(last).boundingBox();
  const bar = await widget(page, ".hitmap").boundingBox();
  await page.mouse.click(bar.x + bar.width / 2, box.y + box.height / 2);
  const p = await eventually(() => highlighted(page).then((h) => h?.inView && h));
  assert.equal(p.id, hits[last].anchor);
  await context.close();
});

test("a query that matches nothing says so plainly", { skip }, async () => {
  const { context, page, problems } = await open(browser, server.url);
  await search(page, "zzqxw");
  const empty = widget(page, ".empty");
  assert.equal(await empty.isVisible(), true);
  assert.match(await empty.textContent(), /Aucun passage ne contient «\u00a0zzqxw\u00a0»/);
  assert.equal(await options(page).count(), 0);
  assert.equal(await input(page).getAttribute("aria-expanded"), "false");
  await eventually(async () => /Aucun passage/.test(await status(page).textContent()));
  assert.deepEqual(problems, []);
  await context.close();
});

test("odd input (symbols, a very long query) never breaks the search", { skip }, async () => {
  const { context, page, problems } = await open(browser, server.url);
  for (const q of ['"', "<script>alert(1)</script>", "((( ))) -- ** ??", "é".repeat(3000), "\u{1F600} traite"]) {
    await input(page).fill(q);
    await settle(page);
  }
  assert.equal(await page.locator("script:not([src])").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("typing before the index has arrived answers the last query, not the first", { skip }, async () => {
  const bytes = await readFile(join(ROOT, "pkg/AG12734-fr.idx"));
  let release;
  const arrived = new Promise((r) => (release = r));
  const slow = await serve({ routes: { "/pkg/AG12734-fr.idx": async () => (await arrived, { body: bytes }) } });
  const { context, page, problems } = await open(browser, slow.url);
  await input(page).focus();
  await page.keyboard.type("Chypre", { delay: 30 });
  await page.waitForTimeout(200);
  assert.match(await status(page).textContent(), /Chargement/, "the reader is told the index is on its way");
  await input(page).fill("Monaco");
  release();
  await settle(page);
  const results = await page.evaluate(() => document.querySelector("verbatim-search").results);
  assert.equal(results.query, "Monaco");
  assert.match(await options(page).first().textContent(), /Monaco/);
  assert.deepEqual(problems, []);
  await context.close();
  await slow.close();
});

test("with motion allowed, choosing a result still brings its paragraph into view", { skip }, async () => {
  const { context, page } = await open(browser, server.url, { reducedMotion: "no-preference" });
  await search(page, "Émirats");
  const anchor = await page.evaluate(() => document.querySelector("verbatim-search").results.hits[0].anchor);
  await options(page).first().click();
  const p = await eventually(() => highlighted(page).then((h) => h?.inView && h));
  assert.equal(p.id, anchor);
  await context.close();
});
