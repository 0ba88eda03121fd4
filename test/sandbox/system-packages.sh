#!/bin/sh
# The Debian packages harden's demo and tests need, as "path-or-command package"
# pairs (a path is for packages without a command, such as nginx modules).
#   system-packages.sh all       every package
#   system-packages.sh missing   packages whose command is not installed
set -eu
list='dockerd docker.io
busybox busybox-static
iptables iptables
curl curl
openssl openssl
xmllint libxml2-utils
nginx nginx
docker-compose docker-compose
/usr/lib/nginx/modules/ngx_stream_module.so libnginx-mod-stream
checkmodule checkpolicy
semodule_package semodule-utils
secilc secilc
/usr/share/selinux/devel/Makefile selinux-policy-dev
/etc/selinux/default/policy/policy.33 selinux-policy-default
audit2allow policycoreutils-python-utils
chromium chromium
systemd-analyze systemd'
mode=${1:-all}
echo "$list" | while read -r command package; do
  case $command in
    /*) present() { [ -e "$1" ]; } ;;
    *) present() { command -v "$1" >/dev/null 2>&1; } ;;
  esac
  if [ "$mode" = all ] || ! present "$command"; then
    printf ' %s' "$package"
  fi
done
