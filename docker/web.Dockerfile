# The Next.js terminal, built once and served by `next start`; reached through the gateway.
FROM node:20.20-bookworm-slim AS build
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
RUN npm ci --no-audit --no-fund
COPY tsconfig.base.json ./
COPY packages packages
COPY apps apps
RUN npm run build --workspace @strikedesk/web

FROM node:20.20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/packages packages
COPY --from=build /app/apps/web apps/web
USER node
EXPOSE 3001
WORKDIR /app/apps/web
CMD ["node", "../../node_modules/next/dist/bin/next", "start", "-p", "3001", "-H", "0.0.0.0"]
