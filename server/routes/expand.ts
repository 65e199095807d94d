/** POST /api/expand: a node's neighbours, at most `limit` per (type, direction) group, with paging. */
import type { GraphSchema } from "../../core/schema/graph-schema.ts";
import type { FastifyInstance } from "fastify";
import type { ExpandRequest, ExpandResponse } from "../../core/api-types.ts";
import type { GraphDb } from "../../core/node/graph-db.ts";
import { BULK_OMITTED_PROPERTIES, SubgraphBuilder } from "../../core/subgraph.ts";
import { NODE_KEY_SCHEMA, neighbourGroups, neighbourPage, requireNode } from "../graph-reads.ts";

const expandBody = {
  type: "object",
  required: ["key"],
  additionalProperties: false,
  properties: {
    key: NODE_KEY_SCHEMA,
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
          offset: { type: "integer", minimum: 0, maximum: 10_000_000 },
        },
      },
    },
  },
} as const;

export function registerExpandRoutes(app: FastifyInstance, db: GraphDb, schema: GraphSchema): void {
  app.post<{ Body: ExpandRequest & { limit: number } }>(
    "/api/expand",
    { schema: { body: expandBody } },
    async (request) => {
      const { key, limit } = request.body;
      // The node and its group totals at once: a missing node has no groups, and is a 404.
      const [centre, allGroups] = await Promise.all([requireNode(db, key), neighbourGroups(db, key)]);
      const builder = new SubgraphBuilder(BULK_OMITTED_PROPERTIES, schema);
      builder.addNode(centre.node, centre.degree);
      const wanted = request.body.groups;
      // The group totals count the node's relationships; only the pages are capped (one read per group).
      const asked = allGroups.flatMap((group) => {
        const ask = wanted
          ? wanted.find((g) => g.type === group.type && g.direction === group.direction)
          : { offset: 0 };
        return ask ? [{ group, offset: ask.offset }] : [];
      });
      const pages = await Promise.all(
        asked.map(({ group, offset }) =>
          offset < group.total ? neighbourPage(db, key, group, offset, limit) : Promise.resolve([]),
        ),
      );
      const groups: ExpandResponse["groups"] = asked.map(({ group, offset }, i) => {
        const page = pages[i]!;
        for (const p of page) {
          builder.addNode(p.node, p.degree);
          builder.addEdge(p.rel);
        }
        return { ...group, shown: Math.min(group.total, offset + page.length) };
      });
      // Groups asked for that the node does not have (any more): none of them.
      for (const g of wanted ?? []) {
        if (!groups.some((x) => x.type === g.type && x.direction === g.direction)) {
          groups.push({ type: g.type, direction: g.direction, total: 0, shown: 0 });
        }
      }
      const response: ExpandResponse = { ...builder.build(), groups };
      return response;
    },
  );
}
