/** GET /api/overview and /api/schema: the first view and what the database holds. */
import type { FastifyInstance } from "fastify";
import type { OverviewResponse, SchemaResponse } from "../../core/api-types.ts";
import { loadCypher } from "../../core/cypher-files.ts";
import type { GraphDb } from "../../core/graph-db.ts";
import type { PlainNode } from "../../core/plain-values.ts";
import { SubgraphBuilder } from "../../core/subgraph.ts";
import { addRelationshipsAmong } from "../graph-reads.ts";

const overviewQuery = {
  type: "object",
  properties: { limit: { type: "integer", minimum: 1, maximum: 20_000, default: 2_000 } },
  additionalProperties: false,
} as const;

export function registerOverviewRoutes(app: FastifyInstance, db: GraphDb): void {
  app.get<{ Querystring: { limit: number } }>(
    "/api/overview",
    { schema: { querystring: overviewQuery } },
    async (request) => {
      const { limit } = request.query;
      const totalsRow = (await db.read(loadCypher("explore/totals"))).rows[0]!;
      const totals = { nodes: Number(totalsRow.nodes), relationships: Number(totalsRow.relationships) };
      // The whole graph when it fits, else the most connected nodes: never all of a large database.
      const { rows } = await db.read(loadCypher("explore/top-nodes"), { limit });
      const builder = new SubgraphBuilder();
      for (const row of rows) builder.addNode(row.n as PlainNode, Number(row.degree));
      const keys = rows.map((r) => (r.n as PlainNode).elementId);
      await addRelationshipsAmong(db, builder, keys, limit * 5);
      const response: OverviewResponse = { ...builder.build(), totals, sampled: totals.nodes > limit, limit };
      return response;
    },
  );

  app.get("/api/schema", async () => {
    const labels = await db.read(
      "CALL db.labels() YIELD label CALL (label) { MATCH (n) WHERE label IN labels(n) RETURN count(n) AS count } RETURN label, count ORDER BY count DESC",
    );
    const types = await db.read(
      "CALL db.relationshipTypes() YIELD relationshipType AS type CALL (type) { MATCH ()-[r]->() WHERE type(r) = type RETURN count(r) AS count } RETURN type, count ORDER BY count DESC",
    );
    const keys = await db.read(
      "CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey ORDER BY propertyKey",
    );
    const response: SchemaResponse = {
      labels: labels.rows.map((r) => ({ label: String(r.label), count: Number(r.count) })),
      relationshipTypes: types.rows.map((r) => ({ type: String(r.type), count: Number(r.count) })),
      propertyKeys: keys.rows.map((r) => String(r.propertyKey)),
    };
    return response;
  });
}
