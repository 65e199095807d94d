/**
 * `guanxi ingest --bulk` as a user runs it, with the real neo4j-admin of the bundled jars on scratch data
 * directories: the seed and a fixture of other labels (homonym ids across labels, multi-line and quoted text,
 * dates, floats, lists, evidence without articles) end up exactly as a transactional ingest writes them;
 * refused into a running or non-empty database, falling back to transactional for a remote server, and a
 * failed import leaves the data directory as it was. Each bulk load starts and stops a Neo4j of its own
 * (about 30 s on an idle 2-core machine; minutes when it is busy): the time limits are loose.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, readStoredPassword, startBundledDb, type BundledDb } from "../db/client/bundled-db.ts";
import { GraphDb } from "../core/node/graph-db.ts";
import { restoreGuanxiDatabase } from "./support/own-database.ts";
import { REPO_ROOT, clearDatabase, cliEnv, connectTestDb, runCli, snapshot } from "./support/database.ts";

const FIXTURE = join(REPO_ROOT, "tests", "fixtures", "bulk");
const SHIPPING = [
  "--schema",
  join(FIXTURE, "shipping-schema.json"),
  ...["ports", "cities", "vessels", "in-city", "docks-at"].map((f) => join(FIXTURE, `${f}.csv`)),
];
const root = mkdtempSync(join(tmpdir(), "guanxi-bulk-"));

/** The environment of a user with the bundled database in `dataDir` (no NEO4J_* settings). */
function localEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GUANXI_DATA_DIR: dataDir, ...extra };
  for (const key of Object.keys(env)) if (key.startsWith("NEO4J_")) delete env[key];
  return env;
}

async function open(dataDir: string): Promise<{ server: BundledDb; db: GraphDb }> {
  const server = await startBundledDb({
    port: await freePort(),
    dataDir,
    password: readStoredPassword(dataDir)!,
    log: () => {},
  });
  const db = await GraphDb.connect({
    uri: server.uri,
    user: "neo4j",
    password: server.password,
    bundled: false,
  });
  return { server, db };
}

/** The database's snapshot with every property map's keys sorted (Neo4j's key order differs by store). */
async function contents(db: GraphDb): Promise<string> {
  const sorted = (_key: string, value: unknown): unknown =>
    value && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value;
  return JSON.stringify(JSON.parse(await snapshot(db)), sorted);
}

/** Every file under `dir`, by name. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      else out.push(path.slice(dir.length));
    }
  };
  walk(dir);
  return out;
}

describe("guanxi ingest --bulk", () => {
  let shared: GraphDb;
  beforeAll(async () => {
    shared = await connectTestDb();
    await restoreGuanxiDatabase(shared);
  });
  afterAll(async () => {
    // The shipping schema's constraints and index labels off the shared database.
    if (shared) await restoreGuanxiDatabase(shared);
    await shared?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("loads the seed into a fresh bundled database exactly as a transactional ingest does", async () => {
    const dataDir = join(root, "seed");
    const bulk = await runCli(["ingest", "--bulk"], localEnv(dataDir));
    expect(bulk.code, bulk.stderr).toBe(0);
    expect(bulk.stdout).toMatch(/Nodes: +70 created/);
    expect(bulk.stdout).toMatch(/Relationships: +172 created/);
    expect(bulk.stdout).toMatch(/neo4j-admin [\d.]+ s/);
    expect(readdirSync(dataDir).filter((f) => f.startsWith("bulk-import"))).toEqual([]);

    await clearDatabase(shared);
    const tx = await runCli(["ingest"]);
    expect(tx.code, tx.stderr).toBe(0);
    const { server, db } = await open(dataDir);
    try {
      expect(await contents(db)).toBe(await contents(shared));
      const constraints = await db.read("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name");
      const expected = await shared.read("SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name");
      expect(constraints.rows).toEqual(expected.rows);
      const hits = await db.read(
        "CALL db.index.fulltext.queryNodes('entity_names', '通武廊') YIELD node RETURN node.id AS id",
      );
      expect(hits.rows.map((r) => r.id)).toContain("alliance:tongwulang");
    } finally {
      await db.close();
      await server.stop();
    }
  }, 600_000);

  it("loads other labels (the same id under two labels, typed CSV) as the transactional writer does; refuses a running or non-empty database", async () => {
    const dataDir = join(root, "shipping");
    const bulk = await runCli(["ingest", "--bulk", ...SHIPPING], localEnv(dataDir));
    expect(bulk.code, bulk.stderr).toBe(0);
    expect(bulk.stdout).toMatch(/Nodes: +7 created/);
    expect(bulk.stdout).toMatch(/Relationships: +5 created/);

    await clearDatabase(shared);
    const tx = await runCli(["ingest", ...SHIPPING]);
    expect(tx.code, tx.stderr).toBe(0);
    const { server, db } = await open(dataDir);
    let bulkSnapshot: string;
    try {
      bulkSnapshot = await contents(db);
      expect(bulkSnapshot).toBe(await contents(shared));
      const types = await db.read(
        "MATCH (p:Port {id: 'harbour'})<-[r:DOCKS_AT]-() RETURN valueType(p.opened) AS opened, valueType(p.depth) AS depth, valueType(r.share) AS share, r.evidence AS evidence, r.articles AS articles",
      );
      expect(types.rows[0]).toMatchObject({
        opened: "DATE NOT NULL",
        depth: "FLOAT NOT NULL",
        share: "FLOAT NOT NULL",
        evidence: ["Seen in port", "Again", "A third sighting"],
        articles: ["", "", ""],
      });
      // While the database runs, its data directory is locked: refused, nothing changed.
      const running = await runCli(["ingest", "--bulk", ...SHIPPING], localEnv(dataDir));
      expect(running.code).toBe(4);
      expect(running.stderr).toMatch(/--bulk needs the bundled database stopped: .* is in use/);
      expect(await contents(db)).toBe(bulkSnapshot);
    } finally {
      await db.close();
      await server.stop();
    }
    const nonEmpty = await runCli(["ingest", "--bulk", ...SHIPPING], localEnv(dataDir));
    expect(nonEmpty.code).toBe(4);
    expect(nonEmpty.stderr).toMatch(/--bulk loads into an empty database only, and .* holds 7 nodes/);
  }, 600_000);

  it("names every problem and writes nothing on bad input; a failed import puts the old store back", async () => {
    const dataDir = join(root, "failing");
    // An empty store, as a database started once and never loaded has.
    const first = await open(join(dataDir));
    await first.db.close();
    await first.server.stop();
    const store = join(dataDir, "neo4j", "data", "databases", "neo4j");
    const before = listing(dataDir);
    const inode = statSync(store).ino;

    const bad = await runCli(
      ["ingest", "--bulk", "--schema", join(FIXTURE, "shipping-schema.json"), join(FIXTURE, "in-city.csv")],
      localEnv(dataDir),
    );
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/problems in the input; nothing was written/);
    expect(bad.stderr).toMatch(/in-city\.csv:2\b.*harbour/);
    expect(bad.stderr).toMatch(/in-city\.csv:4\b.*same-id/);
    expect(listing(dataDir)).toEqual(before);

    // The importer cannot start (too small a heap): neo4j-admin fails after the store was moved aside.
    const failed = await runCli(["ingest", "--bulk"], localEnv(dataDir, { GUANXI_IMPORT_HEAP: "1m" }));
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/neo4j-admin database import failed .*the database is as it was/);
    // The very store directory is back (same inode), with the same files; no work folder is left.
    expect(statSync(store).ino).toBe(inode);
    expect(listing(dataDir)).toEqual(before);
    const { server, db } = await open(dataDir);
    try {
      expect(await snapshot(db)).toBe(JSON.stringify({ nodes: [], rels: [] }));
    } finally {
      await db.close();
      await server.stop();
    }
  }, 600_000);

  it("falls back to a transactional ingest for a remote server (NEO4J_URI)", async () => {
    await clearDatabase(shared);
    const run = await runCli(["ingest", "--bulk", ...SHIPPING], cliEnv());
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/--bulk needs the local bundled database .* writing transactionally instead/);
    expect(run.stdout).toMatch(/Nodes: +7 created/);
    await clearDatabase(shared);
  });
});
