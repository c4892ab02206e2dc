# The stateless edge: auth, tRPC, socket.io, webhooks, REST, /metrics. Run as many as needed
# behind a load balancer with REDIS_URL set (socket.io adapter, shared rate limits).
FROM node:20.20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/domain/package.json packages/domain/
COPY packages/db/package.json packages/db/prisma.config.ts packages/db/
COPY packages/ui/package.json packages/ui/
COPY apps/engine/package.json apps/engine/
COPY apps/gateway/package.json apps/gateway/
COPY apps/web/package.json apps/web/
COPY prisma prisma
RUN npm ci --no-audit --no-fund --omit=dev --workspace @strikedesk/gateway --include-workspace-root

FROM node:20.20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=deps /app/node_modules node_modules
COPY package.json tsconfig.base.json ./
COPY prisma prisma
COPY packages/domain packages/domain
COPY packages/db packages/db
COPY apps/gateway apps/gateway
COPY --from=deps /app/packages/db/src/generated packages/db/src/generated
USER node
EXPOSE 3000
ENV HOST=0.0.0.0 PORT=3000
CMD ["node", "--import", "tsx", "apps/gateway/src/main.ts"]
