#!/usr/bin/env bash
# Every test: formatting, lints, the engine's tests, the wasm32 build of the library,
# the generated-types drift check, the page build and the real-browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
# Some sandboxes have /dev/null as a regular file: everything sent to it piles up, and
# cargo's target probe (`rustc -` with stdin from /dev/null) then reads that text as Rust
# source and fails. Put the real device back (or at least empty the file).
if [ ! -c /dev/null ]; then
  { rm -f /dev/null && mknod -m 666 /dev/null c 1 3; } 2>/dev/null || : > /dev/null || true
  echo "note: /dev/null was not a character device; $(ls -l /dev/null)"
fi

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
