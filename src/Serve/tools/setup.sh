#!/usr/bin/env bash
# Installs abcjs (pinned in src/Serve/web/package-lock.json) with npm and copies its browser build into
# src/Serve/wwwroot/vendor, where the build embeds it. Run before building; ./test.sh runs it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

target=wwwroot/vendor/abcjs-basic-min.js
if [[ -f "$target" && ! web/package-lock.json -nt "$target" ]]; then
  exit 0
fi
command -v npm >/dev/null || { echo "setup.sh: npm is missing (apt-get install -y npm)" >&2; exit 1; }
(cd web && npm ci --no-audit --no-fund --loglevel=error)
mkdir -p wwwroot/vendor
cp web/node_modules/abcjs/dist/abcjs-basic-min.js "$target"
echo "setup.sh: abcjs $(node -p "require('./web/node_modules/abcjs/package.json').version") copied to src/Serve/$target" >&2
