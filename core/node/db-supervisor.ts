/**
 * The bundled database under supervision (`guanxi start`): when the Java process dies without being asked
 * to, it is said on the terminal and started again on the same port and data directory, with bounded
 * retries and a growing pause between them. Listeners hear every change of state, so the API can answer
 * "restarting" at once instead of waiting on a database that is not there.
 */
import { startBundledDb, type BundledDb, type BundledDbOptions } from "../../db/client/bundled-db.ts";

export type DatabaseState =
  | { type: "up" }
  | { type: "restarting"; attempt: number; of: number }
  | { type: "unavailable"; reason: string };

export interface SupervisorOptions {
  /** Restarts tried in a row before giving up (default 5). */
  maxRestarts?: number;
  /** Pause before the first restart, doubled for each further one (default 1 s). */
  backoffMs?: number;
  /** A database that stayed up this long starts with a fresh count of restarts (default 60 s). */
  stableMs?: number;
  log?: (line: string) => void;
  /** Starts the database; default startBundledDb (tests may wrap it). */
  start?: (options: BundledDbOptions) => Promise<BundledDb>;
}

export class DbSupervisor {
  state: DatabaseState = { type: "up" };
  /** How long the last restart took, from the death to the database answering again. */
  lastRestartMs: number | undefined;
  private readonly listeners = new Set<(state: DatabaseState) => void>();
  private stopping = false;
  private current: BundledDb;

  private constructor(
    first: BundledDb,
    private readonly dbOptions: BundledDbOptions,
    private readonly options: Required<Omit<SupervisorOptions, "log">> & { log: (line: string) => void },
  ) {
    this.current = first;
    this.watch(first);
  }

  static async start(dbOptions: BundledDbOptions, options: SupervisorOptions = {}): Promise<DbSupervisor> {
    const start = options.start ?? startBundledDb;
    const first = await start(dbOptions);
    return new DbSupervisor(first, dbOptions, {
      maxRestarts: options.maxRestarts ?? 5,
      backoffMs: options.backoffMs ?? 1_000,
      stableMs: options.stableMs ?? 60_000,
      log: options.log ?? ((line) => process.stderr.write(`${line}\n`)),
      start,
    });
  }

  get db(): BundledDb {
    return this.current;
  }

  onChange(listener: (state: DatabaseState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setState(state: DatabaseState): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  private watch(db: BundledDb): void {
    const startedAt = Date.now();
    void db.exited.then((code) => {
      if (this.stopping || db !== this.current) return;
      const how = code === null ? "killed by a signal" : `exit code ${code}`;
      this.options.log(`The bundled Neo4j stopped unexpectedly (${how}).`);
      const stable = Date.now() - startedAt >= this.options.stableMs;
      void this.restart(stable ? 0 : this.restartsInARow);
    });
  }

  private restartsInARow = 0;

  private async restart(previous: number): Promise<void> {
    const died = Date.now();
    const { maxRestarts, backoffMs, log, start } = this.options;
    for (let attempt = previous + 1; attempt <= maxRestarts; attempt++) {
      if (this.stopping) return;
      this.setState({ type: "restarting", attempt, of: maxRestarts });
      const pause = backoffMs * 2 ** (attempt - 1);
      log(`Restarting it in ${(pause / 1000).toFixed(1)} s (attempt ${attempt} of ${maxRestarts})…`);
      await new Promise((resolve) => setTimeout(resolve, pause));
      if (this.stopping) return;
      try {
        const db = await start(this.dbOptions);
        if (this.stopping) {
          await db.stop();
          return;
        }
        this.current = db;
        this.restartsInARow = attempt;
        this.lastRestartMs = Date.now() - died;
        log(
          `The bundled Neo4j is running again at ${db.uri} (restarted in ${(this.lastRestartMs / 1000).toFixed(1)} s).`,
        );
        this.watch(db);
        this.setState({ type: "up" });
        return;
      } catch (error) {
        log(`Restart attempt ${attempt} failed: ${(error as Error).message.split("\n")[0]}`);
      }
    }
    const reason = `the bundled Neo4j could not be restarted after ${maxRestarts} attempts`;
    log(
      `Giving up: ${reason}. The explorer answers "database unavailable"; stop Guanxi (Ctrl-C) and start it again.`,
    );
    this.setState({ type: "unavailable", reason });
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.current.stop();
  }
}
