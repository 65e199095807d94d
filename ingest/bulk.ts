/**
 * `guanxi ingest --bulk`: loads a data set into the empty bundled database with Neo4j's offline importer.
 *
 * Reads and validates exactly as a transactional ingest does (every problem named, nothing written on
 * error), writes the data set as neo4j-admin CSV (ingest/bulk-csv.ts), and then, with the bundled database
 * stopped: moves its `neo4j` store aside, runs `neo4j-admin database import full` from the bundled jars into
 * a fresh store, starts the database to apply Guanxi's schema (key constraints, full-text index) and to check
 * the counts, and stops it again. Any failure after the move puts the old store back as it was.
 *
 * Refused (BulkRefusedError, nothing changed): a database that is running (`guanxi db`, `guanxi start`: its
 * data directory is locked), or one that holds any node.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { GraphDb } from "../core/node/graph-db.ts";
import { ensurePassword, freePort, startBundledDb, type BundledDb } from "../db/client/bundled-db.ts";
import { neo4jAdminImportFull } from "../db/client/neo4j-admin.ts";
import { BulkRefusedError, writeBulkCsv } from "./bulk-csv.ts";
import { displayName, readAndValidate, writtenIds, type IngestOptions, type IngestReport } from "./ingest.ts";
import { applySchema } from "./write.ts";

export { BulkRefusedError };

export interface BulkOptions extends IngestOptions {
  /** The bundled database's data directory (GUANXI_DATA_DIR). */
  dataDir: string;
  /** Its password (NEO4J_PASSWORD), else the stored one, else a new one. */
  password?: string;
  /** Progress lines (stderr by default). */
  log?: (line: string) => void;
}

export interface BulkReport extends IngestReport {
  /** Seconds spent in each step. */
  seconds: { readAndValidate: number; csv: number; import: number; schema: number };
}

interface Store {
  home: string;
  databases: string;
  transactions: string;
}

function storeOf(dataDir: string): Store {
  const home = join(dataDir, "neo4j");
  return {
    home,
    databases: join(home, "data", "databases", "neo4j"),
    transactions: join(home, "data", "transactions", "neo4j"),
  };
}

async function startOwn(dataDir: string, password: string, log: (line: string) => void): Promise<BundledDb> {
  try {
    return await startBundledDb({ port: await freePort(), dataDir, password, log });
  } catch (error) {
    const message = (error as Error).message;
    if (/is in use by another Guanxi Neo4j|launcher\.lock is locked/.test(message))
      throw new BulkRefusedError(
        `--bulk needs the bundled database stopped: ${dataDir} is in use (by \`guanxi db\` or \`guanxi start\`). Stop it and run the ingest again; Guanxi starts the database itself for the import and stops it after.`,
      );
    throw error;
  }
}

async function connect(server: BundledDb): Promise<GraphDb> {
  return GraphDb.connect({ uri: server.uri, user: server.user, password: server.password, bundled: false });
}

async function counts(db: GraphDb): Promise<{ nodes: number; relationships: number }> {
  const n = await db.read("MATCH (n) RETURN count(n) AS c");
  const r = await db.read("MATCH ()-[r]->() RETURN count(r) AS c");
  return { nodes: Number(n.rows[0]?.c ?? 0), relationships: Number(r.rows[0]?.c ?? 0) };
}

/** Refuses unless the bundled database is stopped and empty (a store that was never made is empty). */
async function checkStoppedAndEmpty(
  dataDir: string,
  password: string,
  log: (line: string) => void,
): Promise<void> {
  if (!existsSync(storeOf(dataDir).databases)) return;
  const server = await startOwn(dataDir, password, log);
  let found: { nodes: number; relationships: number };
  try {
    const db = await connect(server);
    try {
      found = await counts(db);
    } finally {
      await db.close();
    }
  } finally {
    await server.stop();
  }
  if (found.nodes > 0)
    throw new BulkRefusedError(
      `--bulk loads into an empty database only, and ${dataDir} holds ${found.nodes} nodes and ${found.relationships} relationships. Ingest without --bulk to merge into it (or use a fresh GUANXI_DATA_DIR).`,
    );
}

function moveIfThere(from: string, to: string): boolean {
  if (!existsSync(from)) return false;
  mkdirSync(join(to, ".."), { recursive: true });
  renameSync(from, to);
  return true;
}

export async function bulkIngestFiles(files: string[], options: BulkOptions): Promise<BulkReport> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const quiet = () => {}; // the database's own start-up lines
  const t0 = performance.now();
  const { dataset, schema, drafts } = await readAndValidate(files, options);
  const t1 = performance.now();

  const { dataDir } = options;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const password = ensurePassword(dataDir, options.password);
  await checkStoppedAndEmpty(dataDir, password, quiet);

  const work = join(dataDir, `bulk-import-${process.pid}-${Date.now()}`);
  mkdirSync(work, { recursive: true });
  const store = storeOf(dataDir);
  const aside = {
    databases: join(work, "previous", "databases"),
    transactions: join(work, "previous", "transactions"),
  };
  let moved = { databases: false, transactions: false };
  let keepWork = false;
  const existed = { databases: existsSync(store.databases), transactions: existsSync(store.transactions) };
  /** What the import made goes; what was moved aside comes back; what never moved stays untouched. */
  const restore = () => {
    for (const part of ["databases", "transactions"] as const) {
      if (moved[part] || !existed[part]) rmSync(store[part], { recursive: true, force: true });
      if (moved[part]) renameSync(aside[part], store[part]);
    }
    moved = { databases: false, transactions: false };
  };

  try {
    const csv = await writeBulkCsv(dataset, schema.schema, work);
    const t2 = performance.now();
    log(
      `Validated ${dataset.nodes.length} nodes and ${dataset.relationships.length} relationships; importing with neo4j-admin…`,
    );
    mkdirSync(store.home, { recursive: true });
    let t3: number;
    try {
      moved.databases = moveIfThere(store.databases, aside.databases);
      moved.transactions = moveIfThere(store.transactions, aside.transactions);
      const run = await neo4jAdminImportFull({ home: store.home, ...csv, workDir: work });
      if (run.code !== 0) {
        const tail = run.output.trimEnd().split("\n").slice(-15).join("\n");
        throw new Error(
          `neo4j-admin database import failed (exit code ${run.code}); the database is as it was.\n${tail}`,
        );
      }
      t3 = performance.now();
      log("Imported; applying the schema…");
      const server = await startOwn(dataDir, password, quiet);
      try {
        const db = await connect(server);
        try {
          await applySchema(db, schema.schema);
          const found = await counts(db);
          if (found.nodes !== dataset.nodes.length || found.relationships !== dataset.relationships.length)
            throw new Error(
              `the import holds ${found.nodes} nodes and ${found.relationships} relationships, not the ${dataset.nodes.length} and ${dataset.relationships.length} validated; the database is as it was`,
            );
        } finally {
          await db.close();
        }
      } finally {
        await server.stop();
      }
    } catch (error) {
      try {
        restore();
      } catch (restoreError) {
        keepWork = true;
        throw new Error(
          `${(error as Error).message}\nPutting the previous store back failed (${(restoreError as Error).message}): it is kept in ${join(work, "previous")}`,
          { cause: restoreError },
        );
      }
      throw error;
    }
    const t4 = performance.now();
    return {
      nodes: { created: dataset.nodes.length, updated: 0, unchanged: 0 },
      relationships: { created: dataset.relationships.length, updated: 0, unchanged: 0 },
      batches: 0,
      atomic: true,
      files: files.map(displayName),
      schema,
      totals: { nodes: dataset.nodes.length, relationships: dataset.relationships.length },
      ...(drafts ? { drafts } : {}),
      ids: writtenIds(dataset),
      seconds: {
        readAndValidate: (t1 - t0) / 1000,
        csv: (t2 - t1) / 1000,
        import: (t3 - t2) / 1000,
        schema: (t4 - t3) / 1000,
      },
    };
  } finally {
    if (!keepWork) rmSync(work, { recursive: true, force: true });
  }
}
