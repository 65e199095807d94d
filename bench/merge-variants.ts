/**
 * Investigates the writer's MERGE statements (cypher/ingest/*.cypher) on a generated network:
 * PROFILEs one batch of each, then times variants of the statements — copies kept here, the
 * originals are untouched — on the same bundled Neo4j, cleared between runs.
 *
 *   node bin/run-ts.js bench/merge-variants.ts [--nodes N] [--relationships N] [--batch-size N]
 *     [--only name,name] [--profile-only]
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import neo4j from "neo4j-driver";
import { ensurePassword, freePort, startBundledDb } from "../core/bundled-db.ts";
import { loadCypher } from "../core/cypher-files.ts";
import { GraphDb } from "../core/graph-db.ts";
import type { NodeLabel } from "../core/model.ts";
import { applySchema, planBatches } from "../ingest/write.ts";
import { generateNetwork } from "./generate-network.ts";

const { values: flags } = parseArgs({
  options: {
    nodes: { type: "string", default: "20000" },
    relationships: { type: "string", default: "100000" },
    "batch-size": { type: "string", default: "5000" },
    only: { type: "string" },
    "profile-only": { type: "boolean", default: false },
    seed: { type: "string", default: "1" },
  },
});

const NODES = Number(flags.nodes);
const RELS = Number(flags.relationships);
const BATCH = Number(flags["batch-size"]);

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
  const driver = neo4j.driver(server.uri, neo4j.auth.basic(server.user, server.password));
  try {
    await applySchema(db);
    const dataset = generateNetwork({ seed: Number(flags.seed), nodes: NODES, relationships: RELS });
    const labels = new Map<string, NodeLabel>(dataset.nodes.map((n) => [n.id, n.label]));
    const batches = planBatches(dataset, labels, BATCH);
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
    const results: [string, string, number, number][] = [];
    const sortedRelBatches = relBatches.map((b) => ({
      ...b,
      rows: [...b.rows].sort((x, y) => String(x.start).localeCompare(String(y.start))),
    }));
    for (const [name, variant] of Object.entries(NODE_VARIANTS)) {
      if (!wanted(name)) continue;
      const ms = await run(nodeBatches, variant);
      results.push([name, "c1", NODES, ms]);
      await clear();
    }
    // The full-text index over names: how much of the node write is it?
    if (wanted("fulltext")) {
      await db.runAutoCommit("DROP INDEX entity_names IF EXISTS");
      const ms = await run(nodeBatches, NODE_VARIANTS["nodes: original"]!);
      results.push(["nodes: original, no full-text index", "c1", NODES, ms]);
      await clear();
      await applySchema(db);
    }
    for (const [name, variant] of Object.entries(REL_VARIANTS)) {
      for (const concurrency of [1, 2]) {
        if (!wanted(name)) continue;
        await loadNodes();
        const ms = await run(relBatches, variant, concurrency);
        results.push([name, `c${concurrency}`, RELS, ms]);
        await clear();
      }
    }
    if (wanted("sorted")) {
      for (const concurrency of [1, 2]) {
        await loadNodes();
        const ms = await run(sortedRelBatches, REL_VARIANTS["rels: original"]!, concurrency);
        results.push(["rels: original, rows sorted by start", `c${concurrency}`, RELS, ms]);
        await clear();
      }
    }
    console.log("");
    const width = Math.max(...results.map((r) => r[0].length));
    console.log(`${"variant".padEnd(width)}  conc        s     rows/s`);
    for (const [name, conc, rows, ms] of results) {
      console.log(
        `${name.padEnd(width)}  ${conc.padStart(4)}  ${(ms / 1000).toFixed(2).padStart(7)}  ${fmt((rows * 1000) / ms).padStart(9)}`,
      );
    }
  } finally {
    await driver.close();
    await db.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void loadCypher; // the originals are used through planBatches
await main();
