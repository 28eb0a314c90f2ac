#!/usr/bin/env bash
# Run by Trunk after it stages a build (Trunk.toml [[hooks]]), on the staged files:
# - writes the build's version and its file list into the service worker, so one build is
#   cached whole and a new build replaces it whole;
# - adds a Content-Security-Policy that lets the WASM run ('wasm-unsafe-eval') and allows
#   Trunk's one inline start-up script by its hash: no other inline script, no other host.
# Plain bash and coreutils: nothing to install.
set -euo pipefail
cd "${TRUNK_STAGING_DIR:?run by trunk as a post_build hook}"

html=$(<index.html)
script=${html#*'<script type="module">'}
script=${script%%'</script>'*}
[[ "$script" != "$html" ]] || { echo "postbuild: no inline module script in index.html" >&2; exit 1; }
hex=$(printf '%s' "$script" | sha256sum | cut -d' ' -f1)
hash=$(printf '%b' "$(sed 's/../\\x&/g' <<<"$hex")" | base64 -w0)
csp="default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-$hash'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
charset='<meta charset="utf-8">'
[[ "$html" == *"$charset"* ]] || { echo "postbuild: no $charset in index.html" >&2; exit 1; }
# The policy must come before any script it governs: right after the charset.
printf '%s\n' "${html/"$charset"/"$charset"$'\n    '"<meta http-equiv=\"Content-Security-Policy\" content=\"$csp\">"}" > index.html

mapfile -t files < <(find . -type f ! -name sw.js | sed 's|^\./||' | LC_ALL=C sort)
version=$(for f in "${files[@]}"; do printf '%s  %s\n' "$(sha256sum < "$f" | cut -d' ' -f1)" "$f"; done | sha256sum | cut -c1-16)
assets='"./"'
for f in "${files[@]}"; do assets+=", \"./$f\""; done
sed -i -e "s|__TROTH_VERSION__|$version|" -e "s|\"__TROTH_ASSETS__\"|$assets|" sw.js
echo "postbuild: service worker for build $version (${#files[@]} files), CSP script hash sha256-$hash"
