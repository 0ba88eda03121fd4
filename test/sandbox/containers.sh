#!/bin/sh
# Creates the demo/test set of deliberately risky containers (and one hardened
# one) on the engine at $DOCKER_HOST, with the real docker CLI.
# Names start with "h-". The set is what the audit tests assert on, exactly.
#
#   DOCKER_HOST=unix:///tmp/hd-engine/docker.sock sh containers.sh
set -eu
: "${DOCKER_HOST:?set DOCKER_HOST to the throwaway engine}"
sock=${DOCKER_HOST#unix://}
sockdir=$(dirname "$sock")
img=local/busybox:1
run() { docker run -d --network none "$@" >/dev/null; }
# --privileged, --cap-add ALL and --cap-add SYS_RESOURCE cannot start on these
# machines (the bounding set lacks CAP_SYS_RESOURCE); they stay "created", which
# is exactly the case an auditor must not miss.
create() { docker create --network none "$@" >/dev/null; }

create --name h-privileged --privileged $img sleep 3600
create --name h-cap-all --cap-add ALL $img sleep 3600
run --name h-cap-sys-admin --cap-add SYS_ADMIN $img sleep 3600
run --name h-drop-all-ro --cap-drop ALL --read-only $img sleep 3600
run --name h-etc-rw -v /etc:/host/etc $img sleep 3600
run --name h-etc-ro -v /etc:/host/etc:ro $img sleep 3600
run --name h-engine-socket -v "$sock:/var/run/docker.sock" $img sleep 3600
run --name h-engine-socket-dir -v "$sockdir:/engine" $img sleep 3600
run --name h-tmpfs-usr --tmpfs /usr $img sleep 3600
run --name h-pid-host --pid host $img sleep 3600
docker run -d --name h-net-host --network host $img sleep 3600 >/dev/null
run --name h-seccomp-unconfined --security-opt seccomp=unconfined $img sleep 3600
run --name h-nnp-false --security-opt no-new-privileges=false $img sleep 3600
run --name h-hardened --cap-drop ALL --read-only --security-opt no-new-privileges \
  --user 65534:65534 --memory 64m --cpus 0.5 --pids-limit 64 --restart on-failure:3 \
  --health-cmd 'true' --health-interval 30s $img sleep 3600
# One that ran and stopped: exited containers are audited too.
docker run --name h-exited --network none $img true >/dev/null
