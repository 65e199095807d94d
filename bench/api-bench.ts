/**
 * Small-graph benchmark: `npm run bench:api -- [--repeat 200] [--navigations 10] [--fresh 3]
 * [--no-browser] [--no-build] [--keep]`.
 *
 * Starts its own bundled Neo4j (temporary data directory, free port), writes the seed
 * (data/seed.json, as `guanxi ingest` does) and runs the real server as a user does,
 * `guanxi serve` in its own process (bin/guanxi.js), so "a fresh server" is a fresh Node process
 * with a cold JIT, cold driver pool and whatever start-up warming the server does. Measured, in ms:
 *
 *   - cold overview: the first GET /api/overview?limit=400 (what the explorer asks for) sent the
 *     moment the server prints its address — once on a fresh Neo4j (no query plans cached yet),
 *     then `--fresh` times on a fresh server over the now-warm Neo4j (median);
 *   - warm: `--repeat` rounds asking each route once in turn (interleaved, so every route gets the
 *     same share of the shared machine's load), p50/p99, of the overview, expand (POST /api/expand), the
 *     inspector's node details (GET /api/nodes/:key) and relationship (GET /api/relationships/:key),
 *     search (GET /api/search, a prefix of a name), and the baseline `RETURN 1` through the API
 *     (POST /api/query), all round trips from this process over keep-alive HTTP; the overview's
 *     server time from its Server-Timing header;
 *   - in headless Chromium (warm server, `--navigations` page loads, p50/max): the page's DOM
 *     ready (the baseline: what any page of the explorer needs), sigma's first frame with the graph
 *     (`guanxi:first-frame`), and the first view laid out and framed (`guanxi:settled`, else when
 *     `window.__guanxi.ready` resolved), all from navigation start.
 *
 * Each figure is printed beside its goal (issue 13 §1) and the `RETURN 1` baseline of the same run: the
 * machine is shared, so read the ratios.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { cpus } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import type { Browser } from "playwright-core";
import { build } from "vite";
import type { OverviewResponse } from "../core/api-types.ts";
import { freePort } from "../db/client/bundled-db.ts";
import { SEED_DATASET, ingestFiles } from "../ingest/ingest.ts";
import { launchBrowser } from "../tests/support/browser.ts";
import { REPO_ROOT } from "../tests/support/database.ts";
import { startScratchDb, type ScratchDb } from "./scratch-db.ts";
import { fmt, table } from "./table.ts";

const { values: flags } = parseArgs({
  options: {
    repeat: { type: "string", default: "200" },
    navigations: { type: "string", default: "10" },
    fresh: { type: "string", default: "3" },
    "no-browser": { type: "boolean", default: false },
    "no-build": { type: "boolean", default: false },
    keep: { type: "boolean", default: false },
  },
  strict: true,
});

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`--${name} needs a positive integer, got ${value}`);
  return n;
}

const repeat = positive("repeat", flags.repeat);
const navigations = positive("navigations", flags.navigations);
const freshRuns = positive("fresh", flags.fresh);
const OVERVIEW = "api/overview?limit=400";

const log = (message: string) => console.log(`[bench] ${message}`);
const ms = (n: number) => fmt(n, 1);

/** The q-quantile (0..1) of `values`, nearest rank. */
function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

// ---------------------------------------------------------------------------------------------
// The server, as a user runs it

interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Spawn → the address printed (ms). */
  startMs: number;
  stop(): Promise<void>;
}

async function startServerProcess(scratch: ScratchDb): Promise<ServerProcess> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, "bin", "guanxi.js"), "serve", "--port", String(port)],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NEO4J_URI: scratch.server.uri,
        NEO4J_USER: scratch.server.user,
        NEO4J_PASSWORD: scratch.server.password,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /at (https?:\/\/\S+?)(?:api\/health)?\s*$/m.exec(out);
      if (m) resolve(m[1]!.endsWith("/") ? m[1]! : `${m[1]}/`);
    });
    child.once("exit", (code) => reject(new Error(`guanxi serve exited (${code}):\n${stderr}`)));
  });
  const startMs = performance.now() - started;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return { url, child, startMs, stop };
}

interface Timed {
  ms: number;
  /** Server-Timing durations summed (NaN without the header). */
  serverMs: number;
  status: number;
  body: unknown;
}

async function timed(url: string, init?: RequestInit): Promise<Timed> {
  const started = performance.now();
  const response = await fetch(url, init);
  const body: unknown = await response.json();
  const elapsed = performance.now() - started;
  const header = response.headers.get("server-timing");
  const serverMs = header
    ? [...header.matchAll(/dur=([\d.]+)/g)].reduce((sum, m) => sum + Number(m[1]), 0)
    : NaN;
  if (!response.ok)
    throw new Error(`${init?.method ?? "GET"} ${url}: ${response.status} ${JSON.stringify(body)}`);
  return { ms: elapsed, serverMs, status: response.status, body };
}

const post = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

// ---------------------------------------------------------------------------------------------
// Measurements

interface Series {
  name: string;
  goal: string;
  times: number[];
  server?: number[];
  /** Goals in ms for p50 and p99, to print a verdict. */
  p50Goal?: number;
  p99Goal?: number;
}

interface Route {
  name: string;
  goal: { p50?: number; p99?: number };
  request: (i: number) => Promise<Timed>;
}

/**
 * `repeat` rounds, each asking every route once in turn: the load of the shared machine changes
 * over a run, and interleaving gives every route (and the baseline) the same share of it.
 */
async function interleaved(routes: Route[]): Promise<Series[]> {
  const times = routes.map((): number[] => []);
  const server = routes.map((): number[] => []);
  for (let i = 0; i < repeat; i++) {
    for (const [r, route] of routes.entries()) {
      const t = await route.request(i);
      times[r]!.push(t.ms);
      if (Number.isFinite(t.serverMs)) server[r]!.push(t.serverMs);
    }
  }
  return routes.map(({ name, goal }, r) => ({
    name,
    goal: [
      goal.p50 !== undefined ? `p50 ≤ ${goal.p50}` : "",
      goal.p99 !== undefined ? `p99 ≤ ${goal.p99}` : "",
    ]
      .filter(Boolean)
      .join(", "),
    times: times[r]!,
    ...(server[r]!.length ? { server: server[r]! } : {}),
    ...(goal.p50 !== undefined ? { p50Goal: goal.p50 } : {}),
    ...(goal.p99 !== undefined ? { p99Goal: goal.p99 } : {}),
  }));
}

async function warmSeries(url: string): Promise<Series[]> {
  const overview = (await timed(url + OVERVIEW)).body as OverviewResponse;
  const nodes = overview.nodes;
  const edges = overview.edges;
  if (nodes.length === 0 || edges.length === 0) throw new Error("the seed's overview is empty");
  // Names to search: the first two characters of each name (a prefix, as typed).
  const queries = nodes.map((n) => [...n.name].slice(0, 2).join("")).filter((q) => q.trim() !== "");
  const at = <T>(list: T[], i: number) => list[i % list.length]!;
  // One untimed pass over every route: the first call of each is the cold one, measured apart.
  await timed(url + "api/query", post({ cypher: "RETURN 1" }));
  await timed(url + "api/expand", post({ key: nodes[0]!.key }));
  await timed(url + `api/nodes/${encodeURIComponent(nodes[0]!.key)}`);
  await timed(url + `api/relationships/${encodeURIComponent(edges[0]!.key)}`);
  await timed(url + `api/search?q=${encodeURIComponent(queries[0]!)}`);
  const api = { p50: 50, p99: 150 };
  return interleaved([
    {
      name: "RETURN 1 via POST /api/query (baseline)",
      goal: {},
      request: () => timed(url + "api/query", post({ cypher: "RETURN 1" })),
    },
    { name: "GET /api/overview?limit=400", goal: { p50: 60 }, request: () => timed(url + OVERVIEW) },
    {
      name: "POST /api/expand",
      goal: api,
      request: (i) => timed(url + "api/expand", post({ key: at(nodes, i).key })),
    },
    {
      name: "GET /api/nodes/:key (inspector)",
      goal: api,
      request: (i) => timed(url + `api/nodes/${encodeURIComponent(at(nodes, i).key)}`),
    },
    {
      name: "GET /api/relationships/:key",
      goal: api,
      request: (i) => timed(url + `api/relationships/${encodeURIComponent(at(edges, i).key)}`),
    },
    {
      name: "GET /api/search?q=…",
      goal: api,
      request: (i) => timed(url + `api/search?q=${encodeURIComponent(at(queries, i))}`),
    },
  ]);
}

interface PageLoad {
  domReady: number;
  firstFrame: number;
  settled: number;
  overviewServer: number;
}

async function browserLoads(browser: Browser, url: string): Promise<PageLoad[]> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const loads: PageLoad[] = [];
  try {
    for (let i = 0; i <= navigations; i++) {
      const page = await context.newPage();
      page.on("pageerror", (e) => log(`page error: ${e.message}`));
      await page.addInitScript("globalThis.__name ??= (fn) => fn;");
      await page.goto(url);
      await page.waitForFunction(() => window.__guanxi !== undefined, null, { timeout: 60_000 });
      const load = await page.evaluate(async () => {
        await window.__guanxi!.ready;
        const readyAt = performance.now();
        const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
        const entries = performance.getEntriesByType as (type: string) => PerformanceEntry[];
        const nav = entries.call(performance, "navigation")[0] as PerformanceNavigationTiming | undefined;
        const overview = performance
          .getEntriesByType("resource")
          .find((e) => e.name.includes("/api/overview")) as PerformanceResourceTiming | undefined;
        const settled = mark("guanxi:settled");
        return {
          domReady: nav ? nav.domContentLoadedEventEnd : NaN,
          firstFrame: mark("guanxi:first-frame"),
          settled: Number.isFinite(settled) ? settled : readyAt,
          overviewServer: (overview?.serverTiming ?? []).reduce((sum, t) => sum + t.duration, 0),
        };
      });
      await page.close();
      if (i > 0) loads.push(load); // the first load warms the browser's cache of the scripts
    }
  } finally {
    await context.close();
  }
  return loads;
}

// ---------------------------------------------------------------------------------------------

function verdict(value: number, goal: number | undefined): string {
  if (goal === undefined) return "";
  return value <= goal ? "met" : "NOT met";
}

async function main(): Promise<void> {
  log("starting a bundled Neo4j in a temporary directory");
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  const scratch = await startScratchDb({
    prefix: "guanxi-api-bench-db-",
    heap: "1g",
    pageCache: "256m",
    keep: flags.keep,
    onInterrupt: async () => {
      await browser?.close();
      await server?.stop();
    },
  });
  try {
    await ingestFiles(scratch.db, [SEED_DATASET]);
    const counts = (await scratch.db.read("MATCH (n) RETURN count(n) AS n")).rows[0]!;
    log(`seed written: ${String(counts.n)} nodes`);
    if (!flags["no-build"] && !flags["no-browser"]) {
      log("building the explorer (vite build)…");
      await build({ configFile: join(REPO_ROOT, "vite.config.ts"), logLevel: "warn" });
    }

    // Cold: a fresh server on a fresh Neo4j, asked the moment it prints its address.
    server = await startServerProcess(scratch);
    const coldFirst = await timed(server.url + OVERVIEW);
    const coldFirstStart = server.startMs;
    log(
      `fresh Neo4j + fresh server: listening after ${ms(server.startMs)} ms, first overview ${ms(coldFirst.ms)} ms`,
    );
    const warm = await warmSeries(server.url);
    let loads: PageLoad[] = [];
    if (!flags["no-browser"]) {
      browser = await launchBrowser();
      loads = await browserLoads(browser, server.url);
    }
    await server.stop();
    server = undefined;

    // Cold again on a warm Neo4j: a restarted server (its own process each time).
    const cold: { start: number; overview: number; server: number; second: number }[] = [];
    for (let i = 0; i < freshRuns; i++) {
      server = await startServerProcess(scratch);
      const first = await timed(server.url + OVERVIEW);
      const second = await timed(server.url + OVERVIEW);
      cold.push({ start: server.startMs, overview: first.ms, server: first.serverMs, second: second.ms });
      await server.stop();
      server = undefined;
    }

    const baseline = quantile(warm[0]!.times, 0.5);
    console.log("");
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"} (shared: read the ratios), Node ${process.version}` +
        (browser ? `, Chromium ${browser.version()} headless` : ""),
    );
    console.log(
      `seed: ${String(counts.n)} nodes; ${repeat} requests per route; RETURN 1 p50 = ${ms(baseline)} ms`,
    );
    console.log("");
    console.log("Fresh server (a new `guanxi serve` process), first GET /api/overview?limit=400 (ms):");
    const coldMedian = (k: keyof (typeof cold)[number]) =>
      quantile(
        cold.map((c) => c[k]),
        0.5,
      );
    console.log(
      table(
        ["case", "listening after", "first overview", "(server)", "second", "goal", "verdict"],
        [
          [
            "fresh Neo4j too",
            ms(coldFirstStart),
            ms(coldFirst.ms),
            ms(coldFirst.serverMs),
            "–",
            "≤ 1,000",
            verdict(coldFirst.ms, 1000),
          ],
          [
            `warm Neo4j (median of ${freshRuns})`,
            ms(coldMedian("start")),
            ms(coldMedian("overview")),
            ms(coldMedian("server")),
            ms(coldMedian("second")),
            "≤ 1,000",
            verdict(coldMedian("overview"), 1000),
          ],
        ],
      ),
    );
    console.log("");
    console.log("Warm server, round trips from this process (ms):");
    console.log(
      table(
        ["request", "p50", "p99", "× RETURN 1", "server p50", "goal", "verdict"],
        warm.map((s) => {
          const p50 = quantile(s.times, 0.5);
          const p99 = quantile(s.times, 0.99);
          const met = [verdict(p50, s.p50Goal), verdict(p99, s.p99Goal)].filter(Boolean);
          return [
            s.name,
            ms(p50),
            ms(p99),
            `${fmt(p50 / baseline, 1)}×`,
            s.server ? ms(quantile(s.server, 0.5)) : "–",
            s.goal || "–",
            met.length === 0 ? "–" : met.every((m) => m === "met") ? "met" : "NOT met",
          ];
        }),
      ),
    );
    if (loads.length > 0) {
      console.log("");
      console.log(`Chromium, warm server, ${loads.length} navigations (ms from navigation start):`);
      const row = (name: string, values: number[], goal?: number) => {
        const p50 = quantile(values, 0.5);
        return [
          name,
          ms(p50),
          ms(Math.max(...values)),
          goal === undefined ? "–" : `≤ ${fmt(goal)}`,
          goal === undefined ? "–" : verdict(p50, goal),
        ];
      };
      console.log(
        table(
          ["moment", "p50", "max", "goal", "verdict"],
          [
            row(
              "DOM ready (baseline)",
              loads.map((l) => l.domReady),
            ),
            row(
              "overview server time",
              loads.map((l) => l.overviewServer),
            ),
            row(
              "first frame with the graph",
              loads.map((l) => l.firstFrame),
              600,
            ),
            row(
              "laid out and framed",
              loads.map((l) => l.settled),
              1500,
            ),
          ],
        ),
      );
    }
  } finally {
    await browser?.close();
    await server?.stop();
    await scratch.stop();
  }
}

await main();
