/** POST /api/query: analyst Cypher, read-only, with a timeout and a row cap; rows plus the graph in them. */
import type { FastifyInstance } from "fastify";
import type { QueryRequest, QueryResponse } from "../../core/api-types.ts";
import { GraphDb } from "../../core/graph-db.ts";
import { SubgraphBuilder } from "../../core/subgraph.ts";
import { ApiError } from "../errors.ts";
import { addNodesByKey } from "../graph-reads.ts";

export const QUERY_TIMEOUT_MS = Number(process.env.GUANXI_QUERY_TIMEOUT_MS) || 30_000;

const queryBody = {
  type: "object",
  required: ["cypher"],
  additionalProperties: false,
  properties: {
    cypher: { type: "string", minLength: 1, maxLength: 100_000 },
    params: { type: "object" },
    rowLimit: { type: "integer", minimum: 1, maximum: 10_000, default: 1_000 },
  },
} as const;

export function registerQueryRoutes(app: FastifyInstance, db: GraphDb): void {
  app.post<{ Body: QueryRequest & { rowLimit: number } }>(
    "/api/query",
    { schema: { body: queryBody } },
    async (request) => {
      const { cypher, rowLimit } = request.body;
      const params = request.body.params ?? {};
      const started = performance.now();
      // Neo4j classifies the statement first (EXPLAIN runs nothing); the read transaction refuses writes too.
      const queryType = await db.queryType(cypher, params);
      if (!GraphDb.isReadOnly(queryType)) {
        const what = queryType === "s" ? "changes the schema" : "writes to the database";
        throw new ApiError(
          403,
          "read-only",
          `Refused: this query ${what}. Guanxi runs analyst queries read-only; nothing was changed.`,
        );
      }
      const result = await db.readCapped(cypher, params, { rowLimit, timeoutMs: QUERY_TIMEOUT_MS });
      const builder = new SubgraphBuilder();
      for (const row of result.rows) for (const value of Object.values(row)) builder.addValue(value);
      // Relationships returned without their ends: fetch the ends so no edge dangles.
      await addNodesByKey(db, builder, builder.missingEndpoints());
      const response: QueryResponse = {
        columns: result.columns,
        rows: result.rows,
        truncated: result.truncated,
        rowLimit,
        subgraph: builder.build(),
        queryType,
        elapsedMs: Math.round(performance.now() - started),
      };
      return response;
    },
  );
}
