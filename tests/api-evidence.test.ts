/**
 * Evidence as a way in, on the real Neo4j: the correlation view (GET /api/articles/:key/shared) and the
 * articles behind every fact in the inspector's reads — on the seed, and on a fixture of our own with
 * other labels, other cities and another document label (Dispatch), where one port is named by three
 * dispatches and one dispatch shares nothing; then on a database with no documents at all.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  ApiErrorResponse,
  NodeDetailsResponse,
  RelationshipDetailsResponse,
  SharedEntitiesResponse,
} from "../core/api-types.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import type { SchemaDocument } from "../core/schema/document.ts";
import { GraphSchema } from "../core/schema/graph-schema.ts";
import { buildServer } from "../server/app.ts";
import { injectJson, keyOf, seededApi } from "./support/api.ts";
import { clearDatabase } from "./support/database.ts";
import { createOwnDatabase, restoreGuanxiDatabase } from "./support/own-database.ts";

let db: GraphDb;
let app: FastifyInstance;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, app, close } = await seededApi());
});
afterAll(async () => {
  await restoreGuanxiDatabase(db);
  await close?.();
});

async function shared(server: FastifyInstance, key: string, query = "") {
  return injectJson<SharedEntitiesResponse & ApiErrorResponse>(
    server,
    "GET",
    `/api/articles/${encodeURIComponent(key)}/shared${query}`,
  );
}

describe("the seed: articles sharing entities", () => {
  it("lists the Beijing stories that share 北京市 with the colleges story, with counts and names", async () => {
    const colleges = await keyOf(db, "article:capital-craftsman-colleges-2024");
    const { status, body } = await shared(app, colleges);
    expect(status).toBe(200);
    expect(body.article.key).toBe(colleges);
    const ids = body.articles.map((a) => a.id).sort();
    expect(ids).toEqual([
      "article:beijing-transport-union-driver-health",
      "article:bphc-singles-mixer",
      "article:tongzhou-innovation-studios",
      "article:xingyuche-winter-hike",
    ]);
    expect(body.articles.every((a) => a.label === "Article" && a.properties.text === undefined)).toBe(true);
    // Every pair of the five Beijing stories shares 北京市 (and only that): 10 links.
    expect(body.links).toHaveLength(10);
    for (const link of body.links) expect(link).toMatchObject({ count: 1, shared: ["北京市"] });
    expect(body.truncated).toBe(false);
  });

  it("gives the Linyi story, which shares nothing, no articles and no links", async () => {
    const linyi = await keyOf(db, "article:linyi-three-gathering-method");
    const { status, body } = await shared(app, linyi);
    expect(status).toBe(200);
    expect(body.articles).toEqual([]);
    expect(body.links).toEqual([]);
  });

  it("caps the list at limit and says so; refuses a node that is not an article, and a bad limit", async () => {
    const colleges = await keyOf(db, "article:capital-craftsman-colleges-2024");
    const capped = await shared(app, colleges, "?limit=2");
    expect(capped.status).toBe(200);
    expect(capped.body.articles).toHaveLength(2);
    expect(capped.body.truncated).toBe(true);
    expect(capped.body.links).toHaveLength(3);
    const region = await shared(app, await keyOf(db, "region:beijing"));
    expect(region.status).toBe(400);
    expect(region.body.error.code).toBe("not-an-article");
    expect(region.body.error.message).toContain("北京市");
    expect((await shared(app, colleges, "?limit=0")).status).toBe(400);
    expect((await shared(app, "4:nope:999999")).status).toBe(404);
  });
});

describe("the seed: every fact names the articles supporting it", () => {
  it("the inspector of 北京市 lists the articles behind its facts with their quotes", async () => {
    const key = await keyOf(db, "region:beijing");
    const { body } = await injectJson<NodeDetailsResponse>(
      app,
      "GET",
      `/api/nodes/${encodeURIComponent(key)}`,
    );
    const articles = body.articles ?? [];
    expect(articles.map((a) => a.id)).toContain("article:capital-craftsman-colleges-2024");
    // The six seed articles: five name 北京市; Linyi's facts touch Beijing nowhere.
    expect(articles.map((a) => a.id)).not.toContain("article:linyi-three-gathering-method");
    const quotesOf = new Map<string, number>();
    for (const fact of body.evidence)
      for (const s of fact.supports)
        if (s.article) quotesOf.set(s.article.id, (quotesOf.get(s.article.id) ?? 0) + 1);
    for (const article of articles) {
      expect(article.quotes, article.id).toBe(quotesOf.get(article.id));
      expect(article.key, article.id).toBe(await keyOf(db, article.id));
      expect(article.title.length).toBeGreaterThan(0);
    }
    // Most quotes first.
    expect(articles.map((a) => a.quotes)).toEqual([...articles.map((a) => a.quotes)].sort((a, b) => b - a));
  });

  it("a relationship's inspector names its article with the count of its quotes", async () => {
    const { rows } = await db.read(
      "MATCH (:Person {id: 'person:zhang-jing'})-[r:REPORTED]->() RETURN elementId(r) AS key",
    );
    const key = String(rows[0]!.key);
    const { body } = await injectJson<RelationshipDetailsResponse>(
      app,
      "GET",
      `/api/relationships/${encodeURIComponent(key)}`,
    );
    expect(body.articles).toEqual([
      {
        id: "article:capital-craftsman-colleges-2024",
        key: await keyOf(db, "article:capital-craftsman-colleges-2024"),
        title: "本市今年新增10家首都工匠学院",
        quotes: body.supports.length,
        facts: 1,
      },
    ]);
  });
});

describe("the evidence filter in a saved view", () => {
  it("is stored and read back with the view, and a damaged one is refused by field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guanxi-evidence-views-"));
    const views = buildServer({ db, viewsDir: dir });
    try {
      const view = {
        format: "guanxi-view",
        version: 1,
        nodes: [
          {
            id: "region:beijing",
            key: await keyOf(db, "region:beijing"),
            label: "Region",
            name: "北京市",
            x: 0,
            y: 0,
          },
        ],
        selection: [],
        filters: { hiddenLabels: [], hiddenTypes: [] },
        articles: ["article:tongzhou-innovation-studios"],
      };
      const send = (payload: unknown) =>
        views.inject({
          method: "POST",
          url: "/api/views",
          payload: JSON.stringify(payload),
          headers: { "content-type": "application/json" },
        });
      const saved = await send({ name: "Tongzhou only", view });
      expect(saved.statusCode, saved.body).toBe(201);
      const { id } = saved.json() as { id: string };
      const read = await injectJson<{ view: { articles?: string[] } }>(views, "GET", `/api/views/${id}`);
      expect(read.body.view.articles).toEqual(["article:tongzhou-innovation-studios"]);
      const bad = await send({ name: "Bad", view: { ...view, articles: [""] } });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toMatch(/articles/);
    } finally {
      await views.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Ports and shipping lines in the news of other cities: dispatches are the documents. */
const SHIPPING: SchemaDocument = {
  name: "shipping",
  labels: {
    Dispatch: { caption: "headline", properties: { headline: { type: "string" }, filed: { type: "date" } } },
    Port: {},
    Line: {},
  },
  relationshipTypes: {
    NAMES: { from: ["Dispatch"], to: ["Port", "Line"], provenance: "optional" },
    CALLS_AT: { from: ["Line"], to: ["Port"] },
  },
  provenance: { documentLabel: "Dispatch", default: "optional" },
};

const FIXTURE = `
CREATE (d1:Dispatch {id: 'd1', headline: 'Rotterdam opens a deep-water berth', filed: date('2025-03-02')})
CREATE (d2:Dispatch {id: 'd2', headline: 'Hamburg and Rotterdam share a feeder line'})
CREATE (d3:Dispatch {id: 'd3', headline: 'Winter storms close Rotterdam for a day', filed: date('2025-01-15')})
CREATE (d4:Dispatch {id: 'd4', headline: 'Valparaíso dredging finished'})
CREATE (rot:Port {id: 'p-rot', name: 'Rotterdam'})
CREATE (ham:Port {id: 'p-ham', name: 'Hamburg'})
CREATE (val:Port {id: 'p-val', name: 'Valparaíso'})
CREATE (feeder:Line {id: 'l-feeder', name: 'North Sea Feeder'})
CREATE (d1)-[:NAMES]->(rot), (d2)-[:NAMES]->(rot), (d3)-[:NAMES]->(rot)
CREATE (d2)-[:NAMES]->(ham), (d2)-[:NAMES]->(feeder), (d1)-[:NAMES]->(feeder)
CREATE (d4)-[:NAMES]->(val)
CREATE (feeder)-[:CALLS_AT {evidence: ['The feeder calls at Rotterdam.', 'It calls weekly.', 'Feeders call at Rotterdam.'],
                            articles: ['d1', 'd2', 'd2']}]->(rot)
`;

describe("a fixture of our own: dispatches, ports and lines", () => {
  let own: FastifyInstance;
  beforeAll(async () => {
    await clearDatabase(db);
    await db.runAutoCommit(FIXTURE);
    own = buildServer({ db, schema: new GraphSchema(SHIPPING) });
  });
  afterAll(async () => own?.close());

  it("counts two shared entities between d1 and d2, one with d3, and leaves d4 alone", async () => {
    const d1 = await keyOf(db, "d1");
    const { status, body } = await shared(own, d1);
    expect(status).toBe(200);
    expect(body.articles.map((a) => [a.id, a.name])).toEqual([
      ["d2", "Hamburg and Rotterdam share a feeder line"],
      ["d3", "Winter storms close Rotterdam for a day"],
    ]);
    const byPair = new Map(
      body.links.map((l) => [
        [
          body.articles.find((a) => a.key === l.source)?.id ?? "d1",
          body.articles.find((a) => a.key === l.target)?.id ?? "d1",
        ]
          .sort()
          .join("-"),
        l,
      ]),
    );
    expect(byPair.get("d1-d2")).toMatchObject({ count: 2, shared: ["North Sea Feeder", "Rotterdam"] });
    expect(byPair.get("d1-d3")).toMatchObject({ count: 1, shared: ["Rotterdam"] });
    // Rotterdam is named by all three, so d2 and d3 are linked too.
    expect(byPair.get("d2-d3")).toMatchObject({ count: 1, shared: ["Rotterdam"] });
    expect(body.links).toHaveLength(3);
    const d4 = await shared(own, await keyOf(db, "d4"));
    expect(d4.body).toMatchObject({ articles: [], links: [], truncated: false });
  });

  it("names each dispatch behind a fact with its date and number of quotes", async () => {
    const { rows } = await db.read("MATCH ()-[r:CALLS_AT]->() RETURN elementId(r) AS key");
    const { body } = await injectJson<RelationshipDetailsResponse>(
      own,
      "GET",
      `/api/relationships/${encodeURIComponent(String(rows[0]!.key))}`,
    );
    expect(body.articles?.map((a) => [a.id, a.title, a.date, a.quotes])).toEqual([
      ["d2", "Hamburg and Rotterdam share a feeder line", undefined, 2],
      ["d1", "Rotterdam opens a deep-water berth", "2025-03-02", 1],
    ]);
    const port = await injectJson<NodeDetailsResponse>(
      own,
      "GET",
      `/api/nodes/${encodeURIComponent(await keyOf(db, "p-rot"))}`,
    );
    expect(port.body.articles?.map((a) => [a.id, a.quotes, a.facts])).toEqual([
      ["d2", 2, 1],
      ["d1", 1, 1],
    ]);
  });

  it("says clearly when the database has no source documents", async () => {
    await createOwnDatabase(db);
    const { rows } = await db.read("MATCH (n) RETURN elementId(n) AS key LIMIT 1");
    const bare = buildServer({ db, schema: new GraphSchema({ ...SHIPPING, provenance: {} }) });
    try {
      const { status, body } = await shared(bare, String(rows[0]!.key));
      expect(status).toBe(404);
      expect(body.error.code).toBe("no-articles");
      expect(body.error.message).toMatch(/no articles to correlate/);
    } finally {
      await bare.close();
    }
  });
});
