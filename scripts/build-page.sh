#!/usr/bin/env bash
# Builds the page into one self-contained HTML file, dist/kanalsim.html, and the script
# include for <kanal-sim>, dist/kanal-sim.js:
#   cargo (wasm32, release) → wasm-bindgen --target web → wasm-opt -O3 (npm binaryen)
#   → esbuild (worker as text, wasm as base64) → inlined HTML with a strict CSP.
set -euo pipefail
cd "$(dirname "$0")/.."
# /dev/null must be the device, not a file (see scripts/devnull.sh).
source scripts/devnull.sh

WB_VERSION=0.2.130
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WB_VERSION}\$"; then
  echo "wasm-bindgen-cli ${WB_VERSION} is needed: cargo install wasm-bindgen-cli --version =${WB_VERSION}" >&2
  exit 1
fi

echo "== wasm: cargo build (wasm32-unknown-unknown, release, cdylib)"
cargo rustc --release --target wasm32-unknown-unknown --lib --crate-type cdylib -q

echo "== wasm-bindgen --target web"
rm -rf www/build/pkg && mkdir -p www/build/pkg
wasm-bindgen --target web --out-dir www/build/pkg target/wasm32-unknown-unknown/release/kanalsim.wasm

echo "== npm ci"
if [ ! -d www/node_modules ] || [ www/package-lock.json -nt www/node_modules/.package-lock.json ]; then
  (cd www && npm ci --no-audit --no-fund)
fi

echo "== wasm-opt -O3, esbuild, inline"
(cd www && node tools/build.mjs)
