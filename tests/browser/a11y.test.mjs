// The axe-core scan, with results showing and with the listbox open on an active option.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { serve, launch, open, search, settle, input, missingSite } from "./helpers.mjs";

const skip = missingSite();
const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
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

async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const results = await page.evaluate(() =>
    window.axe.run(document, {
      // target-size (WCAG 2.2) is off by default in axe 4.x: the widget promises it.
      rules: { "target-size": { enabled: true } },
      resultTypes: ["violations"],
    }),
  );
  return results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" > ")).join(" | ")}`);
}

for (const colorScheme of ["light", "dark"]) {
  test(`axe finds no violations with results showing (${colorScheme})`, { skip }, async () => {
    const { context, page } = await open(browser, server.url, { colorScheme });
    await search(page, "Mulaly");
    assert.deepEqual(await axe(page), []);
    await context.close();
  });

  test(`axe finds no violations with the listbox open on an active option (${colorScheme})`, { skip }, async () => {
    const { context, page } = await open(browser, server.url, { colorScheme });
    await search(page, "traite");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    assert.equal(await input(page).getAttribute("aria-expanded"), "true");
    assert.equal(await input(page).getAttribute("aria-activedescendant"), "opt-1");
    assert.deepEqual(await axe(page), []);
    await context.close();
  });
}

test("axe finds no violations on the empty state, after choosing a result, and in English", { skip }, async () => {
  const { context, page } = await open(browser, server.url);
  await search(page, "zzqxw");
  assert.deepEqual(await axe(page), []);
  await input(page).fill("Monaco");
  await settle(page);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.querySelector(".verbatim-target"));
  assert.deepEqual(await axe(page), []);
  await page.goto(`${server.url}tests/browser/fixtures/english.html`);
  await search(page, "Mullally");
  assert.deepEqual(await axe(page), []);
  await context.close();
});
