# syntax=docker/dockerfile:1

# ---- build: compile TypeScript to dist/ ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
COPY schema.graphql ./
RUN npm run build

# ---- runtime: production dependencies + compiled output only ----
FROM node:20-bookworm-slim AS runtime
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# Read at run time relative to the project root (PROJECT_ROOT in src/config.ts).
COPY src/db/seed/article.txt ./src/db/seed/article.txt
# /app/.newsgraph-data is where the embedded PostgreSQL lives when DATABASE_URL is not set;
# it must be writable by the (non-root) node user.
RUN mkdir -p /app/.newsgraph-data && chown node:node /app /app/.newsgraph-data

ENV NODE_ENV=production PORT=4000
USER node
EXPOSE 4000

# No curl in slim images: POST a trivial query with node's built-in fetch.
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:4000/ready').then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"

# A larger young generation: a busy server allocates fast, and fewer objects get promoted (README, Running in production).
CMD ["node", "--max-semi-space-size=32", "dist/src/index.js"]
