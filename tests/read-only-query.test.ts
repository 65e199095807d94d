/**
 * The read-only decision (core/node/read-only-query.ts) against the real Neo4j, statement by statement: what
 * Neo4j's plan says is decided, not what the text looks like. Every statement allowed also runs in a read
 * transaction; every statement refused never reaches the server's files, URLs, settings or other users.
 * Then the three ways in (API, `guanxi query`, `guanxi export`) refuse the LOAD CSV bypass with no request
 * reaching a local web server.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatabaseError } from "../core/errors.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { ReadOnlyViolation, assertReadOnly } from "../core/node/read-only-query.ts";
import { buildServer } from "../server/app.ts";
import { injectJson } from "./support/api.ts";
import { connectWithSeed, runCli, snapshot } from "./support/database.ts";

type Expected = "allowed" | "refused" | "read-only" | "cypher-error";

let db: GraphDb;
let web: Server;
let hits = 0;
let url = "";

beforeAll(async () => {
  ({ db } = await connectWithSeed());
  web = createServer((_, res) => {
    hits += 1;
    res.end("a,b\n1,2\n");
  });
  await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(web.address() as AddressInfo).port}/data.csv`;
});
afterAll(async () => {
  await db?.close();
  await new Promise((resolve) => web?.close(resolve));
});

/** `URL` in a statement is the local web server, so a LOAD CSV that ran would be counted. */
const STATEMENTS: [string, Expected, RegExp?][] = [
  // Reads, with the words of refused statements in strings and comments
  ["MATCH (n) RETURN n LIMIT 1", "allowed"],
  ["MATCH (a:Alliance)-[r]-(x) RETURN a.name, type(r), x.name", "allowed"],
  ["RETURN 'LOAD CSV FROM URL' AS s", "allowed"],
  ["// LOAD CSV\nRETURN 'TERMINATE TRANSACTIONS' AS s", "allowed"],
  ["/* SHOW SETTINGS */ RETURN 1 AS one", "allowed"],
  ["RETURN 'CALL dbms.listConfig()' AS s, \"SHOW TRANSACTIONS\" AS t", "allowed"],
  ["MATCH (n) WHERE n.name CONTAINS 'CALL' RETURN count(n) AS c", "allowed"],
  ["UNWIND range(1, 3) AS x RETURN x", "allowed"],
  ["RETURN 1\u2028AS\u00a0one", "allowed"],
  ["WITH 1 AS x CALL (x) { RETURN x + 1 AS y } RETURN y", "allowed"],
  ["USE neo4j MATCH (n) RETURN count(n) AS c", "allowed"],
  ["CYPHER runtime=slotted MATCH (n) RETURN count(n) AS c", "allowed"],
  // The read procedures of the allow-list
  ["CALL db.labels()", "allowed"],
  ["CALL db.labels() YIELD label RETURN label ORDER BY label", "allowed"],
  ["CALL db.relationshipTypes()", "allowed"],
  ["CALL db.propertyKeys()", "allowed"],
  ["CALL db.schema.visualization()", "allowed"],
  ["CALL db.schema.nodeTypeProperties()", "allowed"],
  ["CALL db.schema.relTypeProperties()", "allowed"],
  [
    "CALL db.index.fulltext.queryNodes('entity_names', 'tongzhou') YIELD node, score RETURN node.name, score",
    "allowed",
  ],
  ["CALL dbms.components()", "allowed"],
  // LOAD CSV, however it is written
  ["LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r", "refused", /LOAD CSV/],
  ["WITH '//' AS x LOAD CSV FROM 'URL' AS r RETURN r", "refused", /LOAD CSV/],
  ["WITH \"/*\" AS x LOAD CSV FROM 'URL' AS r RETURN r, '*/' AS y", "refused", /LOAD CSV/],
  ["LOAD\u001cCSV FROM 'URL' AS r RETURN r", "refused", /LOAD CSV/],
  ["LOAD\u001dCSV FROM 'URL' AS r RETURN r", "refused", /LOAD CSV/],
  ["LOAD\u001eCSV FROM 'URL' AS r RETURN r", "refused", /LOAD CSV/],
  ["LOAD\u001fCSV FROM 'URL' AS r RETURN r", "refused", /LOAD CSV/],
  ["LOAD\u2028CSV FROM 'URL' AS r RETURN r", "refused", /LOAD CSV/],
  ["LOAD\u00a0CSV FROM 'URL' AS r RETURN r", "refused", /LOAD CSV/],
  ["LOAD\u3000CSV FROM 'URL' AS r RETURN r", "refused", /LOAD CSV/],
  ["load csv with headers from 'URL' as l return l", "refused", /LOAD CSV/],
  ["RETURN 1 AS x UNION LOAD CSV FROM 'URL' AS r RETURN r[0] AS x", "refused", /LOAD CSV/],
  ["CALL { LOAD CSV FROM 'URL' AS r RETURN r } RETURN r", "refused", /LOAD CSV/],
  // Commands
  ["TERMINATE TRANSACTIONS 'neo4j-transaction-1'", "refused", /TERMINATE TRANSACTIONS/],
  ["TERMINATE\u001cTRANSACTIONS 'neo4j-transaction-1'", "refused", /TERMINATE TRANSACTIONS/],
  ["SHOW SETTINGS", "refused", /SHOW SETTINGS/],
  ["SHOW\u001fSETTINGS YIELD name, value RETURN name, value", "refused", /SHOW SETTINGS/],
  ["SHOW TRANSACTIONS", "refused", /SHOW TRANSACTIONS/],
  ["SHOW INDEXES", "refused", /SHOW INDEXES/],
  ["SHOW PROCEDURES", "refused", /SHOW PROCEDURES/],
  ["SHOW FUNCTIONS", "refused", /SHOW FUNCTIONS/],
  ["SHOW CONSTRAINTS", "refused", /SHOW CONSTRAINTS/],
  ["SHOW USERS", "refused", /administration/],
  ["CREATE USER intruder SET PASSWORD 'intruder-password'", "refused", /administration/],
  // Procedures outside the allow-list
  ["CALL db.stats.retrieve('QUERIES')", "refused", /db\.stats\.retrieve/],
  ["CALL `db`.`stats`.`retrieve`('QUERIES')", "refused", /db\.stats\.retrieve/],
  ["CALL db.stats.clear('QUERIES')", "refused", /db\.stats\.clear/],
  [
    "MATCH (n) CALL (n) { CALL db.stats.retrieve('QUERIES') YIELD section RETURN section } RETURN section LIMIT 1",
    "refused",
    /db\.stats\.retrieve/,
  ],
  ["CALL dbms.listConfig()", "refused", /dbms\.listConfig/],
  ["CALL dbms.showCurrentUser()", "refused", /dbms\.showCurrentUser/],
  ["CALL db.awaitIndexes()", "refused", /db\.awaitIndexes/],
  ["CALL db.ping()", "refused", /db\.ping/],
  // Transactions of their own, execution modes
  ["CALL { MATCH (n) RETURN n } IN TRANSACTIONS RETURN n", "refused", /IN TRANSACTIONS/],
  ["MATCH (n) CALL (n) { SET n.x = 1 } IN TRANSACTIONS OF 10 ROWS", "read-only"],
  ["PROFILE MATCH (n) RETURN n", "refused", /PROFILE is not run from here/],
  ["EXPLAIN MATCH (n) RETURN n", "allowed"], // runs nothing: no rows
  // Writes and schema changes
  ["CREATE (n:Intruder)", "read-only"],
  ["MATCH (n) SET n.intruder = 1", "read-only"],
  ["MERGE (n:Intruder {id: 'x'}) RETURN n", "read-only"],
  ["FOREACH (x IN [1] | CREATE (:Intruder))", "read-only"],
  ["MATCH (n) DETACH DELETE n", "read-only"],
  ["CREATE INDEX intruder FOR (n:Intruder) ON (n.y)", "read-only"],
  // Neo4j refuses them itself
  ["USE system MATCH (n) RETURN n", "cypher-error"],
  ["CALL apoc.load.json('URL')", "cypher-error"],
  ["RETURN 1; LOAD CSV FROM 'URL' AS r RETURN r", "cypher-error"],
];

describe("the read-only decision, from Neo4j's plan", () => {
  const outcomes: Expected[] = [];

  afterAll(() => {
    const refused = outcomes.filter((o) => o !== "allowed").length;
    console.log(
      `[read-only] ${outcomes.length} statements tried: ${outcomes.length - refused} allowed, ${refused} not run`,
    );
  });

  it.each(STATEMENTS.map(([cypher, expected, message]) => ({ cypher, expected, message })))(
    "$expected: $cypher",
    async ({ cypher, expected, message }) => {
      const statement = cypher.replace(/URL/g, url);
      const before = await snapshot(db);
      let outcome: Expected;
      let error: unknown;
      try {
        await assertReadOnly(db, statement);
        outcome = "allowed";
      } catch (e) {
        error = e;
        outcome =
          e instanceof ReadOnlyViolation ? e.code : e instanceof DatabaseError ? "cypher-error" : "allowed";
      }
      outcomes.push(outcome);
      expect(outcome, String(error)).toBe(expected);
      if (message) expect((error as Error).message).toMatch(message);
      // What is allowed runs, in a read transaction.
      if (expected === "allowed") await db.read(statement, {}, { timeoutMs: 10_000 });
      expect(hits).toBe(0);
      expect(await snapshot(db)).toBe(before);
    },
  );

  it("has tried at least 40 statements", () => {
    expect(STATEMENTS.length).toBeGreaterThanOrEqual(40);
  });
});

describe("every way in refuses the LOAD CSV bypasses", () => {
  const bypasses = [
    "WITH '//' AS x LOAD CSV FROM 'URL' AS r RETURN r",
    "LOAD\u001cCSV FROM 'URL' AS r RETURN r",
  ];

  it.each(bypasses)("POST /api/query: %j", async (cypher) => {
    const app = buildServer({ db });
    try {
      const { status, body } = await injectJson<{ error: { code: string; message: string } }>(
        app,
        "POST",
        "/api/query",
        { cypher: cypher.replace(/URL/g, url) },
      );
      expect(status).toBe(403);
      expect(body.error).toMatchObject({ code: "refused", message: expect.stringMatching(/LOAD CSV/) });
    } finally {
      await app.close();
    }
    expect(hits).toBe(0);
  });

  it.each(bypasses)("guanxi query and guanxi export: %j", async (cypher) => {
    const statement = cypher.replace(/URL/g, url);
    const run = await runCli(["query", statement]);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/Refused: LOAD CSV/);
    const dir = mkdtempSync(join(tmpdir(), "guanxi-refused-"));
    try {
      const exported = await runCli([
        "export",
        "--query",
        statement,
        "--format",
        "json",
        "-o",
        join(dir, "x.json"),
      ]);
      expect(exported.code).toBe(4);
      expect(exported.stderr).toMatch(/Refused: LOAD CSV/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(hits).toBe(0);
  });
});
