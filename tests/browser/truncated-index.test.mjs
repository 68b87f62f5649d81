// The cases errors.test.mjs leaves out: an index cut short in transit, an empty response,
// one from an older Verbatim and a wrong magic number. Each is a typed error from the
// engine (a VerbatimIndexError with its kind), shown to the reader as a plain sentence,
// and never an uncaught exception.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { serve, launch, open, search, eventually, missingSite, ROOT } from "./helpers.mjs";

const skip = missingSite();
const INDEX = "/pkg/AG12734-fr.idx";
let browser, original;
before(async () => {
  if (skip) return;
  browser = await launch();
  original = await readFile(join(ROOT, INDEX));
});
after(() => browser?.close());

const CASES = [
  ["an index cut short in transit", () => original.subarray(0, Math.floor(original.length * 0.6)), "damaged", "Cet index de recherche est endommagé — rechargez la page."],
  ["an index cut after its header", () => original.subarray(0, 9), "damaged", "Cet index de recherche est endommagé — rechargez la page."],
  ["an empty index file", () => Buffer.alloc(0), "not-an-index", "Ce fichier n’est pas un index de recherche Verbatim."],
  ["an index from an older Verbatim", () => Buffer.concat([original.subarray(0, 4), Buffer.from([0]), original.subarray(5)]), "older", "Cet index a été créé par une ancienne version de Verbatim."],
  ["an index with another magic number", () => Buffer.concat([Buffer.from("VRBX"), original.subarray(4)]), "not-an-index", "Ce fichier n’est pas un index de recherche Verbatim."],
];

for (const [name, bytes, kind, sentence] of CASES) {
  test(`${name}: a "${kind}" error, shown as a plain message`, { skip }, async () => {
    const server = await serve({ routes: { [INDEX]: () => ({ body: bytes() }) } });
    try {
      const { context, page, consoleErrors, problems } = await open(browser, server.url, { expectErrors: true });
      const message = page.locator("verbatim-search .message");
      await eventually(() => message.isVisible());
      assert.equal(await message.textContent(), sentence);
      assert.ok(consoleErrors.some((e) => e.includes(`cannot be used (${kind})`)), consoleErrors.join("\n"));
      // The engine's error is typed, for a page that uses the glue directly.
      const thrown = await page.evaluate(async (url) => {
        const glue = await import("/pkg/verbatim.js");
        await glue.default();
        try {
          new glue.Engine(new Uint8Array(await (await fetch(url)).arrayBuffer()));
          return null;
        } catch (e) {
          return { name: e.name, kind: e.kind, isError: e instanceof Error };
        }
      }, INDEX);
      assert.deepEqual(thrown, { name: "VerbatimIndexError", kind, isError: true });
      await search(page, "traite");
      assert.equal(await message.isVisible(), true, "typing keeps the message, and throws nothing");
      assert.deepEqual(problems.filter((p) => p.startsWith("pageerror")), []);
      await context.close();
    } finally {
      await server.close();
    }
  });
}
