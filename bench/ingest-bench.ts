/**
 * Ingest benchmark: `npm run bench:ingest -- [--nodes N] [--relationships N] [--batch-size N]
 * [--concurrency N] [--sample N] [--seed N] [--repeat N] [--sweep] [--skip-warmup] [--keep]
 * [--heap 2g] [--page-cache 1g]`.
 *
 * Starts its own bundled Neo4j (temporary data directory, free port), generates a realistic
 * organisation network (bench/generate-network.ts), writes it as neo4j-admin CSV into the
 * database's import directory, and measures on that one database, cleared between runs (the schema
 * stays):
 *   - per-row: one transaction per node / relationship, on a sample of the same data;
 *   - LOAD CSV: the same files, `CALL { … } IN TRANSACTIONS OF 10000 ROWS`, one pass per label/type;
 *   - guanxi: `ingestFiles` (real reader, validation and writer), read+validate timed apart from writing;
 *   - then, each as a command of its own under /usr/bin/time (peak RSS of each): `guanxi ingest` on the
 *     same files (transactional), `guanxi ingest --bulk` into a fresh bundled data directory, and
 *     `neo4j-admin database import full` alone (bench/admin-import.ts). Our Neo4j's own peak (VmHWM,
 *     reset before each) is given for the rows that write through it.
 * `--sweep` instead tries batch sizes × concurrency on a smaller instance (20k nodes / 100k rels).
 * A warm-up (untimed) runs first; `--repeat N` keeps the fastest of N runs. Each row also gives the
 * CPU seconds of our Neo4j and of this process, and the load average: on a shared machine wall
 * times swing.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { withSchemaNames } from "../core/node/cypher-files.ts";
import type { GraphDb } from "../core/node/graph-db.ts";
import { toDriverProperty } from "../core/node/graph-db.ts";
import type { Dataset, NodeLabel, NodeRecord, RelationshipRecord, RelationshipType } from "../core/model.ts";
import { DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";
import { NEWS_RELATIONSHIP_TYPES as RELATIONSHIP_TYPES } from "../core/schema/news-schema.ts";
import { ingestFiles } from "../ingest/ingest.ts";
import { writeDataset } from "../ingest/write.ts";
import { describeNetwork, generateNetwork } from "./generate-network.ts";
import { csvColumns, writeNeo4jAdminCsv, type CsvColumn } from "./network-csv.ts";
import { cpuNow, cpuSince, findServerPid, load1, processCpuSeconds, type CpuSnapshot } from "./cpu.ts";
import { fmt, table } from "./table.ts";
import { startScratchDb } from "./scratch-db.ts";
import { PACKAGE_ROOT } from "../core/node/install-paths.ts";

// ---------------------------------------------------------------------------------------------
// Options

const { values: flags } = parseArgs({
  options: {
    nodes: { type: "string" },
    relationships: { type: "string" },
    "batch-size": { type: "string" },
    concurrency: { type: "string" },
    sample: { type: "string" },
    seed: { type: "string" },
    repeat: { type: "string" },
    sweep: { type: "boolean", default: false },
    "skip-warmup": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
    heap: { type: "string", default: "2g" },
    "page-cache": { type: "string", default: "1g" },
  },
  strict: true,
});

function intFlag(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} needs a positive integer, got ${value}`);
  return n;
}

const sweep = flags.sweep;
const opts = {
  nodes: intFlag("nodes", flags.nodes, sweep ? 20_000 : 100_000),
  relationships: intFlag("relationships", flags.relationships, sweep ? 100_000 : 500_000),
  batchSize: flags["batch-size"] === undefined ? undefined : intFlag("batch-size", flags["batch-size"], 0),
  concurrency: flags.concurrency === undefined ? undefined : intFlag("concurrency", flags.concurrency, 0),
  sample: intFlag("sample", flags.sample, 2_000),
  seed: intFlag("seed", flags.seed, 1),
  repeat: intFlag("repeat", flags.repeat, 1),
};

// ---------------------------------------------------------------------------------------------
// Small helpers

const secs = (ms: number) => fmt(ms / 1000, 2);
const rate = (count: number, ms: number) => (ms > 0 ? (count * 1000) / ms : NaN);
const log = (message: string) => console.log(`[bench] ${message}`);

async function count(db: GraphDb): Promise<{ nodes: number; relationships: number }> {
  const n = await db.read("MATCH (n) RETURN count(n) AS c");
  const r = await db.read("MATCH ()-[r]->() RETURN count(r) AS c");
  return { nodes: Number(n.rows[0]!.c), relationships: Number(r.rows[0]!.c) };
}

/**
 * Deletes every node and relationship, in batches; constraints and indexes stay. Then waits until
 * the database is idle: a clear leaves background work (index updates, id maintenance,
 * GC) that would otherwise be charged to the next run.
 */
async function clear(db: GraphDb): Promise<void> {
  await db.runAutoCommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS");
  await settle();
}

/** Waits (up to 60 s) until our Neo4j uses under 5 % of a core over half a second. */
async function settle(): Promise<void> {
  if (serverPid === undefined) return;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const before = processCpuSeconds(serverPid);
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (processCpuSeconds(serverPid) - before < 0.025) return;
  }
}

async function expectCounts(db: GraphDb, what: string, nodes: number, relationships: number): Promise<void> {
  const got = await count(db);
  if (got.nodes !== nodes || got.relationships !== relationships) {
    throw new Error(
      `${what}: the database holds ${got.nodes} nodes / ${got.relationships} relationships, expected ${nodes} / ${relationships}`,
    );
  }
}

interface Measure {
  method: string;
  nodes: number;
  nodeMs: number;
  relationships: number;
  relMs: number;
  /** Extra time not attributed to nodes or relationships (e.g. read+validate). */
  otherMs?: number;
  /** CPU seconds of the Neo4j process and of this Node process during the run. */
  cpu?: CpuSnapshot;
  /** 1-minute load average when the run started (other work on the machine skews wall times). */
  load?: number;
}

let serverPid: number | undefined;

/** Runs `work` `times` times (clearing the database after each but the last) and keeps the fastest. */
async function bestOf<T extends { cpu?: CpuSnapshot; load?: number }>(
  db: GraphDb,
  times: number,
  work: () => Promise<T>,
  total: (result: T) => number,
): Promise<T> {
  let best: T | undefined;
  for (let i = 0; i < times; i++) {
    if (i > 0) await clear(db);
    const load = load1();
    const cpu = cpuNow(serverPid);
    const result = await work();
    result.cpu = cpuSince(cpu, serverPid);
    result.load = load;
    if (times > 1) {
      log(
        `  run ${i + 1}/${times}: ${secs(total(result))} s, db CPU ${fmt(result.cpu.db, 1)} s, load ${fmt(load, 1)}`,
      );
    }
    if (!best || total(result) < total(best)) best = result;
  }
  return best!;
}

// ---------------------------------------------------------------------------------------------
// Processes of their own, and peak memory

interface ChildRun {
  ms: number;
  /** Peak resident set of the largest process of the command's tree, MB (/usr/bin/time's %M). */
  rssMb: number;
  stdout: string;
  stderr: string;
}

/** Runs a command under /usr/bin/time: its wall time and peak memory; fails when it fails. */
function timedChild(what: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildRun> {
  const out = join(tmpdir(), `guanxi-bench-time-${process.pid}-${Date.now()}`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn("/usr/bin/time", ["-f", "%M", "-o", out, ...args], { env, cwd: PACKAGE_ROOT });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const ms = performance.now() - started;
      let kb = NaN;
      try {
        kb = Number(readFileSync(out, "utf8").trim().split("\n").pop());
        rmSync(out, { force: true });
      } catch {
        // no report: NaN
      }
      if (code !== 0) reject(new Error(`${what} exited with ${code}:\n${stderr.slice(-3000)}`));
      else resolve({ ms, rssMb: kb / 1024, stdout, stderr });
    });
  });
}

/** Starts a fresh peak-memory count of our Neo4j (Linux: clear_refs 5 resets VmHWM). */
function resetDbPeak(): void {
  if (serverPid === undefined) return;
  try {
    writeFileSync(`/proc/${serverPid}/clear_refs`, "5");
  } catch {
    // not Linux, or not allowed: the peak since start
  }
}

/** Our Neo4j's peak resident set since resetDbPeak, MB. */
function dbPeakMb(): number {
  if (serverPid === undefined) return NaN;
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${serverPid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** The environment of a user of the bundled database in `dataDir` (no NEO4J_* settings). */
function bundledEnv(dataDir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GUANXI_DATA_DIR: dataDir };
  for (const key of Object.keys(env)) if (key.startsWith("NEO4J_")) delete env[key];
  return env;
}

interface OwnProcessRow {
  method: string;
  nodes: number;
  relationships: number;
  ms: number;
  rssMb?: number;
  dbRssMb?: number;
  note?: string;
}

// ---------------------------------------------------------------------------------------------
// Baseline 1: one transaction per row

/** Every k-th item: a sample spread over all labels and types. */
function spread<T>(items: T[], n: number): T[] {
  if (n >= items.length) return [...items];
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]!);
}

function nodeProps(node: NodeRecord): Record<string, unknown> {
  const specs = DEFAULT_SCHEMA.nodePropertySpecs(node.labels[0]!);
  return Object.fromEntries(
    Object.entries(node.properties).map(([k, v]) => [k, toDriverProperty(specs[k], v)]),
  );
}

/** As stored: the properties, and provenance as parallel `evidence` and `articles` lists. */
function relProps(rel: RelationshipRecord): Record<string, unknown> {
  const specs = DEFAULT_SCHEMA.relationshipPropertySpecs(rel.type);
  return {
    ...Object.fromEntries(Object.entries(rel.properties).map(([k, v]) => [k, toDriverProperty(specs[k], v)])),
    evidence: rel.supports.map((s) => s.quote),
    articles: rel.supports.map((s) => s.article),
  };
}

async function perRow(db: GraphDb, dataset: Dataset): Promise<Measure> {
  const nodes = spread(dataset.nodes, opts.sample);
  const rels = spread(dataset.relationships, Math.round(opts.sample * 2.5));
  const mergeNode = "MERGE (n:__LABEL__ {id: $id}) SET n += $props";
  const mergeRel =
    "MATCH (a:__FROM__ {id: $start}) MATCH (b:__TO__ {id: $end}) MERGE (a)-[r:__TYPE__]->(b) SET r += $props";

  let started = performance.now();
  for (const node of nodes) {
    const cypher = withSchemaNames(mergeNode, { LABEL: node.labels[0]! }, DEFAULT_SCHEMA);
    await db.writeTransaction((tx) => tx.run(cypher, { id: node.id, props: nodeProps(node) }));
  }
  const nodeMs = performance.now() - started;

  // The ends of the sampled relationships must exist: write the missing ones in bulk, untimed.
  const have = new Set(nodes.map((n) => n.id));
  const needed = new Set<string>();
  for (const r of rels) for (const id of [r.start, r.end]) if (!have.has(id)) needed.add(id);
  const extra = dataset.nodes.filter((n) => needed.has(n.id));
  await writeDataset(db, { nodes: extra, relationships: [] }, DEFAULT_SCHEMA, { batchSize: 5_000 });

  started = performance.now();
  for (const rel of rels) {
    const cypher = withSchemaNames(
      mergeRel,
      { FROM: rel.startLabel, TYPE: rel.type, TO: rel.endLabel },
      DEFAULT_SCHEMA,
    );
    await db.writeTransaction((tx) =>
      tx.run(cypher, { start: rel.start, end: rel.end, props: relProps(rel) }),
    );
  }
  const relMs = performance.now() - started;
  await expectCounts(db, "per-row", nodes.length + extra.length, rels.length);
  return {
    method: "per-row (1 tx/row, sample)",
    nodes: nodes.length,
    nodeMs,
    relationships: rels.length,
    relMs,
  };
}

// ---------------------------------------------------------------------------------------------
// Baseline 2: LOAD CSV … CALL { … } IN TRANSACTIONS

function convert(column: CsvColumn): string {
  const ref = `row.\`${column.header}\``;
  switch (column.type) {
    case "string":
      return ref;
    case "int":
      return `toInteger(${ref})`;
    case "float":
      return `toFloat(${ref})`;
    case "boolean":
      return `toBoolean(${ref})`;
    case "date":
      return `date(${ref})`;
    case "string[]":
      return `split(${ref}, ';')`;
    case "int[]":
      return `[x IN split(${ref}, ';') | toInteger(x)]`;
    case "float[]":
      return `[x IN split(${ref}, ';') | toFloat(x)]`;
  }
}

function propertyMap(columns: CsvColumn[], specs: Record<string, unknown>): string {
  return `{${columns
    .filter((c) => c.name in specs)
    .map((c) => `\`${c.name}\`: ${convert(c)}`)
    .join(", ")}}`;
}

/** A Cypher map literal with one more entry (none when `entry` is empty). */
function withEntry(map: string, entry: string): string {
  if (!entry) return map;
  return map === "{}" ? `{${entry}}` : `${map.slice(0, -1)}, ${entry}}`;
}

/** The node id lookup for one end of a relationship type: one indexed MATCH per allowed label. */
function endLookup(variable: string, column: string, labels: readonly NodeLabel[]): string {
  const branches = labels.map((l) => `MATCH (${variable}:${l} {id: row.\`${column}\`}) RETURN ${variable}`);
  return `CALL (row) { ${branches.join(" UNION ")} }`;
}

export function loadCsvStatements(dataset: Dataset, labels: readonly NodeLabel[], folder = "") {
  const columns = csvColumns(dataset);
  const nodes = labels.map(
    (label) => `LOAD CSV WITH HEADERS FROM 'file:///${folder}nodes.csv' AS row
WITH row WHERE row.\`:LABEL\` = '${label}'
CALL (row) {
  MERGE (n:${label} {id: row.\`id:ID\`})
  SET n += ${propertyMap(columns.nodes, DEFAULT_SCHEMA.nodePropertySpecs(label))}
} IN TRANSACTIONS OF 10000 ROWS`,
  );
  const types = RELATIONSHIP_TYPES.filter((t) => dataset.relationships.some((r) => r.type === t));
  const relationships = types.map((type: RelationshipType) => {
    const spec = DEFAULT_SCHEMA.allowedEnds(type);
    // Provenance as guanxi stores it: the article of each evidence sentence.
    const { article: _article, ...specs } = DEFAULT_SCHEMA.relationshipPropertySpecs(type);
    void _article;
    const evidence = columns.relationships.find((c) => c.name === "evidence");
    const articles = evidence ? `articles: [q IN split(row.\`${evidence.header}\`, ';') | row.article]` : "";
    return `LOAD CSV WITH HEADERS FROM 'file:///${folder}relationships.csv' AS row
WITH row WHERE row.\`:TYPE\` = '${type}'
CALL (row) {
  ${endLookup("a", ":START_ID", spec.from)}
  ${endLookup("b", ":END_ID", spec.to)}
  MERGE (a)-[r:${type}]->(b)
  SET r += ${withEntry(propertyMap(columns.relationships, specs), articles)}
} IN TRANSACTIONS OF 10000 ROWS`;
  });
  return { nodes, relationships };
}

async function loadCsv(db: GraphDb, dataset: Dataset, folder = ""): Promise<Measure> {
  const labels = [...new Set(dataset.nodes.map((n) => n.labels[0]!))];
  const statements = loadCsvStatements(dataset, labels, folder);
  let started = performance.now();
  for (const statement of statements.nodes) await db.runAutoCommit(statement);
  const nodeMs = performance.now() - started;
  started = performance.now();
  for (const statement of statements.relationships) await db.runAutoCommit(statement);
  const relMs = performance.now() - started;
  await expectCounts(db, "LOAD CSV", dataset.nodes.length, dataset.relationships.length);
  return {
    method: "LOAD CSV (IN TRANSACTIONS OF 10000)",
    nodes: dataset.nodes.length,
    nodeMs,
    relationships: dataset.relationships.length,
    relMs,
  };
}

// ---------------------------------------------------------------------------------------------
// Guanxi: ingestFiles through the real reader, validation and writer

interface GuanxiRun {
  cpu?: CpuSnapshot;
  load?: number;
  readValidateMs: number;
  schemaMs: number;
  nodeMs: number;
  relMs: number;
  totalMs: number;
  nodes: number;
  relationships: number;
  batches: number;
}

/** The same GraphDb, noting when ingest first applies the schema and first writes. */
function instrumented(db: GraphDb, marks: { schema?: number; write?: number }): GraphDb {
  return new Proxy(db, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (prop === "runAutoCommit" && marks.schema === undefined) marks.schema = performance.now();
        if (prop === "writeTransaction" && marks.write === undefined) marks.write = performance.now();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

async function guanxi(
  db: GraphDb,
  files: string[],
  expected: { nodes: number; relationships: number },
  options: { batchSize?: number; concurrency?: number },
): Promise<GuanxiRun> {
  const marks: { schema?: number; write?: number } = {};
  let nodesDone: number | undefined;
  const started = performance.now();
  const ingestOptions = {
    ...options,
    onProgress: (done: number) => {
      if (nodesDone === undefined && done >= expected.nodes) nodesDone = performance.now();
    },
  };
  const report = await ingestFiles(instrumented(db, marks), files, ingestOptions);
  const ended = performance.now();
  if (report.nodes.created !== expected.nodes || report.relationships.created !== expected.relationships) {
    throw new Error(
      `guanxi created ${report.nodes.created} nodes / ${report.relationships.created} relationships`,
    );
  }
  await expectCounts(db, "guanxi", expected.nodes, expected.relationships);
  const schema = marks.schema ?? started;
  const write = marks.write ?? schema;
  const nodesEnd = nodesDone ?? write;
  return {
    readValidateMs: schema - started,
    schemaMs: write - schema,
    nodeMs: nodesEnd - write,
    relMs: ended - nodesEnd,
    totalMs: ended - started,
    nodes: expected.nodes,
    relationships: expected.relationships,
    batches: report.batches,
  };
}

// ---------------------------------------------------------------------------------------------
// Main

/**
 * Runs guanxi (twice) and LOAD CSV once on a network of up to 20k nodes / 100k relationships,
 * untimed, then waits for the database to go idle. On a small machine the JVM's JIT compiler
 * threads take a core or more for the first minute(s) of a fresh Neo4j: without this, whichever
 * method runs first pays for it.
 */
async function warmUp(db: GraphDb, importDir: string): Promise<void> {
  const small = generateNetwork({
    seed: opts.seed + 1,
    nodes: Math.max(1_000, Math.min(20_000, opts.nodes)),
    relationships: Math.max(5_000, Math.min(100_000, opts.relationships)),
  });
  const paths = writeNeo4jAdminCsv(small, join(importDir, "warmup"));
  const expected = { nodes: small.nodes.length, relationships: small.relationships.length };
  log(`warm-up on ${fmt(expected.nodes)} nodes / ${fmt(expected.relationships)} relationships (untimed)…`);
  const started = performance.now();
  for (const batchSize of [1_000, 20_000]) {
    await guanxi(db, [paths.nodes, paths.relationships], expected, { batchSize, concurrency: 2 });
    await clear(db);
  }
  await loadCsv(db, small, "warmup/");
  await clear(db);
  rmSync(join(importDir, "warmup"), { recursive: true, force: true });
  log(`warm-up done in ${secs(performance.now() - started)} s`);
}

function guanxiOptions(batchSize?: number, concurrency?: number) {
  return { ...(batchSize ? { batchSize } : {}), ...(concurrency ? { concurrency } : {}) };
}

async function main(): Promise<void> {
  log(`starting a bundled Neo4j (heap ${flags.heap}, page cache ${flags["page-cache"]})`);
  let t = performance.now();
  const scratch = await startScratchDb({
    prefix: "guanxi-bench-db-",
    heap: flags.heap,
    pageCache: flags["page-cache"],
    keep: flags.keep,
  });
  const { server, db } = scratch;
  serverPid = findServerPid(scratch.dataDir);
  log(`Neo4j at ${server.uri} (pid ${serverPid ?? "?"}), started in ${secs(performance.now() - t)} s`);
  try {
    t = performance.now();
    let dataset: Dataset | undefined = generateNetwork({
      seed: opts.seed,
      nodes: opts.nodes,
      relationships: opts.relationships,
    });
    const generateMs = performance.now() - t;
    const stats = describeNetwork(dataset);
    mkdirSync(server.importDir, { recursive: true });
    t = performance.now();
    const paths = writeNeo4jAdminCsv(dataset, server.importDir);
    log(
      `generated ${fmt(stats.nodes)} nodes / ${fmt(stats.relationships)} relationships in ${secs(generateMs)} s ` +
        `(seed ${opts.seed}); CSV written in ${secs(performance.now() - t)} s to ${server.importDir}`,
    );
    log(
      `degrees: max ${fmt(stats.degree.max)} (${stats.degree.maxNode}), p99 ${stats.degree.p99}, median ${stats.degree.median}; ` +
        `COOPERATES_WITH hubs ≥1000: ${stats.cooperation.hubsOver1000}, largest ${fmt(stats.cooperation.max)}`,
    );
    const files = [paths.nodes, paths.relationships];
    const expected = { nodes: stats.nodes, relationships: stats.relationships };
    if (!flags["skip-warmup"]) await warmUp(db, server.importDir);

    if (sweep) {
      await runSweep(db, dataset, files, expected);
      return;
    }

    log(
      `per-row baseline: ${fmt(opts.sample)} nodes + ${fmt(Math.round(opts.sample * 2.5))} relationships, one transaction each…`,
    );
    const sample = dataset;
    resetDbPeak();
    const row = await bestOf(
      db,
      1,
      () => perRow(db!, sample),
      () => 0,
    );
    const rowDbRss = dbPeakMb();
    await clear(db);
    log(`LOAD CSV baseline (best of ${opts.repeat})…`);
    resetDbPeak();
    const csv = await bestOf(
      db,
      opts.repeat,
      () => loadCsv(db!, sample),
      (m) => m.nodeMs + m.relMs,
    );
    const csvDbRss = dbPeakMb();
    await clear(db);
    // Guanxi reads the files itself: let go of the generated data first.
    dataset = undefined;
    const options = guanxiOptions(opts.batchSize, opts.concurrency);
    log(
      `guanxi ingest (batch size ${options.batchSize ?? "default"}, concurrency ${options.concurrency ?? "default"}, best of ${opts.repeat})…`,
    );
    const g = await bestOf(
      db,
      opts.repeat,
      () => guanxi(db!, files, expected, options),
      (r) => r.totalMs,
    );
    await clear(db);

    log("guanxi ingest, transactional, as the CLI in a process of its own…");
    resetDbPeak();
    const tx = await timedChild("guanxi ingest", [process.execPath, "bin/guanxi.js", "ingest", ...files], {
      ...process.env,
      NEO4J_URI: server.uri,
      NEO4J_USERNAME: "neo4j",
      NEO4J_PASSWORD: server.password,
    });
    const txDbRss = dbPeakMb();
    await expectCounts(db, "guanxi ingest (CLI)", expected.nodes, expected.relationships);
    await clear(db);

    log("guanxi ingest --bulk into a fresh bundled data directory, in a process of its own…");
    const bulkDir = mkdtempSync(join(tmpdir(), "guanxi-bench-bulk-"));
    let bulk: ChildRun;
    try {
      bulk = await timedChild(
        "guanxi ingest --bulk",
        [process.execPath, "bin/guanxi.js", "ingest", "--bulk", ...files],
        bundledEnv(bulkDir),
      );
    } finally {
      rmSync(bulkDir, { recursive: true, force: true });
    }
    const phases = /Bulk: +(.*?)\. The database/.exec(bulk.stdout)?.[1] ?? "";

    log("neo4j-admin database import full alone, on the same files…");
    const adminHome = mkdtempSync(join(tmpdir(), "guanxi-bench-admin-"));
    let admin: ChildRun;
    try {
      admin = await timedChild(
        "neo4j-admin",
        [process.execPath, "bin/run-ts.js", "bench/admin-import.ts", adminHome, ...files],
        process.env,
      );
    } finally {
      rmSync(adminHome, { recursive: true, force: true });
    }
    const own: OwnProcessRow[] = [
      {
        method: "per-row (1 tx/row, sample)",
        nodes: row.nodes,
        relationships: row.relationships,
        ms: row.nodeMs + row.relMs,
        dbRssMb: rowDbRss,
      },
      {
        method: "LOAD CSV (IN TRANSACTIONS OF 10000)",
        nodes: csv.nodes,
        relationships: csv.relationships,
        ms: csv.nodeMs + csv.relMs,
        dbRssMb: csvDbRss,
      },
      {
        method: "guanxi ingest (transactional)",
        nodes: expected.nodes,
        relationships: expected.relationships,
        ms: tx.ms,
        rssMb: tx.rssMb,
        dbRssMb: txDbRss,
      },
      {
        method: "guanxi ingest --bulk",
        nodes: expected.nodes,
        relationships: expected.relationships,
        ms: bulk.ms,
        rssMb: bulk.rssMb,
        note: phases,
      },
      {
        method: "neo4j-admin alone",
        nodes: expected.nodes,
        relationships: expected.relationships,
        ms: admin.ms,
        rssMb: admin.rssMb,
        note: "no validation, schema or restart",
      },
    ];

    const measures: Measure[] = [
      row,
      csv,
      {
        method: "guanxi: write phase",
        nodes: g.nodes,
        nodeMs: g.nodeMs,
        relationships: g.relationships,
        relMs: g.relMs,
      },
      {
        method: "guanxi: end to end",
        nodes: g.nodes,
        nodeMs: g.nodeMs,
        relationships: g.relationships,
        relMs: g.relMs,
        otherMs: g.readValidateMs + g.schemaMs,
        ...(g.cpu ? { cpu: g.cpu } : {}),
        ...(g.load !== undefined ? { load: g.load } : {}),
      },
    ];
    printResults(measures, g);
    printOwnProcesses(own);
  } finally {
    await scratch.stop();
  }
}

/** End to end: read+validate (and schema) time shared out over nodes and relationships by count. */
function share(m: Measure, part: "nodes" | "relationships"): number {
  return ((m.otherMs ?? 0) * m[part]) / Math.max(1, m.nodes + m.relationships);
}

function rates(m: Measure): { nodes: number; relationships: number } {
  return {
    nodes: rate(m.nodes, m.nodeMs + share(m, "nodes")),
    relationships: rate(m.relationships, m.relMs + share(m, "relationships")),
  };
}

function printResults(measures: Measure[], g: GuanxiRun): void {
  const rows = measures.map((m) => {
    const nodeMs = m.nodeMs + share(m, "nodes");
    const relMs = m.relMs + share(m, "relationships");
    return [
      m.method,
      m.nodes,
      secs(nodeMs),
      rate(m.nodes, nodeMs),
      m.relationships,
      secs(relMs),
      rate(m.relationships, relMs),
      secs(nodeMs + relMs),
      rate(m.nodes + m.relationships, nodeMs + relMs),
      m.cpu ? fmt(m.cpu.db, 1) : "",
      m.cpu ? fmt(m.cpu.node, 1) : "",
      m.load !== undefined ? fmt(m.load, 1) : "",
    ];
  });
  console.log("");
  console.log(
    table(
      [
        "method",
        "nodes",
        "node s",
        "nodes/s",
        "rels",
        "rel s",
        "rels/s",
        "total s",
        "rows/s",
        "db CPU s",
        "node CPU s",
        "load",
      ],
      rows,
    ),
  );
  console.log("");
  console.log(
    `guanxi phases: read+validate ${secs(g.readValidateMs)} s, schema+derive ${secs(g.schemaMs)} s, ` +
      `write nodes ${secs(g.nodeMs)} s, write relationships ${secs(g.relMs)} s, total ${secs(g.totalMs)} s, ${fmt(g.batches)} batches`,
  );
  console.log("");
  const [row, csv, write, e2e] = measures as [Measure, Measure, Measure, Measure];
  const ratio = (a: Measure, b: Measure, part: "nodes" | "relationships") =>
    `${fmt(rates(a)[part] / rates(b)[part], 2)}×`;
  console.log(
    table(
      ["ratio", "nodes/s", "rels/s"],
      [
        ["guanxi write / LOAD CSV", ratio(write, csv, "nodes"), ratio(write, csv, "relationships")],
        ["guanxi end-to-end / LOAD CSV", ratio(e2e, csv, "nodes"), ratio(e2e, csv, "relationships")],
        ["guanxi write / per-row", ratio(write, row, "nodes"), ratio(write, row, "relationships")],
        ["guanxi end-to-end / per-row", ratio(e2e, row, "nodes"), ratio(e2e, row, "relationships")],
      ],
    ),
  );
}

/** End to end, each in a process of its own, with peak memory. */
function printOwnProcesses(rows: OwnProcessRow[]): void {
  console.log("");
  console.log(
    "End to end (per-row and LOAD CSV: Cypher sent by this process; the others as commands of their own):",
  );
  console.log(
    table(
      ["method", "nodes", "rels", "total s", "rels/s", "rows/s", "peak RSS MB", "db peak RSS MB", "phases"],
      rows.map((r) => [
        r.method,
        r.nodes,
        r.relationships,
        secs(r.ms),
        rate(r.relationships, r.ms),
        rate(r.nodes + r.relationships, r.ms),
        r.rssMb !== undefined ? fmt(r.rssMb, 0) : "",
        r.dbRssMb !== undefined ? fmt(r.dbRssMb, 0) : "",
        r.note ?? "",
      ]),
    ),
  );
  console.log(
    "peak RSS: the command's largest process (/usr/bin/time %M; for --bulk that is neo4j-admin's JVM or the Neo4j it starts); db: our Neo4j server's VmHWM during the run.",
  );
  const by = (name: string) => rows.find((r) => r.method.startsWith(name))!;
  const [csv, tx, bulk, admin] = [
    by("LOAD CSV"),
    by("guanxi ingest (t"),
    by("guanxi ingest --bulk"),
    by("neo4j-admin"),
  ];
  const r = (a: OwnProcessRow, b: OwnProcessRow) =>
    `${fmt(rate(a.relationships, a.ms) / rate(b.relationships, b.ms), 2)}×`;
  console.log("");
  console.log(
    table(
      ["ratio (rels/s, end to end)", "value"],
      [
        ["guanxi --bulk / guanxi transactional", r(bulk, tx)],
        ["guanxi --bulk / LOAD CSV", r(bulk, csv)],
        ["guanxi --bulk / neo4j-admin alone", r(bulk, admin)],
      ],
    ),
  );
}

async function runSweep(
  db: GraphDb,
  dataset: Dataset,
  files: string[],
  expected: { nodes: number; relationships: number },
): Promise<void> {
  log(`LOAD CSV reference (best of ${opts.repeat})…`);
  const csv = await bestOf(
    db,
    opts.repeat,
    () => loadCsv(db, dataset),
    (m) => m.nodeMs + m.relMs,
  );
  await clear(db);
  const rows: (string | number)[][] = [
    [
      "LOAD CSV",
      "10,000",
      "–",
      "–",
      secs(csv.nodeMs),
      rate(csv.nodes, csv.nodeMs),
      secs(csv.relMs),
      rate(csv.relationships, csv.relMs),
      secs(csv.nodeMs + csv.relMs),
      fmt(csv.cpu?.db ?? 0, 1),
      fmt(csv.load ?? 0, 1),
    ],
  ];
  const batchSizes = opts.batchSize ? [opts.batchSize] : [1_000, 5_000, 20_000];
  const concurrencies = opts.concurrency ? [opts.concurrency] : [1, 2];
  for (const batchSize of batchSizes) {
    for (const concurrency of concurrencies) {
      log(`guanxi batch size ${fmt(batchSize)}, concurrency ${concurrency} (best of ${opts.repeat})…`);
      const g = await bestOf(
        db,
        opts.repeat,
        () => guanxi(db, files, expected, { batchSize, concurrency }),
        (r) => r.nodeMs + r.relMs,
      );
      await clear(db);
      rows.push([
        "guanxi",
        fmt(batchSize),
        concurrency,
        secs(g.readValidateMs),
        secs(g.nodeMs),
        rate(g.nodes, g.nodeMs),
        secs(g.relMs),
        rate(g.relationships, g.relMs),
        secs(g.totalMs),
        fmt(g.cpu?.db ?? 0, 1),
        fmt(g.load ?? 0, 1),
      ]);
    }
  }
  console.log("");
  console.log(
    `sweep on ${fmt(expected.nodes)} nodes / ${fmt(expected.relationships)} relationships (best of ${opts.repeat}):`,
  );
  console.log(
    table(
      [
        "method",
        "batch",
        "conc",
        "read+val s",
        "nodes s",
        "nodes/s",
        "rels s",
        "rels/s",
        "total s",
        "db CPU s",
        "load",
      ],
      rows,
    ),
  );
}

try {
  await main();
} finally {
  console.log(`\npeak RSS of the Node process: ${fmt(process.resourceUsage().maxRSS / 1024)} MB`);
}
