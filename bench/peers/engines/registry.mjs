// Every engine of the benchmark: how its site is built (index + the files a page loads),
// and how it runs natively where it is native. Each engine's configuration lives in its
// own module (engines/<key>.js: CONFIG + meta, with the doc it follows), except Verbatim
// (as shipped: pkg/ and `verbatim index`) and tinysearch (its CLI, below).
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { fileURLToPath } from "node:url";
import { runMeasured } from "../util.mjs";

const PEERS = fileURLToPath(new URL("..", import.meta.url));
const BROWSER = join(PEERS, "browser");

const page = (body) => `<!doctype html>\n<html lang="fr">\n<meta charset="utf-8">\n<title>bench</title>\n${body}\n</html>\n`;
const ENGINE_PAGE = page(`<div id="result"></div>\n<script type="module" src="/__bench.js"></script>`);

async function writePages(siteDir, cold = ENGINE_PAGE) {
  await writeFile(join(siteDir, "cold.html"), cold);
  await writeFile(join(siteDir, "bench.html"), ENGINE_PAGE);
}

/** A JS library peer: index built in a Node child process, lib + adapter bundled by esbuild. */
function jsEngine(key) {
  return {
    key,
    needs: "bench",
    async module() {
      return import(`./${key}.js`);
    },
    async prepare(ctx) {
      await mkdir(ctx.siteDir, { recursive: true });
      const b = await runMeasured(process.execPath, [join(PEERS, "build.mjs"), key, ctx.passagesFile, ctx.siteDir]);
      const esbuild = await import("esbuild");
      await esbuild.build({
        stdin: { contents: `export { load, search } from ${JSON.stringify(join(PEERS, "engines", `${key}.js`))};`, resolveDir: PEERS, loader: "js" },
        bundle: true,
        minify: true,
        format: "esm",
        platform: "browser",
        target: "es2022",
        outfile: join(ctx.siteDir, "engine.js"),
        logLevel: "error",
      });
      await writePages(ctx.siteDir);
      return { buildMs: b.ms, buildRssKb: b.maxRssKb, indexMs: JSON.parse(b.stdout).ms, buildCommand: `node bench/peers/build.mjs ${key} …` };
    },
  };
}

const verbatim = {
  key: "verbatim",
  needs: "root",
  async module() {
    return {
      CONFIG: { element: '<verbatim-search index="verbatim.idx">', index: "verbatim index <corpus> -o verbatim.idx", search: "Engine.search(query, { limit: 10 }) — defaults, as shipped" },
      meta: {
        key: "verbatim",
        name: "Verbatim",
        docs: "README.md (Embed it on your site; The command line)",
        snippets: true,
        shown: "as shipped: `verbatim index` on the corpus; the <verbatim-search> element from pkg/ (element JS + CSS, wasm-bindgen glue, wasm, index)",
      },
    };
  },
  async prepare(ctx) {
    await mkdir(ctx.siteDir, { recursive: true });
    for (const f of ["verbatim-search.js", "verbatim-search.css", "verbatim.js", "verbatim_bg.wasm"]) await copyFile(join(ctx.root, "pkg", f), join(ctx.siteDir, f));
    await copyFile(ctx.verbatimIndex, join(ctx.siteDir, "verbatim.idx"));
    await copyFile(join(BROWSER, "verbatim-adapter.js"), join(ctx.siteDir, "engine.js"));
    await writePages(
      ctx.siteDir,
      page(`<script type="module" src="/verbatim-search.js"></script>\n<verbatim-search index="/verbatim.idx"></verbatim-search>\n<script type="module" src="/__bench.js"></script>`),
    );
    const b = ctx.verbatimBuild;
    return { buildMs: b.ms, buildRssKb: b.maxRssKb, indexMs: null, buildCommand: "verbatim index <corpus> -o verbatim.idx" };
  },
  async native(ctx) {
    const ev = await runMeasured(ctx.cli, ["eval", "--index", ctx.verbatimIndex, "--queries", ctx.queriesFile]);
    const m = /verbatim: nDCG@10 ([\d.]+)\s+MRR@10 ([\d.]+)\s+Success@1 ([\d.]+)\s+Recall@10 ([\d.]+)/.exec(ev.stdout);
    const bench = await runMeasured(ctx.cli, ["bench", "--index", ctx.verbatimIndex, "--queries", ctx.queriesFile, "--rounds", String(ctx.nativeRounds)]);
    const l = /p50 ([\d.]+) µs, p99 ([\d.]+) µs/.exec(bench.stdout);
    return {
      eval: m ? { ndcg: +m[1], mrr: +m[2], success_at_1: +m[3], recall: +m[4] } : null,
      evalText: ev.stdout.trim(),
      latencyUs: l ? { p50: +l[1], p99: +l[2] } : null,
      rssKb: bench.maxRssKb,
      command: `verbatim bench --index … --queries … --rounds ${ctx.nativeRounds}`,
    };
  },
};

const pagefind = {
  key: "pagefind",
  needs: "bench",
  async module() {
    return import("./pagefind.js");
  },
  async prepare(ctx) {
    await mkdir(ctx.siteDir, { recursive: true });
    const b = await runMeasured(process.execPath, [join(PEERS, "build.mjs"), "pagefind", ctx.passagesFile, ctx.siteDir]);
    await copyFile(join(BROWSER, "pagefind-adapter.js"), join(ctx.siteDir, "engine.js"));
    await writePages(ctx.siteDir);
    return { buildMs: b.ms, buildRssKb: b.maxRssKb, indexMs: JSON.parse(b.stdout).ms, buildCommand: "node bench/peers/build.mjs pagefind … (Pagefind Node API)" };
  },
};

// tinysearch 0.11 — configured as its README shows: a JSON array of posts {title, url,
// body} (title = the passage's title, url = its id, body = its text), the CLI in wasm
// mode with `-o` (wasm-opt, from the root's binaryen) and the default `exact` indexer or
// `--indexer xor8`. Not `--release`, which would leave out the JS loader that a page
// needs. Its tokenizer keeps letters and apostrophes, lower-cases, drops English stop
// words; no stemming, no accent folding; `exact` matches word prefixes from 3 letters on
// (in titles and bodies), `xor8` only whole words in bodies (prefixes in titles only).
// Native quality and latency come from its library API (bench/peers/tinysearch).
export const TINYSEARCH_VERSION = "0.11.1";

async function tinysearchTools(ctx) {
  const bin = join(ctx.tools, "bin", "tinysearch");
  if (!existsSync(bin)) {
    ctx.say(`installing the tinysearch ${TINYSEARCH_VERSION} CLI (cargo install, about a minute)…`);
    await runMeasured("cargo", ["install", "--quiet", "tinysearch", "--version", TINYSEARCH_VERSION, "--features", "bin", "--locked", "--root", ctx.tools]);
  }
  const helper = join(ctx.cargoTarget, "release", "tinysearch-bench");
  await runMeasured("cargo", ["build", "--quiet", "--release", "--manifest-path", join(PEERS, "tinysearch", "Cargo.toml"), "--target-dir", ctx.cargoTarget]);
  return { bin, helper };
}

function tinysearch(kind) {
  return {
    key: `tinysearch-${kind}`,
    needs: "cargo",
    async module() {
      return {
        CONFIG: {
          input: "[{title, url: <id>, body: <text>}] (JSON, default schema: title + body indexed, url)",
          command: `tinysearch${kind === "xor8" ? " --indexer xor8" : ""} -o -m wasm -p <site> <input.json>`,
          search: "search(query, 10) from its JS loader",
        },
        meta: {
          key: `tinysearch-${kind}`,
          name: `tinysearch (${kind})`,
          docs: "https://github.com/tinysearch/tinysearch#readme (Usage, Library Usage)",
          snippets: false,
          shown: `CLI \`tinysearch${kind === "xor8" ? " --indexer xor8" : ""} -o -m wasm\` (index compiled into the wasm, wasm-opt -Oz); results are title + url, no text`,
        },
      };
    },
    async prepare(ctx) {
      const { bin, helper } = await tinysearchTools(ctx);
      ctx.tinysearchHelper = helper;
      await rm(ctx.siteDir, { recursive: true, force: true });
      await mkdir(ctx.siteDir, { recursive: true });
      const input = join(ctx.runDir, "tinysearch-input.json");
      await writeFile(input, JSON.stringify(ctx.passages.map((p) => ({ title: p.title, url: p.id, body: p.text }))));
      const env = { ...process.env, PATH: [join(ctx.root, "node_modules", ".bin"), process.env.PATH].join(delimiter) };
      const args = [...(kind === "xor8" ? ["--indexer", "xor8"] : []), "-o", "-m", "wasm", "-p", ctx.siteDir, "--crate-path", join(ctx.work, `tinysearch-crate-${kind}`), input];
      const b = await runMeasured(bin, args, { env, cwd: ctx.runDir });
      const optimized = /Optimized WASM with wasm-opt/.test(b.stdout);
      await rm(join(ctx.siteDir, "demo.html"), { force: true });
      await copyFile(join(BROWSER, "tinysearch-adapter.js"), join(ctx.siteDir, "engine.js"));
      await writePages(ctx.siteDir);
      return {
        buildMs: b.ms,
        buildRssKb: b.maxRssKb,
        indexMs: null,
        buildCommand: args.join(" "),
        notes: [`build time is the whole CLI run, which compiles the index into a wasm crate with cargo (incremental after the first run)${optimized ? "" : "; wasm-opt was not found, so the wasm is not optimized"}`],
      };
    },
    async native(ctx) {
      const queriesTxt = join(ctx.runDir, "queries.txt");
      const r = await runMeasured(ctx.tinysearchHelper, [ctx.passagesFile, queriesTxt, kind, String(ctx.nativeRounds), String(ctx.nativeBuilds)]);
      const out = JSON.parse(r.stdout);
      return {
        rankings: out.rankings,
        indexMs: out.build_ms[0],
        bytes: out.bytes,
        latencyUs: { p50: out.latency_us.p50, p95: out.latency_us.p95 },
        rssKb: r.maxRssKb,
        command: `bench/peers/tinysearch (library API) ${kind}, ${ctx.nativeBuilds} builds`,
      };
    },
  };
}

export const ENGINES = [verbatim, pagefind, jsEngine("minisearch"), jsEngine("flexsearch"), jsEngine("lunr"), jsEngine("orama"), tinysearch("exact"), tinysearch("xor8")];
