/** GET /api/overview?limit=N: the first view — the whole graph when it fits, else the most connected nodes. */
import { performance } from "node:perf_hooks";
import type { GraphSchema } from "../../core/schema/graph-schema.ts";
import type { FastifyInstance, FastifyReply } from "fastify";
import { DEFAULT_AGGREGATE_ABOVE, tripleCounts } from "../../core/aggregate.ts";
import type { RelationshipCountEntry } from "../../core/aggregate.ts";
import type { OverviewAggregate, OverviewResponse } from "../../core/api-types.ts";
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

/** GUANXI_AGGREGATE_ABOVE (elements; 0 or "off": never aggregate), else DEFAULT_AGGREGATE_ABOVE. */
export function aggregateAboveFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.GUANXI_AGGREGATE_ABOVE?.trim();
  if (!raw) return DEFAULT_AGGREGATE_ABOVE;
  if (raw === "off" || raw === "0") return Infinity;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new Error(`GUANXI_AGGREGATE_ABOVE: expected a whole number of elements or "off", got "${raw}"`);
  }
  return n;
}

/**
 * How many elements (nodes + relationships) the first view of `limit` nodes would hold: every node
 * and relationship when the database fits, else `limit` nodes and their capped relationships.
 */
export function requestedElements(totals: { nodes: number; relationships: number }, limit: number): number {
  if (limit >= totals.nodes) return totals.nodes + totals.relationships;
  return limit + Math.min(totals.relationships, limit * OVERVIEW_RELATIONSHIPS_PER_NODE);
}

/**
 * The aggregated first view's counts: per label and per (label, type, label), from the count store
 * (types with several labels at both ends estimated); by scanning where db.stats is not allowed.
 */
async function readAggregate(db: GraphDb, threshold: number): Promise<OverviewAggregate> {
  let row: Record<string, unknown>;
  try {
    row = (await db.read(loadCypher("explore/aggregate-counts"), {}, EXPLORE_TIMEOUT)).rows[0] ?? {};
  } catch {
    const scan = (await db.read(loadCypher("explore/aggregate-triples-scan"), {}, EXPLORE_TIMEOUT)).rows[0];
    return {
      threshold,
      groups: numbered(scan?.labels as { label: string; count: unknown }[] | undefined),
      links: ((scan?.links ?? []) as OverviewAggregate["links"]).map((l) => ({
        ...l,
        count: Number(l.count),
      })),
    };
  }
  const entries = ((row.relationships ?? []) as RelationshipCountEntry[]).map((e) => ({
    ...e,
    count: Number(e.count),
  }));
  const links = tripleCounts(entries);
  return {
    threshold,
    groups: numbered(row.labels as { label: string; count: unknown }[] | undefined),
    links,
  };
}

function numbered(labels: { label: string; count: unknown }[] | undefined): OverviewAggregate["groups"] {
  return (labels ?? [])
    .map(({ label, count }) => ({ label, count: Number(count) }))
    .filter((g) => g.count > 0)
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export function registerOverviewRoutes(
  app: FastifyInstance,
  db: GraphDb,
  schema: GraphSchema,
  maxLimit: number = OVERVIEW_MAX_LIMIT,
  aggregateAbove: number = DEFAULT_AGGREGATE_ABOVE,
): void {
  if (!Number.isSafeInteger(maxLimit) || maxLimit < 1) {
    throw new Error(`overview: the maximum limit must be a positive integer, got ${maxLimit}`);
  }
  if (!(aggregateAbove >= 0)) {
    throw new Error(
      `overview: the aggregation threshold must be a number of elements, got ${aggregateAbove}`,
    );
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
      label: { type: "string", minLength: 1, maxLength: 200 },
    },
  } as const;

  app.get<{ Querystring: { limit: number; label?: string } }>(
    "/api/overview",
    { schema: { querystring: overviewQuery } },
    async (request, reply) => {
      const { limit, label } = request.query;
      const clock = new PhaseClock();
      if (label !== undefined) return reply.send(await labelOverview(db, schema, label, limit));
      // The counts first (the count store, fast): they decide between the nodes and the aggregate.
      const totalsRow = (await clock.db(() => db.read(loadCypher("explore/totals"), {}, EXPLORE_TIMEOUT)))
        .rows[0]!;
      const totals = { nodes: Number(totalsRow.nodes), relationships: Number(totalsRow.relationships) };
      if (requestedElements(totals, limit) > aggregateAbove) {
        // Too large to draw: counts per label and type instead, never the nodes themselves.
        const aggregated = await clock.db(() => readAggregate(db, aggregateAbove));
        const response: OverviewResponseWithCap = {
          nodes: [],
          edges: [],
          totals,
          sampled: true,
          limit,
          aggregated,
          relationshipsTruncated: false,
        };
        return sendTimed(reply, clock, response);
      }
      // Never all of a large database: at most `limit` nodes, most connected first.
      const { rows } = await clock.db(() =>
        db.read(loadCypher("explore/top-nodes"), { limit }, EXPLORE_TIMEOUT),
      );
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
      return sendTimed(reply, clock, response);
    },
  );
}

/** Serialises the response here, so that the Server-Timing header can say how long that took. */
function sendTimed(reply: FastifyReply, clock: PhaseClock, response: OverviewResponseWithCap): FastifyReply {
  const built = performance.now();
  const body = JSON.stringify(response);
  reply.header("server-timing", clock.header(built, performance.now()));
  return reply.type("application/json; charset=utf-8").send(body);
}

/** `?label=X`: the `limit` most connected nodes of one label and the relationships among them. */
async function labelOverview(
  db: GraphDb,
  schema: GraphSchema,
  label: string,
  limit: number,
): Promise<OverviewResponseWithCap> {
  const [counted, { rows }] = await Promise.all([
    db.read(loadCypher("explore/label-count"), { label }, EXPLORE_TIMEOUT),
    db.read(loadCypher("explore/top-nodes-of-label"), { label, limit }, EXPLORE_TIMEOUT),
  ]);
  const total = Number(counted.rows[0]?.total ?? 0);
  const builder = new SubgraphBuilder(BULK_OMITTED_PROPERTIES, schema);
  for (const row of rows) builder.addNode(row.n as PlainNode, Number(row.degree));
  const keys = rows.map((r) => (r.n as PlainNode).elementId);
  const relationshipsTruncated = await addRelationshipsAmong(
    db,
    builder,
    keys,
    limit * OVERVIEW_RELATIONSHIPS_PER_NODE,
  );
  return {
    ...builder.build(),
    totals: { nodes: total, relationships: 0 },
    sampled: total > rows.length,
    limit,
    label,
    relationshipsTruncated,
  };
}
