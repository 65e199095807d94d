/**
 * POST /api/query on the real Neo4j with the seed: rows and the graph in them, the row cap, Cypher errors
 * placed in the analyst's text, the timeout, and writes refused with the database unchanged.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorResponse, QueryResponse } from "../core/api-types.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { buildServer } from "../server/app.ts";
import { injectJson, seededApi } from "./support/api.ts";
import { snapshot } from "./support/database.ts";

let db: GraphDb;
let app: FastifyInstance;

async function query<T = QueryResponse>(
  payload: object,
  server: FastifyInstance = app,
): Promise<{ status: number; body: T }> {
  return injectJson<T>(server, "POST", "/api/query", payload);
}

let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, app, close } = await seededApi());
});
afterAll(async () => close?.());

describe("POST /api/query", () => {
  it("returns columns, rows and the subgraph of every node, relationship and path in them", async () => {
    const { status, body } = await query({
      cypher:
        "MATCH p = (a:Alliance)-[r:SPANS]->(x:Region) RETURN a.name AS alliance, x, r, p ORDER BY x.name",
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ columns: ["alliance", "x", "r", "p"], truncated: false, rowLimit: 1000 });
    expect(body.queryType).toBe("r");
    expect(body.rows).toHaveLength(3);
    expect(body.rows[0]!.alliance).toBe("“通武廊”劳模和工匠人才创新工作室联盟");
    expect(body.rows[0]!.x).toMatchObject({ labels: ["Region"], elementId: expect.any(String) });
    expect(body.subgraph.nodes.map((n) => n.name).sort()).toEqual(
      ["“通武廊”劳模和工匠人才创新工作室联盟", "廊坊市", "武清区", "通州区"].sort(),
    );
    expect(body.subgraph.edges).toHaveLength(3); // the same relationships from r and p, once each
    expect(body.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it("fetches the ends of relationships returned alone, so no edge dangles", async () => {
    const { body } = await query({ cypher: "MATCH ()-[r:SPANS]->() RETURN r" });
    expect(body.subgraph.edges).toHaveLength(3);
    expect(body.subgraph.nodes).toHaveLength(4);
    const keys = new Set(body.subgraph.nodes.map((n) => n.key));
    for (const e of body.subgraph.edges) expect(keys.has(e.source) && keys.has(e.target)).toBe(true);
  });

  it("finds graph elements inside lists and maps", async () => {
    const { body } = await query({
      cypher:
        "MATCH (a:Alliance)-[:SPANS]->(x) WITH a, collect(x) AS xs RETURN {alliance: a, regions: xs} AS m",
    });
    expect(body.subgraph.nodes).toHaveLength(4);
    expect(body.subgraph.edges).toHaveLength(0);
  });

  it("takes parameters, integers included", async () => {
    const { status, body } = await query({
      cypher: "MATCH (r:Region) WHERE r.id IN $ids RETURN r.name AS name ORDER BY name LIMIT $n",
      params: { ids: ["region:wuqing", "region:langfang", "region:tongzhou"], n: 2 },
    });
    expect(status).toBe(200);
    expect(body.rows).toHaveLength(2);
  });

  it("stops at rowLimit and says the result was truncated", async () => {
    const { body } = await query({ cypher: "MATCH (n) RETURN n.id AS id", rowLimit: 5 });
    expect(body).toMatchObject({ truncated: true, rowLimit: 5 });
    expect(body.rows).toHaveLength(5);
    expect(body.subgraph.nodes).toHaveLength(0);
    const exact = await query({ cypher: "MATCH (n:Region) RETURN n", rowLimit: 11 });
    expect(exact.body).toMatchObject({ truncated: false, rowLimit: 11 });
    expect(exact.body.rows).toHaveLength(11);
    // A huge result is abandoned after the cap, not read to the end.
    const huge = await query({ cypher: "UNWIND range(1, 100000000) AS i RETURN i", rowLimit: 10_000 });
    expect(huge.status).toBe(200);
    expect(huge.body).toMatchObject({ truncated: true, rowLimit: 10_000 });
    expect(huge.body.rows).toHaveLength(10_000);
  });

  it("answers a Cypher error with 400, Neo4j's message and the position in the analyst's text", async () => {
    const { status, body } = await query<ApiErrorResponse>({ cypher: "RETURN 1 +" });
    expect(status).toBe(400);
    expect(body.error.code).toBe("cypher-error");
    expect(body.error.message).toMatch(/^Invalid input/);
    expect(body.error.message).not.toContain("EXPLAIN");
    expect(body.error.position).toEqual({ line: 1, column: 11, offset: 10 });
    const second = await query<ApiErrorResponse>({ cypher: "MATCH (n)\nRETURN n +" });
    expect(second.body.error.position).toEqual({ line: 2, column: 11, offset: 20 });
  });

  it("answers runtime errors and missing parameters with 400", async () => {
    const zero = await query<ApiErrorResponse>({ cypher: "RETURN 1 / 0 AS x" });
    expect(zero.status).toBe(400);
    expect(zero.body.error).toMatchObject({ code: "cypher-error", message: "/ by zero" });
    const missing = await query<ApiErrorResponse>({ cypher: "RETURN $nope" });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/nope/);
  });

  it("stops a query that runs too long with 504 and says how to narrow it", async () => {
    const impatient = buildServer({ db, queryTimeoutMs: 200 });
    try {
      const { status, body } = await query<ApiErrorResponse>(
        { cypher: "UNWIND range(1, 4000000000) AS x WITH x WHERE x % 1000003 = -1 RETURN count(x)" },
        impatient,
      );
      expect(status).toBe(504);
      expect(body.error.code).toBe("timeout");
      expect(body.error.message).toMatch(/200 ms.*LIMIT/);
    } finally {
      await impatient.close();
    }
  });
});

describe("POST /api/query refuses to change the database", () => {
  it.each([
    ["CREATE", "CREATE (:Organisation {id: 'org:intruder', name: 'x', nameEn: 'x', kind: 'other'})"],
    ["SET", "MATCH (n:Region) SET n.name = 'changed'"],
    ["REMOVE", "MATCH (n:Region) REMOVE n.nameEn"],
    ["DELETE", "MATCH (n) DETACH DELETE n"],
    ["MERGE", "MERGE (p:Person {id: 'person:intruder'})"],
    ["a schema command", "CREATE INDEX intruder IF NOT EXISTS FOR (n:Person) ON (n.role)"],
    ["dropping a constraint", "DROP CONSTRAINT organisation_id"],
    ["CALL { CREATE … }", "CALL () { CREATE (:Person {id: 'person:intruder'}) } RETURN 1"],
    ["old-style CALL { CREATE … }", "CALL { CREATE (:Person {id: 'person:intruder'}) } RETURN 1"],
    ["a writing procedure", "CALL db.createLabel('Intruder')"],
    ["writes in transactions", "MATCH (n) CALL (n) { SET n.x = 1 } IN TRANSACTIONS RETURN count(*)"],
  ])("refuses %s with 403 and changes nothing", async (_what, cypher) => {
    const before = await snapshot(db);
    const { status, body } = await query<ApiErrorResponse>({ cypher });
    expect(status).toBe(403);
    expect(body.error.code).toBe("read-only");
    expect(body.error.message).toMatch(
      /^Refused: this query (writes|changes the schema).*read-only.*nothing was changed/,
    );
    expect(await snapshot(db)).toBe(before);
  });

  it("leaves the schema as it was", async () => {
    const { rows } = await db.read("SHOW INDEXES YIELD name RETURN collect(name) AS names");
    expect(rows[0]!.names).not.toContain("intruder");
    const labels = await db.read("CALL db.labels() YIELD label RETURN collect(label) AS labels");
    expect(labels.rows[0]!.labels).not.toContain("Intruder");
  });

  it.each([
    ["TERMINATE TRANSACTIONS 'neo4j-transaction-1'", /TERMINATE/],
    ["LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", /LOAD CSV/],
    ["load csv with headers from 'http://127.0.0.1:1/x.csv' as l return l", /LOAD CSV/],
  ])("refuses reads that reach outside the graph: %s", async (cypher, message) => {
    const { status, body } = await query<ApiErrorResponse>({ cypher });
    expect(status).toBe(403);
    expect(body.error.code).toBe("refused");
    expect(body.error.message).toMatch(message);
  });

  it("does not mistake words in strings and comments for commands", async () => {
    const { status } = await query({ cypher: "// LOAD CSV\nRETURN 'TERMINATE TRANSACTIONS' AS s" });
    expect(status).toBe(200);
  });
});
