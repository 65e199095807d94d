/** Hand-written graphs and subgraphs for the unit layer. */
import { MultiDirectedGraph } from "graphology";
import type { GraphEdge, GraphNode, Subgraph } from "../../core/api-types.ts";
import { applyGraphPatch, graphLookup } from "../../web/src/features/graph-view/merge.ts";
import type {
  EdgeAttrs,
  ExplorerGraph,
  GraphPatch,
  NodeAttrs,
} from "../../web/src/features/graph-view/types.ts";
import type { ScreenGraph } from "../../web/src/screen/screen-store.ts";

export function node(key: string, label = "Organisation", extra: Partial<GraphNode> = {}): GraphNode {
  return { key, label, labels: [label], name: `name of ${key}`, properties: {}, ...extra };
}

export function edge(key: string, source: string, target: string, type = "PART_OF"): GraphEdge {
  return { key, type, source, target, properties: {} };
}

export function subgraph(nodes: GraphNode[], edges: GraphEdge[] = []): Subgraph {
  return { nodes, edges };
}

/** A graph with nodes at given positions and edges "source>target" keyed `e:source>target`. */
export function graphOf(
  nodes: Record<string, { x: number; y: number; category?: string }>,
  edges: string[] = [],
): ExplorerGraph {
  const graph = new MultiDirectedGraph<NodeAttrs, EdgeAttrs>();
  for (const [key, { x, y, category = "Organisation" }] of Object.entries(nodes))
    graph.addNode(key, { x, y, category, labels: [category], name: key, properties: {} });
  for (const spec of edges) {
    const [source, target] = spec.split(">") as [string, string];
    graph.addEdgeWithKey(`e:${spec}`, source, target, { relType: "PART_OF", properties: {} });
  }
  return graph;
}

/** The screen store's target without a renderer: a plain graph that patches are written into. */
export function plainScreenGraph(
  graph: ExplorerGraph = graphOf({}),
): ScreenGraph & { patches: GraphPatch[] } {
  const patches: GraphPatch[] = [];
  return {
    graph,
    patches,
    applyPatch: (patch) => {
      patches.push(patch);
      applyGraphPatch(graph, patch);
    },
    lookup: () => graphLookup(graph),
  };
}
