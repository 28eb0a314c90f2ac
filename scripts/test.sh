#!/usr/bin/env bash
# Installs what is missing and runs every test: formatting and lints, the domain and store
# natively, components in headless Chromium, then the release build driven end to end: every
# test in Chromium, then the core in Firefox ESR and in WebKitGTK, one engine after another.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/tools.sh
source scripts/env.sh

log="target/test-output.log"
: >"$log"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { "$@" 2>&1 | tee -a "$log"; }

cargo fetch --locked --quiet

step "format and lints"
cargo fmt --check
cargo clippy --locked --all-targets --quiet -- -D warnings
cargo clippy --locked --all-targets --quiet --target wasm32-unknown-unknown -- -D warnings

step "domain and store: native unit and property tests"
run cargo test --locked --lib

step "components: wasm-bindgen tests in headless Chromium"
run cargo test --locked --target wasm32-unknown-unknown --test web

step "release build"
trunk build --release --locked
# Each page's first load against a ceiling: its measured size (docs/size.md), so any
# growth fails the run. The product's budget, 150 KB a page, is the script's default and is not
# met yet: docs/size.md says by how much and what it would take.
SIZE_BUDGETS="index.html=382200 talk.html=325300 backup.html=218900 link.html=277700" bash scripts/size.sh
# The check can fail: over a budget it exits non-zero.
if SIZE_BUDGET=1 bash scripts/size.sh >/dev/null 2>&1; then
  echo "scripts/size.sh passed a 1-byte budget: the size check cannot fail" >&2; exit 1
fi

# The core is declared with `in_every_engine!` (tests/e2e.rs): each such test is
# `<name>::chromium`, `<name>::firefox` and `<name>::webkit`. Each engine's time is shown.
took() { echo "$1 took $(( SECONDS - started )) s" | tee -a "$log"; }

step "end to end: dist/ in Chromium"
started=$SECONDS
run cargo test --locked --test e2e -- --skip ::firefox --skip ::webkit
took "Chromium"

step "end to end, the core: dist/ in Firefox ESR"
started=$SECONDS
run cargo test --locked --test e2e ::firefox
took "Firefox ESR"

step "end to end, the core: dist/ in WebKitGTK (Safari's engine)"
started=$SECONDS
run cargo test --locked --test e2e ::webkit
took "WebKitGTK"

# One closing line for the whole run, summed over every suite above.
awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($i ~ /^passed/) p += $(i-1); if ($i ~ /^failed/) f += $(i-1) } }
     END { printf "\nall suites: %d passed, %d failed\n", p, f; exit (f > 0) }' "$log"
