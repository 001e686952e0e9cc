#!/usr/bin/env bash
# Type-checks sst.config.ts and infra/ against SST's real component types (tsconfig.infra.json).
# SST's types live in .sst/platform, written by `sst install`; scripts/sst-platform.sh runs it when
# they are missing (a fresh clone, CI) or lack a provider sst.config.ts names.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/sst-platform.sh

# SST's platform is shipped as TypeScript source (.ts, so skipLibCheck does not skip it) and does
# not compile under this project's stricter flags (noUncheckedIndexedAccess): its diagnostics are
# dropped. So are those in core/ (infra imports a few constants from it): `tsc -p tsconfig.json`
# checks core/ with its own settings. Diagnostics about sst.config.ts and infra/, and global ones
# (a broken tsconfig), fail the check.
status=0
output="$(npx tsc -p tsconfig.infra.json --noEmit --pretty false 2>&1)" || status=$?

ours="$(printf '%s\n' "$output" | awk '
  /^[^ \t]/ { keep = ($0 ~ /^(sst\.config\.ts|infra\/)/) || ($0 ~ /^error TS/) }
  keep && NF { print }
')"

if [ -n "$ours" ]; then
  printf '%s\n' "$ours" >&2
  echo "typecheck-infra: type errors in sst.config.ts / infra (see above)" >&2
  exit 1
fi
if [ "$status" -ne 0 ] && ! printf '%s\n' "$output" | grep -q '): error TS'; then
  # tsc failed without a single diagnostic to show: a broken config or a crash.
  printf '%s\n' "$output" >&2
  exit "$status"
fi
echo "typecheck-infra: sst.config.ts and infra/ are clean"
