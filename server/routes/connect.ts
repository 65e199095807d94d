/**
 * POST /api/connect: "connect result nodes", as Neo4j Browser does — the relationships between nodes
 * joining the screen and every node on it, capped, with how many there are (the explorer says "N of M").
 */
import type { FastifyInstance } from "fastify";
import {
  CONNECT_DEFAULT_LIMIT,
  CONNECT_MAX_AMONG,
  CONNECT_MAX_KEYS,
  CONNECT_MAX_KNOWN,
  CONNECT_MAX_LIMIT,
} from "../../core/api-types.ts";
import type { ConnectRequest, ConnectResponse } from "../../core/api-types.ts";
import { loadCypher } from "../../core/node/cypher-files.ts";
import type { GraphDb } from "../../core/node/graph-db.ts";
import type { PlainRelationship } from "../../core/plain-values.ts";
import { toGraphEdge } from "../../core/subgraph.ts";
import { EXPLORE_TIMEOUT, NODE_KEY_SCHEMA } from "../graph-reads.ts";

const keys = (maxItems: number) => ({ type: "array", items: NODE_KEY_SCHEMA, maxItems }) as const;

const connectBody = {
  type: "object",
  required: ["keys", "among"],
  additionalProperties: false,
  properties: {
    keys: keys(CONNECT_MAX_KEYS),
    among: keys(CONNECT_MAX_AMONG),
    known: { ...keys(CONNECT_MAX_KNOWN), default: [] },
    limit: { type: "integer", minimum: 1, maximum: CONNECT_MAX_LIMIT, default: CONNECT_DEFAULT_LIMIT },
  },
} as const;

export function registerConnectRoutes(app: FastifyInstance, db: GraphDb): void {
  app.post<{ Body: Required<ConnectRequest> }>(
    "/api/connect",
    { schema: { body: connectBody } },
    async (request) => {
      const { keys, among, known, limit } = request.body;
      if (keys.length === 0) {
        const nothing: ConnectResponse = { edges: [], total: 0 };
        return nothing;
      }
      // The new nodes are on screen too: relationships among them count.
      const all = [...new Set([...among, ...keys])];
      const { rows } = await db.read(
        loadCypher("explore/connect"),
        { keys: [...new Set(keys)], among: all, known, limit },
        EXPLORE_TIMEOUT,
      );
      const row = rows[0];
      const rels = (row?.rels ?? []) as PlainRelationship[];
      const response: ConnectResponse = { edges: rels.map(toGraphEdge), total: Number(row?.total ?? 0) };
      return response;
    },
  );
}
