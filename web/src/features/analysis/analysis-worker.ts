/**
 * Runs one metric off the main thread (core/analysis runMetric, graphology's standard library): the
 * graph arrives as plain arrays, is rebuilt here, and the values go back. The panel terminates the
 * worker to cancel a run.
 */
import { MultiDirectedGraph } from "graphology";
import type { Attributes } from "graphology-types";
import { AnalysisRefused, runMetric } from "../../../../core/analysis/run-metric.ts";
import type { SourceEdge } from "../../../../core/analysis/analysis-graph.ts";
import type { AnalysisMessage, AnalysisRequest } from "./protocol.ts";

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<AnalysisRequest>) => void) | null;
  postMessage(message: AnalysisMessage): void;
};

/** The weight property's values travel under this one name. */
const WEIGHT = "weight";

scope.onmessage = ({ data }) => {
  try {
    const graph = new MultiDirectedGraph<Attributes, SourceEdge>();
    for (const key of data.nodes) graph.mergeNode(key);
    for (const [source, target, relType, weight] of data.edges) {
      if (!graph.hasNode(source) || !graph.hasNode(target)) continue;
      graph.addEdge(source, target, {
        relType,
        properties: weight === null ? {} : { [WEIGHT]: weight },
      });
    }
    scope.postMessage({ type: "stage", stage: "computing" });
    const result = runMetric(graph, {
      ...data.options,
      weightProperty: data.options.weightProperty ? WEIGHT : null,
    });
    scope.postMessage({ type: "result", result });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    scope.postMessage(
      error instanceof AnalysisRefused ? { type: "refused", message } : { type: "failed", message },
    );
  }
};
