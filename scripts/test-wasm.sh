#!/usr/bin/env bash
# Runs tests/wasm.rs (the browser boundary) in headless Chromium through
# wasm-bindgen-test-runner and chromedriver. Extra arguments go to cargo test.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wasm-bindgen-test-runner >/dev/null \
  || { echo "test-wasm: wasm-bindgen-test-runner not found; run scripts/install-tools.sh" >&2; exit 1; }
export CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver || echo /usr/bin/chromedriver)}
[ -x "$CHROMEDRIVER" ] || { echo "test-wasm: chromedriver not found; run scripts/install-tools.sh" >&2; exit 1; }
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120}
# webdriver.json at the repository root passes the headless Chromium arguments.
# Two builds, two boundaries: Engine (default) and Archive (feature `archive`).
cargo test --target wasm32-unknown-unknown --test wasm "$@"
exec cargo test --target wasm32-unknown-unknown --features archive --test wasm_archive "$@"
