// tinysearch in the page, through the JS loader its CLI writes (tinysearch_engine.js,
// which fetches tinysearch_engine.wasm beside the page). Results are title + url only:
// tinysearch keeps no text, so there is no snippet to show.
import { init_tinysearch } from "./tinysearch_engine.js";

let ts;

export async function load() {
  ts = await init_tinysearch();
}

export function search(query, limit) {
  return ts.search(query, limit).map((r) => ({ id: r.url, title: r.title, snippet: "" }));
}

/** The wasm linear memory at the end of the run (it only grows). */
export function stats() {
  return { wasmMemoryBytes: ts.memory.buffer.byteLength };
}
