/**
 * The aggregated first view (GET /api/overview above the server's threshold): one count per label and
 * per (label, type, label), checked against a generated network written to the real Neo4j; and
 * `?label=X`, the expansion of a meta-node.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateNetwork } from "../bench/generate-network.ts";
import type { OverviewResponse } from "../core/api-types.ts";
import { loadCypher } from "../core/node/cypher-files.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";
import { writeDataset } from "../ingest/write.ts";
import { buildServer } from "../server/app.ts";
import { injectJson } from "./support/api.ts";
import { clearDatabase, connectTestDb } from "./support/database.ts";

const network = generateNetwork({ seed: 11, nodes: 500, relationships: 1_500 });
let db: GraphDb;
let app: FastifyInstance;

beforeAll(async () => {
  db = await connectTestDb();
  await clearDatabase(db);
  await writeDataset(db, network, DEFAULT_SCHEMA);
  app = buildServer({ db, aggregateAbove: 1_000 });
}, 120_000);

afterAll(async () => {
  await app?.close();
  if (db) await clearDatabase(db);
  await db?.close();
});

/** What the generated data set holds: nodes per label and relationships per (label, type, label). */
function expectedCounts() {
  const labelsOf = new Map(network.nodes.map((n) => [n.id, n.labels]));
  const groups = new Map<string, number>();
  for (const n of network.nodes) for (const l of n.labels) groups.set(l, (groups.get(l) ?? 0) + 1);
  const links = new Map<string, number>();
  for (const r of network.relationships)
    for (const from of labelsOf.get(r.start)!)
      for (const to of labelsOf.get(r.end)!) {
        const key = `${from}|${r.type}|${to}`;
        links.set(key, (links.get(key) ?? 0) + 1);
      }
  return { groups, links };
}

describe("GET /api/overview above the aggregation threshold", () => {
  it("answers counts per label and per (label, type, label), not nodes", async () => {
    const { status, body } = await injectJson<OverviewResponse>(app, "GET", "/api/overview?limit=2000");
    expect(status).toBe(200);
    expect(body.nodes).toEqual([]);
    expect(body.edges).toEqual([]);
    expect(body.totals).toEqual({ nodes: 500, relationships: 1_500 });
    const aggregated = body.aggregated!;
    expect(aggregated.threshold).toBe(1_000);
    const { groups, links } = expectedCounts();
    expect(new Map(aggregated.groups.map((g) => [g.label, g.count]))).toEqual(groups);
    // Exact links are the data set's counts; no link the data set lacks is exact.
    const exact = aggregated.links.filter((l) => !l.estimated);
    for (const l of exact) expect([l, links.get(`${l.from}|${l.type}|${l.to}`)]).toEqual([l, l.count]);
    expect(exact.length).toBeGreaterThan(2);
    expect(groups.size).toBeGreaterThan(1);
    // Every triple of a type counted exactly is there.
    const listed = new Set(aggregated.links.map((l) => `${l.from}|${l.type}|${l.to}`));
    const exactTypes = new Set(exact.map((l) => l.type));
    for (const [key, count] of links) {
      const type = key.split("|")[1]!;
      if (exactTypes.has(type)) expect([key, count, listed.has(key)]).toEqual([key, count, true]);
    }
    // An estimated type's counts add up to about its relationships (each estimate rounded).
    const estimatedTypes = new Set(aggregated.links.filter((l) => l.estimated).map((l) => l.type));
    for (const type of estimatedTypes) {
      const pairs = aggregated.links.filter((l) => l.type === type);
      const sum = pairs.reduce((n, l) => n + l.count, 0);
      const truth = network.relationships.filter((r) => r.type === type).length;
      expect(Math.abs(sum - truth)).toBeLessThanOrEqual(pairs.length + truth * 0.1);
    }
    // Largest group first.
    const counts = aggregated.groups.map((g) => g.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it("the scan fallback (servers without db.stats) counts every triple exactly", async () => {
    const { rows } = await db.read(loadCypher("explore/aggregate-triples-scan"));
    const { groups, links } = expectedCounts();
    const labels = rows[0]!.labels as { label: string; count: unknown }[];
    const counted = new Map(labels.map((g): [string, number] => [g.label, Number(g.count)]));
    for (const [label, n] of counted) if (n === 0) counted.delete(label);
    expect(counted).toEqual(groups);
    const scanned = rows[0]!.links as { from: string; type: string; to: string; count: unknown }[];
    expect(new Map(scanned.map((l) => [`${l.from}|${l.type}|${l.to}`, Number(l.count)]))).toEqual(links);
  });

  it("draws nodes as before when the requested view fits", async () => {
    const { body } = await injectJson<OverviewResponse>(app, "GET", "/api/overview?limit=10");
    expect(body.aggregated).toBeUndefined();
    expect(body.nodes).toHaveLength(10);
  });

  it("?label=X gives the most connected nodes of that label and the relationships among them", async () => {
    const { groups } = expectedCounts();
    const [label, count] = [...groups].sort((a, b) => b[1] - a[1])[0]!;
    const { status, body } = await injectJson<OverviewResponse>(
      app,
      "GET",
      `/api/overview?limit=20&label=${encodeURIComponent(label)}`,
    );
    expect(status).toBe(200);
    expect(body.aggregated).toBeUndefined();
    expect(body.label).toBe(label);
    expect(body.totals.nodes).toBe(count);
    expect(body.sampled).toBe(count > 20);
    expect(body.nodes).toHaveLength(Math.min(20, count));
    expect(body.nodes.every((n) => n.labels.includes(label))).toBe(true);
    const degrees = body.nodes.map((n) => n.degree!);
    expect(degrees).toEqual([...degrees].sort((a, b) => b - a));
    const keys = new Set(body.nodes.map((n) => n.key));
    expect(body.edges.every((e) => keys.has(e.source) && keys.has(e.target))).toBe(true);
    const unknown = await injectJson<OverviewResponse>(app, "GET", "/api/overview?label=NoSuchLabel");
    expect(unknown.body.nodes).toEqual([]);
    expect(unknown.body.totals.nodes).toBe(0);
  });
});
