/**
 * The three things an analyst can export and how big each is — counted from what sigma draws, without
 * loading the export writers.
 */
import { isMetaKey } from "../../../../core/aggregate.ts";
import type { GraphNode, Subgraph } from "../../../../core/api-types.ts";
import type { LegendLine } from "../../../../core/style-rules.ts";
import type { Side } from "../graph-view/label-placement.ts";
import type { ExplorerGraph, ExplorerSigma } from "../graph-view/types.ts";
import type { ScopeSummary } from "./export-dialog.ts";

export interface QueryResultSource {
  subgraph: Subgraph;
  cypher: string;
  params?: Record<string, unknown>;
}

export interface ExportContext {
  graph: ExplorerGraph;
  sigma: ExplorerSigma;
  /** Where the view placed labels in its last frame (the picture writes names there). */
  labelSides(): ReadonlyMap<string, Side> | null;
  selection(): readonly string[];
  queryResult(): QueryResultSource | null;
  /** Runs `work` with every name drawn whole (pictures for reports). */
  fullLabels<T>(work: () => Promise<T>): Promise<T>;
  /** What the view's style rules mean, for the pictures' legend (core/style-rules.ts legendLines). */
  styleLegend?(): LegendLine[];
  /** The nodes with every property, from the database (see export-runner.ts). */
  completeNodes(keys: string[]): Promise<GraphNode[]>;
}

/** Nodes and relationships drawn, optionally only among `only`. */
function countShown(
  ctx: ExportContext,
  only?: ReadonlySet<string>,
): { nodes: number; relationships: number } {
  const { graph, sigma } = ctx;
  // Meta-nodes (an aggregated first view) are never exported, so never counted.
  const shown = (key: string) =>
    !isMetaKey(key) &&
    (only === undefined || only.has(key)) &&
    sigma.getNodeDisplayData(key)?.hidden === false;
  let nodes = 0;
  graph.forEachNode((key) => void (shown(key) && nodes++));
  let relationships = 0;
  graph.forEachEdge((key, _a, source, target) => {
    if (shown(source) && shown(target) && sigma.getEdgeDisplayData(key)?.hidden === false) relationships++;
  });
  return { nodes, relationships };
}

export function scopeSummaries(ctx: ExportContext): ScopeSummary[] {
  const view = countShown(ctx);
  const selected = ctx.selection().filter((key) => ctx.graph.hasNode(key));
  const selection = selected.length ? countShown(ctx, new Set(selected)) : null;
  const query = ctx.queryResult()?.subgraph ?? null;
  return [
    {
      scope: "view",
      ...view,
      unavailable: view.nodes ? null : "nothing on screen",
    },
    {
      scope: "selection",
      nodes: selection?.nodes ?? 0,
      relationships: selection?.relationships ?? 0,
      unavailable: selection ? null : "nothing selected (click or shift-click nodes)",
    },
    {
      scope: "query",
      nodes: query?.nodes.length ?? 0,
      relationships: query?.edges.length ?? 0,
      unavailable: query ? null : "no query run yet (Cypher panel)",
    },
  ];
}
