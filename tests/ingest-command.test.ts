/**
 * `guanxi ingest` as a user runs it, against the real Neo4j: idempotent re-runs, every kind of bad
 * input named by file, line and field with the database left exactly as it was, and CSV input.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphDb } from "../core/node/graph-db.ts";
import { cliEnv, connectWithSeed, runCli, snapshot } from "./support/database.ts";

const dir = mkdtempSync(join(tmpdir(), "guanxi-ingest-"));
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const ARTICLE = `{ "label": "Article", "id": "article:t", "name": "测试", "nameEn": "Test", "title": "测试文章" }`;
const ORG = `{ "label": "Organisation", "id": "org:t", "name": "测试工会", "nameEn": "Test Union", "kind": "union" }`;
const REGION = `{ "label": "Region", "id": "region:t", "name": "测试区", "nameEn": "Test District", "level": "district" }`;
const LOCATED = `{ "type": "LOCATED_IN", "start": "org:t", "end": "region:t", "evidence": ["测试工会在测试区。"], "article": "article:t" }`;
const json = (nodes: string[], rels: string[] = []) =>
  `{\n"format": "guanxi-dataset",\n"version": 1,\n"nodes": [\n${nodes.join(",\n")}\n],\n"relationships": [\n${rels.join(",\n")}\n]\n}\n`;

describe("guanxi ingest", () => {
  let db: GraphDb;
  let seeded: string;

  beforeAll(async () => {
    ({ db } = await connectWithSeed());
    seeded = await snapshot(db);
  });
  afterAll(async () => db?.close());

  it("is idempotent: a second run changes nothing and says so", async () => {
    const again = await runCli(["ingest"]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/Nodes: +0 created, 0 updated, \d+ unchanged/);
    expect(again.stdout).toMatch(/Relationships: +0 created, 0 updated, \d+ unchanged/);
    expect(again.stdout).toContain("Nothing changed");
    expect(await snapshot(db)).toBe(seeded);
  });

  it("reads a data set from standard input with -, JSON by default, CSV with --stdin-format csv", async () => {
    const fromStdin = await runCli(["ingest", "-"], cliEnv(), json([ARTICLE, ORG, REGION], [LOCATED]));
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromStdin.stdout).toMatch(/Nodes: +3 created/);
    const bad = await runCli(["ingest", "-"], cliEnv(), json([ORG]).replace(`"kind": "union"`, `"kind": 5`));
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/<stdin>:5, record 1, field "kind"/);
    const csv = await runCli(
      ["ingest", "-", "--stdin-format", "csv"],
      cliEnv(),
      "id:ID,:LABEL,name,nameEn,kind\norg:stdin,Organisation,标准输入工会,Stdin Union,union\n",
    );
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toMatch(/Nodes: +1 created/);
    await db.runAutoCommit(
      "MATCH (n) WHERE n.id IN ['article:t', 'org:t', 'region:t', 'org:stdin'] DETACH DELETE n",
    );
    expect(await snapshot(db)).toBe(seeded);
  });

  const badInputs: [string, string, string, RegExp][] = [
    [
      "malformed JSON",
      "bad.json",
      json([ORG]).replace(`"kind": "union"`, `"kind": "union",,`),
      /bad\.json:5, record 1: malformed JSON at column \d+: a property name in double quotes is expected/,
    ],
    [
      "malformed CSV",
      "bad.csv",
      `id:ID,:LABEL,name\norg:x,Organisation,"never closed\n`,
      /bad\.csv:2, field "name": malformed CSV: a quoted field is never closed/,
    ],
    [
      "unknown label",
      "label.json",
      json([ORG.replace("Organisation", "Company")]),
      /label\.json:5, record 1, field "label": unknown label "Company"/,
    ],
    [
      "unknown type",
      "type.json",
      json([ARTICLE, ORG, REGION], [LOCATED.replace("LOCATED_IN", "BASED_IN")]),
      /type\.json:10, record 1, field "type": unknown relationship type "BASED_IN"/,
    ],
    [
      "wrong property type",
      "prop.json",
      json([ORG.replace(`"kind": "union"`, `"kind": "union", "count": "five"`)]),
      /prop\.json:5, record 1, field "count": must be an integer/,
    ],
    [
      "missing id",
      "id.json",
      json([ORG.replace(`"id": "org:t", `, "")]),
      /id\.json:5, record 1, field "id": missing id/,
    ],
    [
      "conflicting duplicate id",
      "dup.json",
      json([ORG, ORG.replace("测试工会", "另一个工会")]),
      /dup\.json:6, record 2, field "id": duplicate id "org:t" with different properties/,
    ],
    [
      "missing relationship end",
      "end.json",
      json([ARTICLE, ORG], [LOCATED]),
      /end\.json:9, record 1, field "end": no node with id "region:t" in the input or the database/,
    ],
    [
      "empty evidence",
      "ev.json",
      json([ARTICLE, ORG, REGION], [LOCATED.replace(`["测试工会在测试区。"]`, `[]`)]),
      /ev\.json:10, record 1, field "evidence": evidence is empty/,
    ],
    [
      "bad typed CSV value",
      "vals.csv",
      `id:ID,:LABEL,name,nameEn,kind,count:int\norg:x,Organisation,某,X,union,lots\n`,
      /vals\.csv:2, record 1, field "count:int": must be an integer, got "lots"/,
    ],
    ["missing file", "nowhere.json", "", /nowhere\.json: no such file/],
  ];

  it.each(badInputs)(
    "rejects %s with its location and writes nothing",
    async (_what, name, text, message) => {
      const path = name === "nowhere.json" ? join(dir, name) : file(name, text);
      const run = await runCli(["ingest", path]);
      expect(run.code).toBe(3);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).toContain("nothing was written");
      expect(await snapshot(db)).toBe(seeded);
    },
  );

  it("reports every problem of a file at once, and writes nothing even where other records are valid", async () => {
    const path = file(
      "many.json",
      json(
        [ARTICLE, ORG, REGION, ORG.replace("org:t", "org:u").replace("union", "guild")],
        [LOCATED, LOCATED.replace("region:t", "region:none")],
      ),
    );
    const run = await runCli(["ingest", path]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/2 problems in the input/);
    expect(run.stderr).toMatch(/many\.json:8, record 4, field "kind": must be one of union, /);
    expect(run.stderr).toMatch(/many\.json:\d+, record 2, field "end": no node with id "region:none"/);
    expect(await snapshot(db)).toBe(seeded);
  });

  it("names a problem late in a big streamed CSV file by line and field, and writes nothing", async () => {
    // ~3 MB, several read chunks: the bad row and the dangling end sit in the last of them.
    const rows = Array.from(
      { length: 40_000 },
      (_, i) => `org:big-${i},Organisation,大文件工会${i},Big Union ${i},union,${i}`,
    );
    const EVIDENCE = "两会合作。,article:tongzhou-innovation-studios";
    rows[39_990] = "org:big-39990,Organisation,大文件工会,Big Union,union,many";
    const nodes = file("big-nodes.csv", ["id:ID,:LABEL,name,nameEn,kind,count:int", ...rows].join("\n"));
    const rels = file(
      "big-rels.csv",
      [
        ":START_ID,:END_ID,:TYPE,evidence:string[],article",
        ...Array.from(
          { length: 39_999 },
          (_, i) => `org:big-${i},org:big-${i + 1},COOPERATES_WITH,${EVIDENCE}`,
        ),
        `org:big-0,org:big-none,COOPERATES_WITH,${EVIDENCE}`,
      ].join("\n"),
    );
    const run = await runCli(["ingest", nodes, rels]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(
      /big-nodes\.csv:39992, record 39991, field "count:int": must be an integer, got "many"/,
    );
    expect(run.stderr).toMatch(
      /big-rels\.csv:40001, record 40000, field "end": no node with id "org:big-none"/,
    );
    expect(run.stderr).toContain("nothing was written");
    expect(await snapshot(db)).toBe(seeded);
  });

  it("ingests neo4j-admin style CSV files that link to nodes already in the database", async () => {
    const nodes = file(
      "nodes.csv",
      [
        "id:ID,:LABEL,name,nameEn,kind,aliases:string[],since:date",
        "org:csv-test,Organisation,测试合作社,Test Cooperative,association,合作社;测试社,2024-03-01",
      ].join("\n"),
    );
    const rels = file(
      "rels.csv",
      [
        ":START_ID,:END_ID,:TYPE,evidence:string[],article",
        'org:csv-test,region:tongzhou,LOCATED_IN,"测试合作社位于通州区。",article:tongzhou-innovation-studios',
      ].join("\n"),
    );
    const run = await runCli(["ingest", nodes, rels]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Nodes: +1 created, 0 updated, 0 unchanged/);
    expect(run.stdout).toMatch(/Relationships: +1 created/);
    const { rows } = await db.read(
      `MATCH (o:Organisation {id: 'org:csv-test'})-[r:LOCATED_IN]->(g:Region)
       RETURN o.aliases AS aliases, o.since AS since, valueType(o.since) AS sinceType, g.name AS region, r.evidence AS evidence`,
    );
    expect(rows).toEqual([
      {
        aliases: ["合作社", "测试社"],
        since: "2024-03-01",
        sinceType: "STRING NOT NULL",
        region: "通州区",
        evidence: ["测试合作社位于通州区。"],
      },
    ]);
  });

  it("updates changed properties and reports them as updated", async () => {
    const nodes = file(
      "nodes2.csv",
      [
        "id:ID,:LABEL,name,nameEn,kind",
        "org:csv-test,Organisation,测试合作社,Test Co-operative,association",
      ].join("\n"),
    );
    const run = await runCli(["ingest", nodes]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Nodes: +0 created, 1 updated, 0 unchanged/);
    const { rows } = await db.read("MATCH (o:Organisation {id: 'org:csv-test'}) RETURN o.nameEn AS en");
    expect(rows).toEqual([{ en: "Test Co-operative" }]);
  });
});
