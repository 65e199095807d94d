/**
 * Starts the real bundled Neo4j once per test run, on a free port with a temporary data directory,
 * and hands its address to the test files. Stopped (and the directory removed) when the run ends.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { ensurePassword, freePort, startBundledDb, type BundledDb } from "../../db/client/bundled-db.ts";

declare module "vitest" {
  export interface ProvidedContext {
    neo4j: { uri: string; user: string; password: string; dataDir: string; port: number };
    /** One id per test run: the explorer is built once per run (tests/support/web-build.ts). */
    runId: string;
  }
}

let db: BundledDb | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  project.provide("runId", `${process.pid}-${Date.now()}`);
  // For a quick run of the tests that need no database: GUANXI_TEST_DB=off npx vitest run FILE
  if (process.env.GUANXI_TEST_DB === "off") return;
  dataDir = mkdtempSync(join(tmpdir(), "guanxi-test-db-"));
  const started = Date.now();
  db = await startBundledDb({ port: await freePort(), dataDir, password: ensurePassword(dataDir) });
  console.log(
    `[tests] bundled Neo4j at ${db.uri} (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  project.provide("neo4j", { uri: db.uri, user: db.user, password: db.password, dataDir, port: db.port });
}

export async function teardown(): Promise<void> {
  await db?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
