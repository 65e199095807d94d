/**
 * The API as HTTP: every endpoint's bad input gets a 4xx with a clear JSON message (never a stack trace),
 * unknown routes a JSON 404, an unreachable database a 503 that names no server, and the headers, host
 * check, body limit and static explorer with its fallback to index.html.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorResponse } from "../core/api-types.ts";
import { DatabaseError } from "../core/errors.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { buildServer } from "../server/app.ts";
import { startServer } from "../server/serve.ts";
import { connectTestDb } from "./support/database.ts";

let db: GraphDb;
let app: FastifyInstance;

beforeAll(async () => {
  db = await connectTestDb();
  app = buildServer({ db });
});
afterAll(async () => {
  await app?.close();
  await db?.close();
});

type Case = [
  method: "GET" | "POST" | "DELETE",
  url: string,
  payload: unknown,
  status: number,
  message: RegExp,
];

const BAD_REQUESTS: Case[] = [
  ["GET", "/api/search", undefined, 400, /querystring must have required property 'q'/],
  ["GET", "/api/search?q=", undefined, 400, /querystring\/q must not be empty/],
  ["GET", "/api/search?q=%20%20", undefined, 400, /q must not be empty/],
  ["GET", "/api/search?q=x&limit=many", undefined, 400, /querystring\/limit must be integer/],
  ["GET", "/api/search?q=x&limit=0", undefined, 400, /querystring\/limit must be >= 1/],
  ["GET", "/api/search?q=x&limit=2.5", undefined, 400, /querystring\/limit must be integer/],
  ["GET", `/api/search?q=${"x".repeat(201)}`, undefined, 400, /querystring\/q must NOT have more than 200/],
  ["GET", "/api/overview?limit=lots", undefined, 400, /querystring\/limit must be integer/],
  ["GET", "/api/overview?limit=20001", undefined, 400, /querystring\/limit must be <= 20000/],
  ["GET", "/api/nodes/4:no-such-node:1", undefined, 404, /No node with key "4:no-such-node:1"/],
  ["GET", `/api/nodes/${"k".repeat(201)}`, undefined, 400, /params\/key must NOT have more than 200/],
  ["POST", "/api/nodes", {}, 400, /body must have required property 'keys'/],
  ["POST", "/api/nodes", { keys: [] }, 400, /body\/keys must NOT have fewer than 1 items/],
  [
    "POST",
    "/api/nodes",
    { keys: Array.from({ length: 5001 }, (_, i) => `4:x:${i}`) },
    400,
    /body\/keys must NOT have more than 5000 items/,
  ],
  ["POST", "/api/expand", {}, 400, /body must have required property 'key'/],
  ["POST", "/api/expand", { key: "x", limit: -1 }, 400, /body\/limit must be >= 1/],
  ["POST", "/api/expand", { key: "x", limit: 501 }, 400, /body\/limit must be <= 500/],
  ["POST", "/api/expand", { key: "x", limit: "lots" }, 400, /body\/limit must be integer/],
  [
    "POST",
    "/api/expand",
    { key: "x", groups: [{ type: "SPANS", direction: "up", offset: 0 }] },
    400,
    /body\/groups\/0\/direction must be one of: in, out/,
  ],
  ["POST", "/api/expand", { key: "x", colour: "red" }, 400, /body has an unknown field 'colour'/],
  ["POST", "/api/expand", { key: "4:no-such-node:1" }, 404, /No node with key/],
  ["POST", "/api/neighbourhood", { key: "x", hops: 9 }, 400, /body\/hops must be <= 3/],
  ["POST", "/api/neighbourhood", { key: "x", hops: 0 }, 400, /body\/hops must be >= 1/],
  ["POST", "/api/neighbourhood", { key: "x" }, 400, /must have required property 'hops'/],
  ["POST", "/api/neighbourhood", { key: "x", hops: 1, limit: 5001 }, 400, /body\/limit must be <= 5000/],
  ["POST", "/api/neighbourhood", { key: "4:no-such-node:1", hops: 1 }, 404, /No node with key/],
  ["POST", "/api/path", { from: "a" }, 400, /must have required property 'to'/],
  ["POST", "/api/path", { from: "a", to: "b", maxHops: 16 }, 400, /body\/maxHops must be <= 15/],
  ["POST", "/api/path", { from: "", to: "b" }, 400, /body\/from must not be empty/],
  ["POST", "/api/path", { from: "4:no-such-node:1", to: "4:no-such-node:2" }, 404, /No node with key/],
  ["POST", "/api/query", {}, 400, /must have required property 'cypher'/],
  ["POST", "/api/query", { cypher: "" }, 400, /body\/cypher must not be empty/],
  ["POST", "/api/query", { cypher: "RETURN 1", rowLimit: 10_001 }, 400, /body\/rowLimit must be <= 10000/],
  ["POST", "/api/query", { cypher: "RETURN 1", params: [1] }, 400, /body\/params must be object/],
  ["POST", "/api/query", { cypher: "MATCH (n RETURN n" }, 400, /Invalid input/],
  ["POST", "/api/query", ["RETURN 1"], 400, /body must be object/],
  ["GET", "/api/nothing-here", undefined, 404, /No such endpoint: GET \/api\/nothing-here/],
  ["DELETE", "/api/nodes/x", undefined, 404, /No such endpoint: DELETE \/api\/nodes\/x/],
  ["GET", "/api/query", undefined, 404, /No such endpoint: GET \/api\/query/],
];

describe("bad input", () => {
  it.each(BAD_REQUESTS)(
    "%s %s → %i with a clear JSON message",
    async (method, url, payload, status, message) => {
      const response = await app.inject({
        method,
        url,
        ...(payload !== undefined ? { payload: payload as InjectOptions["payload"] } : {}),
      } as InjectOptions);
      expect(response.statusCode).toBe(status);
      expect(response.headers["content-type"]).toMatch(/^application\/json/);
      const body = response.json() as ApiErrorResponse;
      expect(Object.keys(body)).toEqual(["error"]);
      expect(body.error.message).toMatch(message);
      expect(body.error.code).toMatch(status === 404 ? /^not-found$/ : /^(bad-request|cypher-error)$/);
      expect(response.body).not.toMatch(/at .*\.(ts|js):\d+|node_modules/); // never a stack trace
    },
  );

  it("answers a malformed JSON body with 400", async () => {
    for (const payload of ["{oops", '{"key": "x",}', "[1, 2"]) {
      const response = await app.inject({
        method: "POST",
        url: "/api/expand",
        headers: { "content-type": "application/json" },
        payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual({
        error: { code: "bad-request", message: "The request body is not valid JSON." },
      });
    }
  });

  it("answers an empty JSON body, a body in another format and a body over 1 MB with 4xx", async () => {
    const empty = await app.inject({
      method: "POST",
      url: "/api/path",
      headers: { "content-type": "application/json" },
      payload: "",
    });
    expect(empty.statusCode).toBe(400);
    expect((empty.json() as ApiErrorResponse).error.message).toMatch(/body/);
    const form = await app.inject({
      method: "POST",
      url: "/api/query",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "cypher=RETURN+1",
    });
    expect(form.statusCode).toBe(415);
    expect((form.json() as ApiErrorResponse).error.message).toMatch(/application\/json/);
    const big = await app.inject({
      method: "POST",
      url: "/api/query",
      payload: { cypher: `RETURN '${"x".repeat(1_100_000)}'` },
    });
    expect(big.statusCode).toBe(413);
    expect((big.json() as ApiErrorResponse).error).toMatchObject({ code: "too-large" });
  });
});

describe("an unreachable database", () => {
  it("is a 503 that names neither the server nor the user", async () => {
    const unreachable = async () => {
      throw new DatabaseError(
        "Cannot reach Neo4j at bolt://db.internal:7687. Check NEO4J_URI and that the server is running.",
        "ServiceUnavailable",
      );
    };
    const down = { read: unreachable, ping: unreachable } as unknown as GraphDb;
    const offline = buildServer({ db: down, reportError: () => {} });
    try {
      for (const url of ["/api/health", "/api/overview", "/api/schema", "/api/search?q=x"]) {
        const response = await offline.inject({ method: "GET", url });
        expect(response.statusCode, url).toBe(503);
        expect((response.json() as ApiErrorResponse).error.code).toBe("database-unavailable");
        expect(response.body).not.toMatch(/bolt|db\.internal|7687|NEO4J/);
      }
    } finally {
      await offline.close();
    }
  });

  it("turns any other failure into a 500 with a generic message", async () => {
    const fail = async () => Promise.reject(new TypeError("secret internals at x.ts:1"));
    const broken = { read: fail, ping: fail };
    const reported: unknown[] = [];
    const server = buildServer({
      db: broken as unknown as GraphDb,
      reportError: (error) => reported.push(error),
    });
    try {
      const response = await server.inject({ method: "GET", url: "/api/health" });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual({
        error: {
          code: "internal",
          message: "Something went wrong on the server; the details are in its log.",
        },
      });
    } finally {
      await server.close();
    }
  });
});

describe("headers and hosts", () => {
  it("sends nosniff, a content security policy and no caching of API answers", async () => {
    const response = await app.inject({ method: "GET", url: "/api/health" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["content-security-policy"]).toMatch(/default-src 'self'/);
    expect(response.headers["content-security-policy"]).toMatch(/worker-src 'self' blob:/);
    expect(response.headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    expect(response.headers["cache-control"]).toBe("no-store");
  });

  it("answers only to its own host names (no DNS rebinding)", async () => {
    for (const host of ["localhost:4173", "127.0.0.1:4173", "[::1]:4173"]) {
      const ok = await app.inject({ method: "GET", url: "/api/health", headers: { host } });
      expect(ok.statusCode, host).toBe(200);
    }
    const evil = await app.inject({ method: "GET", url: "/api/health", headers: { host: "evil.example" } });
    expect(evil.statusCode).toBe(403);
    expect((evil.json() as ApiErrorResponse).error.code).toBe("forbidden-host");
  });
});

describe("the explorer's files", () => {
  let dir: string;
  let web: FastifyInstance;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "guanxi-web-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>Guanxi</title>");
    writeFileSync(join(dir, "assets", "app.js"), "console.log('guanxi');");
    web = buildServer({ db, staticDir: dir });
  });
  afterAll(async () => {
    await web?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves index.html, the assets, and index.html for the client's own paths", async () => {
    const index = await web.inject({ method: "GET", url: "/" });
    expect(index.statusCode).toBe(200);
    expect(index.headers["content-type"]).toMatch(/text\/html/);
    expect(index.headers["content-security-policy"]).toMatch(/script-src 'self'/);
    const asset = await web.inject({ method: "GET", url: "/assets/app.js" });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers["content-type"]).toMatch(/javascript/);
    const page = await web.inject({ method: "GET", url: "/explore/some-node?x=1" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<title>Guanxi</title>");
  });

  it("keeps /api and missing files as JSON 404s", async () => {
    const api = await web.inject({ method: "GET", url: "/api/unknown" });
    expect(api.statusCode).toBe(404);
    expect((api.json() as ApiErrorResponse).error.code).toBe("not-found");
    const missing = await web.inject({ method: "GET", url: "/assets/gone.js" });
    expect(missing.statusCode).toBe(404);
    const health = await web.inject({ method: "GET", url: "/api/health" });
    expect(health.json()).toEqual({ ok: true });
  });
});

describe("startServer", () => {
  it("listens on 127.0.0.1 by default and stops on close()", async () => {
    const server = await startServer({ db, port: 0, staticDir: join(tmpdir(), "guanxi-no-web-here") });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const response = await fetch(new URL("api/health", server.url));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true });
    } finally {
      await server.close();
    }
  });

  it("warms the first view's routes in the background after listening, and closes cleanly during it", async () => {
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    process.on("unhandledRejection", onError);
    try {
      const server = await startServer({ db, port: 0, staticDir: join(tmpdir(), "guanxi-no-web-here") });
      // Listening already, while the warming runs: a request is answered (and the warming gives way).
      expect((await fetch(new URL("api/health", server.url))).status).toBe(200);
      await server.warmed;
      const overview = await fetch(new URL("api/overview?limit=400", server.url));
      expect(overview.status).toBe(200);
      await server.close();
      // Closed at once, the warming in flight: close waits for it, nothing is left failing.
      const early = await startServer({ db, port: 0, staticDir: join(tmpdir(), "guanxi-no-web-here") });
      await early.close();
      const off = await startServer({ db, port: 0, warmUp: false });
      await off.warmed;
      await off.close();
      expect(errors).toEqual([]);
    } finally {
      process.off("unhandledRejection", onError);
    }
  });
});
