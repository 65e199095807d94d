/**
 * The full-text index Guanxi searches (`entity_names`): whether it exists, what it covers, and which labels
 * of the database it leaves out. Read by the API (search falls back to a bounded scan without it),
 * `guanxi index` and `guanxi doctor`.
 */
import { loadCypher } from "./cypher-files.ts";
import type { GraphDb } from "./graph-db.ts";
import { FULLTEXT_INDEX, type SearchIndexPlan } from "../schema/schema-statements.ts";

export interface SearchIndexState extends SearchIndexPlan {
  /** Neo4j's state: ONLINE, POPULATING or FAILED. */
  state: string;
}

/** What the full-text index covers now, or undefined when there is none. */
export async function readSearchIndex(db: GraphDb): Promise<SearchIndexState | undefined> {
  const { rows } = await db.read(loadCypher("schema/fulltext-index"), { name: FULLTEXT_INDEX });
  const row = rows[0];
  if (!row) return undefined;
  return {
    labels: (row.labels as string[]) ?? [],
    properties: (row.properties as string[]) ?? [],
    state: String(row.state),
  };
}

/** The labels the database holds. */
export async function databaseLabels(db: GraphDb): Promise<string[]> {
  const { rows } = await db.read(loadCypher("schema/labels"));
  return ((rows[0]?.labels as string[] | undefined) ?? []).map(String);
}
