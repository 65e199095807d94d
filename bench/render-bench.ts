/**
 * Render benchmark: `npm run bench:render -- [--sizes 1000,10000,50000] [--edges-per-node 4]
 * [--interactive 20000:100000] [--no-interactive] [--no-baseline] [--fps-ms 3000] [--seed N] [--keep]
 * [--profile]`.
 *
 * Starts its own bundled Neo4j (temporary data directory, free port), builds the explorer once
 * (`vite build`), serves it with the real API (overview limit raised to the largest size), and opens
 * it in headless Chromium (Debian's chromium, WebGL through SwiftShader: a CPU rasteriser, so frame
 * rates are far below a real GPU's). For each size the database is cleared and a seeded network
 * (bench/generate-network.ts, N nodes, edges-per-node × N relationships) is written, then the page
 * loads the WHOLE graph with `/?limit=N` — the explorer's own first view stays capped (400 nodes).
 * Each non-interactive size is loaded twice in the same run: first as before issue 13
 * (`/?limit=N&baseline=1`: sigma following every element as it is imported, no partial first frame),
 * then the current way (rows "before" and plain); `--no-baseline` skips the first. The overview's Neo4j
 * reads are also timed from here, the old statement (relationship values, a seek per node) beside the
 * route's (a third table).
 *
 * Columns of the first table (milliseconds unless said):
 *   - query: server time of GET /api/overview from its Server-Timing header — Neo4j reads (with the
 *     driver's decoding), building the response, JSON serialisation;
 *   - transfer: Resource Timing, first byte → last byte of the response (MB: its size);
 *   - parse: last byte → the app starts building the graph (response.json());
 *   - build: the app's `guanxi:graph-build` measure (API nodes/edges → the graphology graph);
 *   - render: the build's end → sigma's first frame with the graph (`guanxi:first-frame` mark);
 *   - total: the request's start → that first frame; "vs before": total / the baseline row's total;
 *   - partial: the request's start → the partial first frame (the most connected 10,000 nodes, a
 *     smaller request sent first; only views of more nodes: then "total" starts at that request);
 *   - load task: the longest main-thread task from page open until the first view is laid out
 *     and framed (ForceAtlas2 runs in a worker; each of its steps is drawn, names not on large graphs);
 *   - fps: frames sigma drew per second during a camera animation (zoom in past the relationship
 *     labels threshold while panning, then back), after the layout finished;
 *   - heap/elt: JS heap after a forced GC minus the same page with an empty graph, per node+edge
 *     (V8 heap; WebGL buffers live in the GPU process and are not counted).
 * The second table drives real input on the interactive size (20,000 nodes / 100,000 relationships):
 * mouse drags that pan and wheel zooms, recording every main-thread task over 50 ms
 * (PerformanceObserver "longtask"): how many, how many over 100 ms, the longest. `--profile` runs
 * that input under the V8 profiler, prints the functions with the most self time and writes the
 * .cpuprofile (open it in Chromium's DevTools, Performance panel) to the system's temp directory;
 * it also profiles each non-interactive load (page open → laid out), `guanxi-load-N[-baseline].cpuprofile`.
 */
import { DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";
import { writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { Browser, Page } from "playwright-core";
import { build } from "vite";
import type { GraphDb } from "../core/node/graph-db.ts";
import { writeDataset } from "../ingest/write.ts";
import { loadCypher } from "../core/node/cypher-files.ts";
import type { PlainNode, PlainRelationship } from "../core/plain-values.ts";
import { BULK_OMITTED_PROPERTIES, SubgraphBuilder } from "../core/subgraph.ts";
import { addRelationshipsAmong } from "../server/graph-reads.ts";
import { OVERVIEW_RELATIONSHIPS_PER_NODE } from "../server/routes/overview.ts";
import { WEB_DIST, startServer } from "../server/serve.ts";
import { launchBrowser } from "../tests/support/browser.ts";
import { REPO_ROOT } from "../tests/support/database.ts";
import { generateNetwork } from "./generate-network.ts";
import {
  RECORDER,
  cameraAnimation,
  heapAfterGc,
  hottest,
  loadTimeline,
  longTasks,
  panAndZoom,
  profiled,
  resetLongTasks,
  webglRenderer,
  type LongTask,
} from "./render-probes.ts";
import { fmt, table } from "./table.ts";
import { startScratchDb } from "./scratch-db.ts";

// ---------------------------------------------------------------------------------------------
// Options

const { values: flags } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000,50000" },
    "edges-per-node": { type: "string", default: "4" },
    interactive: { type: "string", default: "20000:100000" },
    "no-interactive": { type: "boolean", default: false },
    "fps-ms": { type: "string", default: "3000" },
    seed: { type: "string", default: "1" },
    keep: { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    "no-baseline": { type: "boolean", default: false },
    heap: { type: "string", default: "2g" },
    "page-cache": { type: "string", default: "1g" },
  },
  strict: true,
});

function positive(name: string, value: string): number {
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} needs positive integers, got ${value}`);
  return n;
}

interface Size {
  nodes: number;
  relationships: number;
  /** Also drive real panning and zooming, recording long tasks. */
  interactive: boolean;
}

function plannedSizes(): Size[] {
  const perNode = Number(flags["edges-per-node"]);
  if (!(perNode >= 0)) throw new Error(`--edges-per-node needs a number, got ${flags["edges-per-node"]}`);
  const sizes: Size[] = flags.sizes
    .split(",")
    .filter(Boolean)
    .map((s) => {
      const nodes = positive("sizes", s);
      return { nodes, relationships: Math.round(nodes * perNode), interactive: false };
    });
  if (!flags["no-interactive"]) {
    const [nodes, relationships] = flags.interactive.split(":").map((s) => positive("interactive", s));
    if (nodes === undefined || relationships === undefined)
      throw new Error("--interactive needs NODES:RELATIONSHIPS");
    sizes.push({ nodes, relationships, interactive: true });
  }
  return sizes.sort((a, b) => a.nodes - b.nodes);
}

const sizes = plannedSizes();
const fpsMs = positive("fps-ms", flags["fps-ms"]);
const seed = positive("seed", flags.seed);

const log = (message: string) => console.log(`[bench] ${message}`);
const ms = (n: number) => fmt(n, 0);

// ---------------------------------------------------------------------------------------------
// One size

interface Result {
  size: Size;
  /** Loaded as before issue 13 (`?baseline=1`): sigma following every element, no partial frame. */
  baseline: boolean;
  /** Request → the partial first frame (the most connected 10,000 nodes); NaN when there was none. */
  partialMs: number;
  nodes: number;
  edges: number;
  queryMs: number;
  server: Record<string, number>;
  transferMs: number;
  megabytes: number;
  parseMs: number;
  buildMs: number;
  renderMs: number;
  totalMs: number;
  readyMs: number;
  loadTask: number;
  fps: number;
  browserFps: number;
  heapPerElement: number;
  backingPerElement: number;
  interaction?: LongTask[];
}

async function clear(db: GraphDb): Promise<void> {
  await db.runAutoCommit("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS");
}

async function ingest(db: GraphDb, size: Size): Promise<void> {
  const started = performance.now();
  const dataset = generateNetwork({ seed, nodes: size.nodes, relationships: size.relationships });
  await writeDataset(db, dataset, DEFAULT_SCHEMA, { batchSize: 5_000 });
  log(
    `ingested ${fmt(dataset.nodes.length)} nodes / ${fmt(dataset.relationships.length)} relationships ` +
      `in ${fmt((performance.now() - started) / 1000, 1)} s`,
  );
}

/** Opens the explorer asking for `limit` nodes; resolves once its first view is laid out and framed. */
async function openExplorer(
  browser: Browser,
  url: string,
  limit: number,
  { profile = false, baseline = false }: { profile?: boolean; baseline?: boolean } = {},
): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on("pageerror", (e) => log(`page error: ${e.message}`));
  await page.addInitScript(RECORDER);
  const load = async () => {
    await page.goto(`${url}?limit=${limit}${baseline ? "&baseline=1" : ""}`);
    await page.waitForFunction(() => window.__guanxi !== undefined, null, { timeout: 60_000 });
    await page.evaluate(() => window.__guanxi!.ready);
  };
  if (!profile) {
    await load();
    return page;
  }
  const cpuProfile = await profiled(await page.context().newCDPSession(page), load);
  const file = join(tmpdir(), `guanxi-load-${limit}${baseline ? "-baseline" : ""}.cpuprofile`);
  writeFileSync(file, JSON.stringify(cpuProfile));
  log(`  profile of the load: ${file}; most self time:`);
  for (const [name, selfMs] of hottest(cpuProfile, 25)) log(`    ${ms(selfMs).padStart(6)} ms  ${name}`);
  return page;
}

async function measure(
  browser: Browser,
  url: string,
  size: Size,
  emptyHeap: number,
  baseline = false,
): Promise<Result> {
  const page = await openExplorer(browser, url, size.nodes, {
    profile: flags.profile && !size.interactive,
    baseline,
  });
  try {
    const t = await loadTimeline(page, size.nodes);
    const readyMs = await page.evaluate(() => performance.now());
    const loadTask = Math.max(0, ...(await longTasks(page)).map((task) => task.duration));
    const serverMs = Object.values(t.server).reduce((a, b) => a + b, 0);
    const buildEnd = t.buildStart + t.buildMs;

    const rate = await cameraAnimation(page, fpsMs);
    const cdp = await page.context().newCDPSession(page);
    const heap = await heapAfterGc(cdp);
    const elements = t.nodes + t.edges;

    let interaction: LongTask[] | undefined;
    if (size.interactive && !baseline) {
      await resetLongTasks(page);
      if (flags.profile) {
        const profile = await profiled(cdp, () => panAndZoom(page));
        const file = join(tmpdir(), `guanxi-render-${size.nodes}.cpuprofile`);
        writeFileSync(file, JSON.stringify(profile));
        log(`  profile of panning and zooming: ${file}; most self time:`);
        for (const [name, selfMs] of hottest(profile)) log(`    ${ms(selfMs).padStart(6)} ms  ${name}`);
      } else {
        await panAndZoom(page);
      }
      interaction = await longTasks(page);
    }
    return {
      size,
      baseline,
      partialMs: t.partialFrame === undefined ? NaN : t.partialFrame - t.fetchStart,
      nodes: t.nodes,
      edges: t.edges,
      queryMs: serverMs,
      server: t.server,
      transferMs: t.responseEnd - t.responseStart,
      megabytes: t.bodyBytes / 1e6,
      parseMs: t.buildStart - t.responseEnd,
      buildMs: t.buildMs,
      renderMs: t.firstFrame - buildEnd,
      totalMs: t.firstFrame - t.fetchStart,
      readyMs,
      loadTask,
      fps: (rate.renders * 1000) / rate.ms,
      browserFps: (rate.animationFrames * 1000) / rate.ms,
      heapPerElement: (heap.used - emptyHeap) / Math.max(1, elements),
      backingPerElement: heap.backing / Math.max(1, elements),
      ...(interaction ? { interaction } : {}),
    };
  } finally {
    await page.close();
  }
}

interface ReadTiming {
  size: Size;
  beforeMs: number;
  nowMs: number;
}

/** The overview's reads and response build for the whole graph, the old way and the route's way. */
async function timeReads(db: GraphDb, size: Size): Promise<ReadTiming> {
  const limit = size.nodes;
  const cap = limit * OVERVIEW_RELATIONSHIPS_PER_NODE;
  const nodes = async () => {
    const builder = new SubgraphBuilder(BULK_OMITTED_PROPERTIES, DEFAULT_SCHEMA);
    const totals = (await db.read(loadCypher("explore/totals"))).rows[0]!;
    const { rows } = await db.read(loadCypher("explore/top-nodes"), { limit });
    for (const row of rows) builder.addNode(row.n as PlainNode, Number(row.degree));
    return { builder, keys: rows.map((r) => (r.n as PlainNode).elementId), total: Number(totals.nodes) };
  };
  const timed = async (work: () => Promise<void>) => {
    const started = performance.now();
    await work();
    return performance.now() - started;
  };
  const beforeMs = await timed(async () => {
    const { builder, keys } = await nodes();
    const { rows } = await db.read(loadCypher("bench/relationships-among-values"), { keys, limit: cap + 1 });
    for (const row of rows.slice(0, cap)) builder.addEdge(row.r as PlainRelationship);
    builder.build();
  });
  const nowMs = await timed(async () => {
    const { builder, keys, total } = await nodes();
    await addRelationshipsAmong(db, builder, keys, cap, { all: keys.length === total });
    builder.build();
  });
  return { size, beforeMs, nowMs };
}

// ---------------------------------------------------------------------------------------------
// Output

function printResults(results: Result[], reads: ReadTiming[], environment: string[]): void {
  const before = (r: Result) => results.find((b) => b.baseline && b.size === r.size);
  console.log("");
  for (const line of environment) console.log(line);
  console.log("");
  console.log("First view of the whole graph, request → first frame (ms), then camera FPS and heap:");
  console.log(
    table(
      [
        "nodes / edges",
        "query",
        "(db/build/json)",
        "transfer",
        "MB",
        "parse",
        "build",
        "render",
        "total",
        "vs before",
        "partial",
        "ready s",
        "load task",
        "fps",
        "heap B/elt",
      ],
      results.map((r) => [
        `${fmt(r.nodes)} / ${fmt(r.edges)}${r.baseline ? " before" : ""}`,
        ms(r.queryMs),
        ["db", "build", "json"].map((k) => ms(r.server[k] ?? NaN)).join("/"),
        ms(r.transferMs),
        fmt(r.megabytes, 1),
        ms(r.parseMs),
        ms(r.buildMs),
        ms(r.renderMs),
        ms(r.totalMs),
        ((b) => (b && !r.baseline ? `${fmt(r.totalMs / b.totalMs, 2)}×` : "–"))(before(r)),
        ms(r.partialMs),
        fmt(r.readyMs / 1000, 1),
        ms(r.loadTask),
        fmt(r.fps, 1),
        fmt(r.heapPerElement, 0),
      ]),
    ),
  );
  console.log("");
  console.log(
    "The overview's Neo4j reads + response build, timed from the bench on the same data (ms): before = " +
      "relationship values with a seek per node; now = plain columns, one scan when every node is in the view:",
  );
  console.log(
    table(
      ["nodes / edges", "before", "now", "now / before"],
      reads.map((r) => [
        `${fmt(r.size.nodes)} / ${fmt(r.size.relationships)}`,
        ms(r.beforeMs),
        ms(r.nowMs),
        `${fmt(r.nowMs / r.beforeMs, 2)}×`,
      ]),
    ),
  );
  const interactive = results.filter((r) => r.interaction);
  if (interactive.length === 0) return;
  console.log("");
  console.log(
    "Panning (4 mouse drags of 12 moves) and zooming (12 wheel ticks) with the graph loaded — main-thread tasks:",
  );
  console.log(
    table(
      ["nodes / edges", "tasks > 50 ms", "tasks > 100 ms", "longest ms", "verdict"],
      interactive.map((r) => {
        const tasks = r.interaction ?? [];
        const longest = Math.max(0, ...tasks.map((t) => t.duration));
        const over = tasks.filter((t) => t.duration > 100).length;
        return [
          `${fmt(r.nodes)} / ${fmt(r.edges)}`,
          tasks.length,
          over,
          ms(longest),
          over === 0 ? "interactive (no task over 100 ms)" : "NOT interactive",
        ];
      }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  log("starting a bundled Neo4j in a temporary directory");
  let browser: Browser | undefined;
  let app: Awaited<ReturnType<typeof startServer>> | undefined;
  const closeApp = async () => {
    await browser?.close();
    await app?.close();
  };
  const scratch = await startScratchDb({
    prefix: "guanxi-render-bench-db-",
    heap: flags.heap,
    pageCache: flags["page-cache"],
    keep: flags.keep,
    onInterrupt: closeApp,
  });
  const { db } = scratch;
  try {
    log("building the explorer (vite build)…");
    await build({ configFile: join(REPO_ROOT, "vite.config.ts"), logLevel: "warn" });
    const maxNodes = Math.max(...sizes.map((s) => s.nodes));
    app = await startServer({
      db,
      port: 0,
      staticDir: WEB_DIST,
      overviewMaxLimit: maxNodes,
      aggregateAbove: Infinity,
    });
    browser = await launchBrowser();

    // The empty graph's heap: the baseline every size's heap is measured against.
    const empty = await openExplorer(browser, app.url, 1);
    const emptyHeap = (await heapAfterGc(await empty.context().newCDPSession(empty))).used;
    const renderer = await webglRenderer(empty);
    await empty.close();

    const results: Result[] = [];
    const reads: ReadTiming[] = [];
    for (const size of sizes) {
      await clear(db);
      await ingest(db, size);
      // First: it also warms Neo4j (plans, page cache) for both page loads alike.
      if (!size.interactive) {
        const timing = await timeReads(db, size);
        log(`  overview reads: before ${ms(timing.beforeMs)} ms, now ${ms(timing.nowMs)} ms`);
        reads.push(timing);
      }
      for (const baseline of size.interactive || flags["no-baseline"] ? [false] : [true, false]) {
        log(
          `loading ${fmt(size.nodes)} nodes into the explorer${baseline ? " as before (?baseline=1)" : ""}…`,
        );
        const result = await measure(browser, app.url, size, emptyHeap, baseline);
        log(
          `  first frame after ${ms(result.totalMs)} ms` +
            (Number.isNaN(result.partialMs) ? "" : ` (partial after ${ms(result.partialMs)} ms)`) +
            `, ready after ${fmt(result.readyMs / 1000, 1)} s, ` +
            `${fmt(result.fps, 1)} fps (browser ${fmt(result.browserFps, 1)}), longest load task ${ms(result.loadTask)} ms`,
        );
        results.push(result);
      }
    }
    const cpu = cpus()[0]?.model ?? "unknown CPU";
    printResults(results, reads, [
      `machine: ${cpus().length} × ${cpu} (shared), Node ${process.version}, Chromium ${browser.version()} headless`,
      `WebGL: ${renderer} — software rendering on the CPU; a real GPU draws far faster.`,
      `empty-graph page heap: ${fmt(emptyHeap / 1e6, 1)} MB; seed ${seed}; viewport 1440×900`,
    ]);
  } finally {
    await closeApp();
    await scratch.stop();
  }
}

await main();
