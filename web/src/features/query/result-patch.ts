/**
 * A query result as a graph patch. "add": what is new joins the graph (placed near what it links to).
 * "replace": everything not in the result leaves, the result stays where it is on screen or joins.
 * Pure over the graph's current content; the shell commits the patch so undo reverses it.
 */
import type { Subgraph } from "../../../../core/api-types.ts";
import { planAdd, type GraphLookup } from "../graph-view/merge.ts";
import type { ExplorerGraph, GraphPatch } from "../graph-view/types.ts";
import type { ResultMode } from "./types.ts";

export function planQueryResult(
  graph: ExplorerGraph,
  lookup: GraphLookup,
  subgraph: Subgraph,
  mode: ResultMode,
): GraphPatch {
  if (mode === "add") return planAdd(lookup, subgraph);
  const nodes = new Set(subgraph.nodes.map((n) => n.key));
  const edges = new Set(subgraph.edges.map((e) => e.key));
  const removeNodes: GraphPatch["removeNodes"] = [];
  const removeEdges: GraphPatch["removeEdges"] = [];
  graph.forEachNode((key, attributes) => {
    if (!nodes.has(key)) removeNodes.push({ key, attributes: { ...attributes } });
  });
  graph.forEachEdge((key, attributes, source, target) => {
    if (!edges.has(key) || !nodes.has(source) || !nodes.has(target))
      removeEdges.push({ key, source, target, attributes: { ...attributes } });
  });
  const kept = graph.order - removeNodes.length;
  // What stays keeps its place; with nothing kept, the result is laid out afresh around the centre.
  const add = planAdd(
    {
      ...lookup,
      hasNode: (key) => nodes.has(key) && lookup.hasNode(key),
      hasEdge: (key) => edges.has(key) && lookup.hasEdge(key),
      radius: kept > 0 ? lookup.radius : 0,
    },
    subgraph,
  );
  return { ...add, removeNodes, removeEdges };
}
