# Concord's app image: `docker compose up` (docker-compose.yml) or any container platform.
# Node 24 runs the TypeScript scripts directly (type stripping), as `npm start` expects.
FROM node:24-slim

ENV NEXT_TELEMETRY_DISABLED=1 \
    NODE_ENV=production
WORKDIR /app

# Dependencies first, so source edits reuse this layer. `npm ci` runs the postinstall
# (`prisma generate`), which needs the schema and prisma.config.ts.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci --include=dev

COPY . .
RUN npx next build

EXPOSE 3000
# `npm start` applies pending migrations, then serves (scripts/start.ts); the build above is
# newer than the sources, so it does not rebuild.
CMD ["npm", "start"]
