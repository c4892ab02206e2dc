# The Next.js terminal: `next build` here, `next start` on its output (apps/web/.next) at run time,
# reached only through the gateway (WEB_URL). Build context: the repository root; ignore file:
# web.Dockerfile.dockerignore (keeps a host's .next, node_modules and .env files out of the build).
ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS build
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
# All dependencies: the build type-checks the web app, which imports the gateway's AppRouter type
# (gateway → engine → db, whose Prisma 7 client is generated into packages/db/src/generated).
RUN npm ci --no-audit --no-fund --ignore-scripts \
 && npm run generate --workspace @strikedesk/db
COPY tsconfig.base.json ./
COPY packages packages
COPY apps apps
RUN npm run build --workspace @strikedesk/web

# What `next start` needs at run time: the web app's production dependencies only.
FROM ${NODE_IMAGE} AS runtime-deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/domain/package.json packages/domain/
COPY packages/db/package.json packages/db/
COPY packages/ui/package.json packages/ui/
COPY apps/engine/package.json apps/engine/
COPY apps/gateway/package.json apps/gateway/
COPY apps/web/package.json apps/web/
RUN npm ci --no-audit --no-fund --omit=dev --ignore-scripts --workspace @strikedesk/web

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY --from=runtime-deps /app/node_modules node_modules
COPY package.json ./
COPY packages/domain packages/domain
COPY packages/ui packages/ui
COPY apps/web/package.json apps/web/next.config.ts apps/web/tsconfig.json apps/web/
# Owned by the runtime user: Next writes its caches under .next at run time.
COPY --from=build --chown=node:node /app/apps/web/.next apps/web/.next
USER node
EXPOSE 3001
WORKDIR /app/apps/web
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3001/login').then(r=>process.exit(r.status<500?0:1),()=>process.exit(1))"]
CMD ["node", "../../node_modules/next/dist/bin/next", "start", "-p", "3001", "-H", "0.0.0.0"]
