#!/bin/sh
# The Debian packages harden's demo and tests need, as "command package" pairs.
#   system-packages.sh all       every package
#   system-packages.sh missing   packages whose command is not installed
set -eu
list='dockerd docker.io
busybox busybox-static
iptables iptables
curl curl
openssl openssl
xmllint libxml2-utils'
mode=${1:-all}
echo "$list" | while read -r command package; do
  if [ "$mode" = all ] || ! command -v "$command" >/dev/null 2>&1; then
    printf ' %s' "$package"
  fi
done
