/** POST /api/neighbourhood (everything within N hops, capped) and POST /api/path (a shortest path). */
import type { FastifyInstance } from "fastify";
import type {
  NeighbourhoodRequest,
  NeighbourhoodResponse,
  PathRequest,
  PathResponse,
} from "../../core/api-types.ts";
import { loadCypher } from "../../core/cypher-files.ts";
import type { GraphDb } from "../../core/graph-db.ts";
import type { PlainPath } from "../../core/plain-values.ts";
import { SubgraphBuilder } from "../../core/subgraph.ts";
import { ApiError } from "../errors.ts";
import { addNodesByKey, addRelationshipsAmong } from "../graph-reads.ts";

const key = { type: "string", minLength: 1, maxLength: 200 } as const;

const neighbourhoodBody = {
  type: "object",
  required: ["key", "hops"],
  additionalProperties: false,
  properties: {
    key,
    hops: { type: "integer", minimum: 1, maximum: 3 },
    limit: { type: "integer", minimum: 1, maximum: 5_000, default: 500 },
  },
} as const;

const pathBody = {
  type: "object",
  required: ["from", "to"],
  additionalProperties: false,
  properties: { from: key, to: key, maxHops: { type: "integer", minimum: 1, maximum: 15, default: 6 } },
} as const;

export function registerExploreRoutes(app: FastifyInstance, db: GraphDb): void {
  app.post<{ Body: NeighbourhoodRequest & { limit: number } }>(
    "/api/neighbourhood",
    { schema: { body: neighbourhoodBody } },
    async (request) => {
      const { key: start, hops, limit } = request.body;
      // Breadth first, one hop at a time, so the cap applies as the neighbourhood grows.
      const seen = new Set([start]);
      let frontier = [start];
      let truncated = false;
      for (let hop = 0; hop < hops && frontier.length > 0 && !truncated; hop++) {
        const { rows } = await db.read(loadCypher("explore/adjacent-keys"), {
          keys: frontier,
          limit: limit + 1,
        });
        frontier = [];
        for (const row of rows) {
          const next = String(row.key);
          if (seen.has(next)) continue;
          if (seen.size >= limit) {
            truncated = true;
            break;
          }
          seen.add(next);
          frontier.push(next);
        }
      }
      const builder = new SubgraphBuilder();
      await addNodesByKey(db, builder, [...seen]);
      if (!builder.hasNode(start)) throw new ApiError(404, "not-found", `No node with key "${start}".`);
      truncated = (await addRelationshipsAmong(db, builder, [...seen], limit * 5)) || truncated;
      const response: NeighbourhoodResponse = { ...builder.build(), truncated };
      return response;
    },
  );

  app.post<{ Body: PathRequest & { maxHops: number } }>(
    "/api/path",
    { schema: { body: pathBody } },
    async (request) => {
      const { from, to, maxHops } = request.body;
      if (from === to) throw new ApiError(400, "bad-request", "Choose two different nodes for a path.");
      const ends = new SubgraphBuilder();
      await addNodesByKey(db, ends, [from, to]);
      for (const k of [from, to])
        if (!ends.hasNode(k)) throw new ApiError(404, "not-found", `No node with key "${k}".`);
      const { rows } = await db.read(loadCypher("explore/shortest-path"), { from, to });
      const path = rows[0]?.p as PlainPath | undefined;
      if (!path || path.relationships.length > maxHops) {
        const none: PathResponse = { nodes: [], edges: [], found: false, length: 0 };
        return none;
      }
      const builder = new SubgraphBuilder();
      await addNodesByKey(
        db,
        builder,
        path.nodes.map((n) => n.elementId),
      );
      for (const rel of path.relationships) builder.addEdge(rel);
      const response: PathResponse = { ...builder.build(), found: true, length: path.relationships.length };
      return response;
    },
  );
}
