# Multi-stage: build the explorer bundle with dev dependencies, run with production ones only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:web && npm run trusted-documents

FROM node:20-bookworm-slim AS runtime
# tini as PID 1: forwards SIGTERM/SIGINT to the server (which drains, closes the driver, exits)
# and reaps zombies; the server itself runs as plain `node` (no npm/tsx wrapper process that
# could swallow or not forward a signal).
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/src ./src
COPY --from=build /app/cypher ./cypher
COPY --from=build /app/seed ./seed
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/tsconfig.json ./
# The production manifest; TRUSTED_DOCUMENTS=trusted-documents.json turns it on.
COPY --from=build /app/trusted-documents.json ./
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s CMD node -e "fetch('http://127.0.0.1:4000/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Docker sends SIGTERM, then SIGKILL after the stop timeout: keep that above SHUTDOWN_GRACE_MS
# (docker-compose.yml sets stop_grace_period).
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "--import", "tsx", "src/http/server.ts"]
