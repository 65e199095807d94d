/**
 * POST /api/path: a shortest path between two nodes, ignoring direction, through the allowed relationship
 * types and around the excluded nodes and labels (what the analyst has hidden); found: false when there
 * is none.
 */
import type { GraphSchema } from "../../core/schema/graph-schema.ts";
import type { FastifyInstance } from "fastify";
import { MAX_PATH_EXCLUDED, MAX_PATH_TYPES } from "../../core/api-types.ts";
import type { PathRequest, PathResponse } from "../../core/api-types.ts";
import { loadCypher } from "../../core/node/cypher-files.ts";
import type { GraphDb } from "../../core/node/graph-db.ts";
import type { PlainPath } from "../../core/plain-values.ts";
import { BULK_OMITTED_PROPERTIES, SubgraphBuilder } from "../../core/subgraph.ts";
import { EXPLORE_TIMEOUT, NODE_KEY_SCHEMA, addNodesByKey, requireNode } from "../graph-reads.ts";

export const MAX_PATH_HOPS = 15;

const pathBody = {
  type: "object",
  required: ["from", "to"],
  additionalProperties: false,
  properties: {
    from: NODE_KEY_SCHEMA,
    to: NODE_KEY_SCHEMA,
    maxHops: { type: "integer", minimum: 1, maximum: MAX_PATH_HOPS, default: 6 },
    types: {
      type: "array",
      items: { type: "string", minLength: 1, maxLength: 200 },
      maxItems: MAX_PATH_TYPES,
    },
    excluded: { type: "array", items: NODE_KEY_SCHEMA, maxItems: MAX_PATH_EXCLUDED },
    excludedLabels: {
      type: "array",
      items: { type: "string", minLength: 1, maxLength: 200 },
      maxItems: MAX_PATH_TYPES,
    },
  },
} as const;

/** The statement with its variable-length bound: an integer checked here, the only text ever put in. */
function shortestPathCypher(maxHops: number): string {
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MAX_PATH_HOPS) {
    throw new Error(`maxHops must be an integer from 1 to ${MAX_PATH_HOPS}`);
  }
  return loadCypher("explore/shortest-path").replaceAll("__MAXHOPS__", String(maxHops));
}

export function registerPathRoutes(app: FastifyInstance, db: GraphDb, schema: GraphSchema): void {
  app.post<{ Body: PathRequest & { maxHops: number } }>(
    "/api/path",
    { schema: { body: pathBody } },
    async (request) => {
      const { from, to, maxHops, types, excluded = [], excludedLabels = [] } = request.body;
      const builder = new SubgraphBuilder(BULK_OMITTED_PROPERTIES, schema);
      const start = await requireNode(db, from);
      if (from === to) {
        builder.addNode(start.node, start.degree);
        const itself: PathResponse = { ...builder.build(), found: true, length: 0 };
        return itself;
      }
      await requireNode(db, to);
      const { rows } = await db.read(
        shortestPathCypher(maxHops),
        { from, to, types: types ?? null, excluded, excludedLabels },
        EXPLORE_TIMEOUT,
      );
      const path = rows[0]?.p as PlainPath | undefined;
      if (!path) {
        const none: PathResponse = { nodes: [], edges: [], found: false, length: 0 };
        return none;
      }
      // The path's nodes again, with their degree (in path order).
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
