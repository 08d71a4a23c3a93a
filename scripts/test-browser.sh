#!/usr/bin/env bash
# The page's checks: generated TypeScript types match the Rust types (drift), TypeScript
# (strict) type-checks, unit tests of the pure modules (node), then the real-browser tests
# of dist/kanalsim.html in headless Chromium (file://). Run scripts/build-page.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
# /dev/null must be the device, not a file (see scripts/devnull.sh).
source scripts/devnull.sh

if [ ! -f dist/kanalsim.html ] || [ ! -d www/build/pkg ]; then
  scripts/build-page.sh
fi
if [ ! -d www/node_modules ]; then (cd www && npm ci --no-audit --no-fund); fi

echo "== generated types up to date (schema.json, types.ts)"
(cd www && node tools/gen-types.mjs --check)

echo "== tsc --strict (page and worker)"
(cd www && node_modules/.bin/tsc -p tsconfig.json && node_modules/.bin/tsc -p tsconfig.worker.json)

echo "== unit tests of the page's pure modules"
(cd www && node tools/unit.mjs)

echo "== native CLI (the browser tests compare with it)"
cargo build --release --bin kanalsim -q

echo "== browser tests (Chromium, file://)"
export CHROMIUM="${CHROMIUM:-$(command -v chromium || echo /usr/bin/chromium)}"
node tests/browser/run.mjs
