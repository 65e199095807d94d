/**
 * Analyst queries run in worker threads (core/node/query-isolation.ts): one huge result never freezes the
 * server for everyone, the deadline holds on the client side too, and a result is capped in bytes.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorResponse, QueryResponse } from "../core/api-types.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { buildServer } from "../server/app.ts";
import { injectJson } from "./support/api.ts";
import { cliEnv, connectWithSeed, runCli } from "./support/database.ts";

let db: GraphDb;
let app: FastifyInstance;
const TIMEOUT_MS = 6_000;

beforeAll(async () => {
  ({ db } = await connectWithSeed());
  app = buildServer({ db, queryTimeoutMs: TIMEOUT_MS, queryMaxBytes: 200_000 });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

describe("a huge analyst query", () => {
  it("leaves every other route answering while it decodes, and is stopped at its deadline", async () => {
    const started = performance.now();
    const huge = injectJson<ApiErrorResponse>(app, "POST", "/api/query", {
      cypher: "RETURN range(1, 5000000) AS r",
    });
    // Let the result reach the worker and its decoding begin.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const latencies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const health = await app.inject({ method: "GET", url: "/api/health" });
      latencies.push(performance.now() - t);
      expect(health.statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const search = await injectJson(app, "GET", "/api/search?q=tongzhou");
    expect(search.status).toBe(200);
    const { status, body } = await huge;
    const elapsed = performance.now() - started;
    console.log(
      `[isolation] health while RETURN range(1,5000000) runs: max ${Math.round(Math.max(...latencies))} ms ` +
        `(${latencies.map(Math.round).join(", ")}); the query answered ${status} after ${Math.round(elapsed)} ms`,
    );
    expect(Math.max(...latencies)).toBeLessThan(200);
    // Stopped by the deadline (504) or by the byte cap (413), never a frozen server.
    expect([413, 504]).toContain(status);
    expect(body.error.message).toMatch(/ran longer than 6 s|larger than/);
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 5_000);
    // The next query runs on a fresh worker.
    const next = await injectJson<QueryResponse>(app, "POST", "/api/query", { cypher: "RETURN 1 AS one" });
    expect(next.status).toBe(200);
    expect(next.body.rows).toEqual([{ one: 1 }]);
  });
});

describe("the result size cap", () => {
  it("refuses a result larger than the byte budget with a clear message", async () => {
    const { status, body } = await injectJson<ApiErrorResponse>(app, "POST", "/api/query", {
      cypher:
        "UNWIND range(1, 500) AS i RETURN i, reduce(s = '', x IN range(1, 100) | s + 'abcdefghij') AS text",
    });
    expect(status).toBe(413);
    expect(body.error.code).toBe("too-large");
    expect(body.error.message).toMatch(/larger than .*after \d+ rows.*LIMIT.*GUANXI_QUERY_MAX_BYTES/);
  });

  it("returns a result within the budget in full", async () => {
    const { status, body } = await injectJson<QueryResponse>(app, "POST", "/api/query", {
      cypher:
        "UNWIND range(1, 50) AS i RETURN i, reduce(s = '', x IN range(1, 100) | s + 'abcdefghij') AS text",
    });
    expect(status).toBe(200);
    expect(body.rows).toHaveLength(50);
  });

  it("caps guanxi query and guanxi export too (GUANXI_QUERY_MAX_BYTES)", async () => {
    const env = cliEnv({ GUANXI_QUERY_MAX_BYTES: "1000" });
    const run = await runCli(["query", "UNWIND range(1, 1000) AS i RETURN i"], env);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/guanxi: The result is larger than 1000 bytes/);
    const small = await runCli(["query", "UNWIND range(1, 3) AS i RETURN i", "--format", "json"], env);
    expect(small.code, small.stderr).toBe(0);
    expect(JSON.parse(small.stdout)).toEqual([{ i: 1 }, { i: 2 }, { i: 3 }]);
  });
});
