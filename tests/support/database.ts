/** Test access to the run's real Neo4j: a connected GraphDb, environment for CLI runs, and helpers. */
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { inject } from "vitest";
import { GraphDb } from "../../core/node/graph-db.ts";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export function testConnection() {
  const { uri, user, password } = inject("neo4j");
  return { uri, user, password, bundled: false };
}

export async function connectTestDb(): Promise<GraphDb> {
  return GraphDb.connect(testConnection());
}

/** Environment pointing the `guanxi` CLI at the test database. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { uri, user, password } = inject("neo4j");
  return { ...process.env, NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: password, ...extra };
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `guanxi ARGS…` as a user would (a real process, through bin/guanxi.js); `input` is its stdin. */
export function runCli(
  args: string[],
  env: NodeJS.ProcessEnv = cliEnv(),
  input: string | Uint8Array = "",
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, "bin", "guanxi.js"), ...args], {
      env,
      cwd: REPO_ROOT,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.on("error", () => {}); // a command that never reads its input may exit first
    child.stdin.end(input);
  });
}

/** Everything in the database as sorted text: compared before and after to prove nothing changed. */
export async function snapshot(db: GraphDb): Promise<string> {
  const nodes = await db.read(
    "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id, labels(n)[0]",
  );
  const rels = await db.read(
    "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props ORDER BY a, t, b",
  );
  return JSON.stringify({ nodes: nodes.rows, rels: rels.rows });
}

/** Removes every node and relationship (test isolation between files sharing one database). */
export async function clearDatabase(db: GraphDb): Promise<void> {
  await db.runAutoCommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS");
}

/**
 * Connects, empties the database and ingests the seed data set with `guanxi ingest` as a user would:
 * the starting point of every test file that works on the seed. Returns the CLI run for its output.
 */
export async function connectWithSeed(): Promise<{ db: GraphDb; ingest: CliResult }> {
  const db = await connectTestDb();
  await clearDatabase(db);
  const ingest = await runCli(["ingest"]);
  if (ingest.code !== 0) throw new Error(`seeding the test database failed:\n${ingest.stderr}`);
  return { db, ingest };
}

/** Drops every constraint and index but the token lookups: a database as someone else's Cypher made it. */
export async function dropAllSchema(db: GraphDb): Promise<void> {
  for (const row of (await db.read("SHOW CONSTRAINTS YIELD name RETURN name")).rows)
    await db.runAutoCommit(`DROP CONSTRAINT \`${String(row.name)}\` IF EXISTS`);
  const indexes = await db.read(
    "SHOW INDEXES YIELD name, type, owningConstraint WHERE type <> 'LOOKUP' AND owningConstraint IS NULL RETURN name",
  );
  for (const row of indexes.rows) await db.runAutoCommit(`DROP INDEX \`${String(row.name)}\` IF EXISTS`);
}
