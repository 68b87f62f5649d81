#!/usr/bin/env bash
# Rebuilds the site with build-pkg.sh and fails when the committed outputs
# (pkg/, index.html, sw.js, manifest.webmanifest) differ from the fresh build.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build-pkg.sh >/dev/null
paths=(pkg index.html sw.js manifest.webmanifest)
existing=()
for p in "${paths[@]}"; do [ -e "$p" ] && existing+=("$p"); done
changed=$(git status --short --untracked-files=all -- "${existing[@]}")
if git diff --quiet --exit-code -- "${existing[@]}" && [ -z "$changed" ]; then
  echo "check-pkg: the committed pkg/, index.html, sw.js and manifest.webmanifest match a fresh build"
  exit 0
fi
echo "check-pkg: the committed build outputs differ from a fresh build of these sources:" >&2
echo "$changed" >&2
echo "check-pkg: run scripts/build-pkg.sh and commit pkg/, index.html, sw.js and manifest.webmanifest" >&2
exit 1
