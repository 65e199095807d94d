/** One metric on the bench's graph, as the worker and the main-thread baseline both run it. */
import { AnalysisRefused, runMetric, type MetricId, type SourceGraph } from "../../core/analysis/index.ts";
import type { RunAnswer } from "./compact-graph.ts";

/** The answer, and the values themselves (the worker sends them back, as the panel's will). */
export function runOne(
  graph: SourceGraph,
  metric: string,
  types: string[],
): RunAnswer & { scores: Record<string, number> } {
  const started = performance.now();
  try {
    const result = runMetric(graph, { metric: metric as MetricId, types });
    const values = Object.keys(result.values).length;
    return { computeMs: performance.now() - started, values, scores: result.values };
  } catch (error) {
    if (error instanceof AnalysisRefused)
      return { computeMs: performance.now() - started, refused: error.message, values: 0, scores: {} };
    throw error;
  }
}
