/**
 * GET /api/relationships/:key: everything the inspector shows of a relationship — its type, its two ends
 * (start → end), its properties and its evidence, each quote with its article and the passage of the
 * article's text around it.
 */
import type { FastifyInstance } from "fastify";
import type { RelationshipDetailsResponse } from "../../core/api-types.ts";
import { loadCypher } from "../../core/node/cypher-files.ts";
import type { GraphDb } from "../../core/node/graph-db.ts";
import type { PlainNode, PlainRelationship } from "../../core/plain-values.ts";
import { supportingArticles } from "../../core/evidence.ts";
import { relationshipSupports } from "../../core/provenance.ts";
import type { GraphSchema } from "../../core/schema/graph-schema.ts";
import { toGraphEdge, toGraphNode } from "../../core/subgraph.ts";
import { notFound } from "../errors.ts";
import { EXPLORE_TIMEOUT, NODE_KEY_SCHEMA, describeSupport, documentsById } from "../graph-reads.ts";

const keyParams = {
  type: "object",
  required: ["key"],
  properties: { key: NODE_KEY_SCHEMA },
} as const;

export function registerRelationshipRoutes(app: FastifyInstance, db: GraphDb, schema: GraphSchema): void {
  app.get<{ Params: { key: string } }>(
    "/api/relationships/:key",
    { schema: { params: keyParams } },
    async (request) => {
      const { key } = request.params;
      const { rows } = await db.read(loadCypher("explore/relationship"), { key }, EXPLORE_TIMEOUT);
      const row = rows[0];
      if (!row) throw notFound(key);
      const edge = toGraphEdge(row.r as PlainRelationship);
      const supports = relationshipSupports(edge.properties);
      const documents = await documentsById(
        db,
        schema,
        supports.map((s) => s.article).filter((id) => id !== ""),
      );
      const described = supports.map((s) => describeSupport(s, documents, schema, { passage: true }));
      const response: RelationshipDetailsResponse = {
        edge,
        start: toGraphNode(row.a as PlainNode, Number(row.startDegree), ["text"], schema),
        end: toGraphNode(row.b as PlainNode, Number(row.endDegree), ["text"], schema),
        supports: described,
        articles: supportingArticles([described]),
      };
      return response;
    },
  );
}
