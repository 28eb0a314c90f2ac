#!/usr/bin/env bash
# Installs what is missing, builds the release app and serves it on http://127.0.0.1:8080
# (PORT=… to change). Ctrl-C stops it. The built files are in dist/: any static host serves them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/tools.sh serve
source scripts/env.sh
cargo fetch --locked --quiet
exec trunk serve --release --no-autoreload --address 127.0.0.1 --port "${PORT:-8080}"
