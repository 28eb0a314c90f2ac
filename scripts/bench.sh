#!/usr/bin/env bash
# The benchmark: builds the release app, serves it with the vanilla-JS floor (bench/floor/) on
# 127.0.0.1, drives headless Chromium, prints one table and writes it to docs/benchmarks.md.
# Not part of the test run. Run it after the README's set-up; it takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/tools.sh
source scripts/env.sh
trunk build --release --locked
out="$(mktemp)"
TROTH_BENCH_OUT="$out" cargo test --locked --test bench -- --ignored --nocapture --exact benchmark
{
  echo "# Benchmarks"
  echo
  echo "Run with \`bash scripts/bench.sh\` on $(date -u +%Y-%m-%d): $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GiB,"
  echo "$(chromium --version 2>/dev/null | head -1), headless, frame rate limit off. Troth is the release build; the floor is"
  echo "bench/floor/, hand-written vanilla JS doing the same work on the same stored data in the same run."
  echo "How each figure is taken, and what changed when a budget failed: docs/benchmarks-method.md."
  echo
  cat "$out"
} > docs/benchmarks.md
rm -f "$out"
echo "written: docs/benchmarks.md"
