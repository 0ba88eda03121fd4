#!/bin/sh
# Makes a fresh clone on a fresh machine ready for `npm run demo`, `npm test`
# and `npm run bench`: the Debian packages the real-component tests use, the
# npm packages, and the compiled CLI in dist/.
set -eu
cd "$(dirname "$0")/../.."

# The single list of system packages; .ci/run installs the same list.
packages=$(sh test/sandbox/system-packages.sh missing)
if [ -n "$packages" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "harden: installing Debian packages:$packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $packages >&2
  else
    echo "harden: missing Debian packages:$packages" >&2
    echo "harden: run: sudo apt-get install -y --no-install-recommends$packages" >&2
    exit 1
  fi
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund >&2
fi
npm run build --silent >&2
