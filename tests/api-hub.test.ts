/**
 * The API on a hub: one organisation with 3,000 COOPERATES_WITH partners (and a name that is markup).
 * Expanding it answers quickly with 25 per group and the true total, pages without repeats; the
 * neighbourhood and the first view stay within their caps.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ExpandResponse,
  NeighbourhoodResponse,
  NodeDetailsResponse,
  OverviewResponse,
  SearchResponse,
} from "../core/api-types.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { SEED_DATASET, ingestFiles } from "../ingest/ingest.ts";
import { buildServer } from "../server/app.ts";
import { injectJson } from "./support/api.ts";
import { clearDatabase, connectTestDb } from "./support/database.ts";

const PARTNERS = 3000;
const MARKUP = "<img src=x onerror=alert(1)>";

let db: GraphDb;
let app: FastifyInstance;
let hub: string;

async function post<T>(url: string, payload: object): Promise<{ status: number; body: T; ms: number }> {
  const started = performance.now();
  const response = await injectJson<T>(app, "POST", url, payload);
  return { ...response, ms: performance.now() - started };
}

beforeAll(async () => {
  db = await connectTestDb();
  await clearDatabase(db);
  await ingestFiles(db, [SEED_DATASET]);
  await db.writeTransaction(async (tx) => {
    await tx.run(
      `CREATE (hub:Organisation {id: 'org:hub', name: $markup, nameEn: 'Hub Holdings', kind: 'company'})
       WITH hub
       UNWIND range(1, $partners) AS i
       CREATE (hub)-[:COOPERATES_WITH {evidence: ['合作' + i], article: 'article:tongzhou-innovation-studios'}]->
              (:Organisation {id: 'org:partner-' + i, name: '伙伴' + i, nameEn: 'Partner ' + i, kind: 'company'})`,
      { markup: MARKUP, partners: PARTNERS },
    );
    // The hub is also linked to the seed, so paths and neighbourhoods reach it.
    await tx.run(
      `MATCH (hub:Organisation {id: 'org:hub'}), (r:Region {id: 'region:tongzhou'}) CREATE (hub)-[:LOCATED_IN {evidence: ['x'], article: 'article:tongzhou-innovation-studios'}]->(r)`,
    );
  });
  const { rows } = await db.read("MATCH (n {id: 'org:hub'}) RETURN elementId(n) AS key");
  hub = String(rows[0]!.key);
  app = buildServer({ db });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe("a hub with 3,000 neighbours", () => {
  it("expands 25 per group with the true total, quickly", async () => {
    await post("/api/expand", { key: hub }); // plans compiled once
    const { status, body, ms } = await post<ExpandResponse>("/api/expand", { key: hub });
    expect(status).toBe(200);
    expect(body.groups).toEqual([
      { type: "COOPERATES_WITH", direction: "out", total: PARTNERS, shown: 25 },
      { type: "LOCATED_IN", direction: "out", total: 1, shown: 1 },
    ]);
    expect(body.nodes).toHaveLength(1 + 25 + 1);
    expect(body.edges).toHaveLength(26);
    expect(ms).toBeLessThan(1000);
  });

  it("pages with offsets: no repeats, and every partner once over all pages", async () => {
    const seen = new Set<string>();
    const group = { type: "COOPERATES_WITH", direction: "out" as const };
    for (let offset = 0; offset < PARTNERS; offset += 500) {
      const { body } = await post<ExpandResponse>("/api/expand", {
        key: hub,
        limit: 500,
        groups: [{ ...group, offset }],
      });
      expect(body.groups).toEqual([{ ...group, total: PARTNERS, shown: offset + 500 }]);
      for (const edge of body.edges) {
        expect(seen.has(edge.target)).toBe(false);
        seen.add(edge.target);
      }
    }
    expect(seen.size).toBe(PARTNERS);
    const past = await post<ExpandResponse>("/api/expand", {
      key: hub,
      groups: [{ ...group, offset: PARTNERS }],
    });
    expect(past.body.groups).toEqual([{ ...group, total: PARTNERS, shown: PARTNERS }]);
    expect(past.body.edges).toEqual([]);
  });

  it("shows the inspector 50 neighbours of the group and its total", async () => {
    const response = await app.inject({ method: "GET", url: `/api/nodes/${encodeURIComponent(hub)}` });
    const body = response.json() as NodeDetailsResponse;
    const group = body.groups.find((g) => g.type === "COOPERATES_WITH")!;
    expect(group.total).toBe(PARTNERS);
    expect(group.neighbours).toHaveLength(50);
    expect(body.evidence.length).toBeLessThanOrEqual(200);
  });

  it("caps the neighbourhood and says it is truncated", async () => {
    const { body, ms } = await post<NeighbourhoodResponse>("/api/neighbourhood", { key: hub, hops: 2 });
    expect(body.truncated).toBe(true);
    expect(body.nodes).toHaveLength(500);
    expect(ms).toBeLessThan(5000);
    const keys = new Set(body.nodes.map((n) => n.key));
    for (const e of body.edges) expect(keys.has(e.source) && keys.has(e.target)).toBe(true);
  });

  it("puts the hub first in a sampled first view", async () => {
    const response = await app.inject({ method: "GET", url: "/api/overview?limit=50" });
    const body = response.json() as OverviewResponse;
    expect(body).toMatchObject({ sampled: true, totals: { nodes: 70 + PARTNERS + 1 } });
    expect(body.nodes).toHaveLength(50);
    expect(body.nodes[0]!.key).toBe(hub);
    expect(body.nodes[0]!.degree).toBe(PARTNERS + 1);
  });
});

describe("a name that is markup", () => {
  it("comes back as plain JSON text, never as HTML", async () => {
    const response = await app.inject({ method: "GET", url: `/api/nodes/${encodeURIComponent(hub)}` });
    expect(response.headers["content-type"]).toMatch(/^application\/json/);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect((response.json() as NodeDetailsResponse).node.name).toBe(MARKUP);
    const search = await app.inject({
      method: "GET",
      url: `/api/search?q=${encodeURIComponent("Hub Holdings")}`,
    });
    expect((search.json() as SearchResponse).hits[0]!.node.name).toBe(MARKUP);
  });
});
