// Puts a wasm module inside its wasm-bindgen glue (--target web), so that the engine is one
// file: one request fewer before the first result, and no server needs to know the
// application/wasm type or to gzip it. Used for the archive engine, whose cold query is
// counted in requests (scripts/build-pkg.sh; tests/browser/archive.test.mjs).
//
//   node scripts/inline-wasm.mjs GLUE.js MODULE.wasm
//
// The glue's default module, `new URL("<MODULE>.wasm", import.meta.url)`, becomes the bytes
// of a string literal holding one character U+0000–U+00FF per byte (module scripts are always
// read as UTF-8). The bytes keep their order, so gzip and brotli still find their repeats:
// +3.7 KB gzip, +2.5 KB brotli on a 91 KB module, where base64 would cost +28 KB.
// The wasm is compiled once the script has arrived, not while it streams.
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";

const [gluePath, wasmPath] = process.argv.slice(2);
if (!gluePath || !wasmPath) {
  console.error("usage: node scripts/inline-wasm.mjs GLUE.js MODULE.wasm");
  process.exit(2);
}
const glue = readFileSync(gluePath, "utf8");
const wasm = readFileSync(wasmPath);
if (wasm.subarray(0, 4).toString("latin1") !== "\0asm") {
  console.error(`inline-wasm: ${wasmPath} is not a wasm module`);
  process.exit(1);
}
const name = basename(wasmPath).replace(/[.]/g, "\\.");
const defaultModule = new RegExp(`new URL\\((["'])${name}\\1,\\s*import\\.meta\\.url\\)`, "g");
const found = glue.match(defaultModule)?.length ?? 0;
if (found !== 1) {
  console.error(`inline-wasm: ${gluePath} names ${basename(wasmPath)} as its default module ${found} times, not once: is it wasm-bindgen --target web output for that module?`);
  process.exit(1);
}
// A double-quoted literal needs only these four escaped (U+2028/U+2029 are beyond U+00FF).
const ESCAPES = { 0x5c: "\\\\", 0x22: '\\"', 0x0a: "\\n", 0x0d: "\\r" };
let literal = "";
for (const byte of wasm) literal += ESCAPES[byte] ?? String.fromCharCode(byte);
const loader = `\n// The engine's wasm (scripts/inline-wasm.mjs): one character per byte.\nfunction __verbatimWasm(){const s="${literal}",b=new Uint8Array(s.length);for(let i=0;i<s.length;i++)b[i]=s.charCodeAt(i);return b}\n`;
writeFileSync(gluePath, glue.replace(defaultModule, "__verbatimWasm()") + loader, "utf8");
