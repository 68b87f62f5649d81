// One engine's index build in its own Node process, so that its time and peak memory are
// its own: `node build.mjs <engine> <passages.jsonl> <site dir>`. Prints {"ms": …}: the
// time from the passages in memory to the index files on disk (build, serialize, write).
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parsePassages } from "./corpus.mjs";

const [key, passagesFile, siteDir] = process.argv.slice(2);
const engine = await import(`./engines/${key}.js`);
const passages = parsePassages(await readFile(passagesFile, "utf8"), passagesFile);
await mkdir(siteDir, { recursive: true });
const started = performance.now();
if (engine.buildSite) {
  await engine.buildSite(passages, siteDir);
} else {
  const files = await engine.buildIndex(passages);
  for (const [name, content] of Object.entries(files)) await writeFile(join(siteDir, name), content);
}
console.log(JSON.stringify({ ms: performance.now() - started }));
