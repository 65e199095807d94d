/** POST /api/query: analyst Cypher, read-only, with a timeout and a row cap; rows plus the graph in them. */
import type { FastifyInstance } from "fastify";
import type { QueryRequest, QueryResponse } from "../../core/api-types.ts";
import type { CappedResult, GraphDb } from "../../core/node/graph-db.ts";
import type { QueryWorkerPool } from "../../core/node/query-isolation.ts";
import { assertReadOnly } from "../../core/node/read-only-query.ts";
import { SubgraphBuilder } from "../../core/subgraph.ts";
import { ApiError, toApiError } from "../errors.ts";
import { addNodesByKey } from "../graph-reads.ts";

export const DEFAULT_QUERY_TIMEOUT_MS = 30_000;
export const DEFAULT_ROW_LIMIT = 1_000;
export const MAX_ROW_LIMIT = 10_000;

/** GUANXI_QUERY_TIMEOUT_MS, else 30 s. */
export function queryTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.GUANXI_QUERY_TIMEOUT_MS);
  return Number.isFinite(ms) && ms > 0 ? ms : DEFAULT_QUERY_TIMEOUT_MS;
}

function formatSeconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

const queryBody = {
  type: "object",
  required: ["cypher"],
  additionalProperties: false,
  properties: {
    cypher: { type: "string", minLength: 1, maxLength: 100_000 },
    params: { type: "object" },
    rowLimit: { type: "integer", minimum: 1, maximum: MAX_ROW_LIMIT, default: DEFAULT_ROW_LIMIT },
  },
} as const;

export function registerQueryRoutes(
  app: FastifyInstance,
  db: GraphDb,
  workers: QueryWorkerPool,
  limits: { timeoutMs: number; maxBytes: number },
): void {
  const { timeoutMs, maxBytes } = limits;
  app.post<{ Body: QueryRequest & { rowLimit: number } }>(
    "/api/query",
    { schema: { body: queryBody } },
    async (request) => {
      const { cypher, rowLimit } = request.body;
      const params = request.body.params ?? {};
      const started = performance.now();
      const queryType = await assertReadOnly(db, cypher, params);
      let result: CappedResult;
      try {
        // In a worker thread: decoding a huge record never blocks the routes of everyone else.
        result = await workers.read(cypher, params, { rowLimit, timeoutMs, maxBytes });
      } catch (error) {
        const apiError = toApiError(error);
        if (apiError.code !== "timeout") throw apiError;
        throw new ApiError(
          504,
          "timeout",
          `The query ran longer than ${formatSeconds(timeoutMs)} and was stopped. Narrow it: start from fewer nodes ` +
            "(a label, a property value), bound variable-length paths (e.g. *..3), and return less (LIMIT).",
        );
      }
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
