/** GET /api/queries: the saved queries of cypher/queries/, read on each request so a new file shows at once. */
import type { FastifyInstance } from "fastify";
import type { SavedQueriesResponse } from "../../core/api-types.ts";
import { loadCypher } from "../../core/node/cypher-files.ts";
import type { GraphDb } from "../../core/node/graph-db.ts";
import { SAVED_QUERIES_DIR, loadSavedQueries } from "../../core/node/saved-queries.ts";
import { EXPLORE_TIMEOUT } from "../graph-reads.ts";

const savedQueriesResponse = {
  200: {
    type: "object",
    required: ["queries", "problems"],
    properties: {
      queries: {
        type: "array",
        items: {
          type: "object",
          required: ["name", "title", "params", "cypher"],
          properties: {
            name: { type: "string" },
            title: { type: "string" },
            description: { type: "string" },
            params: {
              type: "array",
              items: {
                type: "object",
                required: ["name"],
                properties: { name: { type: "string" }, default: {} },
              },
            },
            cypher: { type: "string" },
            needs: { type: "array", items: { type: "string" } },
            missing: { type: "array", items: { type: "string" } },
          },
        },
      },
      problems: {
        type: "array",
        items: {
          type: "object",
          required: ["file", "message"],
          properties: { file: { type: "string" }, line: { type: "integer" }, message: { type: "string" } },
        },
      },
    },
  },
} as const;

export function registerSavedQueryRoutes(
  app: FastifyInstance,
  db: GraphDb,
  dir: string = SAVED_QUERIES_DIR,
): void {
  app.get("/api/queries", { schema: { response: savedQueriesResponse } }, async () => {
    const { queries, problems } = loadSavedQueries(dir);
    if (queries.some((q) => q.needs)) {
      // Which labels and types this database holds: a query written for another schema says so.
      const tokens = (await db.read(loadCypher("explore/schema-tokens"), {}, EXPLORE_TIMEOUT)).rows[0] ?? {};
      const held = new Set([...((tokens.labels as string[]) ?? []), ...((tokens.types as string[]) ?? [])]);
      for (const query of queries) {
        const missing = (query.needs ?? []).filter((n) => !held.has(n));
        if (missing.length) query.missing = missing;
      }
    }
    const response: SavedQueriesResponse = {
      queries,
      problems: problems.map((p) => ({
        file: p.file,
        message: p.message,
        ...(p.line !== undefined ? { line: p.line } : {}),
      })),
    };
    return response;
  });
}
