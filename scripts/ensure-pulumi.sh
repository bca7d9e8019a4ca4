#!/usr/bin/env bash
# Provides the Pulumi CLI for the engine tests: `pulumi`, the Node.js language host
# `pulumi-language-nodejs` and the dynamic-provider launcher `pulumi-resource-pulumi-nodejs`.
#
# Usage:
#   PATH="$(scripts/ensure-pulumi.sh):$PATH"
#
# The LAST line on stdout is the directory holding the three executables; all progress and errors
# go to stderr.
#
#   1. If `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs` are on PATH and
#      `pulumi version` works, that installation is used (set PULUMI_MAILERSEND_IGNORE_PATH=1 to
#      skip this and always use the cache below).
#   2. Otherwise the cache directory
#        ${PULUMI_MAILERSEND_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-mailersend}/pulumi-v3.274.1/bin
#      is used, building it first if needed: the CLI from the Go module proxy
#      (github.com/pulumi/pulumi/pkg/v3), our own language host from tools/pulumi-language-nodejs
#      (pinned by that directory's go.mod/go.sum, which also pin the CLI), and a launcher script
#      written here. The build runs once per machine (and again only when the language host's
#      sources change), outside the repository, under a lock, into a temporary directory.
#
# Needs, for the build: Go >= 1.26.6 (PULUMI_MAILERSEND_GO=/path/to/go picks one) and access to the Go
# module proxy; flock (util-linux) if present.
set -euo pipefail

readonly PULUMI_VERSION="3.274.1"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
host_src="$repo_root/tools/pulumi-language-nodejs"
# The Go version the pinned modules need (the `go` line of the language host's go.mod).
MIN_GO="$(awk '$1 == "go" { print $2; exit }' "$host_src/go.mod")"
cache_root="${PULUMI_MAILERSEND_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-mailersend}"
install_dir="$cache_root/pulumi-v$PULUMI_VERSION"
bin_dir="$install_dir/bin"
stamp_file="$bin_dir/.build-stamp"
started_at=$SECONDS

log() { printf 'ensure-pulumi: %s\n' "$*" >&2; }
elapsed() {
  local s=$((SECONDS - started_at))
  printf '%dm%02ds' $((s / 60)) $((s % 60))
}

install_hint="install the Pulumi CLI (https://www.pulumi.com/docs/install/) and put \`pulumi\`, \`pulumi-language-nodejs\` and \`pulumi-resource-pulumi-nodejs\` on PATH, or install Go >= $MIN_GO (https://go.dev/dl/; an older Go >= 1.21 with GOTOOLCHAIN=auto fetches it) with access to the Go module proxy (proxy.golang.org) so this script can build them"

fail() {
  log "ERROR: $*"
  log "To fix: $install_hint."
  exit 1
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$@" | cut -d' ' -f1
  else
    shasum -a 256 "$@" | cut -d' ' -f1
  fi
}

# The dynamic-provider launcher. The engine starts it (as the bundled resource plugin
# `pulumi-nodejs`) for pulumi.dynamic resources, with the program directory as working directory
# and the engine address as argument; it runs the dynamic-provider host of the @pulumi/pulumi
# package that the program itself resolves.
launcher_text() {
  cat <<'LAUNCHER'
#!/bin/sh
# pulumi-resource-pulumi-nodejs: written by pulumi-mailersend's scripts/ensure-pulumi.sh.
# Runs @pulumi/pulumi's dynamic-provider host, resolved from the current directory (the program's).
entry="$(node -e 'process.stdout.write(require.resolve("@pulumi/pulumi/cmd/dynamic-provider"))')" || {
  echo "pulumi-resource-pulumi-nodejs: cannot resolve @pulumi/pulumi/cmd/dynamic-provider from $(pwd); run npm install" >&2
  exit 1
}
exec node "$entry" "$@"
LAUNCHER
}

# Everything the build depends on; a change means the cached build is stale.
build_inputs_hash() {
  {
    echo "pulumi v$PULUMI_VERSION"
    cat "$host_src/go.mod" "$host_src/go.sum" "$host_src/main.go" "$host_src/tools.go"
    launcher_text
  } | sha256_of -
}

stamp_text() {
  printf 'pulumi=v%s\ninputs-sha256=%s\nhost-source-sha256=%s\n' \
    "$PULUMI_VERSION" "$(build_inputs_hash)" "$(sha256_of "$host_src/main.go")"
}

cache_is_current() {
  [[ -x "$bin_dir/pulumi" && -x "$bin_dir/pulumi-language-nodejs" &&
    -x "$bin_dir/pulumi-resource-pulumi-nodejs" && -f "$stamp_file" ]] &&
    [[ "$(cat "$stamp_file")" == "$(stamp_text)" ]]
}

# --- 1. An installation on PATH ------------------------------------------------------------------
if [[ -z "${PULUMI_MAILERSEND_IGNORE_PATH:-}" ]] && path_pulumi="$(command -v pulumi 2>/dev/null)"; then
  path_dir="$(cd "$(dirname "$path_pulumi")" && pwd -P)"
  cache_dir_real="$( (cd "$bin_dir" 2>/dev/null && pwd -P) || true)"
  if [[ "$path_dir" != "$cache_dir_real" ]]; then
    if ! command -v pulumi-language-nodejs >/dev/null 2>&1; then
      log "ignoring $path_pulumi: pulumi-language-nodejs is not on PATH"
    elif ! command -v pulumi-resource-pulumi-nodejs >/dev/null 2>&1; then
      log "ignoring $path_pulumi: pulumi-resource-pulumi-nodejs is not on PATH"
    elif ! path_version="$(pulumi version 2>/dev/null)"; then
      log "ignoring $path_pulumi: \`pulumi version\` failed"
    else
      log "using the Pulumi CLI on PATH: $path_pulumi ($path_version)"
      echo "$path_dir"
      exit 0
    fi
  fi
fi

# --- 2. The per-machine cache ----------------------------------------------------------------------
if cache_is_current; then
  log "using the cached Pulumi CLI v$PULUMI_VERSION in $bin_dir"
  echo "$bin_dir"
  exit 0
fi

mkdir -p "$install_dir"

# Serialise builds: one builder per machine (per cache directory); the others wait and reuse it.
lock_file="$install_dir/.lock"
if command -v flock >/dev/null 2>&1; then
  exec 9>"$lock_file"
  if ! flock -n 9; then
    log "another ensure-pulumi.sh is building the Pulumi CLI; waiting for it…"
    flock 9
  fi
else
  lock_dir="$lock_file.d"
  until mkdir "$lock_dir" 2>/dev/null; do
    holder="$(cat "$lock_dir/pid" 2>/dev/null || true)"
    if [[ -n "$holder" ]] && ! kill -0 "$holder" 2>/dev/null; then
      log "removing a stale lock left by process $holder"
      rm -rf "$lock_dir"
      continue
    fi
    sleep 2
  done
  echo $$ >"$lock_dir/pid"
  trap 'rm -rf "$lock_dir"' EXIT
fi

if cache_is_current; then
  log "the Pulumi CLI v$PULUMI_VERSION was built by another process: $bin_dir"
  echo "$bin_dir"
  exit 0
fi

# Find Go (PULUMI_MAILERSEND_GO names a specific go binary).
go_bin=""
if [[ -n "${PULUMI_MAILERSEND_GO:-}" ]]; then
  [[ -x "$PULUMI_MAILERSEND_GO" ]] || fail "PULUMI_MAILERSEND_GO=$PULUMI_MAILERSEND_GO is not an executable."
  go_bin="$PULUMI_MAILERSEND_GO"
else
  for candidate in "$(command -v go 2>/dev/null || true)" "${GOROOT:+$GOROOT/bin/go}" \
    /usr/local/go/bin/go "${HOME:-/nonexistent}/go/bin/go"; do
    if [[ -n "$candidate" && -x "$candidate" ]]; then
      go_bin="$candidate"
      break
    fi
  done
fi
[[ -n "$go_bin" ]] || fail "the Pulumi CLI is not on PATH and Go is not installed (no \`go\` on PATH, in \$GOROOT/bin or /usr/local/go/bin), so it cannot be built."
go_version="$("$go_bin" env GOVERSION 2>/dev/null || true)"
log "building Pulumi CLI v$PULUMI_VERSION from the Go module proxy (once per machine, ~4 minutes on 2 cores)…"
log "using $go_bin ($go_version); cache: $install_dir"

rm -rf "$install_dir"/build.* # left by interrupted builds (we hold the lock, nobody else builds)
work="$(mktemp -d "$install_dir/build.XXXXXX")"
build_log="$install_dir/last-build.log"
cleanup_work() { rm -rf "$work"; }
trap 'cleanup_work; [[ -n "${lock_dir:-}" ]] && rm -rf "$lock_dir"; true' EXIT

# A throwaway module: the language host's sources plus its go.mod/go.sum (which pin the CLI too).
# GOWORK=off so no go.work above it is picked up; -mod=mod so go.sum may be completed in the copy.
mkdir -p "$work/src" "$work/out"
cp "$host_src/go.mod" "$host_src/go.sum" "$host_src/main.go" "$host_src/tools.go" "$work/src/"
export GOWORK=off
export GOFLAGS="-mod=mod -buildvcs=false"

# Runs one build step in the background with a heartbeat, appending its output to the log.
run_step() {
  local name="$1"
  shift
  local step_start=$SECONDS
  log "[$(elapsed)] $name…"
  echo "### $name: $*" >>"$build_log"
  (cd "$work/src" && "$@") >>"$build_log" 2>&1 &
  local pid=$! beat=0
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    beat=$((beat + 1))
    if ((beat % 30 == 0)); then
      log "[$(elapsed)] $name: still running…"
    fi
  done
  if ! wait "$pid"; then
    log "[$(elapsed)] $name FAILED; last lines of $build_log:"
    tail -n 30 "$build_log" | sed 's/^/    /' >&2
    fail "building the Pulumi CLI failed (step: $name)."
  fi
  log "[$(elapsed)] $name: done in $((SECONDS - step_start))s"
}

: >"$build_log"
version_pkg="github.com/pulumi/pulumi/sdk/v3/go/common/version"
run_step "downloading modules" "$go_bin" mod download
run_step "compiling pulumi and pulumi-language-nodejs" \
  "$go_bin" build -ldflags "-s -w -X $version_pkg.Version=v$PULUMI_VERSION" \
  -o "$work/out/" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi .
launcher_text >"$work/out/pulumi-resource-pulumi-nodejs"
chmod 755 "$work/out/pulumi-resource-pulumi-nodejs"

# Smoke-check the results before installing them.
built_version="$("$work/out/pulumi" version 2>&1)" || fail "the built pulumi does not run: $built_version"
[[ "$built_version" == "v$PULUMI_VERSION" ]] ||
  fail "the built pulumi reports version '$built_version', expected v$PULUMI_VERSION."
"$work/out/pulumi-language-nodejs" 127.0.0.1:0 >"$work/host.out" 2>"$work/host.err" &
host_pid=$!
for _ in $(seq 1 50); do
  [[ -s "$work/host.out" ]] && break
  sleep 0.1
done
kill "$host_pid" 2>/dev/null || true
wait "$host_pid" 2>/dev/null || true
grep -Eq '^[0-9]+$' "$work/host.out" ||
  fail "the built pulumi-language-nodejs did not print its port: $(cat "$work/host.out" "$work/host.err")"

# Install: each rename is atomic; the stamp goes last, so a half-installed bin is never "current".
mkdir -p "$bin_dir"
rm -f "$stamp_file"
for exe in pulumi pulumi-language-nodejs pulumi-resource-pulumi-nodejs; do
  mv -f "$work/out/$exe" "$bin_dir/$exe"
done
stamp_text >"$work/stamp"
mv -f "$work/stamp" "$stamp_file"

log "[$(elapsed)] built Pulumi CLI $built_version and the Node.js language host into $bin_dir"
echo "$bin_dir"
