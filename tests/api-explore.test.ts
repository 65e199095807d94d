/**
 * The explorer API on the real Neo4j with the seed data set only (fastify's inject: no port): the first
 * view, schema, search in Chinese, pinyin, English and aliases, the inspector, expand with paging,
 * neighbourhood and shortest paths.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  NodesResponse,
  ExpandResponse,
  NeighbourhoodResponse,
  NodeDetailsResponse,
  OverviewResponse,
  PathResponse,
  SchemaResponse,
  SearchResponse,
  Subgraph,
} from "../core/api-types.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { injectJson, keyOf, seededApi } from "./support/api.ts";

let db: GraphDb;
let app: FastifyInstance;

async function search(q: string, limit = 10): Promise<SearchResponse> {
  const { status, body } = await injectJson<SearchResponse>(
    app,
    "GET",
    `/api/search?q=${encodeURIComponent(q)}&limit=${limit}`,
  );
  expect(status, q).toBe(200);
  return body;
}

/** Every edge's two ends are nodes of the subgraph; no node or edge twice. */
function expectConsistent(graph: Subgraph): void {
  const keys = new Set(graph.nodes.map((n) => n.key));
  expect(keys.size).toBe(graph.nodes.length);
  expect(new Set(graph.edges.map((e) => e.key)).size).toBe(graph.edges.length);
  for (const edge of graph.edges) {
    expect(keys.has(edge.source) && keys.has(edge.target), `dangling edge ${edge.type}`).toBe(true);
  }
}

let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, app, close } = await seededApi());
});
afterAll(async () => close?.());

describe("GET /api/health and /api/overview", () => {
  it("says it is up when the database answers", async () => {
    expect(await injectJson(app, "GET", "/api/health")).toEqual({ status: 200, body: { ok: true } });
  });

  it("returns the whole seed graph when it fits: 70 nodes, 172 relationships, with totals", async () => {
    const { status, body } = await injectJson<OverviewResponse>(app, "GET", "/api/overview");
    expect(status).toBe(200);
    expect(body.totals).toEqual({ nodes: 70, relationships: 172 });
    expect(body.sampled).toBe(false);
    expect(body.limit).toBe(2000);
    expect(body.nodes).toHaveLength(70);
    expect(body.edges).toHaveLength(172);
    expectConsistent(body);
    const alliance = body.nodes.find((n) => n.id === "alliance:tongwulang")!;
    expect(alliance).toMatchObject({ label: "Alliance", labels: ["Alliance"], nameEn: expect.any(String) });
    expect(alliance.name).toBe("“通武廊”劳模和工匠人才创新工作室联盟");
    expect(alliance.degree).toBeGreaterThan(3);
    expect(alliance.properties).not.toHaveProperty("pinyin"); // derived search keys stay in the database
    const article = body.nodes.find((n) => n.label === "Article")!;
    expect(article.name).toBe(article.properties.title); // an article is named by its title
    expect(article.properties).not.toHaveProperty("text"); // the full story only in the inspector
    const spans = body.edges.filter((e) => e.type === "SPANS" && e.source === alliance.key);
    expect(spans).toHaveLength(3);
    expect(spans[0]!.properties.evidence).toEqual(
      expect.arrayContaining([expect.stringContaining("联盟成立")]),
    );
  });

  it("samples the most connected nodes when the database holds more than the limit", async () => {
    const { body } = await injectJson<OverviewResponse>(app, "GET", "/api/overview?limit=10");
    expect(body).toMatchObject({ sampled: true, limit: 10, totals: { nodes: 70, relationships: 172 } });
    expect(body.nodes).toHaveLength(10);
    const degrees = body.nodes.map((n) => n.degree!);
    expect(degrees).toEqual([...degrees].sort((a, b) => b - a));
    const { body: all } = await injectJson<OverviewResponse>(app, "GET", "/api/overview");
    const tenth = all.nodes.map((n) => n.degree!).sort((a, b) => b - a)[9]!;
    expect(Math.min(...degrees)).toBe(tenth);
    expectConsistent(body);
  });
});

describe("GET /api/schema", () => {
  it("lists labels, relationship types and property keys with counts", async () => {
    const { status, body } = await injectJson<SchemaResponse>(app, "GET", "/api/schema");
    expect(status).toBe(200);
    expect(body.totals).toEqual({ nodes: 70, relationships: 172 });
    expect(body.labels).toContainEqual({ label: "Organisation", count: 32 });
    expect(body.labels).toContainEqual({ label: "Alliance", count: 1 });
    expect(body.labels.reduce((sum, l) => sum + l.count, 0)).toBe(70);
    expect(body.relationshipTypes).toContainEqual({ type: "SPANS", count: 3 });
    expect(body.relationshipTypes.reduce((sum, t) => sum + t.count, 0)).toBe(172);
    expect(body.propertyKeys).toEqual(expect.arrayContaining(["name", "nameEn", "evidence", "articles"]));
    expect(body.schema.name).toBe("news");
    // The analysis panel leaves the documents' links (MENTIONS) uncounted by default.
    expect(body.schema.documentLabel).toBe("Article");
    expect(body.schema.labels.Region!.description).toMatch(/administrative region/);
    expect(body.schema.relationshipTypes.SPANS).toMatchObject({
      from: ["Alliance", "Event"],
      to: ["Region"],
    });
    // The timeline's time properties and the hierarchy layout's types, from the schema.
    expect(body.schema.relationshipTypes.PART_OF!.hierarchy).toBe(true);
    expect(body.schema.relationshipTypes.SPANS!.hierarchy).toBeUndefined();
    expect(body.schema.time!.labels.Alliance).toEqual([
      { key: "foundedYear", unit: "year", month: "foundedMonth" },
    ]);
    expect(body.schema.time!.relationshipTypes.MEMBER_OF).toEqual([{ key: "since", unit: "date" }]);
    expect(body.search).toEqual({ mode: "index", unindexedLabels: [] });
  });
});

describe("POST /api/nodes", () => {
  it("returns complete nodes — an article with its full text, which the bulk views leave out", async () => {
    const article = await keyOf(db, "article:tongzhou-innovation-studios");
    const alliance = await keyOf(db, "alliance:tongwulang");
    const { status, body } = await injectJson<NodesResponse>(app, "POST", "/api/nodes", {
      keys: [article, alliance, "4:no-such-node:1"],
    });
    expect(status).toBe(200);
    expect(body.nodes.map((n) => n.id).sort()).toEqual([
      "alliance:tongwulang",
      "article:tongzhou-innovation-studios",
    ]);
    const text = body.nodes.find((n) => n.key === article)!.properties.text;
    expect(String(text)).toContain("“通武廊”劳模和工匠人才创新工作室联盟成立");
    const { body: overview } = await injectJson<OverviewResponse>(app, "GET", "/api/overview");
    expect(overview.nodes.find((n) => n.key === article)!.properties.text).toBeUndefined();
  });
});

describe("GET /api/search", () => {
  it.each(["通武廊", "tongwulang", "Tong-Wu-Lang", "tong wu lang", "TONGWULANG", "通武廊联盟"])(
    "finds the alliance first for %s",
    async (q) => {
      const { hits, query } = await search(q);
      expect(query).toBe(q);
      expect(hits[0]?.node.id).toBe("alliance:tongwulang");
      expect(hits[0]!.score).toBeGreaterThan(0);
    },
  );

  it("finds 通州区 first for the pinyin tongzhou", async () => {
    const { hits } = await search("tongzhou");
    expect(hits[0]?.node.name).toBe("通州区");
    expect(hits.map((h) => h.node.name)).toContain("通州区总工会");
  });

  it("finds by English name, by alias and by an English word's prefix", async () => {
    expect((await search("Beijing Federation of Trade Unions")).hits[0]?.node.name).toBe("北京市总工会");
    expect((await search("城市副中心")).hits[0]?.node.name).toBe("通州区"); // alias
    expect((await search("市总工会")).hits[0]?.node.name).toBe("北京市总工会"); // alias, exact
    expect((await search("Langf")).hits[0]?.node.name).toBe("廊坊市"); // prefix
    expect((await search("craftsman college")).hits.map((h) => h.node.id)).toContain(
      "org:capital-craftsman-college-system",
    );
  });

  it("finds by one Chinese character through its pinyin", async () => {
    const { hits } = await search("廊");
    expect(hits.map((h) => h.node.name)).toEqual(expect.arrayContaining(["廊坊市"]));
  });

  it("honours the limit and leaves the derived pinyin keys out", async () => {
    const { hits } = await search("北京", 3);
    expect(hits).toHaveLength(3);
    for (const hit of hits) expect(hit.node.properties).not.toHaveProperty("pinyin");
  });

  it.each([
    'a:"(b* OR [c',
    "\\",
    '"',
    "***",
    "AND",
    "OR NOT",
    "NOT",
    "/regex/",
    "title:x~2",
    "&&||!",
    "+-",
    "^2",
    "{a TO b}",
    "通武廊\\",
    '"通武廊',
    "🙂",
    "x".repeat(200),
  ])("never fails with a Lucene syntax error: %s", async (q) => {
    const body = await search(q);
    expect(Array.isArray(body.hits)).toBe(true);
  });
});

describe("GET /api/nodes/:key", () => {
  it("gives the alliance's regions under SPANS, with the evidence quotes and the article", async () => {
    const key = await keyOf(db, "alliance:tongwulang");
    const { status, body } = await injectJson<NodeDetailsResponse>(
      app,
      "GET",
      `/api/nodes/${encodeURIComponent(key)}`,
    );
    expect(status).toBe(200);
    expect(body.node).toMatchObject({ key, id: "alliance:tongwulang", label: "Alliance" });
    const spans = body.groups.find((g) => g.type === "SPANS" && g.direction === "out")!;
    expect(spans.total).toBe(3);
    expect(spans.neighbours.map((n) => n.node.name).sort()).toEqual(["廊坊市", "武清区", "通州区"].sort());
    for (const n of spans.neighbours)
      expect(n.edge).toMatchObject({ type: "SPANS", source: key, target: n.node.key });
    const spanEvidence = body.evidence.filter((e) => e.edge.type === "SPANS");
    expect(spanEvidence.map((e) => e.other.name).sort()).toEqual(["廊坊市", "武清区", "通州区"].sort());
    for (const e of spanEvidence) {
      expect(e.supports[0]!.quote).toContain("“通武廊”劳模和工匠人才创新工作室联盟成立");
      expect(e.supports[0]!.article).toMatchObject({
        id: "article:tongzhou-innovation-studios",
        title: "通州区9家区级职工创新工作室揭牌",
        key: expect.any(String),
      });
    }
    // Every group's total is the node's relationships of that type and direction.
    expect(body.groups.reduce((sum, g) => sum + g.total, 0)).toBe(body.node.degree);
  });

  it("gives an article its full text", async () => {
    const key = await keyOf(db, "article:tongzhou-innovation-studios");
    const { body } = await injectJson<NodeDetailsResponse>(
      app,
      "GET",
      `/api/nodes/${encodeURIComponent(key)}`,
    );
    expect(String(body.node.properties.text)).toContain("通武廊");
    expect(body.groups.find((g) => g.type === "MENTIONS")?.direction).toBe("out");
  });
});

describe("POST /api/expand", () => {
  it("returns every group's neighbours with totals, capped by limit, and pages with offsets", async () => {
    const key = await keyOf(db, "alliance:tongwulang");
    const first = await injectJson<ExpandResponse>(app, "POST", "/api/expand", { key, limit: 1 });
    expect(first.status).toBe(200);
    expectConsistent(first.body);
    const spans = first.body.groups.find((g) => g.type === "SPANS")!;
    expect(spans).toEqual({ type: "SPANS", direction: "out", total: 3, shown: 1 });
    for (const g of first.body.groups) expect(g.shown).toBe(Math.min(1, g.total));
    expect(first.body.nodes[0]!.key).toBe(key); // the expanded node itself, with its degree
    expect(first.body.nodes[0]!.degree).toBeGreaterThan(3);

    const regions: string[] = [];
    for (let offset = 0; offset < 4; offset++) {
      const page = await injectJson<ExpandResponse>(app, "POST", "/api/expand", {
        key,
        limit: 1,
        groups: [{ type: "SPANS", direction: "out", offset }],
      });
      expect(page.body.groups).toEqual([
        { type: "SPANS", direction: "out", total: 3, shown: Math.min(3, offset + 1) },
      ]);
      regions.push(...page.body.edges.map((e) => page.body.nodes.find((n) => n.key === e.target)!.name));
    }
    expect(regions.sort()).toEqual(["廊坊市", "武清区", "通州区"].sort()); // each once, then none
  });

  it("answers a group the node does not have with total 0", async () => {
    const key = await keyOf(db, "alliance:tongwulang");
    const { body } = await injectJson<ExpandResponse>(app, "POST", "/api/expand", {
      key,
      groups: [{ type: "GUIDES", direction: "in", offset: 0 }],
    });
    expect(body.groups).toEqual([{ type: "GUIDES", direction: "in", total: 0, shown: 0 }]);
    expect(body.nodes.map((n) => n.key)).toEqual([key]);
  });
});

describe("POST /api/neighbourhood", () => {
  it("gives the nodes within N hops and the relationships among them", async () => {
    const key = await keyOf(db, "alliance:tongwulang");
    const one = await injectJson<NeighbourhoodResponse>(app, "POST", "/api/neighbourhood", { key, hops: 1 });
    expect(one.status).toBe(200);
    expect(one.body.truncated).toBe(false);
    expectConsistent(one.body);
    const details = await injectJson<NodeDetailsResponse>(
      app,
      "GET",
      `/api/nodes/${encodeURIComponent(key)}`,
    );
    const neighbours = new Set(details.body.groups.flatMap((g) => g.neighbours.map((n) => n.node.key)));
    expect(new Set(one.body.nodes.map((n) => n.key))).toEqual(new Set([key, ...neighbours]));

    const two = await injectJson<NeighbourhoodResponse>(app, "POST", "/api/neighbourhood", { key, hops: 2 });
    expect(two.body.nodes.length).toBeGreaterThan(one.body.nodes.length);
    expectConsistent(two.body);
    // Among the nodes: more than the star around the alliance (e.g. 通州区 PART_OF 北京市 when both are in).
    expect(two.body.edges.length).toBeGreaterThan(two.body.nodes.length - 1);
  });

  it("stops at the limit, nearest first, and says it did", async () => {
    const key = await keyOf(db, "alliance:tongwulang");
    const { body } = await injectJson<NeighbourhoodResponse>(app, "POST", "/api/neighbourhood", {
      key,
      hops: 3,
      limit: 5,
    });
    expect(body.truncated).toBe(true);
    expect(body.nodes).toHaveLength(5);
    expect(body.nodes.map((n) => n.key)).toContain(key);
    expectConsistent(body);
  });
});

describe("POST /api/path", () => {
  it("finds a shortest path between two organisations, ignoring direction", async () => {
    const from = await keyOf(db, "org:tongzhou-federation-of-trade-unions");
    const to = await keyOf(db, "org:beijing-federation-of-trade-unions");
    const { status, body } = await injectJson<PathResponse>(app, "POST", "/api/path", { from, to });
    expect(status).toBe(200);
    expect(body.found).toBe(true);
    expect(body.length).toBeGreaterThan(0);
    expect(body.edges).toHaveLength(body.length);
    expect(body.nodes).toHaveLength(body.length + 1);
    expect(body.nodes[0]!.key).toBe(from);
    expect(body.nodes.at(-1)!.key).toBe(to);
    expectConsistent(body);
    // As short as Cypher's own shortestPath says.
    const { rows } = await db.read(
      "MATCH (a), (b) WHERE elementId(a) = $from AND elementId(b) = $to MATCH p = shortestPath((a)-[*..15]-(b)) RETURN length(p) AS n",
      { from, to },
    );
    expect(body.length).toBe(rows[0]!.n);
  });

  it("says found: false when no path is short enough or none exists, and a node is its own path", async () => {
    const from = await keyOf(db, "org:tongzhou-federation-of-trade-unions");
    const to = await keyOf(db, "org:beijing-federation-of-trade-unions");
    const full = await injectJson<PathResponse>(app, "POST", "/api/path", { from, to });
    expect(full.body.length).toBeGreaterThan(1);
    const short = await injectJson<PathResponse>(app, "POST", "/api/path", {
      from,
      to,
      maxHops: full.body.length - 1,
    });
    expect(short).toEqual({ status: 200, body: { nodes: [], edges: [], found: false, length: 0 } });
    // The reporter of one story and a body in another story's city: no path at all.
    const apart = await injectJson<PathResponse>(app, "POST", "/api/path", {
      from: await keyOf(db, "person:zhang-jing"),
      to: await keyOf(db, "org:linyi-union-driver-homes"),
      maxHops: 15,
    });
    expect(apart).toEqual({ status: 200, body: { nodes: [], edges: [], found: false, length: 0 } });
    const itself = await injectJson<PathResponse>(app, "POST", "/api/path", { from, to: from });
    expect(itself.body).toMatchObject({ found: true, length: 0, edges: [] });
    expect(itself.body.nodes.map((n) => n.key)).toEqual([from]);
  });
});
