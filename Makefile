# Verbatim — the two commands a newcomer needs:
#   make serve   serve the widget on the shipped record at a printed localhost address
#   make test    run every test (Rust, wasm in headless Chromium, browser end to end)
# Both install what they need first.

CARGO ?= cargo
PORT ?= 8000
DEV_QUERIES := tests/data/eval/AG12734-dev-queries.jsonl
MORE_QUERIES := tests/data/eval/AG12734-more-queries.jsonl
HELDOUT_QUERIES := tests/data/eval/AG12734-heldout-queries.jsonl
FRESH_QUERIES := tests/data/eval/AG12734-fresh-queries.jsonl
FOURTH_QUERIES := tests/data/eval/AG12734-fourth-queries.jsonl
FIFTH_QUERIES := tests/data/eval/AG12734-fifth-queries.jsonl
SIXTH_QUERIES := tests/data/eval/AG12734-sixth-queries.jsonl
SEVENTH_QUERIES := tests/data/eval/AG12734-seventh-queries.jsonl
EIGHTH_QUERIES := tests/data/eval/AG12734-eighth-queries.jsonl
NINTH_QUERIES := tests/data/eval/AG12734-ninth-queries.jsonl

.PHONY: serve test tools toolchain lint test-rust test-wasm test-browser pkg check-pkg bench bench-widget bench-peers bench-archive eval fuzz

toolchain:
	@rustup toolchain install >/dev/null 2>&1 || rustup toolchain install

tools:
	bash scripts/install-tools.sh

serve: toolchain
	$(CARGO) run --quiet --release --features cli -- serve --dir . --port $(PORT)

test: tools lint test-rust check-pkg test-wasm test-browser

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets --features cli -- -D warnings
	$(CARGO) clippy --lib --target wasm32-unknown-unknown -- -D warnings
	$(CARGO) clippy --lib --target wasm32-unknown-unknown --features archive -- -D warnings

test-rust:
	$(CARGO) test --features cli

test-wasm:
	bash scripts/test-wasm.sh

test-browser:
	node --test tests/browser/
	node --test tests/bench-smoke.test.mjs tests/bench-archive-smoke.test.mjs

# Rebuild pkg/ (wasm, glue, index, element), index.html and sw.js from the sources.
pkg: tools
	bash scripts/build-pkg.sh

# Fails when the committed pkg/ is not exactly what the sources build.
check-pkg:
	bash scripts/check-pkg.sh

# Figures, not tests: index bytes and native query latency on the record.
bench: toolchain
	$(CARGO) run --quiet --release --features cli -- index records/AG12734-fr.txt -o target/AG12734-fr.idx
	$(CARGO) run --quiet --release --features cli -- bench --index target/AG12734-fr.idx --queries $(DEV_QUERIES)

# Figures for the widget in headless Chromium: bytes to the first result, time to
# first result on a throttled phone-like profile, in-browser query latency.
bench-widget: tools
	node bench/widget.mjs

# Verbatim against its peers (Pagefind, MiniSearch, FlexSearch, lunr, Orama, tinysearch): relevance,
# bytes, speed, memory → BENCHMARKS.md and docs/bench-*.svg. Slow (~3 min); not part of `make test`.
bench-peers: tools
	npm ci --prefix bench --no-audit --no-fund --loglevel=error
	node bench/peers/run.mjs \
		--corpus records/AG12734-fr.txt --queries $(DEV_QUERIES) --name AG12734-fr \
		--corpus records/AG12734-fr.txt --queries $(MORE_QUERIES) --name AG12734-fr-more \
		--corpus records/AG12734-fr.txt --queries $(HELDOUT_QUERIES) --name AG12734-fr-heldout \
		--corpus records/AG12734-fr.txt --queries $(FRESH_QUERIES) --name AG12734-fr-fresh \
		--corpus records/AG12734-fr.txt --queries $(FOURTH_QUERIES) --name AG12734-fr-fourth \
		--corpus records/AG12734-fr.txt --queries $(FIFTH_QUERIES) --name AG12734-fr-fifth \
		--corpus records/AG12734-fr.txt --queries $(SIXTH_QUERIES) --name AG12734-fr-sixth \
		--corpus records/AG12734-fr.txt --queries $(SEVENTH_QUERIES) --name AG12734-fr-seventh \
		--corpus records/AG12734-fr.txt --queries $(EIGHTH_QUERIES) --name AG12734-fr-eighth \
		--corpus records/AG12734-fr.txt --queries $(NINTH_QUERIES) --name AG12734-fr-ninth \
		--corpus tests/data/fr-general/passages.jsonl --queries tests/data/fr-general/questions.jsonl

# Verbatim's archive index against Pagefind on the UN General Debate corpus (one session, 2015–2024,
# all 10,952 statements): build time and memory, index size, cold first query and warm latency in
# headless Chromium → the archive section of BENCHMARKS.md. Slow (~15 min); a quick run:
# make bench-archive ARCHIVE_ARGS="--sizes session". Options: bench/archive/run.mjs.
bench-archive: tools
	test -d bench/node_modules/pagefind || npm ci --prefix bench --no-audit --no-fund --loglevel=error
	node bench/archive/run.mjs $(ARCHIVE_ARGS)

eval: toolchain
	$(CARGO) run --quiet --release --features cli -- index records/AG12734-fr.txt -o target/AG12734-fr.idx
	$(CARGO) run --quiet --release --features cli -- eval --index target/AG12734-fr.idx --queries $(DEV_QUERIES) --baseline
	$(CARGO) run --quiet --release --features cli -- eval --index target/AG12734-fr.idx --queries $(MORE_QUERIES) --baseline
	$(CARGO) run --quiet --release --features cli -- eval --index target/AG12734-fr.idx --queries $(HELDOUT_QUERIES) --baseline
	$(CARGO) run --quiet --release --features cli -- eval --index target/AG12734-fr.idx --queries $(FRESH_QUERIES) --baseline
	$(CARGO) run --quiet --release --features cli -- eval --index target/AG12734-fr.idx --queries $(FOURTH_QUERIES) --baseline
	$(CARGO) run --quiet --release --features cli -- eval --index target/AG12734-fr.idx --queries $(FIFTH_QUERIES) --baseline
	$(CARGO) run --quiet --release --features cli -- eval --index target/AG12734-fr.idx --queries $(SIXTH_QUERIES) --baseline
	$(CARGO) run --quiet --release --features cli -- eval --index target/AG12734-fr.idx --queries $(SEVENTH_QUERIES) --baseline
	$(CARGO) run --quiet --release --features cli -- eval --index target/AG12734-fr.idx --queries $(EIGHTH_QUERIES) --baseline
	$(CARGO) run --quiet --release --features cli -- eval --index target/AG12734-fr.idx --queries $(NINTH_QUERIES) --baseline

# Fuzzes the decoder for FUZZ_SECONDS (default 60) and prints executions and crashes.
# Needs a nightly toolchain and cargo-fuzz (not installed by `make tools`); see fuzz/README.md.
fuzz:
	bash fuzz/run.sh
