/**
 * A benchmark's own bundled Neo4j: a temporary data directory, a free port, memory as asked, connected
 * with Guanxi's schema applied. `stop()` closes the connection, stops the server and (unless `keep`)
 * deletes the directory; Ctrl-C does the same.
 */
import { DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensurePassword, freePort, startBundledDb, type BundledDb } from "../db/client/bundled-db.ts";
import { GraphDb } from "../core/node/graph-db.ts";
import { applySchema } from "../ingest/write.ts";

export interface ScratchDb {
  dataDir: string;
  server: BundledDb;
  db: GraphDb;
  stop(): Promise<void>;
}

export async function startScratchDb(options: {
  /** Start of the temporary directory's name. */
  prefix: string;
  heap: string;
  pageCache: string;
  keep: boolean;
  /** Runs on Ctrl-C before the database stops (e.g. closing a browser). */
  onInterrupt?: () => Promise<void>;
}): Promise<ScratchDb> {
  const dataDir = mkdtempSync(join(tmpdir(), options.prefix));
  const removeDir = () => {
    if (!options.keep) rmSync(dataDir, { recursive: true, force: true });
  };
  const server = await startBundledDb({
    port: await freePort(),
    dataDir,
    password: ensurePassword(dataDir),
    heap: options.heap,
    pageCache: options.pageCache,
  }).catch((error: unknown) => {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  let db: GraphDb | undefined;
  const stop = async () => {
    await db?.close();
    await server.stop();
    removeDir();
  };
  process.once(
    "SIGINT",
    () => void (options.onInterrupt?.() ?? Promise.resolve()).then(stop).finally(() => process.exit(130)),
  );
  try {
    db = await GraphDb.connect({
      uri: server.uri,
      user: server.user,
      password: server.password,
      bundled: false,
    });
    await applySchema(db, DEFAULT_SCHEMA);
  } catch (error) {
    await stop();
    throw error;
  }
  return { dataDir, server, db, stop };
}
