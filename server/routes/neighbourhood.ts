/** POST /api/neighbourhood: every node within N hops (1–3) and the relationships among them, capped. */
import type { GraphSchema } from "../../core/schema/graph-schema.ts";
import type { FastifyInstance } from "fastify";
import type { NeighbourhoodRequest, NeighbourhoodResponse } from "../../core/api-types.ts";
import { loadCypher } from "../../core/node/cypher-files.ts";
import type { GraphDb } from "../../core/node/graph-db.ts";
import { BULK_OMITTED_PROPERTIES, SubgraphBuilder } from "../../core/subgraph.ts";
import {
  EXPLORE_TIMEOUT,
  NODE_KEY_SCHEMA,
  addNodesByKey,
  addRelationshipsAmong,
  requireNode,
} from "../graph-reads.ts";

/** Relationships among the nodes, at most this many per node. */
const RELATIONSHIPS_PER_NODE = 5;

const neighbourhoodBody = {
  type: "object",
  required: ["key", "hops"],
  additionalProperties: false,
  properties: {
    key: NODE_KEY_SCHEMA,
    hops: { type: "integer", minimum: 1, maximum: 3 },
    limit: { type: "integer", minimum: 1, maximum: 5_000, default: 500 },
  },
} as const;

export function registerNeighbourhoodRoutes(app: FastifyInstance, db: GraphDb, schema: GraphSchema): void {
  app.post<{ Body: NeighbourhoodRequest & { limit: number } }>(
    "/api/neighbourhood",
    { schema: { body: neighbourhoodBody } },
    async (request) => {
      const { key: start, hops, limit } = request.body;
      await requireNode(db, start);
      // Breadth first, one hop at a time, so nearer nodes come first and the cap holds as it grows.
      const seen = [start];
      let frontier = [start];
      let truncated = false;
      for (let hop = 0; hop < hops && frontier.length > 0 && !truncated; hop++) {
        const room = limit - seen.length;
        const { rows } = await db.read(
          loadCypher("explore/adjacent-keys"),
          { keys: frontier, seen, limit: room + 1 },
          EXPLORE_TIMEOUT,
        );
        frontier = rows.slice(0, room).map((row) => String(row.key));
        truncated = rows.length > room;
        seen.push(...frontier);
      }
      const builder = new SubgraphBuilder(BULK_OMITTED_PROPERTIES, schema);
      await addNodesByKey(db, builder, seen);
      const capped = await addRelationshipsAmong(db, builder, seen, limit * RELATIONSHIPS_PER_NODE);
      const response: NeighbourhoodResponse = { ...builder.build(), truncated: truncated || capped };
      return response;
    },
  );
}
