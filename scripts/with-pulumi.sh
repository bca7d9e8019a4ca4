#!/usr/bin/env bash
# Runs a command with the Pulumi CLI on PATH: the one already installed, or the one
# scripts/ensure-pulumi.sh builds once per machine from the Go module proxy.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pulumi_bin="$("$here/ensure-pulumi.sh" | tail -n 1)"
export PATH="$pulumi_bin:$PATH"
exec "$@"
