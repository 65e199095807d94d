/**
 * Guanxi's HTTP API: the only holder of the Neo4j credentials. Fastify validates every request against
 * its route's JSON Schema; every error leaves through one handler as an ApiErrorResponse (errors.ts).
 */
import { existsSync } from "node:fs";
import { extname, join } from "node:path";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyInstance } from "fastify";
import type { GraphDb } from "../core/node/graph-db.ts";
import { DEFAULT_SCHEMA, type GraphSchema } from "../core/schema/graph-schema.ts";
import { QueryWorkerPool, resultMaxBytesFromEnv } from "../core/node/query-isolation.ts";
import { DatabaseAvailability } from "./db-availability.ts";
import { ApiError, errorBody, formatValidationErrors, toApiError } from "./errors.ts";
import { jsonTypeError } from "./json-types.ts";
import { registerConnectRoutes } from "./routes/connect.ts";
import { registerExpandRoutes } from "./routes/expand.ts";
import { registerExtractRoutes } from "./routes/extract.ts";
import { registerHealthRoutes } from "./routes/health.ts";
import { registerNeighbourhoodRoutes } from "./routes/neighbourhood.ts";
import { registerNodeRoutes } from "./routes/nodes.ts";
import { aggregateAboveFromEnv, registerOverviewRoutes } from "./routes/overview.ts";
import { registerPathRoutes } from "./routes/path.ts";
import { registerQueryRoutes, queryTimeoutFromEnv } from "./routes/query.ts";
import { registerRelationshipRoutes } from "./routes/relationships.ts";
import { registerSavedQueryRoutes } from "./routes/saved-queries.ts";
import { registerSchemaRoutes } from "./routes/schema.ts";
import { registerArticleRoutes } from "./routes/articles.ts";
import { registerSearchRoutes } from "./routes/search.ts";
import { registerViewRoutes } from "./routes/views.ts";
import { viewsDirFromEnv } from "./view-store.ts";
import { SearchStatusCache } from "./search-status.ts";
import { registerTeamAccess, type TeamOptions } from "./team/access.ts";

export interface ServerOptions {
  db: GraphDb;
  /** The active schema: captions, label descriptions in /api/schema (default: the news schema). */
  schema?: GraphSchema;
  /** The built explorer (dist/web), served with a fallback to index.html for the client's routes. */
  staticDir?: string;
  logger?: boolean;
  /**
   * Where a 5xx's error and stack go (they never go to the client). Default: fastify's logger when
   * `logger` is on, else stderr.
   */
  reportError?: (error: unknown) => void;
  /** Timeout of analyst queries (POST /api/query); default GUANXI_QUERY_TIMEOUT_MS, else 30 s. */
  queryTimeoutMs?: number;
  /** The most an analyst query may return, as JSON; default GUANXI_QUERY_MAX_BYTES, else 32 MB. */
  queryMaxBytes?: number;
  /**
   * Host names the server answers to (the Host header), so a web page elsewhere cannot reach a local
   * server through DNS rebinding, on every interface. Default: the loopback names.
   */
  allowedHosts?: readonly string[];
  /**
   * Whether the database is there (server/db-availability.ts); `guanxi start` feeds it the supervisor's
   * state. Default: one that learns from failed requests and probes until the database answers.
   */
  availability?: DatabaseAvailability;
  /** Folder of saved queries (GET /api/queries); default cypher/queries. */
  savedQueriesDir?: string;
  /**
   * The largest `limit` GET /api/overview accepts (default OVERVIEW_MAX_LIMIT, 20,000 nodes). The
   * explorer asks for a few hundred; `npm run bench:render` raises this to load whole databases.
   */
  overviewMaxLimit?: number;
  /**
   * Above this many elements (nodes + relationships) of the requested first view, GET /api/overview
   * answers counts per label and type instead (core/aggregate.ts); Infinity: never. Default
   * GUANXI_AGGREGATE_ABOVE, else 50,000.
   */
  aggregateAbove?: number;
  /** Who may use the API (server/team/access.ts). Default: no sign-in, for the one local analyst. */
  team?: TeamOptions;
  /** HTTPS: certificate and key (PEM). */
  https?: { cert: Buffer; key: Buffer };
  /**
   * Whether POST /api/drafts/ingest writes reviewed drafts (the explorer's only write). Off unless the
   * server runs for one local analyst (`guanxi start`) or `guanxi serve --allow-ingest`.
   */
  allowDraftIngest?: boolean;
  /** Folder of saved views (/api/views); default GUANXI_VIEWS_DIR, else .guanxi/views. */
  viewsDir?: string;
}

export const LOOPBACK_HOSTS: readonly string[] = ["localhost", "127.0.0.1", "::1"];

export const BODY_LIMIT_BYTES = 1024 * 1024;

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "content-security-policy": [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; "),
};

/** The host name of a Host header: no port, no IPv6 brackets, lower case. */
function hostName(header: string | undefined): string {
  if (!header) return "";
  const host = header.trim().toLowerCase();
  if (host.startsWith("[")) return host.slice(1, host.indexOf("]"));
  return host.replace(/:\d+$/, "");
}

export function buildServer(options: ServerOptions): FastifyInstance {
  const { db } = options;
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const searchStatus = new SearchStatusCache(db);
  const app = Fastify({
    ...(options.https ? { https: options.https } : {}),
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    // Long enough for any elementId; the route's schema then says what is wrong with a longer one.
    routerOptions: { maxParamLength: 1_000 },
    // Unknown fields are refused with their name rather than silently dropped.
    ajv: { customOptions: { removeAdditional: false } },
    schemaErrorFormatter: formatValidationErrors,
  });

  const report = (error: unknown, method: string, url: string) => {
    if (options.reportError) options.reportError(error);
    else if (options.logger) app.log.error({ err: error, method, url }, "request failed");
    else console.error(`guanxi serve: ${method} ${url.split("?")[0]} failed:`, error);
  };

  const allowed = (options.allowedHosts ?? LOOPBACK_HOSTS).map((h) => h.toLowerCase());
  app.addHook("onRequest", async (request) => {
    if (!allowed.includes(hostName(request.headers.host))) {
      throw new ApiError(
        403,
        "forbidden-host",
        "This Guanxi server only answers requests addressed to it by its own host name.",
      );
    }
  });
  app.addHook("onSend", async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });
  const availability = options.availability ?? new DatabaseAvailability((ms) => db.ping(ms));
  app.addHook("onClose", async () => availability.close());
  // While the database is known to be away, routes that need it answer at once (health says it itself).
  app.addHook("onRequest", async (request) => {
    const path = request.url.split("?")[0]!;
    if (!path.startsWith("/api/") || path === "/api/health" || path === "/api/queries") return;
    // Saved views live on the server's disk: they open (and save) while the database is away.
    if (path === "/api/views" || path.startsWith("/api/views/")) return;
    const refusal = availability.refusal();
    if (refusal) throw refusal;
  });
  // JSON bodies are not type-coerced (server/json-types.ts); query strings still are.
  app.addHook("preValidation", async (request) => {
    const schema = request.routeOptions.schema?.body;
    if (!schema || request.body === undefined) return;
    const error = jsonTypeError(schema as Parameters<typeof jsonTypeError>[0], request.body);
    if (error) throw new ApiError(400, "bad-request", `Invalid request: ${error}.`);
  });
  app.setErrorHandler((error, request, reply) => {
    const apiError = toApiError(error);
    if (apiError.code === "database-unavailable") availability.markUnreachable();
    // The availability's own 503s (database restarting or away) are expected: no stack in the log.
    const expected = error instanceof ApiError && error.status === 503;
    if (apiError.status >= 500 && !expected) report(error, request.method, request.url);
    else request.log.info({ code: apiError.code, message: apiError.message }, "request refused");
    return reply.status(apiError.status).send(errorBody(apiError));
  });

  registerTeamAccess(app, { ...(options.team ?? { auth: "none" }), db });
  registerHealthRoutes(app, db, availability);
  registerOverviewRoutes(
    app,
    db,
    schema,
    options.overviewMaxLimit,
    options.aggregateAbove ?? aggregateAboveFromEnv(),
  );
  registerSchemaRoutes(app, db, schema, searchStatus);
  registerSearchRoutes(app, db, schema, searchStatus);
  registerNodeRoutes(app, db, schema);
  registerExpandRoutes(app, db, schema);
  registerNeighbourhoodRoutes(app, db, schema);
  registerPathRoutes(app, db, schema);
  registerConnectRoutes(app, db);
  registerRelationshipRoutes(app, db, schema);
  registerArticleRoutes(app, db, schema);
  const queryWorkers = new QueryWorkerPool(db.config);
  app.addHook("onClose", () => queryWorkers.close());
  registerQueryRoutes(app, db, queryWorkers, {
    timeoutMs: options.queryTimeoutMs ?? queryTimeoutFromEnv(),
    maxBytes: options.queryMaxBytes ?? resultMaxBytesFromEnv(),
  });
  registerSavedQueryRoutes(app, db, options.savedQueriesDir);
  registerExtractRoutes(app, db, schema, { allowIngest: options.allowDraftIngest === true });
  registerViewRoutes(app, db, schema, options.viewsDir ?? viewsDirFromEnv());

  const staticDir = options.staticDir;
  const hasApp = staticDir !== undefined && existsSync(join(staticDir, "index.html"));
  if (hasApp) void app.register(fastifyStatic, { root: staticDir, wildcard: false });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0]!;
    // The explorer routes on the client: a page path gets index.html; a missing file stays missing.
    const page = (request.method === "GET" || request.method === "HEAD") && !extname(path);
    if (hasApp && page && !path.startsWith("/api/") && path !== "/api") {
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    }
    const error = new ApiError(404, "not-found", `No such endpoint: ${request.method} ${path}`);
    return reply.status(404).send(errorBody(error));
  });
  return app;
}
