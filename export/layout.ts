/**
 * A quick layout for files written outside the explorer (`guanxi export --layout`): nodes on a circle, then
 * ForceAtlas2 (the explorer's layout) for a fixed number of iterations — deterministic, so the same graph
 * gives the same file. Sizes by degree and colours by label, as the explorer draws them.
 */
import { MultiDirectedGraph } from "graphology";
import forceAtlas2 from "graphology-layout-forceatlas2";
import type { Subgraph } from "../core/api-types.ts";
import { labelColour, nodeSize } from "../core/appearance.ts";
import type { NodeView } from "./types.ts";

export function layoutViews(subgraph: Subgraph, iterations = 300): Record<string, NodeView> {
  const graph = new MultiDirectedGraph<{ x: number; y: number }>();
  const n = subgraph.nodes.length;
  subgraph.nodes.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, n);
    graph.addNode(node.key, { x: 100 * Math.cos(angle), y: 100 * Math.sin(angle) });
  });
  for (const edge of subgraph.edges) {
    if (graph.hasNode(edge.source) && graph.hasNode(edge.target)) graph.addEdge(edge.source, edge.target);
  }
  if (n > 1) {
    forceAtlas2.assign(graph, {
      iterations,
      settings: { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: false },
    });
  }
  const views: Record<string, NodeView> = {};
  for (const node of subgraph.nodes) {
    const { x, y } = graph.getNodeAttributes(node.key);
    views[node.key] = {
      x: Math.round(x * 100) / 100,
      y: Math.round(y * 100) / 100,
      size: Math.round(nodeSize(graph.degree(node.key)) * 100) / 100,
      color: labelColour(node.label),
    };
  }
  return views;
}
