# baove: API + worker image with the web console. `node dist/src/main.js` runs both; `--api-only`
# and `node dist/src/worker.js` split them for larger deployments.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY web/package.json web/package-lock.json ./web/
RUN npm --prefix web ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workflows ./workflows
COPY migrations ./migrations
COPY bench ./bench
COPY assets ./assets
COPY web ./web
RUN npm run build && npm run build:web && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
# Inside a container the listener must face the container's network; publish the port deliberately.
ENV HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/assets ./assets
COPY package.json ./
# Attachments (sealed) live here unless ATTACHMENTS_S3_BUCKET is set: mount a volume on it.
ENV ATTACHMENTS_DIR=/var/lib/baove/attachments
# The audit chain's signed checkpoints (append-only file), outside the database: mount a volume, copy it elsewhere.
ENV AUDIT_CHECKPOINT_DIR=/var/lib/baove/audit-checkpoints
RUN mkdir -p /var/lib/baove/attachments /var/lib/baove/audit-checkpoints && chown -R node:node /var/lib/baove \
  && chmod 700 /var/lib/baove/attachments /var/lib/baove/audit-checkpoints
VOLUME ["/var/lib/baove/attachments", "/var/lib/baove/audit-checkpoints"]
USER node
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
