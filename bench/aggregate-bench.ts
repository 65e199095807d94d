/**
 * `npm run bench:aggregate -- --sizes 20000,200000`: the aggregated first view (GET /api/overview
 * above GUANXI_AGGREGATE_ABOVE: counts per label and per (label, type, label) from the count store)
 * beside, in the same run on the same database, the first view it replaces (the most connected 400
 * nodes and the relationships among them). Generated networks (bench/generate-network.ts, 4
 * relationships per node) in a scratch bundled Neo4j; the median of `--runs` requests each, after one
 * warm-up. Read the ratio, not the absolute figures, on a busy machine.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { OverviewResponse } from "../core/api-types.ts";
import { DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";
import { writeDataset } from "../ingest/write.ts";
import { buildServer } from "../server/app.ts";
import { generateNetwork } from "./generate-network.ts";
import { startScratchDb } from "./scratch-db.ts";

const { values: flags } = parseArgs({
  options: {
    sizes: { type: "string", default: "20000,100000" },
    runs: { type: "string", default: "5" },
    heap: { type: "string", default: "2g" },
    "page-cache": { type: "string", default: "1g" },
    keep: { type: "boolean", default: false },
  },
});
const sizes = flags.sizes.split(",").map((s) => Number(s.trim()));
const runs = Number(flags.runs);
const log = (line: string) => process.stderr.write(`${line}\n`);
const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const scratch = await startScratchDb({
  prefix: "guanxi-aggregate-bench-db-",
  heap: flags.heap,
  pageCache: flags["page-cache"],
  keep: flags.keep,
});
const { db } = scratch;
const rows: string[] = [];
try {
  const sampled = buildServer({ db, aggregateAbove: Infinity });
  const aggregated = buildServer({ db, aggregateAbove: 0 });
  const time = async (app: typeof sampled): Promise<{ ms: number; body: OverviewResponse }> => {
    let body: OverviewResponse | undefined;
    const times: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const at = performance.now();
      const response = await app.inject({ method: "GET", url: "/api/overview?limit=400" });
      if (response.statusCode !== 200) throw new Error(`overview: ${response.statusCode} ${response.body}`);
      body = response.json<OverviewResponse>();
      if (i > 0) times.push(performance.now() - at); // the first warms plans and the page cache
    }
    return { ms: median(times), body: body! };
  };
  for (const nodes of sizes) {
    await db.runAutoCommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS");
    const started = performance.now();
    const dataset = generateNetwork({ seed: 3, nodes, relationships: nodes * 4 });
    await writeDataset(db, dataset, DEFAULT_SCHEMA, { batchSize: 5_000 });
    log(`${fmt(nodes)} nodes ingested in ${fmt((performance.now() - started) / 1000, 1)} s`);
    const before = await time(sampled);
    const now = await time(aggregated);
    const groups = now.body.aggregated!;
    rows.push(
      [
        `${fmt(nodes)} / ${fmt(nodes * 4)}`.padEnd(20),
        fmt(before.ms, 1).padStart(12),
        fmt(now.ms, 1).padStart(12),
        `${fmt(now.ms / before.ms, 2)}×`.padStart(8),
        `${groups.groups.length} groups, ${groups.links.length} links`,
      ].join("  "),
    );
  }
  await sampled.close();
  await aggregated.close();
} finally {
  await scratch.stop();
}
console.log(
  `GET /api/overview?limit=400, median of ${runs} requests in ms (after one warm-up)\n` +
    `nodes / rels          400 sampled   aggregated     ratio  aggregate\n` +
    rows.join("\n"),
);
