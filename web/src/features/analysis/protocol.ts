/** Messages between the analysis panel and its worker (analysis-worker.ts). Plain data only. */
import type { AnalysisOptions, MetricResult } from "../../../../core/analysis/run-metric.ts";

/** One relationship as the worker needs it: ends, type and the weight property's value if any. */
export type WorkerEdge = [source: string, target: string, relType: string, weight: number | null];

export interface AnalysisRequest {
  nodes: string[];
  edges: WorkerEdge[];
  options: Omit<AnalysisOptions, "nodes">;
}

export type AnalysisStage = "preparing" | "computing" | "done";

export type AnalysisMessage =
  | { type: "stage"; stage: AnalysisStage }
  | { type: "result"; result: MetricResult }
  /** The size guard said no (betweenness on a large graph): `message` says why, for the analyst. */
  | { type: "refused"; message: string }
  | { type: "failed"; message: string };
