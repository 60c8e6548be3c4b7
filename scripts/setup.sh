#!/usr/bin/env bash
# One set-up for `npm start` and `npm test`: pinned pnpm, dependencies, Prisma client, web build,
# API build. Each step remembers a hash of its inputs (under node_modules/.cache/workdiary) and is
# skipped when the inputs are unchanged and its output is still there; a fresh clone (no
# node_modules) does everything. WORKDIARY_SETUP=full forces every step.
set -euo pipefail
cd "$(dirname "$0")/.."
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
PNPM_VERSION=12.4.2
STAMPS=node_modules/.cache/workdiary

# sha256 over the paths and contents of every file under the given paths (no node_modules, no build output).
inputs_hash() {
  { printf '%s\n' "$@"; find "$@" -type f -not -path '*/node_modules/*' -not -path '*/dist/*' -not -name '*.test.ts' -not -name '*.test.tsx' -print0 2>/dev/null \
    | sort -z | xargs -0 -r sha256sum; } | sha256sum | cut -d' ' -f1
}
# up_to_date STEP HASH OUTPUT: the step ran with these inputs and its output still exists.
up_to_date() {
  [ "${WORKDIARY_SETUP:-}" != "full" ] && [ -e "$3" ] && [ -f "$STAMPS/$1" ] && [ "$(cat "$STAMPS/$1")" = "$2" ]
}
remember() { mkdir -p "$STAMPS" && printf '%s\n' "$2" > "$STAMPS/$1"; }

ensure_pnpm() {
  if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
    echo "› installing pnpm@$PNPM_VERSION"
    npm install -g "pnpm@$PNPM_VERSION" >/dev/null
  fi
}

lock_inputs=(pnpm-lock.yaml pnpm-workspace.yaml package.json apps/api/package.json apps/web/package.json packages/shared/package.json)
install_hash="$(inputs_hash "${lock_inputs[@]}")-$PNPM_VERSION-$(node --version)"
if up_to_date install "$install_hash" node_modules/.pnpm; then
  echo "› dependencies up to date"
else
  ensure_pnpm
  echo "› installing dependencies"
  if [ "${CI:-}" = "true" ]; then pnpm install --frozen-lockfile; else pnpm install; fi
  remember install "$install_hash"
fi

prisma_hash="$(inputs_hash prisma/schema.prisma prisma.config.ts pnpm-lock.yaml)"
if up_to_date prisma "$prisma_hash" apps/api/src/generated/prisma/client.ts; then
  echo "› Prisma client up to date"
else
  echo "› generating the Prisma client"
  # Only `generate` runs here; it needs no schema engine, but the CLI wants the variable to name a file.
  PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-$(command -v node)}" node_modules/.bin/prisma generate >/dev/null
  remember prisma "$prisma_hash"
fi

shared_inputs=(packages/shared/src packages/shared/package.json tooling pnpm-lock.yaml)
web_hash="$(inputs_hash apps/web "${shared_inputs[@]}" scripts/compress-assets.mjs)"
if up_to_date web "$web_hash" apps/web/dist/index.html; then
  echo "› web app up to date"
else
  echo "› building the web app"
  ensure_pnpm
  pnpm --filter @workdiary/web build >/dev/null
  remember web "$web_hash"
fi

api_hash="$(inputs_hash apps/api/src apps/api/build.mjs "${shared_inputs[@]}" prisma/schema.prisma)"
if up_to_date api "$api_hash" apps/api/dist/server.js; then
  echo "› API build up to date"
else
  echo "› building the API"
  (cd apps/api && node build.mjs >/dev/null)
  remember api "$api_hash"
fi
echo "› set-up done"
