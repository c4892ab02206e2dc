# The stateless edge: auth, tRPC, socket.io, webhooks, REST, /metrics, and the reverse proxy to the
# web app. Run as many as needed behind a load balancer with REDIS_URL set (socket.io adapter,
# shared rate limits). Build context: the repository root; ignore file: gateway.Dockerfile.dockerignore.
ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/domain/package.json packages/domain/
COPY packages/db/package.json packages/db/prisma.config.ts packages/db/
COPY packages/ui/package.json packages/ui/
COPY apps/engine/package.json apps/engine/
COPY apps/gateway/package.json apps/gateway/
COPY apps/web/package.json apps/web/
COPY prisma prisma
# argon2's install script is the one the gateway needs (package.json's allowScripts allows it): it
# tries the prebuilt binary in a child process and compiles from source when that cannot load — so
# the toolchain is here, in the build stage only. No other install script runs (see engine.Dockerfile);
# the Prisma 7 client is generated as the root `postinstall` does. The last line hashes once: a
# binary that cannot load fails the build, not the gateway's first start.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
RUN npm ci --no-audit --no-fund --omit=dev --ignore-scripts --workspace @strikedesk/gateway --include-workspace-root \
 && npm rebuild argon2 \
 && npm run generate --workspace @strikedesk/db \
 && test -f packages/db/src/generated/prisma/client.ts \
 && node -e "require('argon2').hash('build check').then(() => process.exit(0), () => process.exit(1))"

FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps /app/node_modules node_modules
COPY package.json tsconfig.base.json ./
COPY prisma prisma
COPY packages/domain packages/domain
COPY packages/db packages/db
COPY --from=deps /app/packages/db/src/generated packages/db/src/generated
COPY apps/gateway apps/gateway
USER node
EXPOSE 3000
ENV HOST=0.0.0.0 PORT=3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--import", "tsx", "apps/gateway/src/main.ts"]
