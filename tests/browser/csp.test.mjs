// An NGO's page under a strict Content Security Policy: no inline script or style, no eval.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, open, search, input, options, highlighted, eventually, missingSite, STRICT_CSP } from "./helpers.mjs";

const skip = missingSite();
let server, browser;
before(async () => {
  if (skip) return;
  server = await serve({ headers: (path) => (/\.html$|\/$/.test(path) ? { "content-security-policy": STRICT_CSP } : {}) });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test("an NGO page served with a strict CSP searches, cites and links without a single violation", { skip }, async () => {
  const { context, page, problems } = await open(browser, `${server.url}tests/browser/fixtures/strict-csp.html`);
  const policy = (await page.context().request.get(`${server.url}tests/browser/fixtures/strict-csp.html`)).headers()["content-security-policy"];
  assert.equal(policy, STRICT_CSP);
  await search(page, "Mullally");
  assert.ok((await options(page).count()) > 0);
  // Styled from its stylesheet file: the field is a comfortable tap target.
  const field = await page.locator("verbatim-search .field").boundingBox();
  assert.ok(field.height >= 44, `field height ${field.height}`);
  assert.equal(await page.locator("verbatim-search mark").first().evaluate((m) => getComputedStyle(m).backgroundColor), "rgb(255, 226, 122)");
  // This page does not hold the record: choosing a result opens the record page (the page attribute) at the paragraph.
  const anchor = await page.evaluate(() => document.querySelector("verbatim-search").results.hits[0].anchor);
  await options(page).first().click();
  await page.waitForURL((u) => u.pathname === "/index.html" && u.hash === `#${anchor}`);
  const p = await eventually(() => highlighted(page).then((h) => h?.inView && h));
  assert.equal(p.id, anchor);
  // The record page's own widget carries the query, its results waiting behind the input.
  assert.equal(await input(page).inputValue(), "Mullally");
  assert.equal(await page.locator("verbatim-search .panel").isVisible(), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the demo record page itself works under the strict CSP", { skip }, async () => {
  const { context, page, problems } = await open(browser, server.url);
  await search(page, "Chatzis");
  await options(page).first().click();
  await eventually(() => highlighted(page).then((h) => h?.inView));
  // The service worker and the manifest load under the same policy.
  await page.evaluate(() => navigator.serviceWorker.ready);
  assert.deepEqual(problems, []);
  await context.close();
});
