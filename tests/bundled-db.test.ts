/**
 * The bundled Neo4j itself, each test on its own instance and data directory: auth, loopback-only
 * Bolt, data that survives a restart, and an ingest cut off by the database stopping mid-way —
 * which leaves no half-written batch and is completed by running it again.
 */
import { DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  freePort,
  passwordFile,
  startBundledDb,
  ensurePassword,
  type BundledDb,
} from "../db/client/bundled-db.ts";
import { DatabaseError } from "../core/errors.ts";
import { GraphDb } from "../core/node/graph-db.ts";
import { SEED_DATASET, ingestFiles, readInputFiles } from "../ingest/ingest.ts";
import { validateRecords } from "../ingest/validate.ts";
import { planBatches } from "../ingest/write.ts";
import { generateNetwork } from "../bench/generate-network.ts";
import { writeNeo4jAdminCsv } from "../bench/network-csv.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startOwn(dataDir?: string): Promise<BundledDb> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), "guanxi-own-db-"));
  if (!dataDir) cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const db = await startBundledDb({
    port: await freePort(),
    dataDir: dir,
    password: ensurePassword(dir),
    heap: "512m",
    pageCache: "128m",
  });
  cleanups.push(() => db.stop());
  return db;
}

function connect(db: BundledDb, password = db.password): Promise<GraphDb> {
  return GraphDb.connect({ uri: db.uri, user: db.user, password, bundled: false });
}

async function counts(graph: GraphDb): Promise<{ nodes: number; relationships: number }> {
  const { rows } = await graph.read(
    "CALL () { MATCH (n) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships",
  );
  return rows[0] as { nodes: number; relationships: number };
}

describe("the bundled Neo4j", () => {
  // One start for both checks: each start of a Neo4j of its own costs 10–20 s.
  it("requires the generated password, kept with owner-only permissions, and listens on 127.0.0.1 only", async () => {
    const db = await startOwn();
    expect(statSync(passwordFile(db.dataDir)).mode & 0o777).toBe(0o600);
    expect(db.password.length).toBeGreaterThanOrEqual(24);
    await expect(connect(db, "neo4j")).rejects.toThrow(DatabaseError);
    await expect(connect(db, "not-the-password")).rejects.toThrow(/refused the credentials/);
    const graph = await connect(db);
    expect((await graph.read("RETURN 1 AS one")).rows).toEqual([{ one: 1 }]);
    await graph.close();

    const external = Object.values(networkInterfaces())
      .flat()
      .find((a) => a && a.family === "IPv4" && !a.internal);
    if (!external) return; // no non-loopback interface on this machine: nothing else could reach it
    await expect(
      GraphDb.connect({
        uri: `bolt://${external.address}:${db.port}`,
        user: db.user,
        password: db.password,
        bundled: false,
      }),
    ).rejects.toThrow(/Cannot reach Neo4j/);
  });

  it("keeps the data across a clean restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guanxi-restart-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = await startOwn(dir);
    let graph = await connect(first);
    await ingestFiles(graph, [SEED_DATASET]);
    const before = await counts(graph);
    await graph.close();
    await first.stop();

    const second = await startOwn(dir);
    expect(second.password).toBe(first.password);
    graph = await connect(second);
    expect(await counts(graph)).toEqual(before);
    expect(before.nodes).toBeGreaterThan(50);
    await graph.close();
    // Two starts of its own Neo4j and an ingest: over a minute on a busy 2-core machine.
  }, 180_000);

  it("leaves no half-written batch when the database stops mid-ingest, and a re-run completes it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "guanxi-interrupt-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const network = generateNetwork({ seed: 7, nodes: 6_000, relationships: 24_000 });
    const files = writeNeo4jAdminCsv(network, mkdtempSync(join(tmpdir(), "guanxi-interrupt-csv-")));
    const paths = [files.nodes, files.relationships];
    // One batch at a time, so that what committed is exactly a prefix of the plan (with more, batches
    // in flight may commit out of order — each still whole).
    const options = { batchSize: 1_000, atomicLimit: 0, concurrency: 1 };

    const first = await startOwn(dir);
    let graph = await connect(first);
    let stopping: Promise<void> | undefined;
    const interrupted = ingestFiles(graph, paths, {
      ...options,
      onProgress: (done) => {
        if (done >= 10_000 && !stopping) stopping = first.stop();
      },
    });
    await expect(interrupted).rejects.toThrow(DatabaseError);
    await stopping;
    await graph.close();

    // What survived must be exactly the batches that committed, in order: a prefix of the plan.
    const read = await readInputFiles(paths);
    const { dataset } = await validateRecords(read.records);
    const prefixes = new Set<number>([0]);
    let sum = 0;
    for (const batch of planBatches(dataset, DEFAULT_SCHEMA, options.batchSize))
      prefixes.add((sum += batch.rows.length));

    const second = await startOwn(dir);
    graph = await connect(second);
    const partial = await counts(graph);
    const persisted = partial.nodes + partial.relationships;
    expect(persisted).toBeGreaterThanOrEqual(10_000);
    expect(persisted).toBeLessThan(dataset.nodes.length + dataset.relationships.length);
    expect(prefixes.has(persisted)).toBe(true);

    const report = await ingestFiles(graph, paths, options);
    expect(report.nodes.created + report.relationships.created).toBe(
      dataset.nodes.length + dataset.relationships.length - persisted,
    );
    expect(report.nodes.unchanged + report.relationships.unchanged).toBe(persisted);
    expect(await counts(graph)).toEqual({
      nodes: dataset.nodes.length,
      relationships: dataset.relationships.length,
    });
    await graph.close();
  }, 300_000);
});
