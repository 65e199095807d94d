/** GET /api/overview?limit=N: the first view — the whole graph when it fits, else the most connected nodes. */
import { performance } from "node:perf_hooks";
import type { GraphSchema } from "../../core/schema/graph-schema.ts";
import type { FastifyInstance } from "fastify";
import type { OverviewResponse } from "../../core/api-types.ts";
import { loadCypher } from "../../core/node/cypher-files.ts";
import type { GraphDb } from "../../core/node/graph-db.ts";
import type { PlainNode } from "../../core/plain-values.ts";
import { BULK_OMITTED_PROPERTIES, SubgraphBuilder } from "../../core/subgraph.ts";
import { EXPLORE_TIMEOUT, addRelationshipsAmong } from "../graph-reads.ts";

/** Relationships shown per node of the view, at most. */
export const OVERVIEW_RELATIONSHIPS_PER_NODE = 5;

/** Nodes an overview may ask for, unless the server is configured otherwise (ServerOptions). */
export const OVERVIEW_MAX_LIMIT = 20_000;
export const OVERVIEW_DEFAULT_LIMIT = 2_000;

/** The contract's response, and whether the relationships among the nodes were capped too. */
export interface OverviewResponseWithCap extends OverviewResponse {
  relationshipsTruncated: boolean;
}

/**
 * `maxLimit`: the largest `limit` accepted (benchmarks raise it to load a whole large database on
 * purpose; the explorer itself asks for a few hundred nodes).
 *
 * The response carries a `Server-Timing` header — `db` (the Neo4j reads), `build` (records → the
 * API's nodes and edges) and `json` (serialisation) — so a browser's devtools and the render
 * benchmark can split a slow first view into its parts. The body is serialised here for that reason.
 */
/** Splits a request's time into Neo4j reads, building the response, and serialising it. */
class PhaseClock {
  private readonly started = performance.now();
  private dbMs = 0;

  async db<T>(read: () => Promise<T>): Promise<T> {
    const at = performance.now();
    try {
      return await read();
    } finally {
      this.dbMs += performance.now() - at;
    }
  }

  /** `built`: when the response object was complete; `serialised`: when its JSON was. */
  header(built: number, serialised: number): string {
    const ms = (n: number) => n.toFixed(1);
    const build = built - this.started - this.dbMs;
    return `db;dur=${ms(this.dbMs)}, build;dur=${ms(build)}, json;dur=${ms(serialised - built)}`;
  }
}

export function registerOverviewRoutes(
  app: FastifyInstance,
  db: GraphDb,
  schema: GraphSchema,
  maxLimit: number = OVERVIEW_MAX_LIMIT,
): void {
  if (!Number.isSafeInteger(maxLimit) || maxLimit < 1) {
    throw new Error(`overview: the maximum limit must be a positive integer, got ${maxLimit}`);
  }
  const overviewQuery = {
    type: "object",
    properties: {
      limit: {
        type: "integer",
        minimum: 1,
        maximum: maxLimit,
        default: Math.min(OVERVIEW_DEFAULT_LIMIT, maxLimit),
      },
    },
  } as const;

  app.get<{ Querystring: { limit: number } }>(
    "/api/overview",
    { schema: { querystring: overviewQuery } },
    async (request, reply) => {
      const { limit } = request.query;
      const clock = new PhaseClock();
      // The counts and the nodes are independent reads: both at once (two sessions).
      // Never all of a large database: at most `limit` nodes, most connected first.
      const [totalsResult, { rows }] = await clock.db(() =>
        Promise.all([
          db.read(loadCypher("explore/totals"), {}, EXPLORE_TIMEOUT),
          db.read(loadCypher("explore/top-nodes"), { limit }, EXPLORE_TIMEOUT),
        ]),
      );
      const totalsRow = totalsResult.rows[0]!;
      const totals = { nodes: Number(totalsRow.nodes), relationships: Number(totalsRow.relationships) };
      const builder = new SubgraphBuilder(BULK_OMITTED_PROPERTIES, schema);
      for (const row of rows) builder.addNode(row.n as PlainNode, Number(row.degree));
      const keys = rows.map((r) => (r.n as PlainNode).elementId);
      const relationshipsTruncated = await clock.db(() =>
        addRelationshipsAmong(db, builder, keys, limit * OVERVIEW_RELATIONSHIPS_PER_NODE, {
          // Every node is in the view (none added since the count): one scan, no seeks.
          all: keys.length === totals.nodes,
        }),
      );
      const response: OverviewResponseWithCap = {
        ...builder.build(),
        totals,
        sampled: totals.nodes > limit,
        limit,
        relationshipsTruncated,
      };
      const built = performance.now();
      const body = JSON.stringify(response);
      reply.header("server-timing", clock.header(built, performance.now()));
      return reply.type("application/json; charset=utf-8").send(body);
    },
  );
}
