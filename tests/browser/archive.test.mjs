// A researcher searches fifty years of General Debate statements (tests/data/ungdc-slice) kept
// as an archive (`verbatim index --archive`): the browser fetches only the files a query needs.
//
// The site is built here, in a temporary folder: the archive engine (the wasm built with the
// `archive` feature, inlined into its glue pkg/verbatim-archive.js by scripts/inline-wasm.mjs)
// from the current sources (cargo + wasm-bindgen into target/archive-test; VERBATIM_ARCHIVE_PKG=/dir
// holding a built verbatim-archive.js skips that), the element from www/, the archive from the
// CLI, and a sw.js filled in as scripts/build-pkg.sh does.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { serve, launch, open, search, settle, input, options, eventually, cli, recordRequests } from "./helpers.mjs";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const SLICE = join(REPO, "tests/data/ungdc-slice");
const widget = (page, selector) => page.locator(`verbatim-search ${selector}`);
const results = (page) => page.evaluate(() => document.querySelector("verbatim-search").results);

// ------------------------------------------------------------------ the site

/** The archive engine: VERBATIM_ARCHIVE_PKG, else built from the sources (a reason to skip if the tools are missing). */
function buildGlue(out) {
  if (process.env.VERBATIM_ARCHIVE_PKG) {
    copyFileSync(join(process.env.VERBATIM_ARCHIVE_PKG, "verbatim-archive.js"), join(out, "verbatim-archive.js"));
    return;
  }
  try {
    execFileSync("wasm-bindgen", ["--version"], { stdio: "ignore" });
  } catch {
    return "wasm-bindgen is not installed (scripts/install-tools.sh), and VERBATIM_ARCHIVE_PKG is not set";
  }
  const target = join(REPO, "target/archive-test");
  // strip = "debuginfo": wasm-bindgen needs the target_features section (see scripts/build-pkg.sh).
  const args = ["build", "--quiet", "--lib", "--release", "--locked", "--features", "archive", "--target", "wasm32-unknown-unknown", "--target-dir", target];
  execFileSync("cargo", args, {
    cwd: REPO,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, CARGO_PROFILE_RELEASE_STRIP: "debuginfo", CARGO_INCREMENTAL: "0" },
  });
  const wasm = join(target, "wasm32-unknown-unknown/release/verbatim.wasm");
  execFileSync("wasm-bindgen", ["--target", "web", "--no-typescript", "--out-dir", out, "--out-name", "verbatim-archive", wasm], { stdio: ["ignore", "ignore", "inherit"] });
  const bg = join(out, "verbatim-archive_bg.wasm");
  execFileSync("node", [join(REPO, "scripts/inline-wasm.mjs"), join(out, "verbatim-archive.js"), bg], { stdio: ["ignore", "ignore", "inherit"] });
  rmSync(bg);
}

/** The folder to serve, or { skip: reason }. */
async function buildSite() {
  if (!existsSync(SLICE)) return { skip: "tests/data/ungdc-slice is missing" };
  if (!/--archive/.test(await cli(["index", "--help"]))) return { skip: "this verbatim has no `index --archive`" };
  const dir = mkdtempSync(join(tmpdir(), "verbatim-archive-"));
  const pkg = join(dir, "pkg");
  mkdirSync(pkg);
  const why = buildGlue(pkg);
  if (why) return { dir, skip: why };
  if (!/class Archive\b/.test(readFileSync(join(pkg, "verbatim-archive.js"), "utf8"))) return { dir, skip: "the archive engine has no Archive export (src/wasm/)" };
  for (const f of ["verbatim-search.js", "verbatim-search.css", "page.css", "icon.svg"]) copyFileSync(join(REPO, "www", f), join(pkg, f));
  await cli(["index", "--archive", join(dir, "archive"), SLICE]);
  writeFileSync(
    join(dir, "index.html"),
    `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>General Debate archive</title>
<link rel="stylesheet" href="pkg/page.css">
<script type="module" src="pkg/verbatim-search.js"></script>
</head>
<body>
<header><verbatim-search index="archive/manifest.vrba" lang="en" offline></verbatim-search></header>
<main><h1>General Debate archive</h1></main>
</body>
</html>
`,
  );
  // sw.js as scripts/build-pkg.sh fills it: a hash of every file, the shell (all but the
  // engines and indexes) precached.
  const assets = ["index.html", ...readdirSync(pkg).sort().map((f) => `pkg/${f}`)];
  const hash = createHash("sha256");
  for (const a of assets) hash.update(a).update(readFileSync(join(dir, a)));
  const shell = assets.filter((a) => !/^pkg\/(verbatim\.js|verbatim_bg\.wasm|verbatim-archive\.js)$|\.idx$/.test(a));
  const worker = readFileSync(join(REPO, "www/sw.js"), "utf8")
    .replaceAll("__CONTENT_HASH__", hash.digest("hex").slice(0, 12))
    .replaceAll("__ASSETS__", JSON.stringify(shell));
  writeFileSync(join(dir, "sw.js"), worker);
  return { dir };
}

const site = await buildSite();
const skip = site.skip || false;
const SITE = site.dir;
const files = (folder) => (skip ? [] : readdirSync(join(SITE, "archive", folder)));

let browser;
async function start() {
  browser ??= await launch();
  return browser;
}
// Servers are closed here too, so a failed assertion never leaves one listening.
const servers = [];
async function serveSite(options = {}) {
  const server = await serve({ root: SITE, ...options });
  servers.push(server);
  return server;
}
after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
  if (SITE) rmSync(SITE, { recursive: true, force: true });
});

// ------------------------------------------------------------------ tests

test("typing a word finds a passage labelled by its record", { skip }, async () => {
  const server = await serveSite();
  const { context, page, problems } = await open(await start(), server.url, { serviceWorkers: "block" });
  await search(page, "glaciers");
  const first = options(page).first();
  assert.equal(await first.locator(".record").textContent(), "General Debate, 70th session (2015): France");
  assert.match(await first.locator(".num").textContent(), /^§ \d+$/);
  assert.deepEqual(await first.locator("mark").allTextContents(), ["glaciers"]);
  const hit = (await results(page)).hits[0];
  assert.equal(hit.record, "FRA_70_2015");
  assert.equal(await widget(page, ".hitmap").isVisible(), false, "no hit map: the hits span many records");
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

test("a misspelt word still finds the passage", { skip }, async () => {
  const server = await serveSite();
  const { context, page, problems } = await open(await start(), server.url, { serviceWorkers: "block" });
  await search(page, "glacers");
  assert.ok((await options(page).count()) > 0, "no results for glacers");
  assert.equal(await options(page).first().locator(".record").textContent(), "General Debate, 70th session (2015): France");
  assert.deepEqual(await options(page).first().locator("mark").allTextContents(), ["glaciers"]);
  // One file more than the word itself would need, at most: the chunk of the word it means, or a typo bucket.
  const typo = server.requests.filter((p) => /^\/archive\/(terms|typos)\//.test(p));
  assert.ok(typo.length >= 1 && typo.length <= 2, `term chunks and typo buckets: ${typo}`);
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

test("a year chip narrows the results to that year, and delegations have their chips", { skip }, async () => {
  const server = await serveSite();
  const { context, page, problems } = await open(await start(), server.url, { serviceWorkers: "block" });
  await search(page, "climate");
  const all = await results(page);
  assert.ok(new Set(all.hits.map((h) => h.date)).size > 1, `hits from several years: ${all.hits.map((h) => h.date)}`);
  assert.equal(await widget(page, "#facet-speakers").textContent(), "Delegations");
  assert.ok((await widget(page, ".chip[data-facet=speaker]").count()) > 1, "delegation chips");
  const chip = widget(page, ".chip[data-facet=year][data-value='2015']");
  const count = Number((await chip.locator(".chip-count").textContent()).replace(/\D/g, ""));
  await chip.click();
  await settle(page);
  assert.equal(await widget(page, ".chip[data-facet=year][aria-pressed=true]").getAttribute("data-value"), "2015");
  const hits = (await results(page)).hits;
  assert.equal(hits.length, count, "the chip's count is the number of results");
  assert.ok(hits.every((h) => h.date === "2015" && h.title.includes("(2015)")), hits.map((h) => h.title).join("; "));
  assert.ok(await options(page).first().locator(".record").textContent().then((t) => t.includes("(2015)")));
  await widget(page, ".chip[data-facet=year][aria-pressed=true]").click();
  await settle(page);
  assert.equal((await results(page)).total, all.total, "pressing it again shows every year");
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

test("a search fetches only the files it needs, each once", { skip }, async () => {
  const server = await serveSite();
  const { context, page, problems } = await open(await start(), server.url, { serviceWorkers: "block" });
  const archive = () => server.requests.filter((p) => p.startsWith("/archive/"));
  await search(page, "glaciers");
  const text = archive().filter((p) => p.startsWith("/archive/text/"));
  const terms = archive().filter((p) => p.startsWith("/archive/terms/"));
  assert.ok(text.length >= 1 && text.length < files("text").length, `text files: ${text.length} of ${files("text").length}`);
  assert.ok(terms.length >= 1 && terms.length < files("terms").length, `term chunks: ${terms.length} of ${files("terms").length}`);
  assert.equal(archive().filter((p) => p.startsWith("/archive/typos/")).length, 0, "a known word needs no typo bucket");
  assert.equal(new Set(archive()).size, archive().length, `each file once: ${archive()}`);
  assert.ok(!server.requests.some((p) => /^\/pkg\/verbatim(_bg\.wasm|\.js)$/.test(p)), `only the archive engine loads: ${server.requests}`);
  assert.ok(!server.requests.some((p) => p.endsWith(".wasm")), `the archive engine is one file, its wasm inside: ${server.requests}`);
  // Typing it again, and every prefix on the way, asks for nothing more than new files.
  await search(page, "glaciers");
  assert.equal(new Set(archive()).size, archive().length, `each file once: ${archive()}`);
  assert.ok(archive().length < files("text").length + files("terms").length + files("typos").length + 1, "never the whole archive");
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

test("after one search, the same search answers offline (service worker)", { skip }, async () => {
  const server = await serveSite();
  const { context, page, problems } = await open(await start(), server.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // A file kept from an older build of the archive (another hash): a new build's file replaces it.
  const old = new URL("archive/text/0.deadbeef.vrba", server.url).href;
  await page.evaluate((url) => caches.open("verbatim:archive").then((c) => c.put(url, new Response("old"))), old);
  await search(page, "glaciers");
  const first = await options(page).first().textContent();
  // The worker keeps the manifest and the shards the page names to it, and those fetched through it.
  const kept = () => page.evaluate(async () => (await (await caches.open("verbatim:archive")).keys()).map((r) => new URL(r.url).pathname));
  await eventually(async () => {
    const paths = await kept();
    return paths.includes("/archive/manifest.vrba") && paths.some((p) => p.startsWith("/archive/text/")) && paths.some((p) => p.startsWith("/archive/terms/"));
  });
  assert.ok((await kept()).length < files("text").length, "only what the search fetched is kept");
  assert.ok(!(await kept()).includes("/archive/text/0.deadbeef.vrba"), "the older build's file is dropped");
  await context.setOffline(true);
  await server.close();
  await page.reload();
  await search(page, "glaciers");
  assert.equal(await options(page).first().textContent(), first, "the same answer, offline");
  // A query that needs a file never fetched (another term chunk) says so, and what to try.
  await search(page, "peace");
  assert.equal(await widget(page, ".message").textContent(), "Part of the index could not be loaded — check the connection, then try again.");
  assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|could not load the archive file/.test(p)), []);
  await context.close();
});

test("choosing a result shows the whole passage and its citation, and a reload shows it again", { skip }, async () => {
  const server = await serveSite();
  const { context, page, problems } = await open(await start(), server.url, { serviceWorkers: "block" });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url.replace(/\/$/, "") });
  await search(page, "glaciers");
  const hit = (await results(page)).hits[0];
  assert.ok(hit.text.length > hit.snippet.text.length || hit.text === hit.snippet.text);
  await options(page).first().click();
  const passage = widget(page, ".passage");
  await eventually(() => passage.isVisible());
  assert.equal(await input(page).getAttribute("aria-expanded"), "false");
  assert.equal(await widget(page, ".passage-title").textContent(), "General Debate, 70th session (2015): France");
  assert.equal(await widget(page, ".passage-text").textContent(), hit.text);
  assert.deepEqual(await widget(page, ".passage-text mark").allTextContents(), ["glaciers"]);
  assert.equal(await page.evaluate(() => document.querySelector("verbatim-search").shadowRoot.activeElement?.className), "passage", "the passage takes focus");
  const url = new URL(page.url());
  assert.equal(url.searchParams.get("q"), "glaciers");
  assert.equal(url.searchParams.get("hit"), hit.id);
  const link = `${server.url}?q=glaciers&hit=${encodeURIComponent(hit.id)}`;
  const citation = `FRA_70_2015, General Debate, 70th session (2015): France, § ${hit.number} — ${link}`;
  assert.equal(await widget(page, ".citation-text").textContent(), citation);
  await widget(page, ".copy-citation").click();
  await eventually(async () => (await page.evaluate(() => navigator.clipboard.readText())) === citation);

  await page.reload();
  await eventually(() => passage.isVisible());
  assert.equal(await input(page).inputValue(), "glaciers");
  assert.equal(await widget(page, ".passage-text").textContent(), hit.text);
  assert.equal(await widget(page, ".panel").isVisible(), false, "the passage, not the list, on a shared link");
  // Typing a new query puts the passage away and the link forgets it.
  await search(page, "climate");
  assert.equal(await passage.isVisible(), false);
  assert.equal(new URL(page.url()).searchParams.has("hit"), false);
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

test("the first results show while the text of the others is still coming", { skip }, async () => {
  // Text blocks wait until released: those of the first round (the first hits), then the rest.
  const waiting = [];
  const routes = {};
  for (const f of files("text")) {
    const body = readFileSync(join(SITE, "archive/text", f));
    routes[`/archive/text/${f}`] = () => new Promise((resolve) => waiting.push(() => resolve({ body })));
  }
  const release = () => waiting.splice(0).forEach((go) => go());
  const server = await serveSite({ routes });
  const { context, page, problems } = await open(await start(), server.url, { serviceWorkers: "block" });
  await widget(page, "input").fill("climate");
  await eventually(async () => waiting.length > 0);
  await page.waitForTimeout(200); // the whole first round asks at once
  const first = waiting.length;
  assert.ok(first <= 3, `the first round asks for the text of the first three hits at most: ${first} files`);
  release();
  await eventually(async () => (await options(page).count()) > 0);
  const early = await options(page).count();
  await eventually(async () => waiting.length > 0); // the others' text is asked for
  assert.equal(await options(page).count(), early, "hits without their text are not shown");
  assert.match(await options(page).first().locator("mark").first().textContent(), /^climate$/i);
  release();
  await eventually(async () => (await options(page).count()) > early);
  assert.ok((await results(page)).hits.every((h) => h.text), "every hit shown has its text");
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

test("a file of the archive that cannot be fetched gives a message, and the next search tries again", { skip }, async () => {
  let broken = true;
  const routes = {};
  for (const f of files("text")) {
    const body = readFileSync(join(SITE, "archive/text", f));
    routes[`/archive/text/${f}`] = () => (broken ? { status: 404, type: "text/plain", body: "not found" } : { body });
  }
  const server = await serveSite({ routes });
  const { context, page, consoleErrors } = await open(await start(), server.url, { serviceWorkers: "block", expectErrors: true });
  await search(page, "glaciers");
  const message = widget(page, ".message");
  assert.equal(await message.isVisible(), true);
  assert.equal(await message.textContent(), "Part of the index could not be loaded — check the connection, then try again.");
  assert.equal(await options(page).count(), 0);
  const line = consoleErrors.find((e) => /could not load the archive file/.test(e));
  assert.match(line || "", /\/archive\/text\/\d+\.[0-9a-f]{8}\.vrba: HTTP 404 — keep the archive's folders/, `console: ${consoleErrors}`);
  broken = false;
  // settle() returns while a message shows: wait for the answer itself.
  await search(page, "glaciers");
  await eventually(async () => (await results(page))?.query === "glaciers");
  assert.equal(await message.isVisible(), false, "the message goes once the files come");
  assert.ok((await options(page).count()) > 0);
  await context.close();
  await server.close();
});

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
async function axe(page) {
  await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(() => window.axe.run(document, { rules: { "target-size": { enabled: true } }, resultTypes: ["violations"] }));
  return found.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" > ")).join(" | ")}`);
}

for (const colorScheme of ["light", "dark"]) {
  test(`axe finds no violations in an archive's results and passage, on a phone too (${colorScheme})`, { skip }, async () => {
    const server = await serveSite();
    const { context, page } = await open(await start(), server.url, { serviceWorkers: "block", colorScheme });
    await search(page, "climate");
    assert.ok(await widget(page, ".chip[data-facet=year]").first().isVisible(), "year chips show");
    assert.deepEqual(await axe(page), []);
    await options(page).first().click();
    await eventually(() => widget(page, ".passage").isVisible());
    assert.deepEqual(await axe(page), []);
    await page.setViewportSize({ width: 320, height: 640 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), "no sideways scroll at 320 px");
    await context.close();
    await server.close();
  });
}

test("verbatim serve --archive serves a page that searches the archive, hashed files immutable", { skip }, async () => {
  await cli(["--version"]); // builds the binary when VERBATIM_CLI is not set
  const bin = process.env.VERBATIM_CLI || join(REPO, "target/release/verbatim");
  const child = spawn(bin, ["serve", "--dir", SITE, "--archive", join(SITE, "archive"), "--port", "0"], { stdio: ["ignore", "pipe", "ignore"] });
  try {
    const line = await new Promise((resolve, reject) => {
      child.stdout.once("data", (d) => resolve(String(d)));
      child.once("exit", (code) => reject(new Error(`verbatim serve exited (${code})`)));
    });
    const url = /http:\/\/[\d.]+:\d+\//.exec(line)?.[0];
    assert.match(line, /^Verbatim is serving the archive /);
    assert.ok(url, line);
    const { context, page, problems } = await open(await start(), undefined, { serviceWorkers: "block" });
    const caching = new Map();
    page.on("response", (r) => caching.set(new URL(r.url()).pathname, r.headers()["cache-control"]));
    await page.goto(url);
    await search(page, "glaciers");
    assert.equal(await options(page).first().locator(".record").textContent(), "General Debate, 70th session (2015): France");
    assert.equal(caching.get("/archive/manifest.vrba"), "no-cache");
    const shards = [...caching].filter(([p]) => /^\/archive\/(terms|text)\//.test(p));
    assert.ok(shards.length >= 2, `${[...caching.keys()]}`);
    for (const [path, value] of shards) assert.match(value, /immutable/, path);
    assert.equal(caching.get("/pkg/verbatim-archive.js"), "no-cache");
    assert.equal(caching.has("/pkg/verbatim_bg.wasm"), false, "an archive page never loads the single-file engine");
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    child.kill();
  }
});
