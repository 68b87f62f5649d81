// What readers see, and what the webmaster reads in the console, when the index is wrong.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { serve, launch, open, search, eventually, missingSite, ROOT } from "./helpers.mjs";

const skip = missingSite();
const INDEX = "/pkg/AG12734-fr.idx";
let browser;
before(async () => {
  if (!skip) browser = await launch();
});
after(() => browser?.close());

async function withIndex(route, path, check) {
  const server = await serve({ routes: { [INDEX]: route } });
  try {
    const { context, page, consoleErrors, problems } = await open(browser, server.url + path, { expectErrors: true });
    const message = page.locator("verbatim-search .message");
    await eventually(() => message.isVisible());
    await check({ page, message, consoleErrors, problems, server });
    await context.close();
  } finally {
    await server.close();
  }
}

const original = () => readFile(join(ROOT, INDEX));

test("a damaged index tells the reader to reload and the webmaster what broke", { skip }, async () => {
  const bytes = await original();
  bytes[Math.floor(bytes.length / 2)] ^= 0xff;
  await withIndex({ body: bytes }, "", async ({ page, message, consoleErrors, problems }) => {
    assert.equal(await message.textContent(), "Cet index de recherche est endommagé — rechargez la page.");
    assert.ok(consoleErrors.some((e) => /^verbatim-search: the index at http:\/\/127\.0\.0\.1:\d+\/pkg\/AG12734-fr\.idx cannot be used \(damaged\)/.test(e)), consoleErrors.join("\n"));
    assert.deepEqual(problems.filter((p) => p.startsWith("pageerror")), [], "no uncaught exception");
    // Typing does not throw either.
    await search(page, "traite");
    assert.equal(await message.isVisible(), true);
    assert.equal(await page.locator("verbatim-search input").getAttribute("aria-describedby"), "message");
  });
});

test("an index made by a newer Verbatim says so, in French and in English", { skip }, async () => {
  const bytes = await original();
  bytes[4] = 0xfe; // the format version byte (FORMAT.md)
  await withIndex({ body: bytes }, "", async ({ message, consoleErrors }) => {
    assert.equal(await message.textContent(), "Cet index a été créé par une version plus récente de Verbatim.");
    assert.ok(consoleErrors.some((e) => /cannot be used \(newer\)/.test(e)), consoleErrors.join("\n"));
  });
  await withIndex({ body: bytes }, "tests/browser/fixtures/english.html", async ({ message }) => {
    assert.equal(await message.textContent(), "This index was made by a newer Verbatim.");
  });
});

test("a missing index (HTTP 404) names the URL to fix in the console", { skip }, async () => {
  await withIndex({ status: 404, body: "not found" }, "", async ({ message, consoleErrors }) => {
    assert.equal(await message.textContent(), "La recherche est indisponible : l’index est introuvable.");
    assert.ok(
      consoleErrors.some((e) => /^verbatim-search: could not load the index at http:\/\/127\.0\.0\.1:\d+\/pkg\/AG12734-fr\.idx: HTTP 404 — check the index attribute$/.test(e)),
      consoleErrors.join("\n"),
    );
  });
  await withIndex({ status: 404, body: "not found" }, "tests/browser/fixtures/english.html", async ({ message }) => {
    assert.equal(await message.textContent(), "Search is unavailable: the index could not be found.");
  });
});

test("a file that is not an index (an HTML error page served as 200) is reported as such", { skip }, async () => {
  await withIndex({ type: "text/html", body: "<!doctype html><title>Oops</title>" }, "", async ({ message, consoleErrors }) => {
    assert.equal(await message.textContent(), "Ce fichier n’est pas un index de recherche Verbatim.");
    assert.ok(consoleErrors.some((e) => /\(not-an-index\)/.test(e)), consoleErrors.join("\n"));
  });
});
