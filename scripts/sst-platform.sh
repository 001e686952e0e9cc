#!/usr/bin/env bash
# Installs SST's platform (.sst/platform: SST's component types, @pulumi/pulumi and the providers
# sst.config.ts names) when it is missing or lacks a provider. Needs only the npm registry: bun
# ships inside its npm package. Used by the infra type check and the infra tests.
set -euo pipefail
cd "$(dirname "$0")/.."

platform_ready() {
  [ -f .sst/platform/config.d.ts ] &&
    grep -q '@pulumi/random' .sst/platform/config.d.ts &&
    [ -f .sst/platform/node_modules/@pulumi/aws/package.json ]
}

if ! platform_ready; then
  echo "sst-platform: installing SST's platform (.sst/platform)…" >&2
  mkdir -p "$HOME/.config/sst/bin"
  ln -sf "$PWD/node_modules/bun/bin/bun.exe" "$HOME/.config/sst/bin/bun"
  NPM_CONFIG_REGISTRY="$(npm config get registry)" SST_SKIP_DEPENDENCY_CHECK=1 SST_TELEMETRY_DISABLED=1 \
    npx sst install --stage ci >&2
  if ! platform_ready; then
    echo "sst-platform: sst install did not produce .sst/platform with the providers of sst.config.ts" >&2
    exit 1
  fi
fi
