/**
 * A team server whose analysts sign in with their own Neo4j accounts (`guanxi serve --auth neo4j`):
 * the server holds no password (its driver has none), every request's sessions — the API's and the
 * query workers' — open with the signed-in analyst's credentials, and Neo4j itself says yes or no.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asAnalyst } from "../core/node/analyst-auth.ts";
import { perAnalystConnection } from "../core/node/connection.ts";
import { GraphDb } from "../core/node/graph-db.ts";
import { buildServer } from "../server/app.ts";
import { AuditLog } from "../server/team/audit-log.ts";
import { connectWithSeed, testConnection } from "./support/database.ts";

const dir = mkdtempSync(join(tmpdir(), "guanxi-neo4j-accounts-"));
const auditFile = join(dir, "audit.log");
const ana = { user: "analyst_ana", password: "ana-password-1" };
const bo = { user: "analyst_bo", password: "bo-password-12" };
let admin: GraphDb;
let system: GraphDb;
let db: GraphDb;
let app: FastifyInstance;

async function signIn(username: string, password: string, ip = "10.1.0.1") {
  const response = await app.inject({
    method: "POST",
    url: "/api/session",
    payload: { username, password },
    remoteAddress: ip,
  });
  return {
    status: response.statusCode,
    body: response.json(),
    session: String(response.headers["set-cookie"] ?? "").split(";")[0]!,
  };
}

beforeAll(async () => {
  ({ db: admin } = await connectWithSeed());
  system = await GraphDb.connect({ ...testConnection(), database: "system" });
  for (const a of [ana, bo]) {
    await system.runAutoCommit(
      `CREATE OR REPLACE USER ${a.user} SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED`,
      {
        password: a.password,
      },
    );
  }
  const { uri } = testConnection();
  db = await GraphDb.connect(perAnalystConnection({ NEO4J_URI: uri }));
  app = buildServer({ db, team: { auth: "neo4j", audit: new AuditLog({ file: auditFile }) } });
});

afterAll(async () => {
  await app?.close();
  await db?.close();
  for (const a of [ana, bo]) await system?.runAutoCommit(`DROP USER ${a.user} IF EXISTS`);
  await system?.close();
  await admin?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("signing in with Neo4j accounts", () => {
  it("holds no credentials: nothing reads the database before an analyst signs in", async () => {
    expect(db.config.password).toBe("");
    await expect(db.read("RETURN 1")).rejects.toThrow(/Sign in with your Neo4j account/);
    const search = await app.inject({ method: "GET", url: "/api/search?q=tongzhou" });
    expect(search.statusCode).toBe(401);
    expect(search.json().error.message).toMatch(/Neo4j account/);
    // The server is up for health even so: a refused probe login proves Neo4j answers.
    expect((await app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
  });

  it("lets Neo4j decide: a wrong password is refused, the right one opens a session", async () => {
    const wrong = await signIn(ana.user, "not-her-password");
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toMatch(/Neo4j refused that user name and password/);
    const right = await signIn(ana.user, ana.password);
    expect(right.status).toBe(200);
    expect(right.body).toEqual({ auth: "neo4j", analyst: ana.user });
    const search = await app.inject({
      method: "GET",
      url: "/api/search?q=tongzhou",
      headers: { cookie: right.session },
    });
    expect(search.statusCode).toBe(200);
    expect(search.json().hits.length).toBeGreaterThan(0);
  });

  it("runs each analyst's work as that analyst, in the API and in the query workers", async () => {
    expect(
      (await asAnalyst(ana, () => db.read("CALL dbms.showCurrentUser() YIELD username RETURN username")))
        .rows,
    ).toEqual([{ username: ana.user }]);
    expect(
      (await asAnalyst(bo, () => db.read("CALL dbms.showCurrentUser() YIELD username RETURN username"))).rows,
    ).toEqual([{ username: bo.user }]);
    const { session } = await signIn(bo.user, bo.password);
    const query = await app.inject({
      method: "POST",
      url: "/api/query",
      headers: { cookie: session },
      payload: {
        cypher: "MATCH (r:Region {id: $id}) RETURN r.name AS name",
        params: { id: "region:tongzhou" },
      },
    });
    expect(query.statusCode, query.body).toBe(200);
    expect(query.json().rows).toEqual([{ name: "通州区" }]);
    const line = readFileSync(auditFile, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .findLast((l) => l.event === "query")!;
    expect(line).toMatchObject({ analyst: bo.user, params: ["id"], status: 200 });
    // Scripts may send their Neo4j account as Basic authentication.
    const basic = Buffer.from(`${ana.user}:${ana.password}`).toString("base64");
    const scripted = await app.inject({
      method: "GET",
      url: "/api/schema",
      headers: { authorization: `Basic ${basic}` },
    });
    expect(scripted.statusCode).toBe(200);
  });

  it("answers credentials Neo4j refuses with 401 (sign in again), never by calling the database away", async () => {
    const wrong = Buffer.from(`${ana.user}:not-the-password`).toString("base64");
    const refused = await app.inject({
      method: "GET",
      url: "/api/search?q=tongzhou",
      headers: { authorization: `Basic ${wrong}` },
    });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.message).toMatch(/sign in again/);
    expect((await app.inject({ method: "GET", url: "/api/health" })).statusCode).toBe(200);
    const { session } = await signIn(bo.user, bo.password, "10.1.0.3");
    expect(
      (await app.inject({ method: "GET", url: "/api/schema", headers: { cookie: session } })).statusCode,
    ).toBe(200);
  });
});
