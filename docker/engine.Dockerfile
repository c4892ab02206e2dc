# The trading engine: one process per shard of accounts; the single writer of its journal.
FROM node:20.20-bookworm-slim AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
COPY packages/domain/package.json packages/domain/
COPY packages/db/package.json packages/db/prisma.config.ts packages/db/
COPY packages/ui/package.json packages/ui/
COPY apps/engine/package.json apps/engine/
COPY apps/gateway/package.json apps/gateway/
COPY apps/web/package.json apps/web/
COPY prisma prisma
RUN npm ci --no-audit --no-fund --omit=dev --workspace @strikedesk/engine --include-workspace-root

FROM node:20.20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps /app/node_modules node_modules
COPY package.json tsconfig.base.json ./
COPY prisma prisma
COPY packages/domain packages/domain
COPY packages/db packages/db
COPY apps/engine apps/engine
COPY --from=deps /app/packages/db/src/generated packages/db/src/generated
USER node
EXPOSE 4100
ENV ENGINE_HOST=0.0.0.0 ENGINE_PORT=4100
# --max-semi-space-size: fewer scavenges under order flow (docs/adr/0023-engine-speed-targets.md)
CMD ["node", "--max-semi-space-size=32", "--import", "tsx", "apps/engine/src/main.ts"]
