/** GET /api/overview?limit=N: the first view — the whole graph when it fits, else the most connected nodes. */
import type { FastifyInstance } from "fastify";
import type { OverviewResponse } from "../../core/api-types.ts";
import { loadCypher } from "../../core/cypher-files.ts";
import type { GraphDb } from "../../core/graph-db.ts";
import type { PlainNode } from "../../core/plain-values.ts";
import { BULK_OMITTED_PROPERTIES, SubgraphBuilder } from "../../core/subgraph.ts";
import { EXPLORE_TIMEOUT, addRelationshipsAmong } from "../graph-reads.ts";

/** Relationships shown per node of the view, at most. */
export const OVERVIEW_RELATIONSHIPS_PER_NODE = 5;

const overviewQuery = {
  type: "object",
  properties: { limit: { type: "integer", minimum: 1, maximum: 20_000, default: 2_000 } },
} as const;

/** The contract's response, and whether the relationships among the nodes were capped too. */
export interface OverviewResponseWithCap extends OverviewResponse {
  relationshipsTruncated: boolean;
}

export function registerOverviewRoutes(app: FastifyInstance, db: GraphDb): void {
  app.get<{ Querystring: { limit: number } }>(
    "/api/overview",
    { schema: { querystring: overviewQuery } },
    async (request) => {
      const { limit } = request.query;
      const totalsRow = (await db.read(loadCypher("explore/totals"), {}, EXPLORE_TIMEOUT)).rows[0]!;
      const totals = { nodes: Number(totalsRow.nodes), relationships: Number(totalsRow.relationships) };
      // Never all of a large database: at most `limit` nodes, most connected first.
      const { rows } = await db.read(loadCypher("explore/top-nodes"), { limit }, EXPLORE_TIMEOUT);
      const builder = new SubgraphBuilder(BULK_OMITTED_PROPERTIES);
      for (const row of rows) builder.addNode(row.n as PlainNode, Number(row.degree));
      const keys = rows.map((r) => (r.n as PlainNode).elementId);
      const relationshipsTruncated = await addRelationshipsAmong(
        db,
        builder,
        keys,
        limit * OVERVIEW_RELATIONSHIPS_PER_NODE,
      );
      const response: OverviewResponseWithCap = {
        ...builder.build(),
        totals,
        sampled: totals.nodes > limit,
        limit,
        relationshipsTruncated,
      };
      return response;
    },
  );
}
