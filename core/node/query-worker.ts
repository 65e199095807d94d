/**
 * The worker thread of core/node/query-isolation.ts: runs one analyst query at a time on its own driver, so
 * decoding a huge record blocks this thread only, and the thread that serves everyone else can end it.
 */
import { parentPort, workerData } from "node:worker_threads";
import type { ConnectionConfig } from "./connection.ts";
import { DatabaseError } from "../errors.ts";
import { asAnalyst } from "./analyst-auth.ts";
import { GraphDb } from "./graph-db.ts";
import type { WorkerReply, WorkerRequest } from "./query-isolation.ts";

const port = parentPort;
if (!port) throw new Error("core/node/query-worker.ts runs as a worker thread");
const { config } = workerData as { config: ConnectionConfig };
let db: Promise<GraphDb> | undefined;

port.on("message", (request: WorkerRequest) => {
  void (async () => {
    let reply: WorkerReply;
    try {
      db ??= GraphDb.connect(config);
      const open = await db;
      const run = () =>
        open.readCapped(request.cypher, request.params, {
          rowLimit: request.rowLimit,
          timeoutMs: request.timeoutMs,
          maxBytes: request.maxBytes,
        });
      const result = await (request.analyst ? asAnalyst(request.analyst, run) : run());
      reply = { ok: true, result };
    } catch (error) {
      if (!(error instanceof DatabaseError)) db = undefined; // a failed connect is tried again next time
      const e = error as { message?: string; code?: string };
      reply = {
        ok: false,
        error: {
          database: error instanceof DatabaseError,
          message: e.message ?? String(error),
          ...(e.code ? { code: e.code } : {}),
        },
      };
    }
    port.postMessage(reply);
  })();
});
