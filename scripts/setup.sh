#!/usr/bin/env bash
# One set-up for `npm start` and `npm test`: pinned pnpm, dependencies, Prisma client, web build.
set -euo pipefail
cd "$(dirname "$0")/.."
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
PNPM_VERSION=12.4.2

if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "› installing pnpm@$PNPM_VERSION"
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null
fi

echo "› installing dependencies"
if [ "${CI:-}" = "true" ]; then pnpm install --frozen-lockfile; else pnpm install; fi

echo "› generating the Prisma client"
# Only `generate` runs here; it needs no schema engine, but the CLI wants the variable to name a file.
PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(command -v node)}" pnpm exec prisma generate >/dev/null

echo "› building the web app"
pnpm --filter @workdiary/web build >/dev/null
echo "› set-up done"
