// An English-speaking reader: lang="en" switches the interface, not the record.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, open, search, settle, input, options, status, eventually, missingSite } from "./helpers.mjs";

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

const fixture = () => `${server.url}tests/browser/fixtures/english.html`;

test('lang="en" shows the interface in English, the French record in French', { skip }, async () => {
  const { context, page, problems } = await open(browser, fixture());
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url.replace(/\/$/, "") });
  assert.equal(await input(page).getAttribute("placeholder"), "A word, a speaker, a country…");
  assert.equal(await page.locator("verbatim-search label").textContent(), "Search the meeting record");
  await search(page, "Mulaly");
  await eventually(async () => /^\d+ passages? found/.test(await status(page).textContent()));
  assert.match(await page.locator("verbatim-search .suggestion").textContent(), /^Did you mean mullally\?$/i);
  assert.equal(await page.locator("verbatim-search #listbox").getAttribute("aria-label"), "Results");
  assert.equal(await page.locator("verbatim-search .snippet").first().getAttribute("lang"), "fr", "record text keeps its language");
  const number = await page.evaluate(() => document.querySelector("verbatim-search").results.hits[0].number);
  const copy = page.locator("verbatim-search .copy").first();
  assert.equal(await copy.textContent(), `Copy the citation of § ${number}`);
  await copy.click();
  await eventually(async () => (await status(page).textContent()) === "Citation copied");
  const citation = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(citation, new RegExp(`^AG/12734, 48e séance plénière, 24 November 2025, § ${number} — ${server.url}index.html#p${number}$`));

  await input(page).fill("zzqxw");
  await settle(page);
  assert.match(await page.locator("verbatim-search .empty").textContent(), /No passage contains “zzqxw”/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("switching lang at run time relabels the open results", { skip }, async () => {
  const { context, page } = await open(browser, server.url);
  await search(page, "Chypre");
  assert.match(await page.locator("verbatim-search .count").textContent(), /passage/);
  await page.evaluate(() => document.querySelector("verbatim-search").setAttribute("lang", "en"));
  assert.equal(await page.locator("verbatim-search #listbox").getAttribute("aria-label"), "Results");
  assert.match(await page.locator("verbatim-search .copy").first().textContent(), /^Copy the citation/);
  assert.ok((await options(page).count()) > 0);
  await context.close();
});
