/**
 * A server for a team (`guanxi serve --auth tokens`), attacked as a stranger would: no session, a
 * wrong or revoked token, guessing at sign-in, a form post from another site, `text/plain` bodies, a
 * forged Host header; and used as analysts would: signing in, running Cypher (audited, parameter values
 * left out), a second analyst served while the first runs a long query, signing out.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GraphDb } from "../core/node/graph-db.ts";
import { buildServer } from "../server/app.ts";
import { startServer, type RunningServer } from "../server/serve.ts";
import { AuditLog } from "../server/team/audit-log.ts";
import { TokenStore } from "../server/team/tokens.ts";
import { connectWithSeed, runCli } from "./support/database.ts";

const dir = mkdtempSync(join(tmpdir(), "guanxi-team-"));
const tokens = new TokenStore(join(dir, "tokens.json"));
const auditFile = join(dir, "audit", "audit.log");
let db: GraphDb;
let app: FastifyInstance;
let ana: string;
let bo: string;

function auditLines(): Record<string, unknown>[] {
  return readFileSync(auditFile, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function signIn(token: string, ip = "10.0.0.1") {
  const response = await app.inject({
    method: "POST",
    url: "/api/session",
    payload: { token },
    remoteAddress: ip,
  });
  const cookie = String(response.headers["set-cookie"] ?? "");
  return { status: response.statusCode, cookie, session: cookie.split(";")[0]! };
}

beforeAll(async () => {
  ({ db } = await connectWithSeed());
  ana = tokens.create("ana");
  bo = tokens.create("bo");
  app = buildServer({
    db,
    team: {
      auth: "tokens",
      tokens,
      audit: new AuditLog({ file: auditFile }),
      signIn: { attempts: 5, windowMs: 60_000 },
    },
  });
});

afterAll(async () => {
  await app.close();
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("tokens", () => {
  it("are stored hashed, in a file only its owner can read", () => {
    const text = readFileSync(tokens.file, "utf8");
    expect(text).not.toContain(ana);
    expect(text).toMatch(/"hash": "scrypt\$/);
    expect(statSync(tokens.file).mode & 0o777).toBe(0o600);
    expect(tokens.verify(ana)).toBe("ana");
    expect(tokens.verify(ana.slice(0, -1) + (ana.endsWith("A") ? "B" : "A"))).toBeUndefined();
    expect(() => tokens.create("ana")).toThrow(/already a token for "ana"/);
    expect(() => tokens.create("a b")).toThrow(/not a usable analyst name/);
  });
});

describe("a team server", () => {
  it("refuses the API without a session, but serves health and tells the page to sign in", async () => {
    const search = await app.inject({ method: "GET", url: "/api/search?q=tongzhou" });
    expect(search.statusCode).toBe(401);
    expect(search.json().error.code).toBe("unauthenticated");
    const query = await app.inject({ method: "POST", url: "/api/query", payload: { cypher: "RETURN 1" } });
    expect(query.statusCode).toBe(401);
    expect((await app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
    const session = await app.inject({ method: "GET", url: "/api/session" });
    expect(session.json()).toEqual({ auth: "tokens" });
  });

  it("signs in with a token: an HttpOnly, SameSite=Strict session cookie that opens the API", async () => {
    const { status, cookie, session } = await signIn(ana);
    expect(status).toBe(200);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\//);
    const search = await app.inject({
      method: "GET",
      url: "/api/search?q=tongzhou",
      headers: { cookie: session },
    });
    expect(search.statusCode).toBe(200);
    expect(search.json().hits.length).toBeGreaterThan(0);
    const who = await app.inject({ method: "GET", url: "/api/session", headers: { cookie: session } });
    expect(who.json()).toEqual({ auth: "tokens", analyst: "ana" });
    // Scripts may send the token itself.
    const bearer = await app.inject({
      method: "GET",
      url: "/api/schema",
      headers: { authorization: `Bearer ${bo}` },
    });
    expect(bearer.statusCode).toBe(200);
  });

  it("refuses a wrong token, and rate-limits guessing per address", async () => {
    const wrong = await signIn("gx_not-a-token", "10.0.0.9");
    expect(wrong.status).toBe(401);
    for (let i = 0; i < 4; i++) await signIn("gx_guess" + i, "10.0.0.9");
    const limited = await app.inject({
      method: "POST",
      url: "/api/session",
      payload: { token: ana },
      remoteAddress: "10.0.0.9",
    });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // Another address is not affected.
    expect((await signIn(ana, "10.0.0.10")).status).toBe(200);
    const refused = auditLines().filter((l) => l.event === "sign-in-refused");
    expect(refused.some((l) => l.reason === "rate-limited" && l.ip === "10.0.0.9")).toBe(true);
  });

  it("refuses cross-site and non-JSON requests that change state, even with a valid session", async () => {
    const { session } = await signIn(ana);
    const form = await app.inject({
      method: "POST",
      url: "/api/query",
      headers: {
        cookie: session,
        origin: "https://evil.example",
        "content-type": "application/x-www-form-urlencoded",
      },
      payload: "cypher=RETURN+1",
    });
    expect(form.statusCode).toBe(403);
    expect(form.json().error.code).toBe("cross-site");
    const fetchSite = await app.inject({
      method: "POST",
      url: "/api/query",
      headers: { cookie: session, "sec-fetch-site": "cross-site", "content-type": "application/json" },
      payload: JSON.stringify({ cypher: "RETURN 1" }),
    });
    expect(fetchSite.statusCode).toBe(403);
    const plain = await app.inject({
      method: "POST",
      url: "/api/query",
      headers: { cookie: session, "content-type": "text/plain" },
      payload: JSON.stringify({ cypher: "RETURN 1" }),
    });
    expect(plain.statusCode).toBe(415);
    const sameSite = await app.inject({
      method: "POST",
      url: "/api/query",
      headers: { cookie: session, origin: "http://localhost", host: "localhost" },
      payload: { cypher: "RETURN 1 AS one" },
    });
    expect(sameSite.statusCode).toBe(200);
  });

  it("answers only its own host names", async () => {
    const forged = await app.inject({
      method: "GET",
      url: "/api/health",
      headers: { host: "attacker.example" },
    });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe("forbidden-host");
  });

  it("writes who ran which Cypher to the audit log, without parameter values", async () => {
    const { session } = await signIn(bo);
    const response = await app.inject({
      method: "POST",
      url: "/api/query",
      headers: { cookie: session },
      payload: { cypher: "MATCH (n {id: $id}) RETURN n.name AS name", params: { id: "region:tongzhou" } },
    });
    expect(response.statusCode).toBe(200);
    const line = auditLines().findLast((l) => l.event === "query")!;
    expect(line).toMatchObject({
      analyst: "bo",
      cypher: "MATCH (n {id: $id}) RETURN n.name AS name",
      params: ["id"],
      status: 200,
    });
    expect(JSON.stringify(line)).not.toContain("region:tongzhou");
    expect(auditLines().some((l) => l.event === "sign-in" && l.analyst === "bo")).toBe(true);
  });

  it("ends a revoked analyst's sessions at once, and signs out", async () => {
    const carl = tokens.create("carl");
    const { session } = await signIn(carl);
    expect(
      (await app.inject({ method: "GET", url: "/api/schema", headers: { cookie: session } })).statusCode,
    ).toBe(200);
    tokens.revoke("carl");
    expect(
      (await app.inject({ method: "GET", url: "/api/schema", headers: { cookie: session } })).statusCode,
    ).toBe(401);
    expect((await signIn(carl)).status).toBe(401);

    const ana1 = await signIn(ana, "10.0.0.20");
    const out = await app.inject({
      method: "DELETE",
      url: "/api/session",
      headers: { cookie: ana1.session },
    });
    expect(out.statusCode).toBe(200);
    expect(String(out.headers["set-cookie"])).toMatch(/Max-Age=0/);
    expect(
      (await app.inject({ method: "GET", url: "/api/schema", headers: { cookie: ana1.session } })).statusCode,
    ).toBe(401);
    expect(auditLines().some((l) => l.event === "sign-out" && l.analyst === "ana")).toBe(true);
  });
});

describe("over real HTTP", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      db,
      port: 0,
      team: { auth: "tokens", tokens, audit: new AuditLog({ file: auditFile }), queriesPerAnalyst: 1 },
    });
  });
  afterAll(() => server.close());

  async function httpSignIn(token: string): Promise<string> {
    const response = await fetch(new URL("/api/session", server.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token }),
    });
    expect(response.status).toBe(200);
    return response.headers.get("set-cookie")!.split(";")[0]!;
  }

  it("serves a second analyst's search in under a second while the first runs a long query, and caps each analyst's queries", async () => {
    const anaCookie = await httpSignIn(ana);
    const boCookie = await httpSignIn(bo);
    const long = fetch(new URL("/api/query", server.url), {
      method: "POST",
      headers: { "content-type": "application/json", cookie: anaCookie },
      body: JSON.stringify({
        cypher: "UNWIND range(1, 400000000) AS i WITH i WHERE i % 7 = 99 RETURN count(i) AS n",
      }),
    });
    await new Promise((r) => setTimeout(r, 1_000)); // the long query is running
    const second = await fetch(new URL("/api/query", server.url), {
      method: "POST",
      headers: { "content-type": "application/json", cookie: anaCookie },
      body: JSON.stringify({ cypher: "RETURN 1 AS one" }),
    });
    expect(second.status).toBe(429);
    expect(((await second.json()) as { error: { code: string } }).error.code).toBe("too-many-queries");
    const started = performance.now();
    const search = await fetch(new URL("/api/search?q=tongzhou", server.url), {
      headers: { cookie: boCookie },
    });
    const ms = performance.now() - started;
    expect(search.status).toBe(200);
    console.log(`[team] bo's search answered in ${ms.toFixed(0)} ms while ana's query ran`);
    expect(ms).toBeLessThan(1_000);
    const longResult = await long;
    expect([200, 504]).toContain(longResult.status);
  }, 90_000);

  it("refuses to listen off loopback without authentication, or on every interface without host names", async () => {
    await expect(startServer({ db, host: "0.0.0.0", port: 0 })).rejects.toThrow(/needs authentication/);
    await expect(
      startServer({ db, host: "0.0.0.0", port: 0, team: { auth: "tokens", tokens } }),
    ).rejects.toThrow(/--allowed-host/);
  });
});

describe("guanxi token", () => {
  it("creates, lists and revokes tokens in GUANXI_HOME", async () => {
    const home = join(dir, "home");
    const env = { ...process.env, GUANXI_HOME: home };
    const created = await runCli(["token", "create", "dana"], env);
    expect(created.code, created.stderr).toBe(0);
    expect(created.stdout.trim()).toMatch(/^gx_[\w-]{40,}$/);
    expect(new TokenStore(join(home, "tokens.json")).verify(created.stdout.trim())).toBe("dana");
    const listed = await runCli(["token", "list"], env);
    expect(listed.stdout).toMatch(/^dana\t/);
    const again = await runCli(["token", "create", "dana"], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already a token for "dana"/);
    expect((await runCli(["token", "revoke", "dana"], env)).code).toBe(0);
    expect((await runCli(["token", "list"], env)).stdout).toBe("");
  });
});
