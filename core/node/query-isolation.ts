/**
 * Analyst queries run in worker threads (Node only). The driver decodes a record in one go: one long list
 * (`RETURN range(1, 5000000)`) or a 10 MB property blocks a thread for seconds to minutes. In a worker it
 * blocks only that worker, and the deadline is enforced here, on the client side too: a worker still busy
 * when the query's time is up is terminated (its connection closes, so Neo4j ends the transaction). The
 * result is capped in rows and in bytes (its JSON size), with a message saying how to ask for less.
 */
import { Worker } from "node:worker_threads";
import { currentAnalyst, type AnalystCredentials } from "./analyst-auth.ts";
import type { ConnectionConfig } from "./connection.ts";
import { DatabaseError } from "../errors.ts";
import type { CappedResult, Params } from "./graph-db.ts";

/** GUANXI_QUERY_MAX_BYTES, else 32 MB of JSON: the most an analyst query may return. */
export const DEFAULT_RESULT_MAX_BYTES = 32 * 1024 * 1024;

/** Time after the query's own timeout before the worker is terminated (Neo4j's timeout answers first). */
export const DEADLINE_GRACE_MS = 1_000;

export function resultMaxBytesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const bytes = Number(env.GUANXI_QUERY_MAX_BYTES);
  return Number.isFinite(bytes) && bytes > 0 ? bytes : DEFAULT_RESULT_MAX_BYTES;
}

export interface IsolatedReadOptions {
  rowLimit: number;
  timeoutMs: number;
  maxBytes: number;
}

export interface WorkerRequest extends IsolatedReadOptions {
  cypher: string;
  params: Params;
  /** The request's analyst (per-analyst sign-in): the worker's session authenticates as them. */
  analyst?: AnalystCredentials;
}

export type WorkerReply =
  | { ok: true; result: CappedResult }
  | { ok: false; error: { database: boolean; message: string; code?: string } };

/** The query was still running (or its result still decoding) when its time was up: it was stopped. */
export class QueryDeadlineError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The query ran out of time (${timeoutMs} ms) and was stopped.`);
    this.name = "QueryDeadlineError";
  }
}

/** The result is larger than the byte budget: nothing of it is returned. */
export class ResultTooLargeError extends Error {
  constructor(
    readonly maxBytes: number,
    readonly rowsRead: number,
  ) {
    super(
      `The result is larger than ${formatBytes(maxBytes)} (the cap was reached after ${rowsRead} row${rowsRead === 1 ? "" : "s"}) and was not returned. ` +
        "Ask for less: fewer rows (LIMIT), properties instead of whole nodes or paths, shorter lists (e.g. list[..100]). " +
        "GUANXI_QUERY_MAX_BYTES sets the cap.",
    );
    this.name = "ResultTooLargeError";
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${bytes} bytes`;
}

// From the sources a worker needs tsx registered first (query-worker-entry.js); compiled, it loads directly.
const WORKER_ENTRY = import.meta.url.endsWith(".ts")
  ? new URL("./query-worker-entry.js", import.meta.url)
  : new URL("./query-worker.js", import.meta.url);

/**
 * A few warm workers (each with its own driver), one query per worker at a time, so ending one query
 * never ends another. A worker that missed its deadline is terminated and replaced on demand.
 */
export class QueryWorkerPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Set<Worker>();
  private closed = false;

  constructor(
    private readonly config: ConnectionConfig,
    private readonly maxIdle = 2,
  ) {}

  async read(cypher: string, params: Params, options: IsolatedReadOptions): Promise<CappedResult> {
    if (this.closed) throw new Error("the query worker pool is closed");
    const worker = this.idle.pop() ?? new Worker(WORKER_ENTRY, { workerData: { config: this.config } });
    worker.ref(); // a query keeps the process alive until it answers
    this.busy.add(worker);
    let timer: NodeJS.Timeout | undefined;
    let onExit: ((code: number) => void) | undefined;
    let onError: ((error: Error) => void) | undefined;
    let onMessage: ((reply: WorkerReply) => void) | undefined;
    const detach = () => {
      clearTimeout(timer);
      if (onMessage) worker.off("message", onMessage);
      if (onError) worker.off("error", onError);
      if (onExit) worker.off("exit", onExit);
    };
    let reply: WorkerReply;
    try {
      reply = await new Promise<WorkerReply>((resolve, reject) => {
        onMessage = resolve;
        onError = reject;
        onExit = (code) => reject(new Error(`the query worker stopped (exit code ${code})`));
        timer = setTimeout(
          () => reject(new QueryDeadlineError(options.timeoutMs)),
          options.timeoutMs + DEADLINE_GRACE_MS,
        );
        worker.on("message", onMessage);
        worker.on("error", onError);
        worker.on("exit", onExit);
        const analyst = currentAnalyst();
        worker.postMessage({
          cypher,
          params,
          ...options,
          ...(analyst ? { analyst } : {}),
        } satisfies WorkerRequest);
      });
    } catch (error) {
      // Past its deadline, or broken: this worker goes (a busy one is stopped mid-decode).
      detach();
      this.busy.delete(worker);
      void worker.terminate();
      throw error;
    }
    detach();
    this.release(worker);
    if (!reply.ok) {
      const { error } = reply;
      throw error.database ? new DatabaseError(error.message, error.code) : new Error(error.message);
    }
    if (reply.result.overBytes) throw new ResultTooLargeError(options.maxBytes, reply.result.rows.length);
    return reply.result;
  }

  private release(worker: Worker): void {
    this.busy.delete(worker);
    if (!this.closed && this.idle.length < this.maxIdle) {
      worker.unref(); // an idle worker does not keep the process alive
      this.idle.push(worker);
    } else void worker.terminate();
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.idle, ...this.busy];
    this.idle.length = 0;
    this.busy.clear();
    await Promise.all(all.map((w) => w.terminate()));
  }
}

/** One query in a worker of its own (the command line: one query per process). */
export async function readIsolated(
  config: ConnectionConfig,
  cypher: string,
  params: Params,
  options: IsolatedReadOptions,
): Promise<CappedResult> {
  const pool = new QueryWorkerPool(config, 0);
  try {
    return await pool.read(cypher, params, options);
  } finally {
    await pool.close();
  }
}
