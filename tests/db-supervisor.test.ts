/**
 * The supervised bundled database (core/node/db-supervisor.ts) and the API's quick answers while it is away
 * (server/db-availability.ts): a second real Neo4j, killed with SIGKILL as a crash would, is noticed,
 * said, restarted; health answers within 2 s all along, and other routes fail fast with a 503 message.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiErrorResponse } from "../core/api-types.ts";
import { ensurePassword, freePort } from "../db/client/bundled-db.ts";
import { DbSupervisor } from "../core/node/db-supervisor.ts";
import { GraphDb } from "../core/node/graph-db.ts";
import { buildServer } from "../server/app.ts";
import { DatabaseAvailability } from "../server/db-availability.ts";

let dataDir: string;
let supervisor: DbSupervisor;
let db: GraphDb;
let app: FastifyInstance;
const log: string[] = [];

async function until(what: string, test: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await test())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; log:\n${log.join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function timed(url: string): Promise<{ status: number; ms: number; body: ApiErrorResponse }> {
  const started = performance.now();
  const response = await app.inject({ method: "GET", url });
  return {
    status: response.statusCode,
    ms: performance.now() - started,
    body: response.json() as ApiErrorResponse,
  };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "guanxi-supervised-db-"));
  supervisor = await DbSupervisor.start(
    { port: await freePort(), dataDir, password: ensurePassword(dataDir), heap: "512m", log: () => {} },
    { backoffMs: 200, log: (line) => log.push(line) },
  );
  const bundled = supervisor.db;
  db = await GraphDb.connect({
    uri: bundled.uri,
    user: bundled.user,
    password: bundled.password,
    bundled: true,
  });
  const availability = new DatabaseAvailability((ms) => db.ping(ms));
  supervisor.onChange((state) => availability.set(state));
  app = buildServer({ db, availability });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  await supervisor?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("the supervised bundled database", () => {
  it("notices a crash, says so, restarts it, and the API answers quickly meanwhile", async () => {
    // A freshly started Neo4j may miss the first health ping's 1.5 s deadline on a busy machine: this
    // test is about the crash, so it starts from a database that has answered.
    await until("the first health answer", async () => (await timed("/api/health")).status === 200, 60_000);
    const pid = supervisor.db.pid!;
    const killed = performance.now();
    process.kill(pid, "SIGKILL");
    await until("the crash to be noticed", () => log.some((l) => /stopped unexpectedly/.test(l)), 10_000);
    expect(log.join("\n")).toMatch(/The bundled Neo4j stopped unexpectedly \(killed by a signal\)/);
    expect(log.join("\n")).toMatch(/Restarting it in 0\.2 s \(attempt 1 of 5\)/);

    const health = await timed("/api/health");
    expect(health.status).toBe(503);
    expect(health.ms).toBeLessThan(2_000);
    expect(health.body.error).toMatchObject({ code: "database-restarting" });
    expect(health.body.error.message).toMatch(/restarting/);
    const search = await timed("/api/search?q=tongzhou");
    expect(search.status).toBe(503);
    expect(search.ms).toBeLessThan(2_000);
    expect(search.body.error.message).toMatch(/restarting/);

    await until("the restart", () => supervisor.state.type === "up", 120_000);
    expect(supervisor.db.pid).not.toBe(pid);
    expect(log.join("\n")).toMatch(/running again at bolt:\/\/127\.0\.0\.1:\d+ \(restarted in [\d.]+ s\)/);
    await until("health to answer 200", async () => (await timed("/api/health")).status === 200, 15_000);
    console.log(
      `[supervisor] restart after SIGKILL: ${((supervisor.lastRestartMs ?? 0) / 1000).toFixed(1)} s ` +
        `(death to ready line); health 200 again ${((performance.now() - killed) / 1000).toFixed(1)} s after the kill; ` +
        `health while down answered in ${Math.round(health.ms)} ms`,
    );
    const query = await app.inject({
      method: "POST",
      url: "/api/query",
      payload: { cypher: "RETURN 1 AS one" },
    });
    expect(query.statusCode).toBe(200);
  });

  it("without a supervisor's word, health says in < 2 s that the database is down, and routes fail fast", async () => {
    await supervisor.stop(); // asked to stop: no restart
    const health = await timed("/api/health");
    expect(health.status).toBe(503);
    expect(health.ms).toBeLessThan(2_000);
    expect(health.body.error.code).toBe("database-unavailable");
    const search = await timed("/api/search?q=tongzhou");
    expect(search.status).toBe(503);
    expect(search.ms).toBeLessThan(500);
    expect(log.filter((l) => /stopped unexpectedly/.test(l))).toHaveLength(1);
  });
});
