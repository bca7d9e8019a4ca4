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
# The repository's own package by name (node_modules/pulumi-mailersend -> ..), for the examples, the
# demo and the tests; npm ci/install remove it, so it is made again here (never at install time:
# the published package does not ship this script).
node scripts/link-self.js
