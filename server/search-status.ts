/**
 * Whether search can use the full-text index on this database, checked at most every few seconds: a
 * database Guanxi did not create has none, and search then scans instead of failing.
 */
import type { SearchStatus } from "../core/api-types.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { databaseLabels, readSearchIndex } from "../core/node/search-index.ts";

/** Nodes a search without the index looks through, at most. */
export const SCAN_LIMIT = 100_000;

const FIX = "run `npx guanxi index` (it creates the index for every label of the database)";

export class SearchStatusCache {
  private cached: { at: number; status: SearchStatus } | undefined;

  constructor(
    private readonly db: GraphDb,
    private readonly ttlMs = 5_000,
  ) {}

  async get(): Promise<SearchStatus> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < this.ttlMs) return this.cached.status;
    const [index, labels] = await Promise.all([readSearchIndex(this.db), databaseLabels(this.db)]);
    let status: SearchStatus;
    if (!index || index.state !== "ONLINE") {
      const why = !index
        ? "This database has no Guanxi search index"
        : `The search index is ${index.state.toLowerCase()}`;
      status = {
        mode: "scan",
        unindexedLabels: index ? labels.filter((l) => !index.labels.includes(l)) : labels,
        notice: `${why}: search looks through the first ${SCAN_LIMIT.toLocaleString("en")} nodes only and is slow. To fix it, ${FIX}.`,
      };
    } else {
      const unindexed = labels.filter((l) => !index.labels.includes(l));
      status = { mode: "index", unindexedLabels: unindexed };
      if (unindexed.length > 0) status.notice = `Search does not cover ${unindexed.join(", ")}: ${FIX}.`;
    }
    this.cached = { at: now, status };
    return status;
  }

  /** After an index was made or dropped. */
  invalidate(): void {
    this.cached = undefined;
  }
}
