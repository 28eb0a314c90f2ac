# Sourced by the scripts: where the project's tools are, and quiet, offline Trunk runs.
export PATH="$HOME/.cargo/bin:$PWD/.tools/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
# Browser tests leave Chromium profiles in TMPDIR: keep them inside target/.
mkdir -p target/tmp
export TMPDIR="$PWD/target/tmp"
