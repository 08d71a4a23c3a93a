#!/usr/bin/env bash
# The main job: build the page into one self-contained file (dist/kanalsim.html) and run it,
# from disk, in headless Chromium on the default scenario (Tønder 2012 and a scenario beside
# it), printing the key figures. Then open dist/kanalsim.html in any browser.
set -euo pipefail
cd "$(dirname "$0")/.."
# /dev/null must be the device, not a file (see scripts/devnull.sh).
source scripts/devnull.sh
if ! wasm-bindgen --version 2>/dev/null | grep -q " 0.2.130\$"; then
  rustup target add wasm32-unknown-unknown
  cargo install wasm-bindgen-cli --version =0.2.130
fi
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -q && apt-get install -y -q chromium
fi
scripts/build-page.sh
node scripts/run-page.mjs
