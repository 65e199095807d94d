/**
 * The bench page (bench/analysis-bench.ts drives it through `window.__analysisBench`): loads a graph,
 * runs a metric in a worker (time to result, as the analysis panel will) or on the main thread (the
 * baseline: the freeze a worker avoids). Long tasks are recorded by the driver's init script.
 */
import { buildGraph, type CompactGraph, type RunAnswer, type WorkerAnswer } from "./compact-graph.ts";
import { runOne } from "./run.ts";

/** The answer, its time to result, and when it ran (page clock), to pick its long tasks. */
export type Timed = RunAnswer & { resultMs: number; startedAt: number; endedAt: number };

interface AnalysisBench {
  /** Fetches the graph, builds it on the main thread and sends it to a fresh worker; ms of each. */
  load(url: string, types: string[]): Promise<{ buildMs: number; sendMs: number }>;
  inWorker(metric: string): Promise<Timed>;
  /** In a task of its own (a timer), as a panel's click would run it: the long task it makes is seen. */
  onMain(metric: string): Promise<Timed>;
}

declare global {
  interface Window {
    __analysisBench?: AnalysisBench;
  }
}

let worker: Worker | undefined;
let graph: ReturnType<typeof buildGraph> | undefined;
let counted: string[] = [];

function ask(message: unknown): Promise<WorkerAnswer> {
  return new Promise((resolve, reject) => {
    const w = worker!;
    w.onmessage = (event: MessageEvent<WorkerAnswer>) => {
      if (event.data.kind === "error") reject(new Error(event.data.message));
      else resolve(event.data);
    };
    w.onerror = (event) => reject(new Error(event.message));
    w.postMessage(message);
  });
}

window.__analysisBench = {
  async load(url, types) {
    const compact = (await (await fetch(url)).json()) as CompactGraph;
    counted = types;
    let started = performance.now();
    graph = buildGraph(compact);
    const buildMs = performance.now() - started;
    worker?.terminate();
    worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
    started = performance.now();
    await ask({ kind: "load", graph: compact, types });
    return { buildMs, sendMs: performance.now() - started };
  },
  async inWorker(metric) {
    const started = performance.now();
    const answer = await ask({ kind: "run", metric });
    if (answer.kind !== "result") throw new Error("unexpected answer");
    const { scores, ...rest } = answer;
    const endedAt = performance.now();
    return {
      ...rest,
      values: scores.length,
      resultMs: endedAt - started,
      startedAt: started,
      endedAt,
    };
  },
  onMain(metric) {
    return new Promise((resolve) =>
      setTimeout(() => {
        const started = performance.now();
        const { scores, ...answer } = runOne(graph!, metric, counted);
        const endedAt = performance.now();
        resolve({
          ...answer,
          values: Object.keys(scores).length,
          resultMs: endedAt - started,
          startedAt: started,
          endedAt,
        });
      }, 0),
    );
  },
};
