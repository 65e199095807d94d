/**
 * Analysis benchmark: `npm run bench:analysis -- [--sizes 1000,10000,50000] [--edges-per-node 4]
 * [--metrics pagerank,louvain,…] [--seed N] [--no-main]`.
 *
 * Every metric of core/analysis on seeded networks (bench/generate-network.ts: news-schema labels and
 * types, N nodes, edges-per-node × N relationships; MENTIONS left out as the panel's default), run
 * in headless Chromium (Debian's chromium) on a small page built by vite for the bench alone
 * (bench/analysis/: not part of the app): once in a web worker, as the analysis panel runs it, and
 * once on the main thread, the baseline in the same run (its long task is the freeze a worker
 * avoids). No Neo4j: the graph is generated in Node and fetched by the page.
 *
 * Columns (milliseconds):
 *   - worker: request → the values back on the main thread (compute + structured clone both ways);
 *   - compute: runMetric's own time inside the worker;
 *   - longest task: the longest main-thread task (PerformanceObserver "longtask", ≥ 50 ms) during
 *     the worker run; "–" when there was none (the goal);
 *   - main: the same metric run on the main thread, and the long task it made.
 * Betweenness and closeness above their size guards (core/analysis/run-metric.ts) are reported as
 * refused, in the worker and on the main thread alike.
 *
 * The machine this ran on is shared: read the worker against the main-thread figures of the same
 * run, not against another machine's.
 */
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import { build } from "vite";
import { METRIC_IDS, defaultCountedTypes, isMetricId } from "../core/analysis/index.ts";
import { DEFAULT_SCHEMA } from "../core/schema/graph-schema.ts";
import { launchBrowser } from "../tests/support/browser.ts";
import { REPO_ROOT } from "../tests/support/database.ts";
import type { CompactGraph } from "./analysis/compact-graph.ts";
import type { Timed } from "./analysis/page.ts";
import { generateNetwork } from "./generate-network.ts";
import { RECORDER, longTasks, resetLongTasks } from "./render-probes.ts";
import { fmt, table } from "./table.ts";

const { values: flags } = parseArgs({
  options: {
    sizes: { type: "string", default: "1000,10000,50000" },
    "edges-per-node": { type: "string", default: "4" },
    metrics: { type: "string", default: METRIC_IDS.join(",") },
    seed: { type: "string", default: "1" },
    "no-main": { type: "boolean", default: false },
  },
  strict: true,
});

const sizes = flags.sizes.split(",").map((s) => Number(s.replace(/_/g, "")));
if (sizes.some((n) => !Number.isSafeInteger(n) || n < 200)) throw new Error("--sizes: integers ≥ 200");
const perNode = Number(flags["edges-per-node"]);
const metrics = flags.metrics.split(",").filter(Boolean);
for (const m of metrics) if (!isMetricId(m)) throw new Error(`--metrics: unknown metric ${m}`);
const seed = Number(flags.seed);

const log = (message: string) => console.log(`[bench] ${message}`);

function compact(nodes: number): { graph: CompactGraph; types: string[] } {
  const dataset = generateNetwork({ seed, nodes, relationships: Math.round(nodes * perNode) });
  const index = new Map(dataset.nodes.map((n, i) => [n.id, i]));
  const typeNames = [...new Set(dataset.relationships.map((r) => r.type))].sort();
  const typeIndex = new Map(typeNames.map((t, i) => [t, i]));
  const graph: CompactGraph = {
    nodes: dataset.nodes.map((n) => n.id),
    sources: [],
    targets: [],
    types: [],
    typeNames,
  };
  for (const r of dataset.relationships) {
    graph.sources.push(index.get(r.start)!);
    graph.targets.push(index.get(r.end)!);
    graph.types.push(typeIndex.get(r.type)!);
  }
  return { graph, types: defaultCountedTypes(DEFAULT_SCHEMA, typeNames) };
}

const MIME: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
};

/** Serves the built page and, at /graph.json, the current graph. */
function serve(dir: string, graph: () => string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    if (path === "/graph.json") {
      response.writeHead(200, { "content-type": MIME[".json"]! }).end(graph());
      return;
    }
    const file = normalize(join(dir, path === "/" ? "index.html" : path));
    if (!file.startsWith(dir)) return void response.writeHead(403).end();
    try {
      const body = readFileSync(file);
      response
        .writeHead(200, { "content-type": MIME[extname(file)] ?? "application/octet-stream" })
        .end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({ server, url: `http://127.0.0.1:${port}/` });
    }),
  );
}

/** Long tasks are reported asynchronously: wait a little, then take the longest that began in the run. */
async function longestTask(page: Page, run?: { startedAt: number; endedAt: number }): Promise<number> {
  await page.waitForTimeout(150);
  const tasks = (await longTasks(page)).filter(
    (t) => !run || (t.start + t.duration >= run.startedAt && t.start <= run.endedAt),
  );
  return Math.max(0, ...tasks.map((t) => t.duration));
}

interface Row {
  nodes: number;
  edges: number;
  metric: string;
  worker?: Timed;
  workerTask: number;
  main?: Timed;
  mainTask: number;
}

const outDir = mkdtempSync(join(tmpdir(), "guanxi-analysis-bench-"));
log("building the bench page (vite)…");
await build({
  root: join(REPO_ROOT, "bench", "analysis"),
  logLevel: "warn",
  configFile: false,
  worker: { format: "es" },
  build: { outDir, emptyOutDir: true },
});
let current = "";
const { server, url } = await serve(outDir, () => current);
const browser = await launchBrowser();
const version = browser.version();
const rows: Row[] = [];
const loads: string[][] = [];
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => log(`page error: ${e.message}`));
  await page.addInitScript(RECORDER);
  await page.goto(url);
  await page.waitForFunction(() => window.__analysisBench !== undefined);
  for (const nodes of sizes) {
    const { graph, types } = compact(nodes);
    current = JSON.stringify(graph);
    const edges = graph.sources.length;
    await resetLongTasks(page);
    const loaded = await page.evaluate(([u, t]) => window.__analysisBench!.load(u, t), [
      `${url}graph.json`,
      types,
    ] as [string, string[]]);
    const loadTask = await longestTask(page);
    loads.push([
      fmt(nodes),
      fmt(edges),
      fmt(loaded.buildMs),
      fmt(loaded.sendMs),
      loadTask ? fmt(loadTask) : "–",
    ]);
    log(`${fmt(nodes)} nodes / ${fmt(edges)} relationships loaded (counted: ${types.join(", ")})`);
    for (const metric of metrics) {
      await resetLongTasks(page);
      const worker = await page.evaluate((m) => window.__analysisBench!.inWorker(m), metric);
      const workerTask = await longestTask(page, worker);
      let main: Row["main"];
      let mainTask = 0;
      if (!flags["no-main"]) {
        await resetLongTasks(page);
        main = await page.evaluate((m) => window.__analysisBench!.onMain(m), metric);
        mainTask = await longestTask(page, main);
      }
      const row: Row = { nodes, edges, metric, worker, workerTask, mainTask, ...(main ? { main } : {}) };
      rows.push(row);
      log(
        `  ${metric}: ${worker.refused ? "refused" : `worker ${fmt(worker.resultMs)} ms, longest task ${fmt(workerTask)} ms`}` +
          (main && !main.refused ? `; main thread ${fmt(main.resultMs)} ms (task ${fmt(mainTask)} ms)` : ""),
      );
    }
  }
  await page.close();
} finally {
  await browser.close();
  server.close();
  rmSync(outDir, { recursive: true, force: true });
}

console.log("");
console.log(
  `Chromium ${version}; ${cpus().length} CPUs (${cpus()[0]?.model ?? "?"}); seed ${seed}, ${perNode} relationships per node`,
);
console.log("");
console.log(
  "Loading each graph (ms): built on the main thread, sent to the worker and built there; longest main-thread task:",
);
console.log(table(["nodes", "relationships", "main build", "to worker", "longest task"], loads));
console.log("");
console.log(
  "Each metric (ms): in the worker (request → values back) with the longest main-thread task meanwhile, then the main-thread baseline:",
);
const cell = (n: number) => (n > 0 ? fmt(n) : "–");
console.log(
  table(
    ["metric", "nodes", "relationships", "worker", "compute", "longest task", "main", "main task"],
    rows.map((r) => {
      const refused = r.worker?.refused !== undefined;
      return [
        r.metric,
        fmt(r.nodes),
        fmt(r.edges),
        refused ? "refused" : fmt(r.worker!.resultMs),
        refused ? "–" : fmt(r.worker!.computeMs),
        refused ? "–" : cell(r.workerTask),
        r.main ? (r.main.refused ? "refused" : fmt(r.main.resultMs)) : "–",
        r.main && !r.main.refused ? cell(r.mainTask) : "–",
      ];
    }),
  ),
);
const over = rows.filter((r) => !r.worker?.refused && r.workerTask > 50);
console.log("");
console.log(
  over.length === 0
    ? "Goal met: no main-thread task over 50 ms while a metric ran in the worker."
    : `Goal missed: ${over.length} worker run(s) had a main-thread task over 50 ms (${over.map((r) => `${r.metric}@${fmt(r.nodes)}`).join(", ")}).`,
);
