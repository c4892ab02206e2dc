# The trading engine: the single writer of its journal. Build context: the repository root
# (compose.yaml: `context: ..`); this file's own ignore file is engine.Dockerfile.dockerignore.
# Node 20.20 is what the project is developed and tested on (Prisma 7 needs >= 20.19).
ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
# Every workspace's manifest: `npm ci` checks the whole lockfile against them.
COPY package.json package-lock.json ./
COPY packages/domain/package.json packages/domain/
COPY packages/db/package.json packages/db/prisma.config.ts packages/db/
COPY packages/ui/package.json packages/ui/
COPY apps/engine/package.json apps/engine/
COPY apps/gateway/package.json apps/gateway/
COPY apps/web/package.json apps/web/
COPY prisma prisma
# --ignore-scripts: no dependency install script is needed in this image (argon2 is the gateway's;
# the embedded PostgreSQL is unused with DATABASE_URL; Prisma's engine download is denied by
# package.json's allowScripts too, which the image's npm 10 does not read). The Prisma 7 client is
# generated into packages/db/src/generated (not node_modules) explicitly, as the root `postinstall`
# does (docs/adr/0004-migrations.md).
RUN npm ci --no-audit --no-fund --omit=dev --ignore-scripts --workspace @strikedesk/engine --include-workspace-root \
 && npm run generate --workspace @strikedesk/db \
 && test -f packages/db/src/generated/prisma/client.ts

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps /app/node_modules node_modules
COPY package.json tsconfig.base.json ./
# prisma/migrations: applied at start by @strikedesk/db's migrator (advisory-locked).
COPY prisma prisma
COPY packages/domain packages/domain
COPY packages/db packages/db
COPY --from=deps /app/packages/db/src/generated packages/db/src/generated
COPY apps/engine apps/engine
# `npm run secrets:rotate` (docs/runbook.md, Broker secrets) runs here, where the master keys are:
#   docker compose -f docker/compose.yaml exec engine npm run secrets:rotate
COPY scripts/secrets-rotate.ts scripts/
COPY scripts/lib/start-env.ts scripts/lib/
USER node
EXPOSE 4100
ENV ENGINE_HOST=0.0.0.0 ENGINE_PORT=4100
# The engine's port answers plain HTTP with 426 once it accepts connections (after recovery).
HEALTHCHECK --interval=15s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.ENGINE_PORT||4100)+'/').then(r=>process.exit(r.status===426?0:1),()=>process.exit(1))"]
# As `npm start` runs it (--max-semi-space-size: fewer scavenges under order flow, ADR 0023). It
# exits with 75 each morning for the day's listing (ADR 0025): compose's restart policy starts it again.
CMD ["node", "--max-semi-space-size=32", "--import", "tsx", "apps/engine/src/main.ts"]
