#!/bin/sh
# The main job end to end: a throwaway engine, the deliberately risky
# containers, one audit, every report format written into reports/.
set -eu
cd "$(dirname "$0")/../.."
dir=/tmp/hd-demo
sh test/sandbox/engine.sh stop "$dir"
trap 'sh test/sandbox/engine.sh stop "$dir"' EXIT INT TERM
export $(sh test/sandbox/engine.sh start "$dir")
echo "harden demo: throwaway engine on $DOCKER_HOST" >&2
sh test/sandbox/containers.sh
status=0
node dist/bundle/harden.js audit -H "$DOCKER_HOST" --output-dir reports \
  -f table,json,sarif,junit,markdown,html || status=$?
cat reports/harden-report.txt
echo >&2
ls -l reports/ >&2
case $status in
  1) echo "harden demo: exit code 1 = findings at or above 'high', as expected for these containers" >&2; exit 0 ;;
  *) echo "harden demo: unexpected exit code $status" >&2; exit 1 ;;
esac
