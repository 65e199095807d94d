/** POST /api/query: analyst Cypher, read-only, with a timeout and a row cap; rows plus the graph in them. */
import type { FastifyInstance } from "fastify";
import type { QueryRequest, QueryResponse } from "../../core/api-types.ts";
import { DatabaseError } from "../../core/errors.ts";
import { GraphDb } from "../../core/graph-db.ts";
import { SubgraphBuilder } from "../../core/subgraph.ts";
import { ApiError, cypherErrorWithoutPrefix, toApiError } from "../errors.ts";
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

/** Comments and string literals blanked out, so keywords are only looked for in the statement itself. */
function statementText(cypher: string): string {
  return cypher
    .replace(/\/\*[\s\S]*?\*\//g, " ")
    .replace(/\/\/[^\n]*/g, " ")
    .replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`/g, "''");
}

/**
 * Reads Neo4j classifies as read-only that an API shared with a team should still not run: ending other
 * people's transactions, and LOAD CSV (files on the database server, or any URL it can reach).
 */
function refusedRead(cypher: string): string | undefined {
  const text = statementText(cypher);
  if (/\bTERMINATE\s+TRANSACTIONS?\b/i.test(text)) {
    return "Refused: TERMINATE TRANSACTIONS ends other users' queries; the explorer's query box does not run it.";
  }
  if (/\bLOAD\s+CSV\b/i.test(text)) {
    return "Refused: LOAD CSV reads files or URLs from the database server; import data with `guanxi ingest` instead.";
  }
  return undefined;
}

export function registerQueryRoutes(
  app: FastifyInstance,
  db: GraphDb,
  timeoutMs: number = queryTimeoutFromEnv(),
): void {
  app.post<{ Body: QueryRequest & { rowLimit: number } }>(
    "/api/query",
    { schema: { body: queryBody } },
    async (request) => {
      const { cypher, rowLimit } = request.body;
      const params = request.body.params ?? {};
      const started = performance.now();
      const refusal = refusedRead(cypher);
      if (refusal) throw new ApiError(403, "refused", refusal);
      // Neo4j classifies the statement first (EXPLAIN runs nothing); the read transaction refuses writes too.
      let queryType: string;
      try {
        queryType = await db.queryType(cypher, params);
      } catch (error) {
        // Positions in EXPLAIN's errors count the "EXPLAIN " in front of the analyst's statement.
        throw error instanceof DatabaseError ? cypherErrorWithoutPrefix(error, "EXPLAIN ") : error;
      }
      if (!GraphDb.isReadOnly(queryType)) {
        const what = queryType === "s" ? "changes the schema" : "writes to the database";
        throw new ApiError(
          403,
          "read-only",
          `Refused: this query ${what} (Neo4j query type "${queryType}"). Guanxi runs analyst queries read-only; nothing was changed.`,
        );
      }
      let result: Awaited<ReturnType<GraphDb["readCapped"]>>;
      try {
        result = await db.readCapped(cypher, params, { rowLimit, timeoutMs });
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
