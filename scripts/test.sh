#!/usr/bin/env bash
# Every test: formatting, lints, the engine's tests, the wasm32 build of the library,
# the generated-types drift check, the page build and the real-browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
# /dev/null must be the device, not a file (see scripts/devnull.sh).
source scripts/devnull.sh

echo "== cargo fmt --check"
cargo fmt --check

echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings

echo "== library builds for wasm32-unknown-unknown"
cargo build --lib --target wasm32-unknown-unknown --release

echo "== cargo test --release"
cargo test --release

echo "== page: build and browser tests"
scripts/build-page.sh

echo "== same numbers natively and in WebAssembly"
node tests/parity/native-wasm.mjs

scripts/test-browser.sh
