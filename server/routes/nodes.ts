/** GET /api/nodes/:key (the inspector) and POST /api/expand (neighbours, capped per group, with paging). */
import type { FastifyInstance } from "fastify";
import type {
  ExpandRequest,
  ExpandResponse,
  NeighbourGroup,
  NodeDetailsResponse,
} from "../../core/api-types.ts";
import { loadCypher } from "../../core/cypher-files.ts";
import type { GraphDb } from "../../core/graph-db.ts";
import type { PlainNode, PlainRelationship } from "../../core/plain-values.ts";
import { SubgraphBuilder, toGraphEdge, toGraphNode } from "../../core/subgraph.ts";
import { ApiError } from "../errors.ts";
import { addNodesByKey } from "../graph-reads.ts";

const INSPECTOR_NEIGHBOURS = 50;
const INSPECTOR_EVIDENCE = 200;

async function groupsOf(db: GraphDb, key: string): Promise<NeighbourGroup[]> {
  const { rows } = await db.read(loadCypher("explore/neighbour-groups"), { key });
  return rows.map((r) => ({
    type: String(r.type),
    direction: r.direction === "in" ? "in" : "out",
    total: Number(r.total),
  }));
}

async function neighbours(db: GraphDb, key: string, group: NeighbourGroup, offset: number, limit: number) {
  const { rows } = await db.read(loadCypher("explore/neighbours"), {
    key,
    type: group.type,
    direction: group.direction,
    offset,
    limit,
  });
  return rows.map((r) => ({
    rel: r.r as PlainRelationship,
    node: r.m as PlainNode,
    degree: Number(r.degree),
  }));
}

async function requireNode(db: GraphDb, key: string): Promise<SubgraphBuilder> {
  const builder = new SubgraphBuilder();
  await addNodesByKey(db, builder, [key]);
  if (!builder.hasNode(key))
    throw new ApiError(404, "not-found", `No node with key "${key}": it may have been deleted.`);
  return builder;
}

const keyParams = {
  type: "object",
  required: ["key"],
  properties: { key: { type: "string", minLength: 1, maxLength: 200 } },
} as const;

const expandBody = {
  type: "object",
  required: ["key"],
  additionalProperties: false,
  properties: {
    key: { type: "string", minLength: 1, maxLength: 200 },
    limit: { type: "integer", minimum: 1, maximum: 500, default: 25 },
    groups: {
      type: "array",
      maxItems: 200,
      items: {
        type: "object",
        required: ["type", "direction", "offset"],
        additionalProperties: false,
        properties: {
          type: { type: "string", minLength: 1, maxLength: 200 },
          direction: { enum: ["in", "out"] },
          offset: { type: "integer", minimum: 0 },
        },
      },
    },
  },
} as const;

export function registerNodeRoutes(app: FastifyInstance, db: GraphDb): void {
  app.get<{ Params: { key: string } }>(
    "/api/nodes/:key",
    { schema: { params: keyParams } },
    async (request) => {
      const { key } = request.params;
      const builder = await requireNode(db, key);
      const node = builder.build().nodes[0]!;
      const groups: NodeDetailsResponse["groups"] = [];
      for (const group of await groupsOf(db, key)) {
        const page = await neighbours(db, key, group, 0, INSPECTOR_NEIGHBOURS);
        groups.push({
          ...group,
          neighbours: page.map((p) => ({ node: toGraphNode(p.node, p.degree), edge: toGraphEdge(p.rel) })),
        });
      }
      const { rows } = await db.read(loadCypher("explore/evidence"), { key, limit: INSPECTOR_EVIDENCE });
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

  app.post<{ Body: ExpandRequest & { limit: number } }>(
    "/api/expand",
    { schema: { body: expandBody } },
    async (request) => {
      const { key, limit } = request.body;
      const builder = await requireNode(db, key);
      const all = await groupsOf(db, key);
      const wanted = request.body.groups;
      const groups: ExpandResponse["groups"] = [];
      for (const group of all) {
        const ask = wanted
          ? wanted.find((g) => g.type === group.type && g.direction === group.direction)
          : { offset: 0 };
        if (!ask) continue;
        const page = await neighbours(db, key, group, ask.offset, limit);
        for (const p of page) {
          builder.addNode(p.node, p.degree);
          builder.addEdge(p.rel);
        }
        groups.push({ ...group, shown: Math.min(group.total, ask.offset + page.length) });
      }
      const response: ExpandResponse = { ...builder.build(), groups };
      return response;
    },
  );
}
