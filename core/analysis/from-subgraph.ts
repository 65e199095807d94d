/**
 * A Subgraph (the API's and the exports' nodes and relationships) as the graph runMetric reads: nodes
 * keyed by elementId with their name, label and Guanxi id; relationships as `relType` edges, parallel
 * ones kept (the projection collapses them into a weight). Relationships whose ends are not among the
 * nodes are left out.
 */
import { MultiDirectedGraph } from "graphology";
import type { Subgraph } from "../api-types.ts";
import type { SourceEdge } from "./analysis-graph.ts";

export interface AnalysisNode {
  name: string;
  label: string;
  id?: string;
}

export function graphOfSubgraph(subgraph: Subgraph): MultiDirectedGraph<AnalysisNode, SourceEdge> {
  const graph = new MultiDirectedGraph<AnalysisNode, SourceEdge>();
  for (const node of subgraph.nodes) {
    if (graph.hasNode(node.key)) continue;
    graph.addNode(node.key, {
      name: node.name,
      label: node.label,
      ...(node.id !== undefined ? { id: node.id } : {}),
    });
  }
  for (const edge of subgraph.edges) {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target) || graph.hasEdge(edge.key)) continue;
    graph.addEdgeWithKey(edge.key, edge.source, edge.target, {
      relType: edge.type,
      properties: edge.properties,
    });
  }
  return graph;
}
