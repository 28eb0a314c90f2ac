#!/usr/bin/env bash
# Installs what building and testing Troth needs, skipping whatever is already there at the
# right version. Idempotent: a second run takes seconds. Nothing is downloaded from outside the
# package registries (crates.io, npm, Debian): see ../shared/TOOLCHAIN.md for why each choice.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14          # 0.22 needs a newer rustc than this machine's stable
WASM_BINDGEN_VERSION=0.2.130   # must equal the wasm-bindgen crate pinned in Cargo.toml
BINARYEN_VERSION=132.0.0       # Debian's wasm-opt 108 emits wasm that crashes at start-up
ESBUILD_VERSION=0.28.2         # minifies each page's JS glue and its one stylesheet (scripts/minify.mjs)
AXE_VERSION=4.14.1             # axe-core, injected by the e2e accessibility check (tests/e2e/access.rs)
GECKODRIVER_VERSION=0.37.1     # Firefox's WebDriver, built from crates.io (the npm ones download binaries)
# WebKitGTK's browser, driven by WebKitWebDriver: in libwebkit2gtk-4.1-0, which webkit2gtk-driver pulls in.
MINIBROWSER=/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser

say() { printf '\033[1m[tools]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The browsers the end-to-end tests drive, from Debian: Chromium for every test; Firefox ESR and
# WebKitGTK (Safari's engine) for the core, WebKitGTK on a virtual display (Xvfb) of its own.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
# `tools.sh serve` (scripts/serve.sh) skips what only the tests need: the other two engines.
testing=true; [ "${1:-}" = serve ] && testing=false
if $testing; then
  command -v firefox-esr >/dev/null || missing+=(firefox-esr)
  if ! command -v WebKitWebDriver >/dev/null || [ ! -x "$MINIBROWSER" ]; then missing+=(webkit2gtk-driver); fi
  command -v Xvfb >/dev/null || missing+=(xvfb)
fi
if [ ${#missing[@]} -gt 0 ]; then
  say "installing ${missing[*]} (Debian packages)"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# geckodriver's version, its first line: read whole, then cut (`| head` closes the pipe early and
# geckodriver panics on the broken pipe, loudly).
gecko_version() { local v; v=$(geckodriver --version 2>/dev/null) || true; echo "${v%%$'\n'*}"; }
if $testing && [ "$(gecko_version)" != "geckodriver $GECKODRIVER_VERSION" ]; then
  say "installing geckodriver $GECKODRIVER_VERSION (about 5 minutes on 2 cores, once per machine)"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing trunk $TRUNK_VERSION (about 10 minutes on 2 cores, once per machine)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes, once per machine)"
  # Not --locked: its lock file names a webpki-roots version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
  say "installing wasm-opt (npm binaryen $BINARYEN_VERSION) into .tools/"
  mkdir -p .tools
  npm install --silent --no-audit --no-fund --prefix .tools "binaryen@$BINARYEN_VERSION"
fi

if [ "$(esbuild --version 2>/dev/null)" != "$ESBUILD_VERSION" ]; then
  say "installing esbuild $ESBUILD_VERSION (npm) into .tools/"
  mkdir -p .tools
  npm install --silent --no-audit --no-fund --save-exact --prefix .tools "esbuild@$ESBUILD_VERSION"
fi

AXE_JSON=.tools/node_modules/axe-core/package.json
if [ "$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$AXE_JSON" 2>/dev/null | head -n1)" != "$AXE_VERSION" ]; then
  say "installing axe-core $AXE_VERSION (npm) into .tools/"
  mkdir -p .tools
  npm install --silent --no-audit --no-fund --save-exact --prefix .tools "axe-core@$AXE_VERSION"
fi

ready="$(trunk --version), $(wasm-bindgen --version), $(wasm-opt --version), esbuild $(esbuild --version), axe-core $AXE_VERSION, $(chromium --version 2>/dev/null)"
if $testing; then
  ready+=", $(firefox-esr --version 2>/dev/null), $(gecko_version), WebKitGTK $(dpkg-query -W -f='${Version}' libwebkit2gtk-4.1-0)"
fi
say "ready: $ready"
