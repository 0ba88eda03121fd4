#!/bin/sh
# A throwaway Docker Engine on a private socket, for the demo, the tests, the
# benchmark and CI. It touches nothing outside its own directory: no iptables,
# no bridge, vfs storage, its own data-root, exec-root and pidfile.
#
#   engine.sh start [DIR]   start (or reuse) an engine; prints DOCKER_HOST=unix://DIR/docker.sock
#   engine.sh stop  [DIR]   stop it and remove DIR
#   engine.sh image [DIR]   import local/busybox:1 (done by start)
#
# DIR defaults to $HARDEN_SANDBOX or /tmp/hd-engine. Keep it short: unix socket
# paths are limited to ~108 bytes and containerd's socket lives under exec-root.
set -eu

cmd=${1:-}
dir=${2:-${HARDEN_SANDBOX:-/tmp/hd-engine}}
sock="$dir/docker.sock"
image=local/busybox:1

die() { echo "engine.sh: $*" >&2; exit 1; }

ping_ok() {
  curl -sf --max-time 2 --unix-socket "$sock" http://localhost/_ping >/dev/null 2>&1
}

import_image() {
  if curl -sf --unix-socket "$sock" "http://localhost/images/$image/json" >/dev/null 2>&1; then
    return 0
  fi
  bb=$(command -v busybox || true)
  [ -n "$bb" ] || die "busybox not found (apt-get install -y busybox-static)"
  rootfs=$(mktemp -d)
  chmod 0755 "$rootfs"
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc"
  chmod 1777 "$rootfs/tmp"
  cp "$bb" "$rootfs/bin/busybox"
  for tool in sh sleep cat ls id true; do ln -s busybox "$rootfs/bin/$tool"; done
  echo 'root:x:0:0:root:/root:/bin/sh' > "$rootfs/etc/passwd"
  echo 'nobody:x:65534:65534:nobody:/:/bin/sh' >> "$rootfs/etc/passwd"
  echo 'root:x:0:' > "$rootfs/etc/group"
  echo 'nogroup:x:65534:' >> "$rootfs/etc/group"
  # The Engine API import endpoint: POST /images/create?fromSrc=- with the tarball as body.
  tar -C "$rootfs" -c . | curl -sf --unix-socket "$sock" -X POST \
    -H 'Content-Type: application/x-tar' --data-binary @- \
    "http://localhost/images/create?fromSrc=-&repo=local/busybox&tag=1" >/dev/null \
    || { rm -rf "$rootfs"; die "image import failed"; }
  rm -rf "$rootfs"
}

start() {
  command -v dockerd >/dev/null 2>&1 || die "dockerd not found (apt-get install -y --no-install-recommends docker.io busybox-static iptables)"
  mkdir -p "$dir"
  chmod 0700 "$dir"
  if [ -f "$dir/docker.pid" ] && kill -0 "$(cat "$dir/docker.pid")" 2>/dev/null && ping_ok; then
    import_image
    echo "DOCKER_HOST=unix://$sock"
    return 0
  fi
  rm -f "$sock" "$dir/docker.pid"
  # setsid: the engine outlives the shell that started it and is stopped by pid.
  setsid dockerd --iptables=false --ip-masq=false --bridge=none --storage-driver=vfs \
    -H "unix://$sock" --data-root "$dir/root" --exec-root "$dir/exec" \
    --pidfile "$dir/docker.pid" >"$dir/dockerd.log" 2>&1 </dev/null &
  i=0
  until ping_ok; do
    i=$((i + 1))
    if [ $i -gt 150 ]; then
      tail -20 "$dir/dockerd.log" >&2
      die "engine did not answer /_ping on $sock within 30 s"
    fi
    sleep 0.2
  done
  import_image
  echo "DOCKER_HOST=unix://$sock"
}

stop() {
  if [ -f "$dir/docker.pid" ]; then
    pid=$(cat "$dir/docker.pid")
    if kill -0 "$pid" 2>/dev/null; then
      # Remove containers first so containerd shims do not linger after the engine exits.
      ids=$(curl -sf --max-time 10 --unix-socket "$sock" 'http://localhost/containers/json?all=1' 2>/dev/null \
        | grep -o '"Id":"[0-9a-f]*"' | cut -d'"' -f4 || true)
      for id in $ids; do
        curl -sf --max-time 10 --unix-socket "$sock" -X DELETE "http://localhost/containers/$id?force=1" >/dev/null 2>&1 || true
      done
      kill "$pid" 2>/dev/null || true
      i=0
      while kill -0 "$pid" 2>/dev/null; do
        i=$((i + 1))
        [ $i -gt 100 ] && { kill -9 "$pid" 2>/dev/null || true; break; }
        sleep 0.1
      done
    fi
  fi
  # The vfs data-root can hold mounts of running containers' /proc etc.; unmount what is left.
  if [ -d "$dir" ]; then
    grep " $dir/" /proc/mounts 2>/dev/null | awk '{print $2}' | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
    rm -rf "$dir"
  fi
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  image) import_image ;;
  *) echo "usage: engine.sh start|stop|image [DIR]" >&2; exit 2 ;;
esac
