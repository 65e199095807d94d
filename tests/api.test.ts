/** The explorer's HTTP API on the real Neo4j with the seed ingested (fastify's inject: no port needed). */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ApiErrorResponse,
  ExpandResponse,
  NodeDetailsResponse,
  OverviewResponse,
  PathResponse,
  QueryResponse,
  SearchResponse,
} from "../core/api-types.ts";
import type { GraphDb } from "../core/graph-db.ts";
import { buildServer } from "../server/app.ts";
import { injectJson, keyOf } from "./support/api.ts";
import { connectWithSeed, snapshot } from "./support/database.ts";

let db: GraphDb;
let app: FastifyInstance;

beforeAll(async () => {
  ({ db } = await connectWithSeed());
  // A hub: one organisation with 3,000 partners, and a name that is markup.
  await db.runAutoCommit(
    `CREATE (hub:Organisation {id: 'org:hub', name: '<img src=x onerror=alert(1)>', nameEn: 'Hub', kind: 'union'})
     WITH hub UNWIND range(1, 3000) AS i
     CREATE (hub)-[:COOPERATES_WITH {evidence: ['x'], article: 'article:none'}]->(:Organisation {id: 'org:partner-' + i, name: '伙伴' + i, nameEn: 'Partner ' + i, kind: 'company'})`,
  );
  app = buildServer({ db });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe("the explorer API", () => {
  it("serves the first view: the most connected nodes, with totals", async () => {
    const { status, body } = await injectJson<OverviewResponse>(app, "GET", "/api/overview?limit=100");
    expect(status).toBe(200);
    expect(body.totals).toEqual({ nodes: 70 + 3001, relationships: 172 + 3000 });
    expect(body.sampled).toBe(true);
    expect(body.nodes).toHaveLength(100);
    expect(body.nodes[0]!.id).toBe("org:hub"); // most connected first
    const keys = new Set(body.nodes.map((n) => n.key));
    expect(body.edges.every((e) => keys.has(e.source) && keys.has(e.target))).toBe(true);
  });

  it("finds the alliance by Chinese, pinyin and English, and 通州区 by pinyin", async () => {
    for (const q of ["通武廊", "tongwulang", "Tong-Wu-Lang"]) {
      const { status, body } = await injectJson<SearchResponse>(
        app,
        "GET",
        `/api/search?q=${encodeURIComponent(q)}`,
      );
      expect(status).toBe(200);
      expect(body.hits[0]!.node.id, q).toBe("alliance:tongwulang");
    }
    const tongzhou = await injectJson<SearchResponse>(app, "GET", "/api/search?q=tongzhou");
    expect(tongzhou.body.hits.map((h) => h.node.name)).toContain("通州区");
    const alias = await injectJson<SearchResponse>(
      app,
      "GET",
      `/api/search?q=${encodeURIComponent("城市副中心")}`,
    );
    expect(alias.body.hits[0]!.node.name).toBe("通州区");
    const odd = await injectJson<SearchResponse>(
      app,
      "GET",
      `/api/search?q=${encodeURIComponent('a:"(b* OR [c')}`,
    );
    expect(odd.status).toBe(200); // Lucene syntax in the input is escaped, never an error
  });

  it("gives the inspector the alliance's regions and the evidence with its article", async () => {
    const { status, body } = await injectJson<NodeDetailsResponse>(
      app,
      "GET",
      `/api/nodes/${encodeURIComponent(await keyOf(db, "alliance:tongwulang"))}`,
    );
    expect(status).toBe(200);
    const spans = body.groups.find((g) => g.type === "SPANS" && g.direction === "out")!;
    expect(spans.total).toBe(3);
    expect(spans.neighbours.map((n) => n.node.name).sort()).toEqual(["廊坊市", "武清区", "通州区"].sort());
    const evidence = body.evidence.find((e) => e.edge.type === "SPANS")!;
    expect(evidence.quotes[0]).toContain("联盟成立");
    expect(evidence.article?.title).toBe("通州区9家区级职工创新工作室揭牌");
    expect(body.node.properties).not.toHaveProperty("pinyin");
  });

  it("expands a hub 25 at a time per group, says how many there are, and pages without repeats", async () => {
    const key = await keyOf(db, "org:hub");
    const first = await injectJson<ExpandResponse>(app, "POST", "/api/expand", { key });
    expect(first.status).toBe(200);
    expect(first.body.groups).toEqual([
      { type: "COOPERATES_WITH", direction: "out", total: 3000, shown: 25 },
    ]);
    expect(first.body.nodes).toHaveLength(26);
    const next = await injectJson<ExpandResponse>(app, "POST", "/api/expand", {
      key,
      groups: [{ type: "COOPERATES_WITH", direction: "out", offset: 25 }],
    });
    expect(next.body.groups[0]!.shown).toBe(50);
    const firstKeys = new Set(first.body.nodes.map((n) => n.key));
    expect(next.body.nodes.filter((n) => n.key !== key && firstKeys.has(n.key))).toEqual([]);
    expect(first.body.nodes.find((n) => n.key === key)!.name).toBe("<img src=x onerror=alert(1)>"); // data, as text
  });

  it("finds a shortest path between two organisations, and says when there is none", async () => {
    const from = await keyOf(db, "org:tongzhou-federation-of-trade-unions");
    const to = await keyOf(db, "org:beijing-federation-of-trade-unions");
    const { status, body } = await injectJson<PathResponse>(app, "POST", "/api/path", { from, to });
    expect(status).toBe(200);
    expect(body.found).toBe(true);
    expect(body.edges).toHaveLength(body.length);
    expect(body.nodes.map((n) => n.key)).toEqual(expect.arrayContaining([from, to]));
    const none = await injectJson<PathResponse>(app, "POST", "/api/path", {
      from,
      to: await keyOf(db, "org:hub"),
    });
    expect(none.body.found).toBe(false);
  });

  it("gives the N-hop neighbourhood, capped", async () => {
    const key = await keyOf(db, "alliance:tongwulang");
    const one = await injectJson<{ nodes: unknown[]; truncated: boolean }>(
      app,
      "POST",
      "/api/neighbourhood",
      {
        key,
        hops: 1,
      },
    );
    const two = await injectJson<{ nodes: unknown[]; truncated: boolean }>(
      app,
      "POST",
      "/api/neighbourhood",
      {
        key,
        hops: 2,
      },
    );
    expect(one.body.nodes.length).toBeGreaterThan(4);
    expect(two.body.nodes.length).toBeGreaterThan(one.body.nodes.length);
    const capped = await injectJson<{ nodes: unknown[]; truncated: boolean }>(
      app,
      "POST",
      "/api/neighbourhood",
      {
        key: await keyOf(db, "org:hub"),
        hops: 1,
        limit: 10,
      },
    );
    expect(capped.body).toMatchObject({ truncated: true });
    expect(capped.body.nodes).toHaveLength(10);
  });

  it("runs read-only Cypher: rows, the graph in them, and a row cap that says so", async () => {
    const { status, body } = await injectJson<QueryResponse>(app, "POST", "/api/query", {
      cypher: "MATCH (a:Alliance)-[r:SPANS]->(x) RETURN r ORDER BY x.name",
    });
    expect(status).toBe(200);
    expect(body.columns).toEqual(["r"]);
    expect(body.rows).toHaveLength(3);
    expect(body.subgraph.nodes).toHaveLength(4); // ends fetched: no dangling edge
    expect(body.subgraph.edges).toHaveLength(3);
    const capped = await injectJson<QueryResponse>(app, "POST", "/api/query", {
      cypher: "MATCH (n) RETURN n.id AS id",
      rowLimit: 5,
    });
    expect(capped.body).toMatchObject({ truncated: true, rowLimit: 5 });
    expect(capped.body.rows).toHaveLength(5);
  });

  it.each([
    ["CREATE (:Organisation {id: 'org:intruder'})"],
    ["MATCH (n:Region) SET n.name = 'x'"],
    ["MATCH (n) DETACH DELETE n"],
    ["CREATE INDEX intruder FOR (n:Person) ON (n.role)"],
    ["CALL () { CREATE (:Person {id: 'person:intruder'}) } RETURN 1"],
  ])("refuses a write through the API and changes nothing: %s", async (cypher) => {
    const before = await snapshot(db);
    const { status, body } = await injectJson<ApiErrorResponse>(app, "POST", "/api/query", { cypher });
    expect(status).toBe(403);
    expect(body.error.code).toBe("read-only");
    expect(body.error.message).toMatch(/Refused.*nothing was changed/);
    expect(await snapshot(db)).toBe(before);
  });

  it.each([
    ["GET", "/api/search", undefined, 400, /querystring must have required property 'q'/],
    ["GET", "/api/search?q=", undefined, 400, /Invalid request/],
    ["GET", "/api/overview?limit=lots", undefined, 400, /querystring\/limit must be integer/],
    ["GET", "/api/nodes/4:no-such:1", undefined, 404, /No node with key/],
    ["POST", "/api/neighbourhood", { key: "x", hops: 9 }, 400, /body\/hops must be <= 3/],
    ["POST", "/api/expand", { key: "x", limit: -1 }, 400, /body\/limit must be >= 1/],
    ["POST", "/api/path", { from: "a" }, 400, /must have required property 'to'/],
    ["POST", "/api/query", { cypher: "MATCH (n RETURN n" }, 400, /Invalid input/],
    ["GET", "/api/nothing-here", undefined, 404, /No such endpoint: GET \/api\/nothing-here/],
  ] as const)("answers %s %s with %i and a clear message", async (method, url, payload, status, message) => {
    const response = await injectJson<ApiErrorResponse>(app, method, url, payload);
    expect(response.status).toBe(status);
    expect(response.body.error.message).toMatch(message);
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.ts:\d+/); // never a stack trace
  });

  it("answers malformed JSON with 400 and places Cypher errors", async () => {
    const raw = await app.inject({
      method: "POST",
      url: "/api/query",
      headers: { "content-type": "application/json" },
      payload: "{oops",
    });
    expect(raw.statusCode).toBe(400);
    expect((raw.json() as ApiErrorResponse).error.message).toBe("The request body is not valid JSON.");
    const { body } = await injectJson<ApiErrorResponse>(app, "POST", "/api/query", {
      cypher: "MATCH (n RETURN n",
    });
    expect(body.error.code).toBe("cypher-error");
    expect(body.error.position).toMatchObject({ line: 1 });
  });
});
