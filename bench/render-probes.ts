/**
 * What bench/render-bench.ts measures inside the page, and the CDP calls around it. Every function
 * handed to `page.evaluate` runs in Chromium: it may only use the page's globals (the explorer's
 * read-only `window.__guanxi` hook and the `window.__bench` recorder installed by RECORDER).
 */
import type { CDPSession, Page } from "playwright-core";

/** A main-thread task (PerformanceObserver "longtask": every task over 50 ms). */
export interface LongTask {
  start: number;
  duration: number;
}

interface BenchRecorder {
  longTasks: LongTask[];
}

declare global {
  interface Window {
    __bench?: BenchRecorder;
  }
}

/**
 * Installed before the app's scripts: records long tasks from the start of the page. The `__name`
 * shim: tsx keeps function names with a helper the page does not have.
 */
export const RECORDER = `
  globalThis.__name ??= (fn) => fn;
  window.__bench = { longTasks: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
`;

/** The first view's timeline, in page milliseconds (performance.now()). */
export interface LoadTimeline {
  nodes: number;
  edges: number;
  /** Resource Timing of GET /api/overview (fetchStart: of the first overview request, a partial view's). */
  fetchStart: number;
  requestStart: number;
  responseStart: number;
  responseEnd: number;
  bodyBytes: number;
  /** Server-Timing of the response: db, build, json (ms). */
  server: Record<string, number>;
  /** The app's measure around turning the response into the graph. */
  buildStart: number;
  buildMs: number;
  /** The app's mark at sigma's first frame with the graph. */
  firstFrame: number;
  /** A large first view's partial first frame (its most connected nodes), when there was one. */
  partialFrame?: number;
  partialBuildMs?: number;
}

/** `limit`: the first view's size, to tell its request from the partial view's. */
export async function loadTimeline(page: Page, limit: number): Promise<LoadTimeline> {
  return page.evaluate((limit) => {
    const { graph } = window.__guanxi!;
    const resource = performance
      .getEntriesByType("resource")
      .find((e) => e.name.endsWith(`/api/overview?limit=${limit}`)) as PerformanceResourceTiming | undefined;
    // A large first view asks for its most connected nodes first: the load starts at the first request.
    const started = Math.min(
      ...performance
        .getEntriesByType("resource")
        .filter((e) => e.name.includes("/api/overview?"))
        .map((e) => (e as PerformanceResourceTiming).fetchStart),
    );
    const partial = performance.getEntriesByName("guanxi:partial-frame")[0];
    const partialBuild = performance.getEntriesByName("guanxi:partial-build")[0];
    const build = performance.getEntriesByName("guanxi:graph-build")[0];
    const frame = performance.getEntriesByName("guanxi:first-frame")[0];
    if (!resource || !build || !frame) throw new Error("the page did not record its first view");
    return {
      nodes: graph.order,
      edges: graph.size,
      fetchStart: started,
      requestStart: resource.requestStart,
      responseStart: resource.responseStart,
      responseEnd: resource.responseEnd,
      bodyBytes: resource.decodedBodySize,
      server: Object.fromEntries(resource.serverTiming.map((t) => [t.name, t.duration])),
      buildStart: build.startTime,
      buildMs: build.duration,
      firstFrame: frame.startTime,
      ...(partial ? { partialFrame: partial.startTime } : {}),
      ...(partialBuild ? { partialBuildMs: partialBuild.duration } : {}),
    };
  }, limit);
}

/** Long tasks recorded since the page opened (or since the last `resetLongTasks`). */
export async function longTasks(page: Page): Promise<LongTask[]> {
  return page.evaluate(() => window.__bench!.longTasks.slice());
}

export async function resetLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => void (window.__bench!.longTasks.length = 0));
}

export interface FrameRate {
  /** Frames sigma drew (afterRender) and frames the browser ran (requestAnimationFrame). */
  renders: number;
  animationFrames: number;
  ms: number;
}

/**
 * A camera animation of `ms` milliseconds: zoom in (past the ratio where relationship types appear)
 * while panning, then back out; counts sigma's frames and the browser's.
 */
export async function cameraAnimation(page: Page, ms: number): Promise<FrameRate> {
  return page.evaluate(async (duration) => {
    const { sigma } = window.__guanxi!;
    const camera = sigma.getCamera();
    let renders = 0;
    const onRender = () => renders++;
    sigma.on("afterRender", onRender);
    let animationFrames = 0;
    let running = true;
    const tick = () => {
      if (!running) return;
      animationFrames++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const start = performance.now();
    const home = camera.getState();
    await camera.animate(
      { x: home.x + 0.15, y: home.y - 0.1, ratio: home.ratio * 0.3 },
      { duration: duration / 2 },
    );
    await camera.animate(home, { duration: duration / 2 });
    const elapsed = performance.now() - start;
    running = false;
    sigma.off("afterRender", onRender);
    return { renders, animationFrames, ms: elapsed };
  }, ms);
}

/**
 * A point of the canvas (page pixels) with no node within `clearance` pixels, nearest the centre:
 * pressing there pans the camera instead of dragging a node.
 */
export async function emptySpot(page: Page, clearance = 24): Promise<{ x: number; y: number }> {
  return page.evaluate((gap) => {
    const { graph, sigma } = window.__guanxi!;
    const { width, height } = sigma.getDimensions();
    const cols = Math.ceil(width / gap);
    const rows = Math.ceil(height / gap);
    const taken = new Uint8Array(cols * rows);
    graph.forEachNode((key) => {
      const data = sigma.getNodeDisplayData(key);
      if (!data || data.hidden) return;
      const at = sigma.framedGraphToViewport(data);
      const r = sigma.scaleSize(data.size) + gap;
      for (let cx = Math.floor((at.x - r) / gap); cx <= Math.floor((at.x + r) / gap); cx++)
        for (let cy = Math.floor((at.y - r) / gap); cy <= Math.floor((at.y + r) / gap); cy++)
          if (cx >= 0 && cy >= 0 && cx < cols && cy < rows) taken[cy * cols + cx] = 1;
    });
    let best: { x: number; y: number; d: number } | null = null;
    for (let cy = 1; cy < rows - 1; cy++)
      for (let cx = 1; cx < cols - 1; cx++) {
        if (taken[cy * cols + cx]) continue;
        const x = (cx + 0.5) * gap;
        const y = (cy + 0.5) * gap;
        const d = Math.hypot(x - width / 2, y - height / 2);
        if (!best || d < best.d) best = { x, y, d };
      }
    const box = sigma.getContainer().getBoundingClientRect();
    const spot = best ?? { x: 4, y: 4 };
    return { x: box.left + spot.x, y: box.top + spot.y };
  }, clearance);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Real input, as a person would give it: drags (pans) from a spot with no node, back and forth,
 * one mouse move per 16 ms; then wheel zooms in and out over the middle of the graph.
 */
export async function panAndZoom(page: Page, drags = 4, wheelTicks = 6): Promise<void> {
  const from = await emptySpot(page);
  await page.mouse.move(from.x, from.y);
  for (let i = 0; i < drags; i++) {
    const direction = i % 2 === 0 ? 1 : -1;
    const start = { x: from.x + (direction === 1 ? 0 : 240), y: from.y + (direction === 1 ? 0 : 120) };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let step = 1; step <= 12; step++) {
      await page.mouse.move(start.x + direction * 20 * step, start.y + direction * 10 * step);
      await pause(16);
    }
    await page.mouse.up();
    await pause(150);
  }
  const box = (await page.locator("#graph").boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (const delta of [-120, 120]) {
    for (let i = 0; i < wheelTicks; i++) {
      await page.mouse.wheel(0, delta);
      await pause(60);
    }
    await pause(400);
  }
}

/** JS heap in use after a full garbage collection (bytes), and the V8 backing stores (typed arrays). */
export async function heapAfterGc(cdp: CDPSession): Promise<{ used: number; backing: number }> {
  await cdp.send("HeapProfiler.collectGarbage");
  await cdp.send("HeapProfiler.collectGarbage");
  const usage = (await cdp.send("Runtime.getHeapUsage")) as { usedSize: number; backingStorageSize?: number };
  return { used: usage.usedSize, backing: usage.backingStorageSize ?? 0 };
}

/** The WebGL renderer Chromium uses (SwiftShader when headless without a GPU). */
export async function webglRenderer(page: Page): Promise<string> {
  return page.evaluate(() => {
    const gl = document.createElement("canvas").getContext("webgl2");
    const info = gl?.getExtension("WEBGL_debug_renderer_info");
    return gl && info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : "unknown";
  });
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Runs `work` under the V8 sampling profiler; returns the profile (a DevTools .cpuprofile). */
export async function profiled(cdp: CDPSession, work: () => Promise<void>): Promise<CpuProfile> {
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  await cdp.send("Profiler.start");
  await work();
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as { profile: CpuProfile };
  return profile;
}

/** The functions with the most self time in a profile: [name (file:line), ms]. */
export function hottest(profile: CpuProfile, count = 15): [string, number][] {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)?.callFrame;
    if (!frame) return;
    const file = frame.url.split("/").pop() ?? "";
    const name = `${frame.functionName || "(anonymous)"}${file ? ` ${file}:${frame.lineNumber + 1}` : ""}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, count);
}
