#!/usr/bin/env bash
# Installs what is missing, builds Mosaic in release mode, and builds the bundled hub into public/.
# Extra arguments go to `mosaic build` (e.g. --drafts, --verbose).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ensure_apt pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libstemmer-dev libmimalloc-dev
swift build -c release --product mosaic
.build/release/mosaic build "$@"
