#!/usr/bin/env bash
# Runs a command with the Pulumi CLI on PATH: the one already installed, or the one
# scripts/ensure-pulumi.sh builds once per machine from the Go module proxy. It also links the
# repository's own package by name (scripts/link-self.js), which the Pulumi programs under test need.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pulumi_bin="$("$here/ensure-pulumi.sh" | tail -n 1)"
export PATH="$pulumi_bin:$PATH"
node "$here/link-self.js"
exec "$@"
