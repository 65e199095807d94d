/**
 * The bench's graph on the wire: node keys and edge arrays (indices), cheap to send to the page and
 * on to a worker. Browser-safe.
 */
import { MultiDirectedGraph } from "graphology";
import type { SourceEdge } from "../../core/analysis/index.ts";

export interface CompactGraph {
  nodes: string[];
  sources: number[];
  targets: number[];
  /** Index into typeNames, per edge. */
  types: number[];
  typeNames: string[];
}

export function buildGraph(c: CompactGraph): MultiDirectedGraph<Record<string, never>, SourceEdge> {
  const graph = new MultiDirectedGraph<Record<string, never>, SourceEdge>();
  for (const key of c.nodes) graph.addNode(key, {});
  for (let i = 0; i < c.sources.length; i++)
    graph.addEdge(c.nodes[c.sources[i]!]!, c.nodes[c.targets[i]!]!, {
      relType: c.typeNames[c.types[i]!]!,
    });
  return graph;
}

/** What one metric run answers: its time, or why it was refused. */
export interface RunAnswer {
  /** runMetric's own time (ms). */
  computeMs: number;
  refused?: string;
  values: number;
}

export type WorkerRequest =
  { kind: "load"; graph: CompactGraph; types: string[] } | { kind: "run"; metric: string };
export type WorkerAnswer =
  | { kind: "loaded" }
  | ({ kind: "result"; scores: Float64Array } & RunAnswer)
  | { kind: "error"; message: string };
