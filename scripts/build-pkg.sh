#!/usr/bin/env bash
# Builds the committed, ready-to-copy site: pkg/ (glue, wasm, index, the element's
# runtime files), index.html, manifest.webmanifest and sw.js at the repository root.
# Deterministic: the same sources and tools give the same bytes in any checkout folder.
# Needs: the pinned Rust toolchain with wasm32-unknown-unknown, wasm-bindgen (the
# Cargo.lock version), node + node_modules/.bin/wasm-opt and node_modules/.bin/esbuild
# (`npm ci`). No network.
# scripts/install-tools.sh installs them.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export LC_ALL=C

die() { echo "build-pkg: $*" >&2; exit 1; }
step() { echo "build-pkg: $*" >&2; }

# Features that rustc 1.95's wasm32-unknown-unknown target emits by default
# (`rustc --print cfg --target wasm32-unknown-unknown`), plus the two that LLVM's
# generic CPU also implies (bulk-memory-opt, call-indirect-overlong).
# --converge repeats the passes while they still shrink the module (~0.5 KB gzip).
# --zero-filled-memory and --low-memory-unused (~0.7 KB gzip) hold for this module: it
# creates its own memory, and rustc's wasm32 layout puts the stack first (data from
# 1 MiB up), so the lowest 1 KiB is reached only by a stack already overflowing.
# --merge-similar-functions folds functions that differ only in constants (monomorphized
# copies): ~0.3 KB gzip.
WASM_OPT_FLAGS=(--merge-similar-functions -Oz --converge --zero-filled-memory --low-memory-unused
  --enable-bulk-memory --enable-bulk-memory-opt --enable-call-indirect-overlong
  --enable-multivalue --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-reference-types --enable-sign-ext
  --strip-debug --strip-producers --strip-target-features)

# ---------------------------------------------------------------- tools
BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[ -n "$BINDGEN_VERSION" ] || die "cannot find wasm-bindgen in Cargo.lock"
command -v wasm-bindgen >/dev/null || die "wasm-bindgen not found; run scripts/install-tools.sh"
HAVE_BINDGEN=$(wasm-bindgen --version | awk '{ print $2 }')
[ "$HAVE_BINDGEN" = "$BINDGEN_VERSION" ] \
  || die "wasm-bindgen $HAVE_BINDGEN found, Cargo.lock wants $BINDGEN_VERSION; run scripts/install-tools.sh"
WASM_OPT=$ROOT/node_modules/.bin/wasm-opt
[ -x "$WASM_OPT" ] || die "node_modules/.bin/wasm-opt not found; run npm ci"
command -v node >/dev/null || die "node not found"
ESBUILD=$ROOT/node_modules/.bin/esbuild
[ -x "$ESBUILD" ] || die "node_modules/.bin/esbuild not found; run npm ci"
ESBUILD_VERSION=$(node -p 'require("./package.json").devDependencies.esbuild')
HAVE_ESBUILD=$("$ESBUILD" --version) || die "node_modules/.bin/esbuild does not run; run npm ci"
[ "$HAVE_ESBUILD" = "$ESBUILD_VERSION" ] \
  || die "esbuild $HAVE_ESBUILD found, package.json wants $ESBUILD_VERSION; run npm ci"

# ---------------------------------------------------------------- (a) compile
# Paths that could leak into the wasm (panic locations, std and registry sources)
# are remapped so the bytes do not depend on the checkout folder or the home directory.
CARGO_HOME_DIR=${CARGO_HOME:-$HOME/.cargo}
SYSROOT=$(rustc --print sysroot)
RUSTUP_DIR=${RUSTUP_HOME:-$HOME/.rustup}
# With the rust-src component installed, rustc names std's sources by their local
# path instead of /rustc/<commit>/; mapping that path back keeps the bytes the
# same on machines with and without rust-src.
RUSTC_COMMIT=$(rustc -vV | awk '/^commit-hash:/ { print $2 }')
FLAGS=("--remap-path-prefix=$ROOT=/verbatim"
  "--remap-path-prefix=$CARGO_HOME_DIR=/cargo"
  "--remap-path-prefix=$RUSTUP_DIR=/rustup"
  "--remap-path-prefix=$SYSROOT=/rust"  # the last matching prefix wins: the sysroot before the rustup folder
  "--remap-path-prefix=$SYSROOT/lib/rustlib/src/rust=/rustc/$RUSTC_COMMIT")
# A target folder of its own: these flags would otherwise invalidate everyone's wasm builds.
WASM_TARGET_DIR=$ROOT/target/pkg-build
RAW_WASM=$WASM_TARGET_DIR/wasm32-unknown-unknown/wasm/verbatim.wasm

# Everything is built in a staging folder, then replaces pkg/ in one move.
STAGE=$ROOT/target/pkg-stage
rm -rf "$STAGE"
mkdir -p "$STAGE/pkg"

# Two engines: `verbatim` (Engine: one index file) and `verbatim-archive`
# (Archive: a sharded archive, cargo feature `archive`).
build_engine() { # <out-name> [cargo features…]
  local name=$1
  shift
  step "compiling the wasm library ($name)"
  (
    unset RUSTFLAGS
    CARGO_ENCODED_RUSTFLAGS=$(IFS=$'\x1f'; echo "${FLAGS[*]}")
    # strip = "debuginfo" rather than the profile's `true`: wasm-bindgen needs the
    # target_features section to emit multivalue/externref glue; wasm-opt strips it after.
    export CARGO_ENCODED_RUSTFLAGS CARGO_INCREMENTAL=0 CARGO_PROFILE_WASM_STRIP=debuginfo
    cargo build --quiet --lib --profile wasm --locked --target wasm32-unknown-unknown --target-dir "$WASM_TARGET_DIR" "$@"
  )
  [ -f "$RAW_WASM" ] || die "cargo did not produce $RAW_WASM"
  # ------------------------------------------------------------ (b) glue
  step "wasm-bindgen $BINDGEN_VERSION ($name)"
  wasm-bindgen --target web --no-typescript --out-dir "$STAGE/pkg" --out-name "$name" "$RAW_WASM"
  # ------------------------------------------------------------ (c) optimize
  step "wasm-opt ${WASM_OPT_FLAGS[*]}"
  "$WASM_OPT" "${WASM_OPT_FLAGS[@]}" "$STAGE/pkg/${name}_bg.wasm" -o "$STAGE/pkg/${name}_bg.opt.wasm"
  mv "$STAGE/pkg/${name}_bg.opt.wasm" "$STAGE/pkg/${name}_bg.wasm"
}
build_engine verbatim
build_engine verbatim-archive --features archive

# ---------------------------------------------------------------- (d) index
step "indexing records/AG12734-fr.txt"
cargo run --quiet --release --locked --features cli -- index records/AG12734-fr.txt -o "$STAGE/pkg/AG12734-fr.idx" >&2

# ---------------------------------------------------------------- (e) the element's files
# Top-level runtime files of www/ go to pkg/; the manifest and the worker go to the root.
if [ -d www ]; then
  for f in www/*; do
    [ -f "$f" ] || continue
    name=${f#www/}
    case "$name" in
      sw.js | manifest.webmanifest) ;;
      *.test.js | *.spec.js) ;;
      *.js | *.mjs | *.css | *.svg | *.png | *.ico | *.webp | *.woff2) cp "$f" "$STAGE/pkg/$name" ;;
    esac
  done
else
  step "no www/ folder yet: pkg/ holds only the engine and the index"
fi

# ---------------------------------------------------------------- (e') minify
# pkg/ is what sites copy and browsers download, so its JavaScript and CSS are minified
# (about a third fewer gzip bytes); www/ stays the readable source, and wasm-bindgen's
# glue is regenerated above on every build. esbuild transforms each file on its own:
# no bundling and no --format, so import/export, import("./verbatim.js") and
# import.meta.url pass through as written and the files stay ES modules; exported names
# are kept (the element and `verbatim bundle` look them up). The default target
# (esnext) lowers no syntax, and the default ASCII charset escapes non-ASCII text, so
# the files read the same whatever charset a server declares. --legal-comments=inline
# (esbuild's default for single files, spelled out) keeps /*! … */ and @license comments,
# as minifiers do; the sources have none today. A pinned esbuild gives the same bytes.
while IFS= read -r f; do
  step "esbuild --minify ${f#"$STAGE/"}"
  "$ESBUILD" "$f" --minify --legal-comments=inline --log-level=warning --outfile="$f.min" \
    || die "esbuild could not minify ${f#"$STAGE/"}"
  mv "$f.min" "$f"
done < <(find "$STAGE/pkg" -maxdepth 1 -type f \( -name '*.js' -o -name '*.mjs' -o -name '*.css' \) | sort)

# ---------------------------------------------------------------- (e'') one-file archive engine
# The archive engine carries its wasm in its glue: a cold archive query is counted in
# requests (one fewer), and the archive's own shards dominate its bytes. The record's
# engine keeps its .wasm beside the glue: compiled while it streams, 3 KB gzip smaller.
step "inlining verbatim-archive_bg.wasm into verbatim-archive.js"
node scripts/inline-wasm.mjs "$STAGE/pkg/verbatim-archive.js" "$STAGE/pkg/verbatim-archive_bg.wasm" \
  || die "could not inline the archive engine's wasm"
rm "$STAGE/pkg/verbatim-archive_bg.wasm"

# Smoke test: the optimized wasm instantiates in Node and answers a query.
step "checking that the wasm instantiates and searches in Node"
node --input-type=module -e '
  const [dir] = process.argv.slice(1);
  const { readFileSync } = await import("node:fs");
  const { pathToFileURL } = await import("node:url");
  const glue = await import(pathToFileURL(dir + "/verbatim.js"));
  glue.initSync({ module: readFileSync(dir + "/verbatim_bg.wasm") });
  const engine = new glue.Engine(readFileSync(dir + "/AG12734-fr.idx"));
  const info = engine.info();
  const r = engine.search("climat", { limit: 3 });
  if (!(info.passages > 0) || !(r.total > 0) || !Array.isArray(r.hits[0].highlights[0])) {
    console.error("unexpected results", JSON.stringify(r).slice(0, 500));
    process.exit(1);
  }
  let bad;
  try { new glue.Engine(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])); } catch (e) { bad = e; }
  if (!bad || bad.name !== "VerbatimIndexError" || bad.kind !== "not-an-index") {
    console.error("bad bytes did not throw a VerbatimIndexError", bad); process.exit(1);
  }
  const archive = await import(pathToFileURL(dir + "/verbatim-archive.js"));
  await archive.default();
  let bad2;
  try { new archive.Archive(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9])); } catch (e) { bad2 = e; }
  if (!bad2 || bad2.name !== "VerbatimIndexError" || bad2.kind !== "not-an-index") {
    console.error("the archive engine did not throw a VerbatimIndexError", bad2); process.exit(1);
  }
' "$STAGE/pkg" || die "the built wasm failed its smoke test in Node"

rm -rf pkg
mv "$STAGE/pkg" pkg
rmdir "$STAGE"
if [ -f www/manifest.webmanifest ]; then cp www/manifest.webmanifest manifest.webmanifest; fi

# ---------------------------------------------------------------- (g) the demo page
if cargo run --quiet --release --locked --features cli -- page --help >/dev/null 2>&1; then
  step "verbatim page → index.html"
  cargo run --quiet --release --locked --features cli -- page --index pkg/AG12734-fr.idx -o index.html >&2
else
  step "the CLI has no page subcommand yet: index.html not generated"
fi

# ---------------------------------------------------------------- (f) service worker
if [ -f www/sw.js ]; then
  assets=()
  for f in index.html manifest.webmanifest; do [ -f "$f" ] && assets+=("$f"); done
  while IFS= read -r f; do assets+=("$f"); done < <(find pkg -type f | sort)
  # The shell is precached; the engines and the index are kept when a page names them
  # (sw.js), so a record's page never downloads the archive engine, nor an archive's page
  # the record engine, just to keep it.
  json="["
  shell=0
  for a in "${assets[@]}"; do
    [[ "$a" =~ ^[A-Za-z0-9._/-]+$ ]] || die "asset name needs JSON escaping: $a"
    case "$a" in
      pkg/verbatim.js | pkg/verbatim_bg.wasm | pkg/verbatim-archive.js | *.idx) continue ;;
    esac
    json+="\"$a\","
    shell=$((shell + 1))
  done
  json="${json%,}]"
  # The hash covers names and bytes of every file of the build, so any change renames the cache.
  hash=$(sha256sum "${assets[@]}" | sha256sum | cut -c1-12)
  sed -e "s|__CONTENT_HASH__|$hash|g" -e "s|__ASSETS__|$json|g" www/sw.js > sw.js.tmp
  mv sw.js.tmp sw.js
  step "sw.js: cache verbatim-$hash, $shell of ${#assets[@]} files precached"
fi

# ---------------------------------------------------------------- sizes
have_brotli=$(command -v brotli >/dev/null && echo yes || true)
printf '%-28s %10s %10s %10s\n' file raw gzip-9 "${have_brotli:+brotli-11}"
for f in pkg/* index.html sw.js manifest.webmanifest; do
  [ -f "$f" ] || continue
  raw=$(wc -c < "$f")
  gz=$(gzip -9 -n -c "$f" | wc -c)
  br=""
  [ -n "$have_brotli" ] && br=$(brotli -q 11 -c "$f" | wc -c)
  printf '%-28s %10d %10d %10s\n' "$f" "$raw" "$gz" "$br"
done
