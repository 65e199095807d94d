/**
 * Is the database there? The API's answer without waiting on it: while the supervised database restarts,
 * or after a request found it unreachable, every route that needs it answers 503 at once with what is
 * going on, and a probe (one quick ping a second) notices when it is back. Without this each request would
 * wait out the driver's retries (15 s and more) on a database that is not there.
 */
import type { DatabaseState } from "../core/node/db-supervisor.ts";
import { ApiError } from "./errors.ts";

export const PROBE_INTERVAL_MS = 1_000;
/** How long a health check or probe waits for the database. */
export const PING_TIMEOUT_MS = 1_500;

export type Availability = DatabaseState | { type: "unreachable" };

export class DatabaseAvailability {
  private state: Availability = { type: "up" };
  private probing: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly ping: (timeoutMs: number) => Promise<void>) {}

  get current(): Availability {
    return this.state;
  }

  /** Told by the supervisor of the bundled database. */
  set(state: DatabaseState): void {
    this.state = state;
    if (state.type === "up") this.stopProbing();
  }

  /** A request found the database unreachable: answer quickly until a probe reaches it again. */
  markUnreachable(): void {
    if (this.state.type !== "up") return; // restarting or given up: the supervisor knows better
    this.state = { type: "unreachable" };
    if (this.probing || this.closed) return;
    const probe = async () => {
      try {
        await this.ping(PING_TIMEOUT_MS);
        if (this.state.type === "unreachable") this.state = { type: "up" };
        this.probing = undefined;
      } catch {
        if (!this.closed) this.probing = setTimeout(() => void probe(), PROBE_INTERVAL_MS).unref();
      }
    };
    this.probing = setTimeout(() => void probe(), PROBE_INTERVAL_MS).unref();
  }

  /** The 503 for a request arriving while the database is not there; undefined when it is up. */
  refusal(): ApiError | undefined {
    switch (this.state.type) {
      case "up":
        return undefined;
      case "restarting":
        return new ApiError(
          503,
          "database-restarting",
          `The database stopped and is restarting (attempt ${this.state.attempt} of ${this.state.of}). Try again in a few seconds.`,
        );
      case "unavailable":
        return new ApiError(
          503,
          "database-unavailable",
          `The database is unavailable: ${this.state.reason}. Restart Guanxi.`,
        );
      case "unreachable":
        return new ApiError(
          503,
          "database-unavailable",
          "The database is not available right now. Try again in a moment; the server's log says more.",
        );
    }
  }

  private stopProbing(): void {
    clearTimeout(this.probing);
    this.probing = undefined;
  }

  close(): void {
    this.closed = true;
    this.stopProbing();
  }
}
