# Status Tracker app image: build once, run `next start`; migrations apply at start-up.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
# The image starts from a clean layer each time: no build cache to write (it would also be copied into the image).
RUN NEXT_BUILD_CACHE=off npx next build

# Without DATABASE_URL the app starts its embedded PostgreSQL (binaries in node_modules) with data in /app/.data;
# the image runs as the unprivileged `node` user, so PostgreSQL does too.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 EMBEDDED_POSTGRES_DIR=/app/.data/postgres
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/.next ./.next
COPY --from=build /app/public ./public
COPY --from=build /app/db/migrations ./db/migrations
COPY --from=build /app/next.config.ts ./next.config.ts
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
VOLUME /app/.data
EXPOSE 3000
CMD ["node", "node_modules/next/dist/bin/next", "start"]
