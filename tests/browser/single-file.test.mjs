// Someone saves the one-file bundle (`verbatim bundle --single-file`) and opens it from
// disk, with no server and no network: the page still searches.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launch, open, search, options, highlighted, eventually, missingSite, ROOT } from "./helpers.mjs";

// The CLI: VERBATIM_CLI=/path/to/verbatim, or `cargo run --features cli`.
const cli = process.env.VERBATIM_CLI ? [process.env.VERBATIM_CLI] : ["cargo", "run", "--quiet", "--release", "--locked", "--features", "cli", "--"];
const run = (args) => execFileSync(cli[0], [...cli.slice(1), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });

// A CLI that fails to build or to bundle fails the test: it is not skipped.
const skip = missingSite();
let browser, dir;
before(async () => {
  if (skip) return;
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), "verbatim-bundle-"));
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test("the single-file bundle opened from file:// searches with no server", { skip }, async () => {
  const out = join(dir, "x.html");
  run(["bundle", "--single-file", out, "--pkg", join(ROOT, "pkg")]);
  assert.ok(existsSync(out));
  const { context, page, problems } = await open(browser, null);
  const elsewhere = [];
  page.on("request", (r) => /^(file|data|blob):/.test(r.url()) || elsewhere.push(r.url()));
  await page.goto(pathToFileURL(out).href);
  await search(page, "Mulaly");
  assert.ok((await options(page).count()) > 0, "results from the inlined index");
  assert.match(await options(page).first().textContent(), /Mullally/);
  // Styled from the inlined stylesheet: the field is a full tap target.
  assert.ok((await page.locator("verbatim-search .field").boundingBox()).height >= 44);
  const anchor = await page.evaluate(() => document.querySelector("verbatim-search").results.hits[0].anchor);
  await options(page).first().click();
  const p = await eventually(() => highlighted(page).then((h) => h?.inView && h));
  assert.equal(p.id, anchor);
  assert.deepEqual(elsewhere, [], "nothing is fetched from a server");
  assert.deepEqual(problems, []);
  await context.close();
});
