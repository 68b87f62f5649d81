// Verbatim's engine in the page, for the latency and relevance loops (the cold-start
// measure uses the <verbatim-search> element itself): the wasm-bindgen glue, the index,
// Engine.search with a limit. Hits come with their snippet.
import init, { Engine } from "./verbatim.js";

let engine;
let wasm;

export async function load() {
  wasm = await init();
  engine = new Engine(new Uint8Array(await (await fetch("./verbatim.idx")).arrayBuffer()));
}

export function search(query, limit) {
  return engine.search(query, { limit }).hits.map((h) => ({ id: h.id, title: h.section ?? "", snippet: h.snippet.text }));
}

/** The wasm linear memory at the end of the run (it only grows). */
export function stats() {
  return { wasmMemoryBytes: wasm.memory.buffer.byteLength };
}
