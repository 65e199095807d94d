/** `guanxi query` against the real Neo4j with the seed ingested: output formats, parameters, read-only. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { GraphDb } from "../core/node/graph-db.ts";
import { cliEnv, connectWithSeed, runCli, snapshot } from "./support/database.ts";

const ALLIANCE_QUERY = "MATCH (a:Alliance)-[r]-(x) RETURN a.name, type(r), x.name ORDER BY x.name";

describe("guanxi query", () => {
  let db: GraphDb;

  beforeAll(async () => {
    ({ db } = await connectWithSeed());
  });
  afterAll(async () => db?.close());

  it("prints JSON: one object per record keyed by column name", async () => {
    const run = await runCli(["query", ALLIANCE_QUERY, "--format", "json"]);
    expect(run.code, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual(["a.name", "type(r)", "x.name"]);
    const spans = rows.filter((r) => r["type(r)"] === "SPANS").map((r) => r["x.name"]);
    expect(spans.sort()).toEqual(["廊坊市", "武清区", "通州区"].sort());
    expect(rows.every((r) => r["a.name"]!.includes("通武廊"))).toBe(true);
  });

  it("turns nodes, relationships, integers and dates into plain JSON", async () => {
    const run = await runCli([
      "query",
      "MATCH (a:Alliance)-[r:SPANS]->(x {id: 'region:tongzhou'}) RETURN a, r, a.foundedYear AS year, date('2023-06-01') AS d",
      "--format",
      "json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const [row] = JSON.parse(run.stdout) as Record<string, Record<string, unknown>>[];
    expect(row!.a).toMatchObject({
      labels: ["Alliance"],
      properties: { id: "alliance:tongwulang", foundedYear: 2023 },
    });
    expect(typeof row!.a!.elementId).toBe("string");
    expect(row!.r).toMatchObject({ type: "SPANS", startElementId: row!.a!.elementId });
    expect(row!.year).toBe(2023);
    expect(row!.d).toBe("2023-06-01");
  });

  it("prints CSV with a header row of column names", async () => {
    const run = await runCli([
      "query",
      "MATCH (r:Region {id: $id}) RETURN r.name AS name, r.level AS level",
      "--param",
      "id=region:wuqing",
      "--format",
      "csv",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trim().split("\n")).toEqual(["name,level", "武清区,district"]);
  });

  it("prints a readable table, with Chinese text aligned", async () => {
    const run = await runCli([
      "query",
      "MATCH (r:Region) WHERE r.id IN $ids RETURN r.name AS name, r.nameEn AS en ORDER BY en",
      "-p",
      'ids=["region:wuqing","region:langfang"]',
      "--format",
      "table",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[1]).toMatch(/│ name +│ en +│/);
    expect(lines[3]).toMatch(/│ 廊坊市 +│ Langfang/);
    expect(lines.at(-1)).toBe("2 rows");
  });

  it("prints JSON lines by default when the output is not a terminal, and reads - from standard input", async () => {
    const cypher =
      "MATCH (r:Region) WHERE r.id IN ['region:wuqing', 'region:langfang'] RETURN r.name AS name ORDER BY name";
    const piped = await runCli(["query", cypher]);
    expect(piped.code, piped.stderr).toBe(0);
    expect(
      piped.stdout
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as unknown),
    ).toEqual([{ name: "廊坊市" }, { name: "武清区" }]);
    const fromStdin = await runCli(["query", "-", "--format", "jsonl"], cliEnv(), cypher);
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromStdin.stdout).toBe(piped.stdout);
    const none = await runCli(["query", "MATCH (n:NoSuchLabel) RETURN n", "--format", "jsonl"]);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toBe("");
    const empty = await runCli(["query", "-"], cliEnv(), "  \n");
    expect(empty.code).toBe(3);
    expect(empty.stderr).toMatch(/<stdin>: is empty: expected the Cypher statement/);
    const notUtf8 = await runCli(["query", "-"], cliEnv(), Uint8Array.from([0x52, 0x45, 0xff, 0xfe]));
    expect(notUtf8.code).toBe(3);
    expect(notUtf8.stderr).toMatch(/<stdin>:1: is not UTF-8/);
  });

  it("takes integer parameters as integers", async () => {
    const run = await runCli([
      "query",
      "MATCH (r:Region) RETURN r.id AS id ORDER BY id LIMIT $n",
      "-p",
      "n=2",
      "-f",
      "json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(2);
  });

  it.each([
    ["CREATE (:Organisation {id: 'org:intruder', name: 'x'})"],
    ["MATCH (n:Region {id: 'region:tongzhou'}) SET n.name = 'changed'"],
    ["MATCH (n) DETACH DELETE n"],
    ["CREATE INDEX intruder IF NOT EXISTS FOR (n:Person) ON (n.role)"],
  ])("refuses a write with a clear message and changes nothing: %s", async (cypher) => {
    const before = await snapshot(db);
    const run = await runCli(["query", cypher]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(
      /Refused: this query (writes to the database|changes the schema).*read-only; nothing was changed/,
    );
    expect(await snapshot(db)).toBe(before);
    const indexes = await db.read("SHOW INDEXES YIELD name WHERE name = 'intruder' RETURN name");
    expect(indexes.rows).toEqual([]);
  });

  it("refuses reads that are not analysis (LOAD CSV, TERMINATE TRANSACTIONS), as the API does", async () => {
    const csv = await runCli(["query", "LOAD CSV FROM 'file:///x.csv' AS row RETURN row"]);
    expect(csv.code).toBe(4);
    expect(csv.stderr).toMatch(/Refused: LOAD CSV reads files or URLs from the database server/);
    const terminate = await runCli(["query", "TERMINATE TRANSACTIONS 'neo4j-transaction-1'"]);
    expect(terminate.code).toBe(4);
    expect(terminate.stderr).toMatch(/Refused: TERMINATE TRANSACTIONS ends other users' queries/);
  });

  it("places a syntax error in the statement as typed (not counting the EXPLAIN it is checked with)", async () => {
    const bad = await runCli(["query", "MATCH (n RETURN n"]);
    expect(bad.code).toBe(5);
    expect(bad.stderr).toContain("(line 1, column 10 (offset: 9))");
  });

  it("reports a Cypher error and a wrong password clearly", async () => {
    const bad = await runCli(["query", "MATCH (n RETURN n"]);
    expect(bad.code).toBe(5);
    expect(bad.stderr).toMatch(/^guanxi: .*Invalid input/s);
    const denied = await runCli(["query", "RETURN 1"], cliEnv({ NEO4J_PASSWORD: "wrong-password" }));
    expect(denied.code).toBe(6);
    expect(denied.stderr).toMatch(/refused the credentials of user "neo4j"/);
    const down = await runCli(["query", "RETURN 1"], cliEnv({ NEO4J_URI: "bolt://127.0.0.1:1" }));
    expect(down.code).toBe(6);
    expect(down.stderr).toMatch(/Cannot reach Neo4j at bolt:\/\/127\.0\.0\.1:1/);
  });

  it("works through a neo4j:// routing URI", async () => {
    const { port, user, password } = inject("neo4j");
    const routed = await GraphDb.connect({
      uri: `neo4j://127.0.0.1:${port}`,
      user,
      password,
      bundled: false,
    });
    try {
      const { rows } = await routed.read("MATCH (a:Alliance) RETURN count(a) AS n");
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      await routed.close();
    }
    const run = await runCli(
      ["query", "MATCH (a:Alliance) RETURN a.nameEn AS en", "-f", "json"],
      cliEnv({ NEO4J_URI: `neo4j://127.0.0.1:${port}` }),
    );
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)[0].en).toMatch(/Alliance/);
  });
});
