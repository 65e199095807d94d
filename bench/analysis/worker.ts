/** The bench's analysis worker: holds the graph, runs core/analysis on request. */
import { buildGraph, type WorkerAnswer, type WorkerRequest } from "./compact-graph.ts";
import { runOne } from "./run.ts";

let graph: ReturnType<typeof buildGraph> | undefined;
let types: string[] = [];
let order: string[] = [];

/** The worker's global scope (the DOM typings know only the window's postMessage). */
const scope = self as unknown as Worker;
const reply = (answer: WorkerAnswer, transfer: Transferable[] = []) => scope.postMessage(answer, transfer);

addEventListener("message", (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    if (request.kind === "load") {
      graph = buildGraph(request.graph);
      types = request.types;
      order = request.graph.nodes;
      reply({ kind: "loaded" });
    } else {
      if (!graph) throw new Error("no graph loaded");
      // The values travel as one Float64Array in node order, transferred, not cloned: decoding a
      // 50,000-key object on the main thread is itself a long task.
      const { scores, ...answer } = runOne(graph, request.metric, types);
      const values = new Float64Array(order.length);
      order.forEach((key, i) => (values[i] = scores[key] ?? NaN));
      reply({ kind: "result", ...answer, scores: values }, [values.buffer]);
    }
  } catch (error) {
    reply({ kind: "error", message: String(error) });
  }
});
