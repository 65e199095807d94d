/**
 * Investigates the writer's MERGE statements (cypher/ingest/*.cypher) on a generated network:
 * PROFILEs one batch of each, then times variants of the statements — copies kept here, the
 * originals are untouched — on the same bundled Neo4j, cleared between runs.
 *
 *   node bin/run-ts.js bench/merge-variants.ts [--nodes N] [--relationships N] [--batch-size N]
 *     [--only part,part] [--repeat N] [--concurrency N] [--profile-only] [--jfr DIR]
 *
 * The original statements come through planBatches (ingest/write.ts), exactly as ingest runs them.
 */
import { DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import neo4j from "neo4j-driver";
import { ensurePassword, freePort, startBundledDb } from "../db/client/bundled-db.ts";
import { GraphDb } from "../core/node/graph-db.ts";
import { applySchema, planBatches } from "../ingest/write.ts";
import { cpuNow, cpuSince, findServerPid } from "./cpu.ts";
import { generateNetwork } from "./generate-network.ts";

const { values: flags } = parseArgs({
  options: {
    nodes: { type: "string", default: "20000" },
    relationships: { type: "string", default: "100000" },
    "batch-size": { type: "string", default: "5000" },
    only: { type: "string" },
    "profile-only": { type: "boolean", default: false },
    seed: { type: "string", default: "1" },
    repeat: { type: "string", default: "3" },
    /** Record the first timed run of each selected variant with Java Flight Recorder into DIR/<variant>.jfr. */
    jfr: { type: "string" },
    concurrency: { type: "string" },
  },
});

const NODES = Number(flags.nodes);
const RELS = Number(flags.relationships);
const BATCH = Number(flags["batch-size"]);
const REPEAT = Number(flags.repeat);

type Batch = ReturnType<typeof planBatches>[number];

// ---------------------------------------------------------------------------------------------
// Variants: each turns one planned batch (original Cypher, label/type filled in) into what to run.

/** Label and type names of a planned batch, read back from its Cypher. */
function names(batch: Batch): { label?: string; from?: string; type?: string; to?: string } {
  if (batch.kind === "nodes") return { label: /OPTIONAL MATCH \(old:(\w+)/.exec(batch.cypher)?.[1] };
  const m = /MATCH \(a:(\w+)[\s\S]*MATCH \(b:(\w+)[\s\S]*MERGE \(a\)-\[r:(\w+)\]/.exec(batch.cypher)!;
  return { from: m[1], to: m[2], type: m[3] };
}

const NODE_VARIANTS: Record<string, (b: Batch) => string> = {
  "nodes: original": (b) => b.cypher,
  "nodes: MERGE + SET only": (b) =>
    `UNWIND $rows AS row MERGE (n:${names(b).label} {id: row.id}) SET n += row.props RETURN count(*) AS created`,
};

const REL_COUNTS = `RETURN sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
       sum(CASE WHEN NOT created AND NOT unchanged THEN 1 ELSE 0 END) AS updated,
       sum(CASE WHEN unchanged THEN 1 ELSE 0 END) AS unchanged`;

const REL_VARIANTS: Record<string, (b: Batch) => string> = {
  "rels: original": (b) => b.cypher,
  "rels: MERGE + SET only": (b) => {
    const n = names(b);
    return `UNWIND $rows AS row
MATCH (a:${n.from} {id: row.start})
MATCH (b:${n.to} {id: row.end})
MERGE (a)-[r:${n.type}]->(b)
SET r += row.props
RETURN count(*) AS created`;
  },
  // Same result columns as the original, but the "does it exist" check is a pattern predicate
  // evaluated once (no OPTIONAL MATCH row and no second expand for the MERGE on an old edge).
  "rels: EXISTS check + MERGE": (b) => {
    const n = names(b);
    return `UNWIND $rows AS row
MATCH (a:${n.from} {id: row.start})
MATCH (b:${n.to} {id: row.end})
CALL (a, b, row) {
  OPTIONAL MATCH (a)-[old:${n.type}]->(b)
  RETURN old IS NULL AS created,
         old IS NOT NULL AND all(key IN keys(row.props) WHERE old[key] = row.props[key]) AS unchanged
}
MERGE (a)-[r:${n.type}]->(b)
FOREACH (_ IN CASE WHEN unchanged THEN [] ELSE [1] END | SET r += row.props)
${REL_COUNTS}`;
  },
  // Change counts without the OPTIONAL MATCH: created comes from the statement's counters
  // (relationshipsCreated), unchanged = rows already equal after the MERGE − created.
  "rels: MERGE ON CREATE + compare": (b) => {
    const n = names(b);
    return `UNWIND $rows AS row
MATCH (a:${n.from} {id: row.start})
MATCH (b:${n.to} {id: row.end})
MERGE (a)-[r:${n.type}]->(b)
ON CREATE SET r += row.props
WITH r, row, all(key IN keys(row.props) WHERE r[key] = row.props[key]) AS same
FOREACH (_ IN CASE WHEN same THEN [] ELSE [1] END | SET r += row.props)
RETURN sum(CASE WHEN same THEN 1 ELSE 0 END) AS same, count(*) AS rows`;
  },
  "rels: CREATE (ceiling, not idempotent)": (b) => {
    const n = names(b);
    return `UNWIND $rows AS row
MATCH (a:${n.from} {id: row.start})
MATCH (b:${n.to} {id: row.end})
CREATE (a)-[r:${n.type}]->(b)
SET r = row.props
RETURN count(*) AS created`;
  },
};

// ---------------------------------------------------------------------------------------------

const fmt = (n: number) => Math.round(n).toLocaleString("en");

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), "guanxi-variants-db-"));
  const server = await startBundledDb({
    port: await freePort(),
    dataDir,
    password: ensurePassword(dataDir),
    heap: "2g",
    pageCache: "1g",
  });
  const db = await GraphDb.connect({
    uri: server.uri,
    user: server.user,
    password: server.password,
    bundled: false,
  });
  const pid = findServerPid(dataDir);
  const driver = neo4j.driver(server.uri, neo4j.auth.basic(server.user, server.password));
  try {
    await applySchema(db, DEFAULT_SCHEMA);
    const dataset = generateNetwork({ seed: Number(flags.seed), nodes: NODES, relationships: RELS });
    const batches = planBatches(dataset, DEFAULT_SCHEMA, BATCH);
    const nodeBatches = batches.filter((b) => b.kind === "nodes");
    const relBatches = batches.filter((b) => b.kind === "relationships");
    console.log(
      `${fmt(NODES)} nodes, ${fmt(RELS)} relationships, batch ${fmt(BATCH)}: ${batches.length} batches`,
    );

    const clear = () =>
      db.runAutoCommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS");
    const run = async (list: Batch[], cypherOf: (b: Batch) => string, concurrency = 1) => {
      const queue = [...list];
      const started = performance.now();
      const worker = async () => {
        for (let b = queue.shift(); b; b = queue.shift()) {
          const current = b;
          await db.writeTransaction((tx) => tx.run(cypherOf(current), { rows: current.rows }));
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      return performance.now() - started;
    };
    /** Best of REPEAT: `before` (untimed) then the timed run, then clear. Returns [wall ms, db CPU s]. */
    const measure = async (before: () => Promise<unknown>, timed: () => Promise<number>) => {
      let best: [number, number] = [Infinity, 0];
      for (let i = 0; i < REPEAT; i++) {
        await before();
        const cpu = cpuNow(pid);
        const ms = await timed();
        const used = cpuSince(cpu, pid).db;
        if (ms < best[0]) best = [ms, used];
        await clear();
      }
      return best;
    };
    const loadNodes = () => run(nodeBatches, NODE_VARIANTS["nodes: MERGE + SET only"]!);

    // ---- PROFILE one batch of nodes and the largest COOPERATES_WITH batch, rolled back.
    const profile = async (title: string, cypher: string, rows: unknown[]) => {
      const session = driver.session();
      const tx = session.beginTransaction();
      try {
        const result = await tx.run(`PROFILE ${cypher}`, { rows });
        const p = result.summary.profile;
        console.log(`\nPROFILE ${title} (${rows.length} rows):`);
        const walk = (op: typeof p, depth: number) => {
          if (!op) return;
          const args = op.arguments as Record<string, unknown>;
          const details = String(args.Details ?? "").slice(0, 90);
          console.log(
            `${"  ".repeat(depth)}${op.operatorType.replace(/@.*/, "")}  rows=${fmt(op.rows)} dbHits=${fmt(op.dbHits)}` +
              `${args.Time !== undefined ? ` time=${fmt(Number(args.Time) / 1e6)}ms` : ""}  ${details}`,
          );
          for (const child of op.children) walk(child, depth + 1);
        };
        walk(p, 1);
      } finally {
        await tx.rollback();
        await session.close();
      }
    };
    await loadNodes();
    const firstNodes = nodeBatches.find((b) => names(b).label === "Organisation")!;
    await profile("merge-nodes (existing nodes)", firstNodes.cypher, firstNodes.rows);
    const coop = relBatches
      .filter((b) => names(b).type === "COOPERATES_WITH")
      .sort((x, y) => y.rows.length - x.rows.length)[0]!;
    await profile("merge-relationships COOPERATES_WITH (new)", coop.cypher, coop.rows);
    const mentions = relBatches.find((b) => names(b).type === "MENTIONS")!;
    await profile(`merge-relationships MENTIONS→${names(mentions).to} (new)`, mentions.cypher, mentions.rows);
    await clear();
    const orgNodes = nodeBatches.filter((b) => names(b).label === "Organisation");
    await profile("merge-nodes Organisation (new)", orgNodes[0]!.cypher, orgNodes[0]!.rows);
    if (flags["profile-only"]) return;

    // ---- Timings. A warm-up run first (JIT, plan cache).
    await clear();
    await loadNodes();
    await run(relBatches, REL_VARIANTS["rels: original"]!);
    await clear();

    const only = flags.only?.split(",").map((s) => s.trim());
    const wanted = (name: string) => !only || only.some((o) => name.includes(o));
    const results: [string, string, number, number, number][] = [];
    const sortedRelBatches = relBatches.map((b) => ({
      ...b,
      rows: [...b.rows].sort((x, y) => String(x.start).localeCompare(String(y.start))),
    }));
    const nothing = async () => undefined;
    for (const [name, variant] of Object.entries(NODE_VARIANTS)) {
      if (!wanted(name)) continue;
      const [ms, cpu] = await measure(nothing, () => run(nodeBatches, variant));
      results.push([name, "c1", NODES, ms, cpu]);
    }
    // The full-text index over names: how much of the node write is it?
    if (wanted("fulltext")) {
      await db.runAutoCommit("DROP INDEX entity_names IF EXISTS");
      const [ms, cpu] = await measure(nothing, () => run(nodeBatches, NODE_VARIANTS["nodes: original"]!));
      results.push(["nodes: original, no full-text index", "c1", NODES, ms, cpu]);
      // Write without the index, then build it once (what a bulk path could do on a large ingest).
      const [ms2, cpu2] = await measure(
        async () => db.runAutoCommit("DROP INDEX entity_names IF EXISTS"),
        async () => {
          const started = performance.now();
          await run(nodeBatches, NODE_VARIANTS["nodes: original"]!);
          await applySchema(db, DEFAULT_SCHEMA); // creates the full-text index and waits for it to come online
          return performance.now() - started;
        },
      );
      results.push(["nodes: original, full-text index built after", "c1", NODES, ms2, cpu2]);
      await applySchema(db, DEFAULT_SCHEMA);
    }
    const jfr = (name: string, timed: () => Promise<number>) => async () => {
      if (!flags.jfr || pid === undefined) return timed();
      const file = join(flags.jfr, `${name.replace(/[^a-z0-9]+/gi, "-")}.jfr`);
      execFileSync("jcmd", [String(pid), "JFR.start", "name=bench", "settings=profile"], { stdio: "ignore" });
      try {
        return await timed();
      } finally {
        execFileSync("jcmd", [String(pid), "JFR.stop", "name=bench", `filename=${file}`], {
          stdio: "ignore",
        });
        console.log(`flight recording: ${file}`);
      }
    };
    const concurrencies = flags.concurrency ? [Number(flags.concurrency)] : [1, 2];
    for (const [name, variant] of Object.entries(REL_VARIANTS)) {
      for (const concurrency of concurrencies) {
        if (!wanted(name)) continue;
        const [ms, cpu] = await measure(
          loadNodes,
          jfr(`${name}-c${concurrency}`, () => run(relBatches, variant, concurrency)),
        );
        results.push([name, `c${concurrency}`, RELS, ms, cpu]);
      }
    }
    if (wanted("sorted")) {
      for (const concurrency of [1, 2]) {
        const [ms, cpu] = await measure(loadNodes, () =>
          run(sortedRelBatches, REL_VARIANTS["rels: original"]!, concurrency),
        );
        results.push(["rels: original, rows sorted by start", `c${concurrency}`, RELS, ms, cpu]);
      }
    }
    console.log("");
    const width = Math.max(...results.map((r) => r[0].length));
    console.log(`best of ${REPEAT}; db CPU = CPU seconds of the Neo4j process during the run`);
    console.log(`${"variant".padEnd(width)}  conc        s     rows/s  db CPU s  rows/db CPU s`);
    for (const [name, conc, rows, ms, cpu] of results) {
      console.log(
        `${name.padEnd(width)}  ${conc.padStart(4)}  ${(ms / 1000).toFixed(2).padStart(7)}  ${fmt((rows * 1000) / ms).padStart(9)}` +
          `  ${cpu.toFixed(1).padStart(8)}  ${fmt(rows / cpu).padStart(13)}`,
      );
    }
  } finally {
    await driver.close();
    await db.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
