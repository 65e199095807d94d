/**
 * neo4j-admin CSV as Neo4j users write it: several labels in :LABEL, :IGNORE columns, id spaces (ids unique
 * per space), --delimiter and --array-delimiter, quoted multi-line fields and a UTF-8 byte-order mark, read
 * by `guanxi ingest` under a schema of the user's own.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphDb } from "../core/node/graph-db.ts";
import type { SchemaDocument } from "../core/schema/document.ts";
import { GraphSchema } from "../core/schema/graph-schema.ts";
import { readCsvFile } from "../ingest/read-csv.ts";
import { validateRecords } from "../ingest/validate.ts";
import { clearDatabase, connectTestDb, runCli, snapshot } from "./support/database.ts";

/** A film schema: nothing of the news model. */
const FILMS: SchemaDocument = {
  name: "films",
  labels: {
    Person: {
      caption: "name",
      properties: { name: { type: "string", required: true }, born: { type: "int" } },
    },
    Director: { description: "A person who directed a film." },
    Film: {
      caption: "title",
      properties: {
        title: { type: "string", required: true },
        year: { type: "int" },
        genres: { type: "string[]" },
      },
    },
  },
  relationshipTypes: {
    DIRECTED: { from: ["Director"], to: ["Film"] },
    ACTED_IN: { from: ["Person"], to: ["Film"], properties: { roles: { type: "string[]" } } },
  },
};
const schema = new GraphSchema(FILMS);

const PEOPLE = [
  "\uFEFFpersonId:ID(Person),:LABEL,name,born:int,note:IGNORE",
  "1,Person;Director,张艺谋,1950,ignored",
  '2,Person,巩俐,1965,"a note',
  'over two lines"',
  "3,Person,Zhang Ziyi,1979,",
].join("\n");
const FILMS_CSV = [
  "filmId:ID(Film),:LABEL,title,year:int,genres:string[]",
  "1,Film,英雄,2002,武侠;历史",
  '2,Film,"红高粱",1988,剧情',
].join("\n");
const ROLES = [
  ":START_ID(Person),:END_ID(Film),:TYPE,roles:string[]",
  "1,1,DIRECTED,",
  "1,2,DIRECTED,",
  "2,2,ACTED_IN,九儿",
  "3,1,ACTED_IN,如月",
].join("\n");

describe("reading neo4j-admin CSV", () => {
  it("reads several labels, id spaces, :IGNORE, a BOM and a quoted field over two lines", () => {
    const { records, problems } = readCsvFile("people.csv", PEOPLE, { schema });
    expect(problems).toEqual([]);
    expect(records.map((r) => r.fields)).toEqual([
      { id: "1", personId: "1", labels: ["Person", "Director"], name: "张艺谋", born: 1950 },
      { id: "2", personId: "2", labels: ["Person"], name: "巩俐", born: 1965 },
      { id: "3", personId: "3", labels: ["Person"], name: "Zhang Ziyi", born: 1979 },
    ]);
    expect(records[0]!.spaces).toEqual({ id: "Person" });
    expect(records[2]!.location.line).toBe(5); // the multi-line field counts its lines
  });

  it("takes --delimiter and --array-delimiter", () => {
    const text = ["filmId:ID(Film)\t:LABEL\ttitle\tgenres:string[]", "7\tFilm\t霸王别姬\t剧情|爱情"].join(
      "\n",
    );
    const { records, problems } = readCsvFile("films.tsv.csv", text, {
      schema,
      delimiter: "\t",
      arrayDelimiter: "|",
    });
    expect(problems).toEqual([]);
    expect(records[0]!.fields).toMatchObject({ id: "7", labels: ["Film"], genres: ["剧情", "爱情"] });
    const wrong = readCsvFile("films.csv", text, { schema });
    expect(wrong.problems[0]!.message).toMatch(/delimiter/);
  });

  it("refuses a header that repeats a column instead of dropping one", () => {
    const { problems } = readCsvFile("dup.csv", "id:ID,:LABEL,name,name\n1,Person,a,b", { schema });
    expect(problems).toEqual([
      expect.objectContaining({
        file: "dup.csv",
        line: 1,
        field: "name",
        message: expect.stringMatching(/repeats property "name"/),
      }),
    ]);
  });

  it("resolves ends within their id space: Person 1 and Film 1 are two nodes", async () => {
    const records = [
      ...readCsvFile("people.csv", PEOPLE, { schema }).records,
      ...readCsvFile("films.csv", FILMS_CSV, { schema }).records,
      ...readCsvFile("roles.csv", ROLES, { schema }).records,
    ];
    const { dataset, problems } = await validateRecords(records, { schema });
    expect(problems).toEqual([]);
    expect(dataset.nodes).toHaveLength(5);
    expect(
      dataset.relationships.map((r) => `${r.startLabel}:${r.start}-${r.type}->${r.endLabel}:${r.end}`),
    ).toEqual([
      "Director:1-DIRECTED->Film:1",
      "Director:1-DIRECTED->Film:2",
      "Person:2-ACTED_IN->Film:2",
      "Person:3-ACTED_IN->Film:1",
    ]);
  });

  it("refuses a DIRECTED from a person who is not a Director, naming the record", async () => {
    const records = [
      ...readCsvFile("people.csv", PEOPLE, { schema }).records,
      ...readCsvFile("films.csv", FILMS_CSV, { schema }).records,
      ...readCsvFile("bad-roles.csv", ":START_ID(Person),:END_ID(Film),:TYPE\n2,1,DIRECTED\n9,1,ACTED_IN", {
        schema,
      }).records,
    ];
    const { problems } = await validateRecords(records, { schema });
    expect(problems).toEqual([
      expect.objectContaining({
        file: "bad-roles.csv",
        line: 2,
        field: "start",
        message: 'DIRECTED cannot start at a Person ("2"); allowed: Director',
      }),
      expect.objectContaining({
        file: "bad-roles.csv",
        line: 3,
        field: "start",
        message: 'no node with id "9" in id space Person in the input or the database',
      }),
    ]);
  });
});

describe("guanxi ingest of neo4j-admin CSV", () => {
  let db: GraphDb;
  const dir = mkdtempSync(join(tmpdir(), "guanxi-admin-csv-"));
  const files = ["people.csv", "films.csv", "roles.csv"].map((f) => join(dir, f));

  beforeAll(async () => {
    db = await connectTestDb();
    await clearDatabase(db);
    writeFileSync(join(dir, "films.schema.json"), JSON.stringify(FILMS, null, 2));
    writeFileSync(files[0]!, PEOPLE);
    writeFileSync(files[1]!, FILMS_CSV);
    writeFileSync(files[2]!, ROLES);
  });
  afterAll(async () => {
    await clearDatabase(db);
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes two labels on one node, keeps ids per space, and is idempotent", async () => {
    const result = await runCli(["ingest", "--schema", join(dir, "films.schema.json"), ...files]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Nodes: +5 created/);
    expect(result.stdout).toMatch(/Relationships: +4 created/);
    const { rows } = await db.read(
      "MATCH (n {id: '1'}) RETURN labels(n) AS labels, coalesce(n.name, n.title) AS caption ORDER BY caption",
    );
    expect(rows).toEqual([
      { labels: ["Person", "Director"], caption: "张艺谋" },
      { labels: ["Film"], caption: "英雄" },
    ]);
    const directed = await db.read("MATCH (:Director)-[:DIRECTED]->(f:Film) RETURN f.title AS t ORDER BY t");
    expect(directed.rows.map((r) => r.t)).toEqual(["红高粱", "英雄"].sort());
    const before = await snapshot(db);
    const again = await runCli(["ingest", "--schema", join(dir, "films.schema.json"), ...files]);
    expect(again.stdout).toMatch(/Nothing changed/);
    expect(await snapshot(db)).toBe(before);
  });

  it("takes the schema from GUANXI_SCHEMA too, and searches the schema's captions", async () => {
    const env = { ...process.env, GUANXI_SCHEMA: join(dir, "films.schema.json") };
    const { cliEnv } = await import("./support/database.ts");
    const result = await runCli(["ingest", ...files], { ...cliEnv(), ...env });
    expect(result.code, result.stderr).toBe(0);
    const { rows } = await db.read(
      "CALL db.index.fulltext.queryNodes('entity_names', 'title:红高粱') YIELD node RETURN node.title AS t",
    );
    expect(rows).toEqual([{ t: "红高粱" }]);
  });
});
