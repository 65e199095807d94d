/**
 * `guanxi export --format csv` writes files that `neo4j-admin database import full` takes as they are:
 * the seed plus hostile cases (one key with several types, lists, dates, Chinese, quotes, line breaks,
 * several labels) exported from the real Neo4j, imported with the importer of the bundled Neo4j's jars
 * into a fresh data directory, that database started, and every node, relationship and property compared.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startBundledDb, type BundledDb } from "../db/client/bundled-db.ts";
import { GraphDb } from "../core/node/graph-db.ts";
import { connectWithSeed, runCli } from "./support/database.ts";
import { neo4jAdminImport, type ImportRun } from "./support/neo4j-admin.ts";

const HOSTILE_NAME = '多标签 "引号", 逗号\n第二行\r\n第三行 \\ 反斜杠';

/** Everything a node holds, with Neo4j's name for each value's type (valueType, Cypher 5.13+). */
const NODES = `
MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props,
  [k IN keys(n) | k + ' ' + valueType(n[k])] AS types
ORDER BY id`;
const RELATIONSHIPS = `
MATCH (a)-[r]->(b)
RETURN a.id + ' ' + type(r) + ' ' + b.id AS key, properties(r) AS props,
  [k IN keys(r) | k + ' ' + valueType(r[k])] AS types
ORDER BY key`;

type Row = Record<string, unknown>;

function byKey(rows: Row[], key: string): Map<string, Row> {
  return new Map(rows.map((r) => [String(r[key]), r]));
}

function sorted(values: unknown): string[] {
  return [...(values as string[])].sort();
}

let source: GraphDb;
let imported: GraphDb | undefined;
let importedDb: BundledDb | undefined;
let dir: string;
let importRun: ImportRun;
let before: { nodes: Row[]; relationships: Row[] };
let after: { nodes: Row[]; relationships: Row[] };

beforeAll(async () => {
  ({ db: source } = await connectWithSeed());
  await source.runAutoCommit(
    `CREATE (m:Organisation:Region {id: 'org:multi', name: $name, nameEn: ' outer spaces ', kind: 'other',
       aliases: ['别名', 'say "hi"', '逗号, comma'], weight: 3, ratio: 0.5, scores: [1, 2, 3],
       tags: ['a', 'b'], flag: true, seen: date('2021-03-04')})
     CREATE (x:Organisation {id: 'org:mixed', name: '混合类型', kind: 'other', weight: 'heavy', ratio: 2,
       scores: [1.5, 2.5], tags: 'solo', flag: false})
     CREATE (e:Event {id: 'event:dated', name: '有日期的活动', kind: 'meeting', date: date('2024-05-01')})
     WITH m, x, e
     MATCH (a:Alliance {id: 'alliance:tongwulang'})
     CREATE (m)-[:MEMBER_OF {since: date('2023-06-01'), evidence: [$name], article: 'article:x', weight: 1}]->(a)
     CREATE (x)-[:MEMBER_OF {since: date('2023-07-01'), evidence: ['一句'], weight: 'strong'}]->(a)
     CREATE (m)-[:PARTICIPATED_IN {evidence: ['"quoted"'], role: '主办\n方'}]->(e)`,
    { name: HOSTILE_NAME },
  );
  before = {
    nodes: (await source.read(NODES)).rows,
    relationships: (await source.read(RELATIONSHIPS)).rows,
  };

  dir = mkdtempSync(join(tmpdir(), "guanxi-neo4j-admin-"));
  const out = join(dir, "csv");
  const run = await runCli([
    "export",
    "--query",
    "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN n, r",
    "--format",
    "csv",
    "-o",
    out,
  ]);
  if (run.code !== 0) throw new Error(`guanxi export failed:\n${run.stderr}`);

  // The launcher's layout: DATA_DIR/neo4j is the Neo4j home, its `neo4j` database what it serves.
  const dataDir = join(dir, "db");
  importRun = await neo4jAdminImport(join(dataDir, "neo4j"), {
    nodes: join(out, "nodes.csv"),
    relationships: join(out, "relationships.csv"),
  });
  if (importRun.code !== 0) return; // the first test reports the importer's output
  importedDb = await startBundledDb({
    port: await freePort(),
    dataDir,
    password: "imported-db-password",
    heap: "512m",
    pageCache: "64m",
    log: () => {},
  });
  imported = await GraphDb.connect({
    uri: importedDb.uri,
    user: "neo4j",
    password: importedDb.password,
    bundled: false,
  });
  after = {
    nodes: (await imported.read(NODES)).rows,
    relationships: (await imported.read(RELATIONSHIPS)).rows,
  };
}, 180_000);

afterAll(async () => {
  await imported?.close();
  await importedDb?.stop();
  await source?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("neo4j-admin database import full of `guanxi export --format csv`", () => {
  it("imports both files without a bad entry", () => {
    expect(importRun.code, importRun.output).toBe(0);
    expect(importRun.output).toContain("IMPORT DONE");
    const report = join(dir, "db", "neo4j", "import.report");
    expect(existsSync(report) ? readFileSync(report, "utf8") : "").toBe("");
  });

  it("writes one column per property key", () => {
    const header = readFileSync(join(dir, "csv", "nodes.csv"), "utf8")
      .split("\n")[0]!
      .split(",");
    const keys = header.map((h) => h.split(":")[0]);
    expect(new Set(keys).size).toBe(keys.length);
    expect(header).toContain("weight:string");
    expect(header).toContain("ratio:double");
    expect(header).toContain("scores:double[]");
    expect(header).toContain("tags:string");
  });

  it("gives the same nodes, labels and properties (derived pinyin aside)", () => {
    expect(after.nodes.map((n) => n.id)).toEqual(before.nodes.map((n) => n.id));
    const mixedKeys = new Set(["weight", "ratio", "scores", "tags", "seen"]);
    const importedById = byKey(after.nodes, "id");
    for (const node of before.nodes) {
      const copy = importedById.get(String(node.id))!;
      expect(sorted(copy.labels), String(node.id)).toEqual(sorted(node.labels));
      const props = { ...(node.props as Row) };
      delete props.pinyin;
      const copyProps = copy.props as Row;
      for (const key of mixedKeys) delete props[key];
      const kept = Object.fromEntries(Object.entries(copyProps).filter(([k]) => !mixedKeys.has(k)));
      expect(kept, String(node.id)).toEqual(props);
      const types = (node.types as string[]).filter(
        (t) => !/^pinyin |^(weight|ratio|scores|tags|seen) /.test(t),
      );
      const copyTypes = (copy.types as string[]).filter((t) => !/^(weight|ratio|scores|tags|seen) /.test(t));
      expect(sorted(copyTypes), String(node.id)).toEqual(sorted(types));
    }
  });

  it("keeps hostile text, lists and model dates exactly, and converts a key's values to one common type", () => {
    const nodes = byKey(after.nodes, "id");
    const multi = nodes.get("org:multi")!;
    expect(sorted(multi.labels)).toEqual(["Organisation", "Region"]);
    expect(multi.props).toMatchObject({
      name: HOSTILE_NAME,
      nameEn: " outer spaces ",
      aliases: ["别名", 'say "hi"', "逗号, comma"],
      flag: true,
      // int and text → text; int and float → float; int[] and float[] → float[]; list and text → text
      weight: "3",
      ratio: 0.5,
      scores: [1, 2, 3],
      tags: '["a","b"]',
      // a date outside the model leaves Neo4j as ISO text (plain values) and comes back as text
      seen: "2021-03-04",
    });
    expect(multi.types).toEqual(
      expect.arrayContaining([
        "scores LIST<FLOAT NOT NULL> NOT NULL",
        "weight STRING NOT NULL",
        "seen STRING NOT NULL",
        "flag BOOLEAN NOT NULL",
      ]),
    );
    expect(nodes.get("org:mixed")!.props).toMatchObject({
      weight: "heavy",
      ratio: 2,
      tags: "solo",
      flag: false,
    });
    expect(nodes.get("org:mixed")!.types).toEqual(expect.arrayContaining(["ratio FLOAT NOT NULL"]));
    expect(nodes.get("event:dated")!.types).toContain("date DATE NOT NULL");
    expect(nodes.get("event:dated")!.props).toMatchObject({ date: "2024-05-01" });
  });

  it("gives the same relationships with their properties", () => {
    expect(after.relationships.map((r) => r.key)).toEqual(before.relationships.map((r) => r.key));
    const copies = byKey(after.relationships, "key");
    for (const rel of before.relationships) {
      const copy = copies.get(String(rel.key))!;
      const props = { ...(rel.props as Row) };
      const copyProps = { ...(copy.props as Row) };
      delete props.weight;
      delete copyProps.weight;
      expect(copyProps, String(rel.key)).toEqual(props);
      const notWeight = (types: unknown) => sorted(types).filter((t) => !t.startsWith("weight "));
      expect(notWeight(copy.types), String(rel.key)).toEqual(notWeight(rel.types));
    }
    const member = copies.get("org:multi MEMBER_OF alliance:tongwulang")!;
    expect(member.props).toMatchObject({ since: "2023-06-01", evidence: [HOSTILE_NAME], weight: "1" });
    expect(member.types).toContain("since DATE NOT NULL");
    expect(copies.get("org:mixed MEMBER_OF alliance:tongwulang")!.props).toMatchObject({ weight: "strong" });
    expect(copies.get("org:multi PARTICIPATED_IN event:dated")!.props).toMatchObject({ role: "主办\n方" });
  });
});
