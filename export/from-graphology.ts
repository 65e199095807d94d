/**
 * The explorer's graphology graph (web/src/features/graph-view/types.ts) → ExportInput. The graph holds
 * data and positions; sizes and colours are what sigma draws (reducers), so the caller passes a getter
 * for them, typically `(key) => renderer.getNodeDisplayData(key)`.
 */
import type { Attributes } from "graphology-types";
import type AbstractGraph from "graphology-types";
import type { GraphEdge, GraphNode } from "../core/api-types.ts";
import type { GraphEdgeAttributes, GraphNodeAttributes } from "../core/graph-attributes.ts";
import type { EdgeView, ExportInput, ExportSource, NodeView } from "./types.ts";

/** The attributes export reads: the explorer's NodeAttrs and EdgeAttrs extend them. */
export type ExportableNodeAttrs = GraphNodeAttributes & Attributes;
export type ExportableEdgeAttrs = GraphEdgeAttributes & Attributes;

interface Display {
  size?: number;
  color?: string;
  hidden?: boolean;
}

export interface GraphologyViewOptions {
  /** What is drawn for a node (sigma's getNodeDisplayData): its size and colour go into the export. */
  nodeDisplay?: (key: string) => Display | undefined;
  edgeDisplay?: (key: string) => Display | undefined;
  /** Export nodes and edges the view hides (filters, hidden nodes)? Default false: what you see. */
  includeHidden?: boolean;
  source?: ExportSource;
}

export function fromGraphology<N extends ExportableNodeAttrs, E extends ExportableEdgeAttrs>(
  graph: AbstractGraph<N, E>,
  options: GraphologyViewOptions = {},
): ExportInput {
  const nodes: GraphNode[] = [];
  const edges: GraphEdge[] = [];
  const nodeViews: Record<string, NodeView> = {};
  const edgeViews: Record<string, EdgeView> = {};
  const nodeScores: Record<string, Record<string, number>> = {};
  const shown = new Set<string>();
  graph.forEachNode((key, a) => {
    const display = options.nodeDisplay?.(key);
    if (display?.hidden && !options.includeHidden) return;
    shown.add(key);
    const node: GraphNode = {
      key,
      label: a.category,
      labels: [...a.labels],
      name: a.name,
      properties: { ...a.properties },
    };
    if (a.id !== undefined) node.id = a.id;
    if (a.nameEn !== undefined) node.nameEn = a.nameEn;
    if (a.dbDegree !== undefined) node.degree = a.dbDegree;
    nodes.push(node);
    const view: NodeView = { x: a.x, y: a.y };
    if (display?.size !== undefined) view.size = display.size;
    if (display?.color !== undefined) view.color = display.color;
    nodeViews[key] = view;
    if (a.scores && Object.keys(a.scores).length > 0) nodeScores[key] = { ...a.scores };
  });
  graph.forEachEdge((key, a, source, target) => {
    if (!shown.has(source) || !shown.has(target)) return;
    const display = options.edgeDisplay?.(key);
    if (display?.hidden && !options.includeHidden) return;
    edges.push({ key, type: a.relType, source, target, properties: { ...a.properties } });
    if (display?.color !== undefined) edgeViews[key] = { color: display.color };
  });
  return {
    subgraph: { nodes, edges },
    nodeViews,
    edgeViews,
    ...(Object.keys(nodeScores).length > 0 ? { nodeScores } : {}),
    ...(options.source ? { source: options.source } : {}),
  };
}
