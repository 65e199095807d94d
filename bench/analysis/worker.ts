/** The bench's analysis worker: holds the graph, runs core/analysis on request. */
import { buildGraph, type WorkerAnswer, type WorkerRequest } from "./compact-graph.ts";
import { runOne } from "./run.ts";

let graph: ReturnType<typeof buildGraph> | undefined;
let types: string[] = [];

const reply = (answer: WorkerAnswer) => postMessage(answer);

addEventListener("message", (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  try {
    if (request.kind === "load") {
      graph = buildGraph(request.graph);
      types = request.types;
      reply({ kind: "loaded" });
    } else {
      if (!graph) throw new Error("no graph loaded");
      reply({ kind: "result", ...runOne(graph, request.metric, types) });
    }
  } catch (error) {
    reply({ kind: "error", message: String(error) });
  }
});
