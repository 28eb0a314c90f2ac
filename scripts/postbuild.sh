#!/usr/bin/env bash
# Run by Trunk after it stages a build (Trunk.toml [[hooks]]), on the staged files.
#
# Troth is three pages, each with its own WASM from the one library crate (src/ui/parts.rs):
# index.html (the ledger), talk.html (presentation mode), backup.html (the Backup page). Trunk
# builds one page per run, so the run for index.html (what `trunk build` and `trunk serve`
# start) builds the other two here, with the same profile, and stages their files beside its
# own. Then, over the whole staged build:
# - a Content-Security-Policy in each page that lets the WASM run ('wasm-unsafe-eval') and
#   allows that page's inline scripts (Trunk's start-up script, and the colours script of
#   src/store/prefs.js) by their hashes: no other inline script, no other host;
# - the build's version and its file list in the service worker, so one build is cached whole
#   (every page, so each opens offline) and a new build replaces it whole.
# Plain bash and coreutils, and Node for the minifier (esbuild, from scripts/tools.sh).
set -euo pipefail
staging=${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}
source_dir=$(cd "${TRUNK_SOURCE_DIR:-$(dirname "$0")/..}" && pwd)
# A page built from here only needs its policy: the run that started it does the rest.
shown=
if [[ -n "${TROTH_PART_BUILD:-}" ]]; then
  # Trunk writes every page it builds as index.html; the merge below renames it.
  only=index.html
  shown=$TROTH_PART_BUILD
else
  only=
  cd "$source_dir"
  release=()
  [[ "${TRUNK_PROFILE:-debug}" == release ]] && release=(--release)
  for page in talk backup link; do
    out="target/parts/$page"
    rm -rf "$out"
    TROTH_PART_BUILD="$page.html" trunk --quiet build "$page.html" --dist "$out" "${release[@]}" --locked
    mv "$out/index.html" "$out/$page.html"
    cp -r "$out"/. "$staging"/
  done
fi
cd "$staging"
# Each page's stylesheets as one minified file, its JS glue minified (integrity recomputed);
# the inline scripts stay byte for byte, so the policy's hashes below hold.
[[ -n "$only" ]] || node "$source_dir/scripts/minify.mjs" .

policy() {
  local page=$1 html rest tag script hex hash hashes='' csp charset
  html=$(<"$page")
  [[ "$html" == *'<script type="module">'* ]] || { echo "postbuild: no inline module script in $page" >&2; exit 1; }
  # Every inline script, each allowed by its hash: Trunk's start-up module, and the one that
  # puts the chosen colours on <html> before the first paint (src/store/prefs.js).
  rest=$html
  while [[ "$rest" == *'<script'* ]]; do
    rest=${rest#*'<script'}
    tag=${rest%%'>'*}
    rest=${rest#*'>'}
    script=${rest%%'</script>'*}
    rest=${rest#*'</script>'}
    [[ "$tag" != *src=* ]] || continue
    hex=$(printf '%s' "$script" | sha256sum | cut -d' ' -f1)
    hash=$(printf '%b' "$(sed 's/../\\x&/g' <<<"$hex")" | base64 -w0)
    hashes+=" 'sha256-$hash'"
  done
  csp="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'$hashes; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
  charset='<meta charset="utf-8">'
  [[ "$html" == *"$charset"* ]] || { echo "postbuild: no $charset in $page" >&2; exit 1; }
  [[ "$html" != *Content-Security-Policy* ]] || return 0
  # The policy must come before any script it governs: right after the charset.
  printf '%s\n' "${html/"$charset"/"$charset"$'\n    '"<meta http-equiv=\"Content-Security-Policy\" content=\"$csp\">"}" > "$page"
  echo "postbuild: ${shown:-$page} allows its inline scripts:$hashes"
}

if [[ -n "$only" ]]; then
  policy "$only"
  exit 0
fi
for page in *.html; do policy "$page"; done

mapfile -t files < <(find . -type f ! -name sw.js | sed 's|^\./||' | LC_ALL=C sort)
version=$(for f in "${files[@]}"; do printf '%s  %s\n' "$(sha256sum < "$f" | cut -d' ' -f1)" "$f"; done | sha256sum | cut -c1-16)
assets='"./"'
for f in "${files[@]}"; do assets+=", \"./$f\""; done
sed -i -e "s|__TROTH_VERSION__|$version|" -e "s|\"__TROTH_ASSETS__\"|$assets|" sw.js
echo "postbuild: service worker for build $version (${#files[@]} files)"
