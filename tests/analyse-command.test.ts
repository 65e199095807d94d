/**
 * `guanxi analyse` against the real Neo4j: the seed (news schema, MENTIONS left out by default) and a
 * trade fixture of our own (another schema, other cities, two companies with one name), output formats,
 * nodes-only queries, and the exit codes of its refusals.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphDb } from "../core/node/graph-db.ts";
import { REPO_ROOT, cliEnv, connectWithSeed, runCli } from "./support/database.ts";

const FIXTURE = join(REPO_ROOT, "tests", "fixtures", "analysis");
const TRADE_SCHEMA = join(FIXTURE, "trade-schema.json");
const WHOLE_SEED =
  "MATCH (n) WHERE NOT n:Company AND NOT n:City AND NOT n:Filing OPTIONAL MATCH (n)-[r]->() RETURN n, r";
const TRADE = "MATCH (n) WHERE n:Company OR n:City OR n:Filing OPTIONAL MATCH (n)-[r]->() RETURN n, r";

interface Row {
  id: string | null;
  name: string;
  label: string;
  elementId: string;
  [metric: string]: unknown;
}

async function analyse(...args: string[]): Promise<{ rows: Row[]; stderr: string }> {
  const run = await runCli(["analyse", ...args, "--format", "json"]);
  expect(run.code, run.stderr).toBe(0);
  return { rows: JSON.parse(run.stdout) as Row[], stderr: run.stderr };
}

let db: GraphDb;

beforeAll(async () => {
  ({ db } = await connectWithSeed());
  const trade = await runCli(["ingest", join(FIXTURE, "trade.json"), "--schema", TRADE_SCHEMA]);
  expect(trade.code, trade.stderr).toBe(0);
});
afterAll(async () => db?.close());

describe("guanxi analyse on the seed", () => {
  it("gives one JSON object per node with its Guanxi id, name, label, elementId and the value", async () => {
    const { rows, stderr } = await analyse("--query", WHOLE_SEED, "--metric", "betweenness");
    const total = await db.read(
      "MATCH (n) WHERE NOT n:Company AND NOT n:City AND NOT n:Filing RETURN count(n) AS n",
    );
    expect(rows).toHaveLength(Number(total.rows[0]!.n));
    expect(Object.keys(rows[0]!)).toEqual(["id", "name", "label", "elementId", "betweenness"]);
    expect(rows.every((r) => typeof r.betweenness === "number" && typeof r.elementId === "string")).toBe(
      true,
    );
    // Highest first.
    const values = rows.map((r) => r.betweenness as number);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    // MENTIONS is left out by default (a document link in the news schema): no article is a broker.
    expect(stderr).toMatch(/types counted: [A-Z_, ]+/);
    expect(stderr).not.toMatch(/types counted:[^\n]*MENTIONS/);
    expect(rows[0]!.label).not.toBe("Article");
    // With every type counted, the articles that mention everyone lie on many more shortest paths.
    const all = await analyse("--query", WHOLE_SEED, "--metric", "betweenness", "--all-types");
    expect(all.stderr).toMatch(/types counted:[^\n]*MENTIONS/);
    const articles = (r: Row[]) =>
      Math.max(...r.filter((x) => x.label === "Article").map((x) => x.betweenness as number));
    expect(articles(all.rows)).toBeGreaterThan(2 * articles(rows));
  });

  it("analyses the relationships among the nodes when the query returns nodes only", async () => {
    const { rows, stderr } = await analyse("--query", "MATCH (n:Region) RETURN n", "--metric", "degree");
    expect(stderr).toContain("the relationships among them were read");
    const expected = await db.read(
      "MATCH (n:Region) RETURN n.id AS id, COUNT { (n)-[r]-(m:Region) WHERE type(r) <> 'MENTIONS' } AS degree",
    );
    const byId = Object.fromEntries(rows.map((r) => [r.id, r.degree]));
    for (const row of expected.rows) expect(byId[String(row.id)], String(row.id)).toBe(Number(row.degree));
    expect(rows[0]!.degree).toBeGreaterThan(0);
  });

  it("prints a table and CSV, --top N rows, and reads the Cypher from standard input and a file", async () => {
    const table = await runCli(["analyse", "-q", WHOLE_SEED, "-m", "pagerank", "--top", "5", "-f", "table"]);
    expect(table.code, table.stderr).toBe(0);
    const lines = table.stdout.trim().split("\n");
    expect(lines[1]).toMatch(/│ # +│ name +│ label +│ id +│ pagerank +│/);
    expect(lines.at(-1)).toBe("5 rows");
    const file = join(mkdtempSync(join(tmpdir(), "guanxi-analyse-")), "seed.cypher");
    writeFileSync(file, WHOLE_SEED);
    const csv = await runCli(["analyse", "--file", file, "-m", "pagerank", "--top", "3", "-f", "csv"]);
    expect(csv.code, csv.stderr).toBe(0);
    const csvLines = csv.stdout.trim().split("\n");
    expect(csvLines[0]).toBe("id,name,label,elementId,pagerank");
    expect(csvLines).toHaveLength(4);
    const fromStdin = await runCli(
      ["analyse", "-q", "-", "-m", "pagerank", "--top", "3", "-f", "csv"],
      cliEnv(),
      WHOLE_SEED,
    );
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromStdin.stdout).toBe(csv.stdout);
  });

  it("numbers Louvain communities from the largest, the same on every run", async () => {
    const first = await analyse("--query", WHOLE_SEED, "--metric", "louvain");
    const again = await analyse("--query", WHOLE_SEED, "--metric", "louvain");
    expect(again.rows).toEqual(first.rows);
    expect(first.stderr).toMatch(/\d+ groups; modularity 0\.\d{3}/);
    const sizes = new Map<number, number>();
    for (const r of first.rows) sizes.set(r.louvain as number, (sizes.get(r.louvain as number) ?? 0) + 1);
    const counts = [...sizes.keys()].sort((a, b) => a - b).map((g) => sizes.get(g)!);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    expect(first.rows.every((r) => Number.isInteger(r.louvain))).toBe(true);
  });
});

describe("guanxi analyse on a schema of our own", () => {
  it("keeps homonyms apart, leaves the schema's document links out and finds the broker between the cities", async () => {
    const { rows, stderr } = await analyse(
      "--query",
      TRADE,
      "--metric",
      "betweenness",
      "--schema",
      TRADE_SCHEMA,
    );
    expect(stderr).toMatch(/types counted: BASED_IN, SUPPLIES;/);
    const huayuan = rows.filter((r) => r.name === "华远贸易").map((r) => r.id);
    expect(huayuan.sort()).toEqual(["co:cd-1", "co:cq-1"]);
    const companies = rows.filter((r) => r.label === "Company" && r.id !== "co:broker");
    const broker = rows.find((r) => r.id === "co:broker")!;
    // Without the filing's CITES links the broker (or a city) is the bridge; the filing is not.
    expect(rows.find((r) => r.label === "Filing")!.betweenness).toBe(0);
    for (const c of companies.filter((r) => !["co:cd-3", "co:cq-1"].includes(r.id!)))
      expect(broker.betweenness as number).toBeGreaterThan(c.betweenness as number);
  });

  it("weights by a relationship property and counts only the types asked for", async () => {
    const plain = await analyse(
      "-q",
      TRADE,
      "-m",
      "weighted-degree",
      "--types",
      "SUPPLIES",
      "--schema",
      TRADE_SCHEMA,
    );
    const weighted = await analyse(
      "-q",
      TRADE,
      "-m",
      "weighted-degree",
      "--types",
      "SUPPLIES",
      "--weight",
      "volume",
      "--schema",
      TRADE_SCHEMA,
    );
    const value = (rows: Row[], id: string) => rows.find((r) => r.id === id)!.weightedDegree;
    expect(value(plain.rows, "co:cd-1")).toBe(2);
    expect(value(weighted.rows, "co:cd-1")).toBe(7); // 5 out to 蜀锦物流, 2 in from 天府电子
    expect(value(weighted.rows, "co:broker")).toBeGreaterThanOrEqual(20);
    expect(value(plain.rows, "city:chengdu")).toBe(0);
    const missing = await analyse(
      "-q",
      TRADE,
      "-m",
      "weighted-degree",
      "--weight",
      "nope",
      "--schema",
      TRADE_SCHEMA,
    );
    expect(missing.stderr).toContain('no counted relationship has a numeric "nope"');
  });

  it("gives components and k-cores as integers", async () => {
    const { rows } = await analyse(
      "-q",
      TRADE,
      "-m",
      "components",
      "--types",
      "SUPPLIES",
      "--schema",
      TRADE_SCHEMA,
    );
    expect(new Set(rows.filter((r) => r.label === "Company").map((r) => r.components)).size).toBe(1);
    expect(rows.find((r) => r.id === "city:chengdu")!.components).toBeGreaterThan(0);
    const cores = await analyse("-q", TRADE, "-m", "kcore", "--types", "SUPPLIES", "--schema", TRADE_SCHEMA);
    expect(cores.rows.find((r) => r.id === "co:cd-1")!.kcore).toBe(2);
    expect(cores.rows.find((r) => r.id === "co:broker")!.kcore).toBe(2); // two suppliers, one each side
    expect(cores.rows.find((r) => r.id === "city:chongqing")!.kcore).toBe(0);
  });
});

describe("guanxi analyse refuses clearly", () => {
  it.each([
    [["--metric", "pagerank"], 2, /give the Cypher: --query CYPHER/],
    [["-q", "RETURN 1", "--metric", "eigenvector"], 2, /Allowed choices are pagerank, betweenness/],
    [
      ["-q", "MATCH (n:Region) RETURN n", "-m", "degree", "--types", "NO_SUCH"],
      2,
      /--types: "NO_SUCH" is neither/,
    ],
    [["-q", "MATCH (n RETURN n", "-m", "degree"], 5, /Invalid input|syntax/i],
    [["-q", "MATCH (n) DETACH DELETE n", "-m", "degree"], 4, /Refused: this query writes/],
    [["--file", "/no/such/file.cypher", "-m", "degree"], 3, /no such file/],
  ])("%j → exit %i", async (args, code, message) => {
    const run = await runCli(["analyse", ...args]);
    expect(run.code, run.stderr).toBe(code);
    expect(run.stderr).toMatch(message);
  });

  it("refuses betweenness above the size guard with exit 4 and says why", async () => {
    const run = await runCli([
      "analyse",
      "-q",
      WHOLE_SEED,
      "-m",
      "betweenness",
      "--betweenness-limit",
      "100",
    ]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(
      /Betweenness is exact and grows with nodes × relationships: .* over the limit of 100/,
    );
    expect(run.stdout).toBe("");
  });

  it("exits 6 when Neo4j cannot be reached", async () => {
    const down = await runCli(
      ["analyse", "-q", "MATCH (n) RETURN n", "-m", "degree"],
      cliEnv({ NEO4J_URI: "bolt://127.0.0.1:1" }),
    );
    expect(down.code).toBe(6);
  });
});
