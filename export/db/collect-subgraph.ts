/**
 * The graph in an analyst's read-only query (Node only): every node, relationship and path in the result,
 * plus the end nodes of relationships returned without them, so an exported file never has a dangling edge.
 */
import type { Subgraph } from "../../core/api-types.ts";
import { loadCypher } from "../../core/node/cypher-files.ts";
import type { GraphDb, Params } from "../../core/node/graph-db.ts";
import type { PlainNode } from "../../core/plain-values.ts";
import { readIsolated, resultMaxBytesFromEnv } from "../../core/node/query-isolation.ts";
import { assertReadOnly } from "../../core/node/read-only-query.ts";
import { DEFAULT_SCHEMA, type GraphSchema } from "../../core/schema/graph-schema.ts";
import { SubgraphBuilder } from "../../core/subgraph.ts";

export async function collectSubgraph(
  db: GraphDb,
  cypher: string,
  params: Params,
  timeoutMs: number,
  schema: GraphSchema = DEFAULT_SCHEMA,
): Promise<{ subgraph: Subgraph; rows: number }> {
  await assertReadOnly(db, cypher, params);
  // In a worker thread, with a deadline and a byte budget (core/node/query-isolation.ts).
  const result = await readIsolated(db.config, cypher, params, {
    rowLimit: Number.MAX_SAFE_INTEGER,
    timeoutMs,
    maxBytes: resultMaxBytesFromEnv(),
  });
  const builder = new SubgraphBuilder([], schema);
  for (const row of result.rows) for (const value of Object.values(row)) builder.addValue(value);
  const missing = builder.missingEndpoints();
  if (missing.length > 0) {
    const ends = await db.read(loadCypher("explore/nodes-by-key"), { keys: missing }, { timeoutMs });
    for (const row of ends.rows) builder.addNode(row.n as PlainNode);
  }
  return { subgraph: builder.build(), rows: result.rows.length };
}
