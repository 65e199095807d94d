/**
 * GET /api/articles/:key/shared: the correlation view of an article — the articles that share entities
 * with it and, for every pair of them sharing any, how many and which. Read-only; the links are derived
 * here (SHARES_ENTITIES in the explorer) and never written to the database.
 */
import type { FastifyInstance } from "fastify";
import type { SharedEntitiesResponse } from "../../core/api-types.ts";
import { loadCypher, withSchemaNames } from "../../core/node/cypher-files.ts";
import type { GraphDb } from "../../core/node/graph-db.ts";
import type { PlainNode } from "../../core/plain-values.ts";
import { captionOf, type GraphSchema } from "../../core/schema/graph-schema.ts";
import { BULK_OMITTED_PROPERTIES, toGraphNode } from "../../core/subgraph.ts";
import { ApiError } from "../errors.ts";
import { EXPLORE_TIMEOUT, NODE_KEY_SCHEMA, requireNode } from "../graph-reads.ts";

/** Articles listed at most (the default), and the most a request may ask for. */
export const SHARED_ARTICLES_DEFAULT = 25;
export const SHARED_ARTICLES_MAX = 200;
/** Shared entities named per link (the count says how many there are). */
export const SHARED_NAMES = 20;

export function registerArticleRoutes(app: FastifyInstance, db: GraphDb, schema: GraphSchema): void {
  app.get<{ Params: { key: string }; Querystring: { limit: number } }>(
    "/api/articles/:key/shared",
    {
      schema: {
        params: { type: "object", required: ["key"], properties: { key: NODE_KEY_SCHEMA } },
        querystring: {
          type: "object",
          additionalProperties: false,
          properties: {
            limit: {
              type: "integer",
              minimum: 1,
              maximum: SHARED_ARTICLES_MAX,
              default: SHARED_ARTICLES_DEFAULT,
            },
          },
        },
      },
    },
    async (request) => {
      const { key } = request.params;
      const { limit } = request.query;
      const label = schema.documentLabel;
      if (!label || !schema.hasLabel(label))
        throw new ApiError(
          404,
          "no-articles",
          `The schema "${schema.name}" names no source documents (no provenance.documentLabel): there are no articles to correlate in this database.`,
        );
      const found = await requireNode(db, key);
      if (!found.node.labels.includes(label))
        throw new ApiError(
          400,
          "not-an-article",
          `"${nameOf(found.node, schema)}" is not an ${label}: only ${label} nodes share entities with other ${label} nodes.`,
        );
      const names = { LABEL: label };
      const others = await db.read(
        withSchemaNames(loadCypher("explore/shared-entity-articles"), names, schema),
        { key, limit: limit + 1 },
        EXPLORE_TIMEOUT,
      );
      const articles = others.rows
        .slice(0, limit)
        .map((row) => toGraphNode(row.b as PlainNode, Number(row.degree), BULK_OMITTED_PROPERTIES, schema));
      const keys = [key, ...articles.map((a) => a.key)];
      const links =
        articles.length === 0
          ? []
          : (
              await db.read(
                withSchemaNames(loadCypher("explore/shared-entity-links"), names, schema),
                { keys, names: SHARED_NAMES },
                EXPLORE_TIMEOUT,
              )
            ).rows.map((row) => ({
              source: String(row.source),
              target: String(row.target),
              count: Number(row.count),
              shared: (row.shared as PlainNode[]).map((node) => nameOf(node, schema)),
            }));
      const response: SharedEntitiesResponse = {
        article: toGraphNode(found.node, found.degree, BULK_OMITTED_PROPERTIES, schema),
        articles,
        links,
        truncated: others.rows.length > limit,
      };
      return response;
    },
  );
}

function nameOf(node: PlainNode, schema: GraphSchema): string {
  return captionOf(node.properties, node.labels, schema) ?? node.elementId;
}
