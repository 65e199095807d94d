/**
 * A database Guanxi did not create (plain Cypher, other labels, no Guanxi index): the explorer's API
 * searches it by a word of a caption (scanning, and saying so, until `guanxi index` makes the index), the
 * inspector shows properties and neighbours, and export → `guanxi schema infer` → `guanxi ingest` into an
 * empty database gives the same nodes, relationships and properties.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  NodeDetailsResponse,
  SavedQueriesResponse,
  SchemaResponse,
  SearchResponse,
} from "../core/api-types.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { buildServer } from "../server/app.ts";
import { injectJson } from "./support/api.ts";
import { clearDatabase, connectTestDb, dropAllSchema, runCli } from "./support/database.ts";
import { createOwnDatabase, restoreGuanxiDatabase } from "./support/own-database.ts";

/** The graph without Neo4j's ids and without Guanxi's key: labels, properties, and relationships by caption. */
async function content(db: GraphDb): Promise<string> {
  const nodes = await db.read("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props");
  const shown = nodes.rows
    .map((r) => {
      const { id: _id, pinyin: _pinyin, ...props } = r.props as Record<string, unknown>;
      void _id;
      void _pinyin;
      return JSON.stringify([(r.labels as string[]).sort(), Object.entries(props).sort()]);
    })
    .sort();
  const rels = await db.read(
    `MATCH (a)-[r]->(b)
     RETURN coalesce(a.name, a.fullName) + '|' + toString(a.born) AS a, type(r) AS type,
            coalesce(b.name, b.fullName) AS b, properties(r) AS props`,
  );
  const edges = rels.rows
    .map((r) => JSON.stringify([r.a, r.type, r.b, Object.entries(r.props as object).sort()]))
    .sort();
  return JSON.stringify({ nodes: shown, edges }, null, 1);
}

describe("a database Guanxi did not create", () => {
  let db: GraphDb;
  let app: FastifyInstance;
  const dir = mkdtempSync(join(tmpdir(), "guanxi-own-db-"));

  beforeAll(async () => {
    db = await connectTestDb();
    await createOwnDatabase(db);
    app = buildServer({ db });
  });
  afterAll(async () => {
    await app?.close();
    await restoreGuanxiDatabase(db);
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("has a schema view that says search is scanning and how to fix it", async () => {
    const { status, body } = await injectJson<SchemaResponse>(app, "GET", "/api/schema");
    expect(status).toBe(200);
    expect(body.labels.map((l) => l.label).sort()).toEqual(["City", "Company", "Director", "Officer"]);
    expect(body.search.mode).toBe("scan");
    expect(body.search.notice).toMatch(/no Guanxi search index.*npx guanxi index/);
  });

  it("finds a node by a word of its caption, without the full-text index", async () => {
    const { status, body } = await injectJson<SearchResponse>(app, "GET", "/api/search?q=港务");
    expect(status, JSON.stringify(body)).toBe(200);
    expect(body.mode).toBe("scan");
    expect(body.notice).toMatch(/npx guanxi index/);
    expect(body.hits.map((h) => h.node.name)).toEqual(["天津港务物流集团有限公司"]);
    // A caption that is not `name`: an officer's fullName is what the explorer shows and finds.
    const li = await injectJson<SearchResponse>(app, "GET", "/api/search?q=li%20na");
    // Labels the schema does not know: the first alphabetically (Neo4j's order is by token, per database).
    expect(li.body.hits.map((h) => [h.node.name, h.node.label])).toEqual([["Li Na", "Director"]]);
    const homonyms = await injectJson<SearchResponse>(app, "GET", "/api/search?q=王伟");
    expect(homonyms.body.hits).toHaveLength(2);
  });

  it("shows a node's properties and neighbours in the inspector, with no evidence required", async () => {
    const hit = (await injectJson<SearchResponse>(app, "GET", "/api/search?q=Harbour")).body.hits[0]!;
    const { status, body } = await injectJson<NodeDetailsResponse>(
      app,
      "GET",
      `/api/nodes/${encodeURIComponent(hit.node.key)}`,
    );
    expect(status).toBe(200);
    expect(body.node).toMatchObject({ name: "Harbour Holdings Ltd", label: "Company" });
    expect(body.node.properties).toMatchObject({ employees: 12, founded: "2011-11-30", tags: ["holding"] });
    const groups = Object.fromEntries(body.groups.map((g) => [`${g.type} ${g.direction}`, g.neighbours]));
    expect(groups["OWNS out"]!.map((n) => n.node.name).sort()).toEqual(
      ["天津港务物流集团有限公司", "苏州丝绸进出口有限公司"].sort(),
    );
    expect(groups["DIRECTOR_OF in"]!.map((n) => n.node.name)).toEqual(["Li Na"]);
    expect(body.evidence).toEqual([]);
  });

  it("lists the saved queries that need the news schema as such", async () => {
    const { body } = await injectJson<SavedQueriesResponse>(app, "GET", "/api/queries");
    const spans = body.queries.find((q) => q.name === "alliance-spans")!;
    expect(spans.needs).toEqual(["Alliance", "Region", "SPANS", "PART_OF"]);
    expect(spans.missing).toEqual(["Alliance", "Region", "SPANS", "PART_OF"]);
    expect(body.queries.find((q) => q.name === "evidence")!.missing).toBeUndefined();
  });

  it("`guanxi index` makes the search index for its labels, and search uses it", async () => {
    const index = await runCli(["index"]);
    expect(index.code, index.stderr).toBe(0);
    expect(index.stdout).toMatch(/Created the search index entity_names: 4 labels/);
    expect(index.stdout).toMatch(/fullName/);
    const fresh = buildServer({ db });
    try {
      const { body } = await injectJson<SearchResponse>(fresh, "GET", "/api/search?q=港务");
      expect(body.mode).toBe("index");
      expect(body.notice).toBeUndefined();
      expect(body.hits.map((h) => h.node.name)).toEqual(["天津港务物流集团有限公司"]);
      const li = await injectJson<SearchResponse>(fresh, "GET", "/api/search?q=li");
      expect(li.body.hits.map((h) => h.node.name)).toContain("Li Na");
    } finally {
      await fresh.close();
    }
    // Run again: nothing to add.
    expect((await runCli(["index"])).stdout).toMatch(/^Kept the search index/);
  });

  it("export → schema infer → ingest into an empty database gives the same graph", async () => {
    const before = await content(db);
    const exported = await runCli([
      "export",
      "--query",
      "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n, r",
      "--format",
      "csv",
      "-o",
      join(dir, "csv"),
    ]);
    expect(exported.code, exported.stderr).toBe(0);
    const schemaFile = join(dir, "register.schema.json");
    const inferred = await runCli(["schema", "infer", "--name", "register", "-o", schemaFile]);
    expect(inferred.code, inferred.stderr).toBe(0);
    const schema = JSON.parse(readFileSync(schemaFile, "utf8")) as {
      labels: Record<
        string,
        { caption?: string; properties: Record<string, { type: string; required?: boolean }> }
      >;
      relationshipTypes: Record<string, { from: string[]; to: string[]; provenance: string }>;
    };
    expect(schema.labels.Officer).toMatchObject({
      caption: "fullName",
      properties: { fullName: { type: "string", required: true }, born: { type: "int", required: true } },
    });
    expect(schema.labels.Company!.properties).toMatchObject({
      founded: { type: "date" },
      tags: { type: "string[]" },
      employees: { type: "int" },
    });
    expect(schema.relationshipTypes.OWNS).toMatchObject({
      from: ["Company"],
      to: ["Company"],
      provenance: "none",
    });
    expect(schema.relationshipTypes.DIRECTOR_OF!.from).toEqual(["Director", "Officer"]);
    expect((await runCli(["schema", "check", schemaFile])).stdout).toMatch(
      /is valid — 4 labels, 4 relationship types/,
    );

    await clearDatabase(db);
    await dropAllSchema(db);
    const ingest = await runCli([
      "ingest",
      "--schema",
      schemaFile,
      join(dir, "csv", "nodes.csv"),
      join(dir, "csv", "relationships.csv"),
    ]);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stdout).toMatch(/Nodes: +8 created/);
    expect(ingest.stdout).toMatch(/Relationships: +7 created/);
    expect(ingest.stdout).toMatch(/Schema: +"register" from/);
    expect(await content(db)).toBe(before);
    // Types survive: a date stays a DATE, a share a FLOAT.
    const { rows } = await db.read(
      "MATCH (c:Company)-[o:OWNS]->() RETURN valueType(c.founded) AS d, valueType(o.share) AS f LIMIT 1",
    );
    expect(rows[0]).toEqual({ d: "DATE NOT NULL", f: "FLOAT NOT NULL" });
    // Guanxi's key was added (the export's id), unique per label.
    const keys = await db.read("MATCH (n:Officer) RETURN count(DISTINCT n.id) AS ids, count(n) AS nodes");
    expect(keys.rows[0]).toEqual({ ids: 3, nodes: 3 });
  });

  it("refuses an ingest of the same files under the news schema, naming the label and how to add it", async () => {
    const result = await runCli(["ingest", join(dir, "csv", "nodes.csv")]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /nodes\.csv:2, record 1, field "labels": unknown label "(City|Company|Officer|Director)": the schema "news" has .* add .* under "labels" in a schema file and pass it with --schema FILE/,
    );
  });
});
