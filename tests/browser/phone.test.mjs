// An advocate on a small phone: nothing scrolls sideways, every control takes a thumb.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { serve, launch, open, search, settle, input, options, missingSite, ARTIFACTS } from "./helpers.mjs";

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

const phone = (width, height) => ({ viewport: { width, height }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
const sideways = (page) => page.evaluate(() => ({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth }));

test("on a 360×740 phone the page and its results fit without sideways scrolling", { skip }, async () => {
  const { context, page, problems } = await open(browser, server.url, phone(360, 740));
  let { scrollWidth, innerWidth } = await sideways(page);
  assert.ok(scrollWidth <= innerWidth, `page: ${scrollWidth} > ${innerWidth}`);
  await search(page, "traite"); // many results, facets, a long section name
  ({ scrollWidth, innerWidth } = await sideways(page));
  assert.ok(scrollWidth <= innerWidth, `with results: ${scrollWidth} > ${innerWidth}`);
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: `${ARTIFACTS}phone-360x740.png` });
  // Choosing a result on a phone: the record page stays within the width too.
  await options(page).first().tap();
  await page.waitForFunction(() => document.querySelector(".verbatim-target"));
  ({ scrollWidth, innerWidth } = await sideways(page));
  assert.ok(scrollWidth <= innerWidth, `record: ${scrollWidth} > ${innerWidth}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("at 320 px wide the search still fits and works", { skip }, async () => {
  const { context, page } = await open(browser, server.url, phone(320, 640));
  await search(page, "Mulaly");
  const { scrollWidth, innerWidth } = await sideways(page);
  assert.ok(scrollWidth <= innerWidth, `${scrollWidth} > ${innerWidth}`);
  const snippet = await options(page).first().locator(".snippet").boundingBox();
  assert.ok(snippet.width >= 180, `the snippet keeps a readable width (${snippet.width}px)`);
  await context.close();
});

test("every control a finger can tap is at least 44 px", { skip }, async () => {
  const { context, page } = await open(browser, server.url, phone(360, 740));
  await search(page, "Mulaly"); // results, a suggestion and chips
  await input(page).fill("traite");
  await settle(page);
  const small = await page.evaluate(() => {
    const root = document.querySelector("verbatim-search").shadowRoot;
    const targets = root.querySelectorAll("input, button, [role=option]");
    return [...targets]
      .filter((t) => t.getClientRects().length)
      .map((t) => {
        const r = t.getBoundingClientRect();
        return { what: `${t.tagName.toLowerCase()}.${t.className}`, w: Math.round(r.width), h: Math.round(r.height) };
      })
      .filter((t) => t.w < 44 || t.h < 44);
  });
  assert.deepEqual(small, []);
  await context.close();
});
