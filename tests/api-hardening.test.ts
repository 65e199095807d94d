/**
 * Smaller hardening of the ways in, on the real Neo4j with the seed: JSON bodies keep their types, integers
 * beyond 2^53 are refused with a message, PROFILE is refused clearly, and `guanxi query` never prints
 * terminal control characters raw.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorResponse, QueryResponse } from "../core/api-types.ts";
import { injectJson, keyOf, seededApi } from "./support/api.ts";
import { runCli } from "./support/database.ts";
import type { FastifyInstance } from "fastify";
import type { GraphDb } from "../core/node/graph-db.ts";

let db: GraphDb;
let app: FastifyInstance;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, app, close } = await seededApi());
});
afterAll(async () => close?.());

describe("JSON bodies are not type-coerced", () => {
  it.each([
    [{ cypher: 5 }, /body\/cypher must be string, not number/],
    [{ cypher: true }, /body\/cypher must be string, not boolean/],
    [{ cypher: "RETURN 1", rowLimit: "5" }, /body\/rowLimit must be integer \(a whole number\), not string/],
    [{ cypher: "RETURN 1", rowLimit: 2.5 }, /body\/rowLimit must be integer/],
    [{ cypher: "RETURN 1", params: "x" }, /body\/params must be object, not string/],
    [{ cypher: "RETURN 1", params: [1] }, /body\/params must be object, not array/],
    [{ cypher: ["RETURN 1"] }, /body\/cypher must be string, not array/],
  ])("POST /api/query refuses %j", async (payload, message) => {
    const { status, body } = await injectJson<ApiErrorResponse>(app, "POST", "/api/query", payload);
    expect(status).toBe(400);
    expect(body.error.code).toBe("bad-request");
    expect(body.error.message).toMatch(message);
  });

  it("refuses a wrong type in another route's body too (POST /api/expand)", async () => {
    const key = await keyOf(db, "alliance:tongwulang");
    const { status, body } = await injectJson<ApiErrorResponse>(app, "POST", "/api/expand", {
      key,
      limit: "5",
    });
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/body\/limit must be integer/);
    const ok = await injectJson(app, "POST", "/api/expand", { key, limit: 5 });
    expect(ok.status).toBe(200);
  });

  it("still reads numbers in query strings (they are text in a URL)", async () => {
    const { status } = await injectJson(app, "GET", "/api/search?q=tongzhou&limit=5");
    expect(status).toBe(200);
  });
});

describe("large integer parameters", () => {
  it("refuses an integer beyond 2^53 with a message, instead of sending a rounded float", async () => {
    const response = await app.inject({
      method: "POST",
      url: "/api/query",
      headers: { "content-type": "application/json" },
      payload: '{"cypher": "RETURN $n AS n", "params": {"n": 9007199254740993}}',
    });
    expect(response.statusCode).toBe(400);
    expect((response.json() as ApiErrorResponse).error.message).toMatch(
      /Parameter \$n is 9007199254740992, beyond ±2\^53.*toInteger\(\$n\)/,
    );
  });

  it("finds it inside lists and maps, and lets 2^53 - 1 through exactly", async () => {
    const nested = await injectJson<ApiErrorResponse>(app, "POST", "/api/query", {
      cypher: "RETURN $m AS m",
      params: { m: { ids: [1, 2 ** 60] } },
    });
    expect(nested.status).toBe(400);
    expect(nested.body.error.message).toMatch(/\$m\.ids\[1\]/);
    const safe = await injectJson<QueryResponse>(app, "POST", "/api/query", {
      cypher: "RETURN $n + 0 AS n",
      params: { n: Number.MAX_SAFE_INTEGER },
    });
    expect(safe.status).toBe(200);
    expect(safe.body.rows[0]!.n).toBe(Number.MAX_SAFE_INTEGER);
  });

  it("is refused by guanxi query too", async () => {
    const run = await runCli(["query", "RETURN $n AS n", "--param", "n=9007199254740993"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/guanxi: Parameter \$n is .*beyond ±2\^53/);
  });
});

describe("PROFILE", () => {
  it("is refused with a clear message (not Neo4j's 'conflicting execution mode')", async () => {
    const { status, body } = await injectJson<ApiErrorResponse>(app, "POST", "/api/query", {
      cypher: "PROFILE MATCH (n:Region) RETURN n.name",
    });
    expect(status).toBe(403);
    expect(body.error.message).toMatch(/PROFILE is not run from here.*remove the keyword/);
    expect(body.error.message).not.toMatch(/conflicting/);
  });
});

describe("guanxi query's table", () => {
  it("shows control characters escaped, never raw on the terminal", async () => {
    const run = await runCli([
      "query",
      "RETURN 'x\\u001B[31mred\\u0007\\u0000\\u202E' AS `s\\u001B`",
      "--format",
      "table",
    ]);
    expect(run.code, run.stderr).toBe(0);
    // eslint-disable-next-line no-control-regex
    expect(run.stdout).not.toMatch(/[\u0000\u0007\u001b\u202e]/);
    expect(run.stdout).toContain("x\\x1B[31mred\\x07\\x00\\u202E");
    expect(run.stdout).toContain("s\\x1B");
  });
});
