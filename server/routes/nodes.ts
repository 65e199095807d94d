/** GET /api/nodes/:key: everything the inspector shows — the node, its neighbours by group, the evidence. */
import type { FastifyInstance } from "fastify";
import { NODES_PER_REQUEST } from "../../core/api-types.ts";
import type { NodeDetailsResponse, NodesRequest, NodesResponse } from "../../core/api-types.ts";
import { loadCypher } from "../../core/cypher-files.ts";
import type { GraphDb } from "../../core/graph-db.ts";
import type { PlainNode, PlainRelationship } from "../../core/plain-values.ts";
import { SubgraphBuilder, toGraphEdge, toGraphNode } from "../../core/subgraph.ts";
import {
  addNodesByKey,
  EXPLORE_TIMEOUT,
  NODE_KEY_SCHEMA,
  neighbourGroups,
  neighbourPage,
  requireNode,
} from "../graph-reads.ts";

/** Neighbours listed per (type, direction) group; the group's total says how many there are. */
export const INSPECTOR_NEIGHBOURS = 50;
/** Relationships whose evidence is quoted, at most (MENTIONS last). */
export const INSPECTOR_EVIDENCE = 200;

const keyParams = {
  type: "object",
  required: ["key"],
  properties: { key: NODE_KEY_SCHEMA },
} as const;

export function registerNodeRoutes(app: FastifyInstance, db: GraphDb): void {
  // Complete nodes for exports: what the explorer holds lacks the properties bulk views omit.
  app.post<{ Body: NodesRequest }>(
    "/api/nodes",
    {
      schema: {
        body: {
          type: "object",
          required: ["keys"],
          additionalProperties: false,
          properties: {
            keys: { type: "array", items: NODE_KEY_SCHEMA, minItems: 1, maxItems: NODES_PER_REQUEST },
          },
        },
      },
    },
    async (request) => {
      const builder = new SubgraphBuilder();
      await addNodesByKey(db, builder, [...new Set(request.body.keys)]);
      const response: NodesResponse = { nodes: builder.build().nodes };
      return response;
    },
  );

  app.get<{ Params: { key: string } }>(
    "/api/nodes/:key",
    { schema: { params: keyParams } },
    async (request) => {
      const { key } = request.params;
      const found = await requireNode(db, key);
      const node = toGraphNode(found.node, found.degree);
      const groups: NodeDetailsResponse["groups"] = await Promise.all(
        (await neighbourGroups(db, key)).map(async (group) => {
          const page = await neighbourPage(db, key, group, 0, INSPECTOR_NEIGHBOURS);
          return {
            ...group,
            neighbours: page.map((p) => ({ node: toGraphNode(p.node, p.degree), edge: toGraphEdge(p.rel) })),
          };
        }),
      );
      const { rows } = await db.read(
        loadCypher("explore/evidence"),
        { key, limit: INSPECTOR_EVIDENCE },
        EXPLORE_TIMEOUT,
      );
      const evidence: NodeDetailsResponse["evidence"] = rows.map((r) => {
        const edge = toGraphEdge(r.r as PlainRelationship);
        const article = r.a as PlainNode | null;
        const quotes = Array.isArray(edge.properties.evidence) ? edge.properties.evidence.map(String) : [];
        return {
          edge,
          other: toGraphNode(r.m as PlainNode),
          quotes,
          ...(article
            ? {
                article: {
                  key: article.elementId,
                  id: String(article.properties.id ?? ""),
                  title: String(article.properties.title ?? article.properties.name ?? ""),
                },
              }
            : {}),
        };
      });
      const response: NodeDetailsResponse = { node, groups, evidence };
      return response;
    },
  );
}
