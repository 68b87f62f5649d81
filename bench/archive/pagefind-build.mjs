#!/usr/bin/env node
// Builds a Pagefind 1.6 index of General Debate statements with its Node API, in its own
// process (run.mjs times it and takes its peak memory):
//
//   node bench/archive/pagefind-build.mjs RECORDS.json OUT_DIR
//
// RECORDS.json: [{path, name, title, delegation, year}], one per statement file. Each
// statement is one custom record: url /statement/<file stem>, content = the file's text,
// language "en", meta.title, filters delegation and year; then writeFiles into
// OUT_DIR/pagefind. Prints one JSON line: {records, ms, addMs, writeMs}.
import { readFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import * as pagefind from "pagefind";

const [recordsFile, outDir] = process.argv.slice(2);
if (!recordsFile || !outDir) {
  console.error("usage: pagefind-build.mjs RECORDS.json OUT_DIR");
  process.exit(2);
}
const started = performance.now();
const records = JSON.parse(await readFile(recordsFile, "utf8"));
try {
  const { index, errors } = await pagefind.createIndex({});
  if (!index) throw new Error(`pagefind createIndex: ${errors.join("; ")}`);
  for (const r of records) {
    const content = await readFile(r.path, "utf8");
    const res = await index.addCustomRecord({
      url: `/statement/${r.name.replace(/\.txt$/, "")}`,
      content,
      language: "en",
      meta: { title: r.title },
      filters: { delegation: [r.delegation], year: [String(r.year)] },
    });
    if (res.errors.length) throw new Error(`pagefind addCustomRecord ${r.name}: ${res.errors.join("; ")}`);
  }
  const addMs = performance.now() - started;
  await mkdir(outDir, { recursive: true });
  const w = await index.writeFiles({ outputPath: join(outDir, "pagefind") });
  if (w.errors.length) throw new Error(`pagefind writeFiles: ${w.errors.join("; ")}`);
  const ms = performance.now() - started;
  console.log(JSON.stringify({ records: records.length, ms, addMs, writeMs: ms - addMs }));
} finally {
  await pagefind.close();
}
