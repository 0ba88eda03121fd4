#!/bin/sh
# Regenerates the README's check table and policies/policy.schema.json from the registry.
set -eu
cd "$(dirname "$0")/../.."
node dist/bundle/harden.js policy schema > policies/policy.schema.json
table=$(mktemp)
node dist/bundle/harden.js policy list -f markdown > "$table"
awk -v table="$table" '
  /<!-- checks:start -->/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
  /<!-- checks:end -->/ { skip = 0 }
  !skip { print }
' README.md > README.md.new
mv README.md.new README.md
rm -f "$table"
