#!/usr/bin/env bash
# Installs what the builds and tests need on a fresh Debian machine, skipping what
# is already there: the pinned Rust toolchain (rust-toolchain.toml), wasm-bindgen-cli
# at the Cargo.lock version, the npm tools (binaryen's wasm-opt…), Chromium and its driver.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "install-tools: $*"; }

# Rust: `rustup toolchain install` with no name reads rust-toolchain.toml (targets, components).
if command -v rustup >/dev/null; then
  rustup toolchain install --no-self-update >/dev/null 2>&1 || rustup toolchain install >/dev/null
  say "rust $(rustc --version | awk '{ print $2 }'), targets: $(rustup target list --installed | tr '\n' ' ')"
else
  say "rustup is missing: install it from https://rustup.rs first" >&2
  exit 1
fi

# wasm-bindgen-cli must match the wasm-bindgen library version exactly.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" = "$want" ]; then
  say "wasm-bindgen $want present"
else
  say "installing wasm-bindgen-cli $want (a few minutes)…"
  cargo install --quiet wasm-bindgen-cli --version "$want"
fi

# npm tools, pinned by package-lock.json.
if [ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/esbuild ] && node -e '
  const lock = require("./package-lock.json").packages;
  const same = (name) => lock["node_modules/" + name].version === require("./node_modules/" + name + "/package.json").version;
  process.exit(["binaryen", "esbuild", "playwright-core", "axe-core"].every(same) ? 0 : 1)' 2>/dev/null; then
  say "node_modules present"
else
  say "npm ci…"
  npm ci --no-audit --no-fund --loglevel=error
fi

# A browser for wasm-bindgen-test and the browser tests (Debian packages).
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
if [ ${#missing[@]} -eq 0 ]; then
  say "chromium and chromedriver present"
else
  say "apt-get install ${missing[*]}…"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
say "done"
