#!/usr/bin/env bash
# Prints, for each page of dist/ (each part of Troth is one), the bytes fetched before it is
# usable: the page itself and the scripts, WASM and styles it names (raw and gzip -9). Fails
# (exit 1) when any page is over the budget. Icons, the manifest and the service worker are
# not counted: nothing waits for them.
#
#   bash scripts/size.sh            # the product's budget: 150 KB gzip per page
#   SIZE_BUDGET=N bash scripts/size.sh
#   SIZE_BUDGETS="index.html=N talk.html=M" bash scripts/size.sh   # per page, others SIZE_BUDGET
set -euo pipefail
cd "$(dirname "$0")/.."
BUDGET=${SIZE_BUDGET:-$((150 * 1024))}
declare -A budget_of=()
for pair in ${SIZE_BUDGETS:-}; do budget_of[${pair%%=*}]=${pair#*=}; done
over=0
gz() { gzip -9c "$1" | wc -c; }
printf '%-12s %8s %8s %8s %8s %8s   %s\n' page html js wasm css total "(gzip; raw total)"
for page in dist/*.html; do
  declare -A kind=([html]=0 [js]=0 [wasm]=0 [css]=0)
  raw=$(stat -c %s "$page")
  kind[html]=$(gz "$page")
  # Every local file the page names (Trunk writes them as ./name).
  while IFS= read -r f; do
    path="dist/${f#./}"
    [[ -f "$path" ]] || { echo "size: $page names $f, which is not in dist/" >&2; exit 1; }
    ext=${f##*.}
    [[ -n "${kind[$ext]+set}" ]] || continue
    kind[$ext]=$((kind[$ext] + $(gz "$path")))
    raw=$((raw + $(stat -c %s "$path")))
  done < <(grep -o '\(href\|src\)="\./[^"]*"' "$page" | cut -d'"' -f2 | sort -u)
  total=$((kind[html] + kind[js] + kind[wasm] + kind[css]))
  limit=${budget_of[$(basename "$page")]:-$BUDGET}
  verdict="within $limit"
  if ((total > limit)); then verdict="OVER $limit by $((total - limit))"; over=1; fi
  printf '%-12s %8d %8d %8d %8d %8d   (%d raw) %s\n' "$(basename "$page")" \
    "${kind[html]}" "${kind[js]}" "${kind[wasm]}" "${kind[css]}" "$total" "$raw" "$verdict"
  unset kind
done
echo "budget: $BUDGET bytes gzip per page${SIZE_BUDGETS:+ (but $SIZE_BUDGETS)}"
((over == 0)) || { echo "size: a page is over its first-load budget" >&2; exit 1; }
