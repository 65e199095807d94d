/**
 * The API behind "a picture that is right", on the real Neo4j with the seed and a fixture of our own:
 * connecting arriving nodes to those on screen (POST /api/connect), a relationship's details with its
 * evidence and the article passage (GET /api/relationships/:key), and paths that choose relationship
 * types and go around hidden nodes (POST /api/path).
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ApiErrorResponse,
  ConnectResponse,
  ExpandResponse,
  PathResponse,
  RelationshipDetailsResponse,
} from "../core/api-types.ts";
import { loadCypher } from "../core/node/cypher-files.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { injectJson, keyOf, seededApi } from "./support/api.ts";
import { createPathFixture, PATH_FIXTURE } from "./support/picture-fixture.ts";

let db: GraphDb;
let app: FastifyInstance;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, app, close } = await seededApi());
  await createPathFixture(db);
});
afterAll(async () => close?.());

/** Guanxi ids of a response's node keys. */
async function idsOf(keys: string[]): Promise<Map<string, string>> {
  const { rows } = await db.read(
    "UNWIND $keys AS key MATCH (n) WHERE elementId(n) = key RETURN key, n.id AS id",
    { keys },
  );
  return new Map(rows.map((r) => [String(r.key), String(r.id)]));
}

describe("POST /api/connect", () => {
  it("brings the relationships between an expansion's nodes that the expansion leaves out", async () => {
    const alliance = await keyOf(db, "alliance:tongwulang");
    const expand = await injectJson<ExpandResponse>(app, "POST", "/api/expand", { key: alliance });
    const arriving = expand.body.nodes.map((n) => n.key).filter((k) => k !== alliance);
    const { status, body } = await injectJson<ConnectResponse>(app, "POST", "/api/connect", {
      keys: arriving,
      among: [alliance],
      known: expand.body.edges.map((e) => e.key),
    });
    expect(status).toBe(200);
    const ids = await idsOf([...arriving, alliance]);
    const facts = body.edges.map((e) => `${ids.get(e.source)} ${e.type} ${ids.get(e.target)}`).sort();
    expect(facts).toEqual([
      "article:tongzhou-innovation-studios MENTIONS event:tongzhou-innovation-studio-ceremony-and-tongwulang-symposium",
      "article:tongzhou-innovation-studios MENTIONS region:langfang",
      "article:tongzhou-innovation-studios MENTIONS region:tongzhou",
      "article:tongzhou-innovation-studios MENTIONS region:wuqing",
    ]);
    expect(body.total).toBe(4);
    // Nothing the expansion already carried comes twice.
    const known = new Set(expand.body.edges.map((e) => e.key));
    expect(body.edges.some((e) => known.has(e.key))).toBe(false);
  });

  it("caps what it returns and says how many there are", async () => {
    const article = await keyOf(db, "article:tongzhou-innovation-studios");
    const regions = await Promise.all(
      ["region:tongzhou", "region:wuqing", "region:langfang"].map((id) => keyOf(db, id)),
    );
    const { body } = await injectJson<ConnectResponse>(app, "POST", "/api/connect", {
      keys: [article],
      among: regions,
      limit: 2,
    });
    expect(body.edges).toHaveLength(2);
    expect(body.total).toBe(3);
  });

  it("connects nodes that arrive together among themselves", async () => {
    const [a, b] = await Promise.all([keyOf(db, PATH_FIXTURE.from), keyOf(db, PATH_FIXTURE.article)]);
    const { body } = await injectJson<ConnectResponse>(app, "POST", "/api/connect", {
      keys: [a, b],
      among: [],
    });
    expect(body.edges.map((e) => e.type)).toEqual(["MENTIONS"]);
    expect(body.total).toBe(1);
  });

  it("refuses a bad request by field, and answers nothing for unknown keys", async () => {
    const bad = await injectJson<ApiErrorResponse>(app, "POST", "/api/connect", { keys: "x", among: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/keys/);
    const limit = await injectJson<ApiErrorResponse>(app, "POST", "/api/connect", {
      keys: ["x"],
      among: [],
      limit: 0,
    });
    expect(limit.status).toBe(400);
    expect(limit.body.error.message).toMatch(/limit/);
    const unknown = await injectJson<ConnectResponse>(app, "POST", "/api/connect", {
      keys: ["4:nothing:1"],
      among: [],
    });
    expect(unknown).toEqual({ status: 200, body: { edges: [], total: 0 } });
  });
});

describe("GET /api/relationships/:key", () => {
  it("gives the type, the direction, the properties and each quote with its article passage marked", async () => {
    const { rows } = await db.read(
      `MATCH (a {id: 'alliance:tongwulang'})-[r:SPANS]->(b {id: 'region:wuqing'}) RETURN elementId(r) AS key`,
    );
    const key = String(rows[0]!.key);
    const { status, body } = await injectJson<RelationshipDetailsResponse>(
      app,
      "GET",
      `/api/relationships/${encodeURIComponent(key)}`,
    );
    expect(status).toBe(200);
    expect(body.edge.type).toBe("SPANS");
    expect(body.start.id).toBe("alliance:tongwulang");
    expect(body.end).toMatchObject({ id: "region:wuqing", name: "武清区" });
    expect(body.start.properties).not.toHaveProperty("text");
    expect(body.supports.length).toBeGreaterThan(0);
    const support = body.supports[0]!;
    expect(support.article).toMatchObject({
      id: "article:tongzhou-innovation-studios",
      key: expect.any(String),
    });
    expect(support.article!.title.length).toBeGreaterThan(0);
    expect(support.passage).toBeDefined();
    const { before, quote, after } = support.passage!;
    expect(quote.replace(/\s/g, "")).toBe(support.quote.replace(/\s/g, ""));
    // The passage is a stretch of the article's text.
    const text = await db.read("MATCH (a {id: 'article:tongzhou-innovation-studios'}) RETURN a.text AS text");
    const compact = (s: string) => s.replace(/\s/g, "");
    expect(compact(String(text.rows[0]!.text))).toContain(compact(before + quote + after));
    expect(before.length + after.length).toBeGreaterThan(0);
  });

  it("says which article when its text does not hold the quote, and 404s an unknown key", async () => {
    const { rows } = await db.read(
      `MATCH (:Region {id: 'test:region:chengdu'})-[r:COOPERATES_WITH]->() RETURN elementId(r) AS key`,
    );
    const { body } = await injectJson<RelationshipDetailsResponse>(
      app,
      "GET",
      `/api/relationships/${encodeURIComponent(String(rows[0]!.key))}`,
    );
    expect(body.supports[0]).toMatchObject({
      quote: "川渝两地工会今年签署合作协议。",
      article: { id: PATH_FIXTURE.article, title: "川渝报道" },
      passage: { quote: "川渝两地工会今年签署合作协议。", before: "成都讯 本报记者报道。" },
    });
    const missing = await injectJson<ApiErrorResponse>(app, "GET", "/api/relationships/5%3Anothing%3A1");
    expect(missing.status).toBe(404);
  });
});

describe("POST /api/path with types and exclusions", () => {
  async function path(extra: object = {}): Promise<string[]> {
    const [from, to] = await Promise.all([keyOf(db, PATH_FIXTURE.from), keyOf(db, PATH_FIXTURE.to)]);
    const { status, body } = await injectJson<PathResponse>(app, "POST", "/api/path", { from, to, ...extra });
    expect(status).toBe(200);
    if (!body.found) return [];
    return body.edges.map((e) => e.type);
  }

  it("takes the shortest path through any type by default: the article's MENTIONS", async () => {
    expect(await path()).toEqual(["MENTIONS", "MENTIONS"]);
  });

  it("uses only the allowed types", async () => {
    const types = ["MEMBER_OF", "LOCATED_IN", "COOPERATES_WITH", "PARTICIPATED_IN", "PART_OF"];
    expect(await path({ types })).toEqual(["MEMBER_OF", "LOCATED_IN", "COOPERATES_WITH"]);
    expect(await path({ types: types.filter((t) => t !== "MEMBER_OF") })).toEqual([
      "PARTICIPATED_IN",
      "LOCATED_IN",
      "PART_OF",
      "COOPERATES_WITH",
    ]);
    expect(await path({ types: ["MENTIONS"] })).toEqual(["MENTIONS", "MENTIONS"]);
    expect(await path({ types: ["GUIDES"] })).toEqual([]);
  });

  it("goes around excluded nodes and labels (what is hidden)", async () => {
    const [article, chengdu] = await Promise.all([
      keyOf(db, PATH_FIXTURE.article),
      keyOf(db, PATH_FIXTURE.chengdu),
    ]);
    expect(await path({ excluded: [article] })).toEqual(["MEMBER_OF", "LOCATED_IN", "COOPERATES_WITH"]);
    expect(await path({ excluded: [article, chengdu] })).toHaveLength(4);
    expect(await path({ excludedLabels: ["Article", "Event"] })).toEqual([
      "MEMBER_OF",
      "LOCATED_IN",
      "COOPERATES_WITH",
    ]);
    // The ends are never excluded.
    const from = await keyOf(db, PATH_FIXTURE.from);
    expect(await path({ excluded: [from], excludedLabels: ["Person"] })).toEqual(["MENTIONS", "MENTIONS"]);
  });

  it("the search stays a shortest-path search (no exhaustive fallback) and quick on the seed", async () => {
    const from = await keyOf(db, "person:zhang-jing");
    const to = await keyOf(db, "org:linyi-union-driver-homes");
    const started = Date.now();
    const { body } = await injectJson<PathResponse>(app, "POST", "/api/path", {
      from,
      to,
      maxHops: 15,
      types: ["MENTIONS", "LOCATED_IN", "PART_OF"],
      excluded: [await keyOf(db, "alliance:tongwulang")],
      excludedLabels: ["Event"],
    });
    expect(body.found).toBe(false);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("EXPLAIN: one shortest-path search with the predicates inside it, not an exhaustive fallback", async () => {
    const cypher = loadCypher("explore/shortest-path").replaceAll("__MAXHOPS__", "8");
    const plan = await db.explain(cypher, {
      from: "x",
      to: "y",
      types: ["MENTIONS"],
      excluded: [],
      excludedLabels: [],
    });
    const operators = plan.operators.map((o) => o.operator);
    expect(operators.some((o) => /ShortestPath/.test(o))).toBe(true);
    expect(operators).not.toContain("AntiConditionalApply");
    expect(operators.some((o) => /VarLengthExpand/.test(o))).toBe(false);
  });

  it("refuses a malformed type list by field", async () => {
    const from = await keyOf(db, PATH_FIXTURE.from);
    const { status, body } = await injectJson<ApiErrorResponse>(app, "POST", "/api/path", {
      from,
      to: from,
      types: "MENTIONS",
    });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/types/);
  });
});
