/**
 * Guanxi's HTTP API: the only holder of the Neo4j credentials. Fastify validates every request against
 * its JSON Schema; every error leaves as an ApiErrorResponse (server/errors.ts).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import type { GraphDb } from "../core/graph-db.ts";
import { ApiError, errorBody, toApiError } from "./errors.ts";
import { registerExploreRoutes } from "./routes/explore.ts";
import { registerNodeRoutes } from "./routes/nodes.ts";
import { registerOverviewRoutes } from "./routes/overview.ts";
import { registerQueryRoutes } from "./routes/query.ts";
import { registerSearchRoutes } from "./routes/search.ts";

export interface ServerOptions {
  db: GraphDb;
  /** The built explorer (dist/web), served with a fallback to index.html. */
  staticDir?: string;
  logger?: boolean;
}

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

export function buildServer(options: ServerOptions): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 1024 * 1024 });

  app.addHook("onSend", async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.status >= 500) request.log.error(error);
    void reply.status(apiError.status).send(errorBody(apiError));
  });

  app.get("/api/health", async () => {
    await options.db.read("RETURN 1");
    return { ok: true };
  });
  registerOverviewRoutes(app, options.db);
  registerSearchRoutes(app, options.db);
  registerNodeRoutes(app, options.db);
  registerExploreRoutes(app, options.db);
  registerQueryRoutes(app, options.db);

  const staticDir = options.staticDir;
  const hasApp = staticDir !== undefined && existsSync(join(staticDir, "index.html"));
  if (hasApp) void app.register(fastifyStatic, { root: staticDir, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || !hasApp || request.method !== "GET") {
      const error = new ApiError(
        404,
        "not-found",
        `No such endpoint: ${request.method} ${request.url.split("?")[0]}`,
      );
      return reply.status(404).send(errorBody(error));
    }
    return reply.sendFile("index.html"); // the explorer routes on the client
  });
  return app;
}
