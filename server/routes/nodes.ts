/** GET /api/nodes/:key: everything the inspector shows — the node, its neighbours by group, the evidence. */
import { supportingArticles } from "../../core/evidence.ts";
import { relationshipSupports } from "../../core/provenance.ts";
import type { GraphSchema } from "../../core/schema/graph-schema.ts";
import type { FastifyInstance } from "fastify";
import { NODES_PER_REQUEST } from "../../core/api-types.ts";
import type { NodeDetailsResponse, NodesRequest, NodesResponse } from "../../core/api-types.ts";
import { loadCypher } from "../../core/node/cypher-files.ts";
import type { GraphDb } from "../../core/node/graph-db.ts";
import type { PlainNode, PlainRelationship } from "../../core/plain-values.ts";
import { SubgraphBuilder, toGraphEdge, toGraphNode } from "../../core/subgraph.ts";
import {
  addNodesByKey,
  describeSupport,
  documentsById,
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

export function registerNodeRoutes(app: FastifyInstance, db: GraphDb, schema: GraphSchema): void {
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
      const builder = new SubgraphBuilder([], schema);
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
      // Independent reads at once: the node (a 404 when missing), its neighbours by group, its evidence.
      const [found, groups, { rows }] = await Promise.all([
        requireNode(db, key),
        neighbourGroups(db, key).then((all) =>
          Promise.all(
            all.map(async (group) => {
              const page = await neighbourPage(db, key, group, 0, INSPECTOR_NEIGHBOURS);
              return {
                ...group,
                neighbours: page.map((p) => ({
                  node: toGraphNode(p.node, p.degree, [], schema),
                  edge: toGraphEdge(p.rel),
                })),
              };
            }),
          ),
        ),
        db.read(loadCypher("explore/evidence"), { key, limit: INSPECTOR_EVIDENCE }, EXPLORE_TIMEOUT),
      ]);
      const node = toGraphNode(found.node, found.degree, [], schema);
      const facts = rows.map((r) => ({
        edge: toGraphEdge(r.r as PlainRelationship),
        other: r.m as PlainNode,
      }));
      const supportsOf = facts.map((f) => relationshipSupports(f.edge.properties));
      const documents = await documentsById(
        db,
        schema,
        supportsOf.flatMap((list) => list.map((s) => s.article).filter((id) => id !== "")),
      );
      const evidence: NodeDetailsResponse["evidence"] = facts.map((fact, i) => ({
        edge: fact.edge,
        other: toGraphNode(fact.other, undefined, [], schema),
        supports: supportsOf[i]!.map((support) => describeSupport(support, documents, schema)),
      }));
      const articles = supportingArticles(evidence.map((fact) => fact.supports));
      const response: NodeDetailsResponse = {
        node,
        groups: groups satisfies NodeDetailsResponse["groups"],
        evidence,
        articles,
      };
      return response;
    },
  );
}
