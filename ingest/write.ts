/**
 * Writes a validated data set with batched `UNWIND … MERGE` statements (cypher/ingest/*.cypher); evidence
 * accumulates on a relationship, never replaces what another article said.
 * A small data set is written in one transaction, so any failure leaves the database as it was.
 * A large one is written a batch per transaction: a failure leaves no half-written batch, and since
 * every statement merges, running the ingest again completes the job.
 */
import { loadCypher, withSchemaNames } from "../core/node/cypher-files.ts";
import { toDriverProperty, type GraphDb, type WriteTransaction } from "../core/node/graph-db.ts";
import type { Dataset, NodeRecord, Properties, PropertySpec, RelationshipRecord } from "../core/model.ts";
import type { GraphSchema } from "../core/schema/graph-schema.ts";
import { readSearchIndex } from "../core/node/search-index.ts";
import {
  FULLTEXT_INDEX,
  fulltextIndexStatement,
  keyConstraintStatement,
  mergePlans,
  samePlan,
  searchIndexPlan,
  type SearchIndexPlan,
} from "../core/schema/schema-statements.ts";

export interface ChangeCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface WriteSummary {
  nodes: ChangeCounts;
  relationships: ChangeCounts;
  batches: number;
  /** True when everything was written in a single transaction. */
  atomic: boolean;
}

export interface WriteOptions {
  /** Rows per statement and transaction. */
  batchSize?: number;
  /** Batches written at once on separate transactions (large data sets only). */
  concurrency?: number;
  /** Data sets with at most this many rows are written in one transaction. */
  atomicLimit?: number;
  /** Called after every batch with rows written so far and rows in all. */
  onProgress?: (done: number, total: number) => void;
}

export const DEFAULT_BATCH_SIZE = 5_000;
export const DEFAULT_ATOMIC_LIMIT = 20_000;
/** Measured by bench:ingest on 2 cores: +15 % relationships/s over 1; deadlocks between batches are retried. */
export const DEFAULT_CONCURRENCY = 2;

interface Batch {
  kind: "nodes" | "relationships";
  cypher: string;
  /** Rows in the batch. */
  size: number;
  /** The statement's rows, built when read: only the batches being written hold theirs. */
  readonly rows: Record<string, unknown>[];
}

function batch<T>(
  kind: Batch["kind"],
  cypher: string,
  items: T[],
  toRow: (item: T) => Record<string, unknown>,
): Batch {
  return {
    kind,
    cypher,
    size: items.length,
    get rows() {
      return items.map(toRow);
    },
  };
}

function driverProperties(
  properties: Properties,
  specs: Record<string, PropertySpec>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) out[key] = toDriverProperty(specs[key], value);
  return out;
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function planBatches(dataset: Dataset, schema: GraphSchema, batchSize: number): Batch[] {
  const batches: Batch[] = [];
  const mergeNodes = loadCypher("ingest/merge-nodes");
  for (const [label, nodes] of groupBy(dataset.nodes, (n) => n.labels[0]!)) {
    const cypher = withSchemaNames(mergeNodes, { LABEL: label }, schema);
    const toRow = (n: NodeRecord) => ({
      id: n.id,
      props: driverProperties(n.properties, schema.nodePropertySpecsFor(n.labels)),
      labels: n.labels.slice(1),
    });
    for (const part of chunk(nodes, batchSize)) batches.push(batch("nodes", cypher, part, toRow));
  }
  const mergeRels = loadCypher("ingest/merge-relationships");
  const groups = groupBy(dataset.relationships, (r) => `${r.startLabel}\u0000${r.type}\u0000${r.endLabel}`);
  for (const [key, rels] of groups) {
    const [from, type, to] = key.split("\u0000") as [string, string, string];
    const cypher = withSchemaNames(mergeRels, { FROM: from, TYPE: type, TO: to }, schema);
    const specs = schema.relationshipPropertySpecs(type);
    const toRow = (r: RelationshipRecord) => ({
      start: r.start,
      end: r.end,
      props: driverProperties(r.properties, specs),
      supports: r.supports,
    });
    for (const part of chunk(rels, batchSize)) batches.push(batch("relationships", cypher, part, toRow));
  }
  return batches;
}

/**
 * Creates the full-text index for `wanted`, keeping whatever an existing one covers (an index only grows).
 * `IF NOT EXISTS` keeps an index of the same name whatever it covers, so one that covers less is dropped
 * first and rebuilt. Returns what the index covers.
 */
export async function ensureSearchIndex(db: GraphDb, wanted: SearchIndexPlan): Promise<SearchIndexPlan> {
  const existing = await readSearchIndex(db);
  const plan = existing ? mergePlans(existing, wanted) : wanted;
  if (existing && !samePlan(existing, plan)) {
    await db.runAutoCommit(loadCypher("drop-index"), { name: FULLTEXT_INDEX });
  }
  await db.runAutoCommit(fulltextIndexStatement(plan));
  return plan;
}

/**
 * Guanxi's Neo4j schema for `schema` (idempotent): a key constraint per label, the full-text index, and
 * the provenance migration; waits for the indexes to come online.
 */
export async function applySchema(db: GraphDb, schema: GraphSchema): Promise<void> {
  for (const label of schema.labels) await db.runAutoCommit(keyConstraintStatement(label));
  await ensureSearchIndex(db, searchIndexPlan(schema));
  const migrate = loadCypher("migrate/provenance-articles");
  for (const type of schema.relationshipTypes) {
    if (schema.provenance(type) === "none") continue;
    await db.runAutoCommit(withSchemaNames(migrate, { TYPE: type }, schema));
  }
  await db.runAutoCommit("CALL db.awaitIndexes(300)");
}

function emptyCounts(): ChangeCounts {
  return { created: 0, updated: 0, unchanged: 0 };
}

async function runBatch(tx: WriteTransaction, batch: Batch): Promise<ChangeCounts> {
  const result = await tx.run(batch.cypher, { rows: batch.rows });
  const row = result.rows[0] ?? {};
  return {
    created: Number(row.created ?? 0),
    updated: Number(row.updated ?? 0),
    unchanged: Number(row.unchanged ?? 0),
  };
}

export async function writeDataset(
  db: GraphDb,
  dataset: Dataset,
  schema: GraphSchema,
  options: WriteOptions = {},
): Promise<WriteSummary> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const batches = planBatches(dataset, schema, batchSize);
  const total = dataset.nodes.length + dataset.relationships.length;
  const atomic = total <= (options.atomicLimit ?? DEFAULT_ATOMIC_LIMIT);

  let summary: WriteSummary = {
    nodes: emptyCounts(),
    relationships: emptyCounts(),
    batches: batches.length,
    atomic,
  };
  const done = { nodes: 0, relationships: 0 };
  const record = (batch: Batch, counts: ChangeCounts) => {
    const target = summary[batch.kind];
    target.created += counts.created;
    target.updated += counts.updated;
    target.unchanged += counts.unchanged;
    done[batch.kind] += batch.size;
    options.onProgress?.(done.nodes + done.relationships, total);
  };

  if (atomic) {
    await db.writeTransaction(async (tx) => {
      // The driver may retry this whole function on a transient error: start the counts afresh.
      summary = { nodes: emptyCounts(), relationships: emptyCounts(), batches: batches.length, atomic };
      done.nodes = 0;
      done.relationships = 0;
      for (const batch of batches) record(batch, await runBatch(tx, batch));
    });
    return summary;
  }

  // Nodes before relationships: a relationship batch matches its ends by id.
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  for (const kind of ["nodes", "relationships"] as const) {
    const queue = batches.filter((b) => b.kind === kind);
    const worker = async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        const current = batch;
        record(current, await db.writeTransaction((tx) => runBatch(tx, current)));
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }
  return summary;
}
