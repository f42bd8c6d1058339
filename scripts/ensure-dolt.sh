#!/usr/bin/env bash
# Finds the pinned Dolt (or a newer one) or builds it from the Go module proxy into a cache outside the repo,
# then prints the binary's absolute path on stdout.
#   --quiet            no progress messages on stderr
#   --root-path DIR    also prepare DIR as a DOLT_ROOT_PATH: user.name/user.email set, metrics disabled
# Lookup order: $GT_DOLT_BIN, the cache ($GT_DOLT_CACHE, default ~/.cache/gt), `dolt` on PATH.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=dolt-pin.env
. "$here/dolt-pin.env"

quiet=0
root_path=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quiet) quiet=1 ;;
    --root-path) root_path=${2:?--root-path needs a directory}; shift ;;
    *) echo "ensure-dolt: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

say() { [ "$quiet" = 1 ] || echo "ensure-dolt: $*" >&2; }
die() { echo "ensure-dolt: $*" >&2; exit 1; }

cache_root=${GT_DOLT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/gt}
cache_bin="$cache_root/dolt-$DOLT_MODULE_VERSION/bin/dolt"

version_of() { DOLT_DISABLE_EVENT_FLUSH=1 "$1" version 2>/dev/null | sed -n 's/^dolt version \([0-9][0-9.]*\).*/\1/p' | head -n 1; }
at_least_pinned() { [ -n "$1" ] && [ "$(printf '%s\n%s\n' "$DOLT_VERSION" "$1" | sort -V | head -n 1)" = "$DOLT_VERSION" ]; }

find_dolt() {
  local candidate version
  for candidate in "${GT_DOLT_BIN:-}" "$cache_bin" "$(command -v dolt 2>/dev/null || true)"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    version=$(version_of "$candidate")
    if at_least_pinned "$version"; then
      echo "$candidate"
      return 0
    fi
    say "ignoring $candidate (version '${version:-unknown}', need >= $DOLT_VERSION)"
  done
  return 1
}

build_dolt() {
  command -v go >/dev/null 2>&1 || die "no Dolt >= $DOLT_VERSION found and no Go toolchain to build it.
Install Go >= 1.21 (https://go.dev/doc/install; Debian: apt-get install golang) or put dolt >= $DOLT_VERSION on PATH,
then run this script again."
  if ! command -v gcc >/dev/null 2>&1 || ! command -v g++ >/dev/null 2>&1 || [ ! -f /usr/include/unicode/uregex.h ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "installing the C toolchain and ICU headers Dolt's cgo build needs (apt-get install gcc g++ libicu-dev)"
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq gcc g++ libicu-dev >&2
    else
      die "building Dolt needs gcc, g++ and the ICU headers. Install them (Debian/Ubuntu: sudo apt-get install gcc g++ libicu-dev)."
    fi
  fi
  local staging
  staging=$(mktemp -d "$cache_root/.build.XXXXXX")
  say "building Dolt $DOLT_VERSION ($DOLT_MODULE@$DOLT_MODULE_VERSION); the first build takes several minutes"
  if ! CGO_ENABLED=1 GOBIN="$staging" GOFLAGS=-buildvcs=false go install "$DOLT_MODULE@$DOLT_MODULE_VERSION" >&2; then
    rm -rf "$staging"
    die "go install $DOLT_MODULE@$DOLT_MODULE_VERSION failed (see above)."
  fi
  mkdir -p "$(dirname "$cache_bin")"
  mv "$staging/dolt" "$cache_bin"
  rm -rf "$staging"
}

prepare_root() {
  local dolt=$1 dir=$2
  mkdir -p "$dir"
  export DOLT_ROOT_PATH=$dir DOLT_DISABLE_EVENT_FLUSH=1
  "$dolt" config --global --add user.name "gt test" >/dev/null
  "$dolt" config --global --add user.email "gt-test@gastown.local" >/dev/null
  "$dolt" config --global --add metrics.disabled true >/dev/null
}

mkdir -p "$cache_root"
if ! dolt=$(find_dolt); then
  build_dolt
  dolt=$(find_dolt) || die "the freshly built $cache_bin does not report version >= $DOLT_VERSION"
fi
say "using $dolt ($(version_of "$dolt"))"
[ -z "$root_path" ] || prepare_root "$dolt" "$root_path"
echo "$dolt"
