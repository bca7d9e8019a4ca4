#!/usr/bin/env bash
# Installs the npm dependencies (npm ci) when node_modules is missing or older than the lockfile,
# so `npm run demo` and `npm test` work on a fresh clone. Progress goes to stderr.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
marker=node_modules/.package-lock.json
if [ ! -f "$marker" ] || [ package-lock.json -nt "$marker" ] || [ ! -x node_modules/.bin/node ]; then
  echo "ensure-deps: installing npm dependencies (npm ci)..." >&2
  npm ci >&2
fi
