// Using the search with the keyboard alone, as github/combobox-nav wires a combobox.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { serve, launch, open, settle, input, options, highlighted, eventually, missingSite } from "./helpers.mjs";

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

const focusedInShadow = (page) => page.evaluate(() => document.querySelector("verbatim-search").shadowRoot.activeElement?.id || null);

test("keyboard only: / focuses the search, arrows pick a result, Enter opens its paragraph", { skip }, async () => {
  const { context, page, problems } = await open(browser, server.url);
  await page.locator("body").click({ position: { x: 5, y: 400 } });
  await page.keyboard.press("/");
  assert.equal(await focusedInShadow(page), "q", "/ moves focus to the search input");
  await page.keyboard.type("migrants", { delay: 20 });
  await settle(page);
  assert.equal(await input(page).inputValue(), "migrants", "the / itself is not typed");
  const n = await options(page).count();
  assert.ok(n >= 2, `need two results, got ${n}`);
  assert.equal(await input(page).getAttribute("aria-expanded"), "true");

  await page.keyboard.press("ArrowDown");
  assert.equal(await input(page).getAttribute("aria-activedescendant"), "opt-0");
  assert.equal(await options(page).nth(0).getAttribute("aria-selected"), "true");
  await page.keyboard.press("ArrowDown");
  assert.equal(await input(page).getAttribute("aria-activedescendant"), "opt-1");
  assert.equal(await options(page).nth(0).getAttribute("aria-selected"), null, "only the active option is selected");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  assert.equal(await input(page).getAttribute("aria-activedescendant"), `opt-${n - 1}`, "arrows wrap around");
  await page.keyboard.press("ArrowDown");
  assert.equal(await input(page).getAttribute("aria-activedescendant"), "opt-0");
  assert.equal(await focusedInShadow(page), "q", "focus never leaves the input while moving");

  // The active option is visibly marked (outline), not only by colour.
  const outline = await options(page).nth(0).evaluate((o) => getComputedStyle(o).outlineStyle);
  assert.equal(outline, "solid");

  const anchor = await page.evaluate(() => document.querySelector("verbatim-search").results.hits[0].anchor);
  await page.keyboard.press("Enter");
  const p = await eventually(() => highlighted(page).then((h) => h?.inView && h));
  assert.equal(p.id, anchor);
  assert.equal(p.focused, true);
  assert.equal(await input(page).getAttribute("aria-expanded"), "false");
  assert.equal(await input(page).getAttribute("aria-activedescendant"), null);

  // Back to the search: the results come back on focus.
  await page.keyboard.press("/");
  assert.equal(await focusedInShadow(page), "q");
  assert.equal(await input(page).getAttribute("aria-expanded"), "true");
  assert.deepEqual(problems, []);
  await context.close();
});

test("Escape closes the list first, then clears the query", { skip }, async () => {
  const { context, page } = await open(browser, server.url);
  await input(page).focus();
  await page.keyboard.type("Haïti", { delay: 20 });
  await settle(page);
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Escape");
  assert.equal(await input(page).getAttribute("aria-expanded"), "false");
  assert.equal(await input(page).getAttribute("aria-activedescendant"), null);
  assert.equal(await input(page).inputValue(), "Haïti");
  await page.keyboard.press("ArrowDown");
  assert.equal(await input(page).getAttribute("aria-expanded"), "true", "ArrowDown reopens the list");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  assert.equal(await input(page).inputValue(), "");
  await settle(page);
  assert.equal(new URL(page.url()).searchParams.has("q"), false);
  await context.close();
});

test("the combobox, its listbox and the live region are wired as in github/combobox-nav", { skip }, async () => {
  const { context, page } = await open(browser, server.url);
  await input(page).focus();
  await page.keyboard.type("Israël", { delay: 20 });
  await settle(page);
  const wiring = await page.evaluate(() => {
    const root = document.querySelector("verbatim-search").shadowRoot;
    const combo = root.querySelector("[role=combobox]");
    const listbox = root.getElementById(combo.getAttribute("aria-controls"));
    const live = root.querySelector("[aria-live=polite]");
    const label = root.querySelector(`label[for="${combo.id}"]`);
    return {
      tag: combo.tagName,
      listboxRole: listbox?.getAttribute("role"),
      listboxLabel: listbox?.getAttribute("aria-label"),
      options: [...listbox.children].every((o) => o.getAttribute("role") === "option" && o.id),
      autocomplete: combo.getAttribute("aria-autocomplete"),
      label: label?.textContent,
      live: live?.getAttribute("role"),
      liveText: live?.textContent,
      sameRoot: listbox?.getRootNode() === root && live?.getRootNode() === root,
    };
  });
  assert.deepEqual(
    { ...wiring, liveText: undefined },
    { tag: "INPUT", listboxRole: "listbox", listboxLabel: "Résultats", options: true, autocomplete: "list", label: "Rechercher dans le compte rendu", live: "status", liveText: undefined, sameRoot: true },
  );
  await eventually(async () => /trouvé/.test(await page.locator("verbatim-search [role=status]").textContent()));
  await context.close();
});

test("a / typed into another field of the page stays in that field", { skip }, async () => {
  const { context, page } = await open(browser, `${server.url}tests/browser/fixtures/plain.html`);
  await page.locator("#host-input").click();
  await page.keyboard.type("a/b");
  assert.equal(await page.locator("#host-input").inputValue(), "a/b");
  assert.equal(await focusedInShadow(page), null);
  await context.close();
});

test("Tab reaches the clear button, the chips and the copy buttons, each with a visible focus ring", { skip }, async () => {
  const { context, page } = await open(browser, server.url);
  await input(page).focus();
  await page.keyboard.type("traite", { delay: 20 });
  await settle(page);
  const seen = new Set();
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const a = document.querySelector("verbatim-search").shadowRoot.activeElement;
      return a && { cls: a.className, outline: getComputedStyle(a).outlineStyle, width: getComputedStyle(a).outlineWidth };
    });
    if (!info) break;
    seen.add(info.cls.split(" ")[0]);
    assert.equal(info.outline, "solid", `${info.cls} shows focus`);
  }
  for (const kind of ["clear", "chip", "copy"]) assert.ok(seen.has(kind), `Tab reaches a ${kind} button (saw ${[...seen]})`);
  await context.close();
});
