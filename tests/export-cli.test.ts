/** `guanxi export` and `guanxi run-script` errors against the real Neo4j: each a clear message and a non-zero exit. */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphDb } from "../core/node/graph-db.ts";
import { connectWithSeed, runCli, snapshot } from "./support/database.ts";
import { xmllint } from "./support/export-readers.ts";

let db: GraphDb;
let dir: string;

beforeAll(async () => {
  ({ db } = await connectWithSeed());
  dir = mkdtempSync(join(tmpdir(), "guanxi-export-cli-"));
});

afterAll(async () => {
  await db?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const exportArgs = (format: string, output: string, query = "MATCH (n:Region) RETURN n") => [
  "export",
  "--query",
  query,
  "--format",
  format,
  "-o",
  output,
];

describe("guanxi export", () => {
  it("exports relationships with their end nodes even when the query returns only relationships", async () => {
    const path = join(dir, "spans.json");
    const run = await runCli(exportArgs("json", path, "MATCH ()-[r:SPANS]->() RETURN r"));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Exported 4 nodes and 3 relationships → /);
    const graph = (JSON.parse(readFileSync(path, "utf8")) as { graph: { nodes: { key: string }[] } }).graph;
    expect(graph.nodes.map((n) => n.key).sort()).toEqual(
      ["alliance:tongwulang", "region:langfang", "region:tongzhou", "region:wuqing"].sort(),
    );
  });

  it("writes to standard output with -o - (the message on standard error), except csv", async () => {
    const run = await runCli(exportArgs("json", "-", "MATCH ()-[r:SPANS]->() RETURN r"));
    expect(run.code, run.stderr).toBe(0);
    const graph = (JSON.parse(run.stdout) as { graph: { nodes: unknown[] } }).graph;
    expect(graph.nodes).toHaveLength(4);
    expect(run.stderr).toMatch(/Exported 4 nodes and 3 relationships → standard output/);
    const csv = await runCli(exportArgs("csv", "-"));
    expect(csv.code).toBe(2);
    expect(csv.stderr).toMatch(/csv writes two files/);
  });

  it("takes parameters like guanxi query", async () => {
    const path = join(dir, "one.graphml");
    const run = await runCli([
      ...exportArgs("graphml", path, "MATCH (n {id: $id}) RETURN n"),
      "-p",
      "id=region:wuqing",
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain("Exported 1 node and 0 relationships");
    expect(readFileSync(path, "utf8")).toContain("武清区");
  });

  it("refuses an unknown format", async () => {
    const run = await runCli(exportArgs("xlsx", join(dir, "x.xlsx")));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/argument 'xlsx' is invalid.*gexf, graphml, json, csv, cypher/s);
  });

  it("refuses to run without -o", async () => {
    const run = await runCli(["export", "--query", "MATCH (n) RETURN n", "--format", "gexf"]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("required option '-o, --output <path>' not specified");
  });

  it("says when the output cannot be written, before running the query", async () => {
    const missing = await runCli(exportArgs("gexf", join(dir, "no-such-dir", "x.gexf")));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/guanxi: cannot write .*no-such-dir.*x\.gexf: no such directory/);
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    const csvToFile = await runCli(exportArgs("csv", file));
    expect(csvToFile.code).toBe(2);
    expect(csvToFile.stderr).toContain("for csv, -o names a directory");
    const toDir = await runCli(exportArgs("gexf", dir));
    expect(toDir.code).toBe(2);
    expect(toDir.stderr).toContain("it is a directory; give a file name");
  });

  it("refuses a write query and changes nothing", async () => {
    const before = await snapshot(db);
    const run = await runCli(
      exportArgs("gexf", join(dir, "w.gexf"), "CREATE (n:Region {id: 'region:x'}) RETURN n"),
    );
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/guanxi: Refused: this query writes to the database/);
    expect(existsSync(join(dir, "w.gexf"))).toBe(false);
    expect(await snapshot(db)).toBe(before);
  });

  it("reports a Cypher error with its position in the statement", async () => {
    const run = await runCli(exportArgs("gexf", join(dir, "e.gexf"), "MATCH (n RETURN n"));
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/line 1, column 10 \(offset: 9\)/);
  });

  it("writes a valid empty file for an empty result and says so", async () => {
    const path = join(dir, "empty.gexf");
    const run = await runCli(exportArgs("gexf", path, "MATCH (n:Region {id: 'region:nowhere'}) RETURN n"));
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      "the query returned no nodes or relationships (0 rows); wrote an empty gexf export",
    );
    expect(run.stdout).toContain("Exported 0 nodes and 0 relationships");
    expect(await xmllint(path)).toBe("");
  });
});

describe("guanxi run-script", () => {
  it("names the line of a command it does not run, and writes nothing", async () => {
    const before = await snapshot(db);
    const path = join(dir, "bad.cypher");
    writeFileSync(
      path,
      ":begin\n:param rows => [{id: 'region:x'}]\nUNWIND $rows AS row CREATE (n:Region {id: row.id});\n:source other.cypher\n:commit\n",
    );
    const run = await runCli(["run-script", path]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/bad\.cypher:4: unsupported command :source/);
    expect(await snapshot(db)).toBe(before);
  });

  it("rolls back the whole transaction when a statement in it fails", async () => {
    const before = await snapshot(db);
    const path = join(dir, "fails.cypher");
    writeFileSync(
      path,
      ":begin\n:param rows => [{id: 'region:x'}]\nUNWIND $rows AS row CREATE (n:Region {id: row.id});\nRETURN 1/0;\n:commit\n",
    );
    const run = await runCli(["run-script", path]);
    expect(run.code).toBe(5);
    expect(run.stderr).toMatch(/fails\.cypher:4: .*by zero/);
    expect(await snapshot(db)).toBe(before);
  });

  it("says when the file does not exist", async () => {
    const run = await runCli(["run-script", join(dir, "none.cypher")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot read .*none\.cypher: no such file/);
  });
});
