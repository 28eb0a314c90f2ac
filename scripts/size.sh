#!/usr/bin/env bash
# Prints the first-load bytes of dist/ (wasm, js, css; raw and gzip -9) against the budget.
# The service worker is not counted: it is fetched after the page is up.
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET=$((150 * 1024))
total_raw=0; total_gz=0
printf '%-6s %10s %10s\n' kind raw gzip
for kind in wasm js css; do
  raw=0; gz=0
  for f in dist/*."$kind"; do
    [ -e "$f" ] && [ "$(basename "$f")" != sw.js ] || continue
    raw=$((raw + $(stat -c %s "$f")))
    gz=$((gz + $(gzip -9c "$f" | wc -c)))
  done
  printf '%-6s %10d %10d\n' "$kind" "$raw" "$gz"
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
done
printf '%-6s %10d %10d   (budget %d gzip: %s)\n' total "$total_raw" "$total_gz" "$BUDGET" \
  "$([ "$total_gz" -le "$BUDGET" ] && echo within || echo OVER)"
