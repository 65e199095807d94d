/**
 * What the canvas shows, as plain shapes in viewport pixels: the one source for the SVG export and
 * for the PNG's legend, so both match the screen (same positions, colours, sizes, placed labels).
 */
import { labelColour, THEME } from "../../../../core/appearance.ts";
import type { LegendLine } from "../../../../core/style-rules.ts";
import type { Side } from "../graph-view/label-placement.ts";
import type { ExplorerGraph, ExplorerSigma } from "../graph-view/types.ts";

export interface PictureNode {
  x: number;
  y: number;
  /** Radius in pixels. */
  size: number;
  color: string;
  /** Drawn with a selection ring. */
  ring: boolean;
  label: string | null;
  /** Where the label sits, as on screen; null when it was not drawn. */
  side: Side | null;
}

export interface PictureEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Radius of the target node: the arrow stops at its disc. */
  targetSize: number;
  color: string;
  width: number;
  /** Quadratic curve for parallel edges (sigma's edge-curve convention); 0 is straight. */
  curvature: number;
}

export interface LegendEntry {
  label: string;
  color: string;
  count: number;
}

export interface Picture {
  width: number;
  height: number;
  background: string;
  nodes: PictureNode[];
  edges: PictureEdge[];
  legend: LegendEntry[];
  /** Relationship types drawn, with how many of each: the legend's second part. */
  types: LegendEntry[];
  /** What the view's style rules mean (colour, size, width, captions); empty without rules. */
  style: LegendLine[];
  fontSize: number;
  font: string;
}

/** Captures the current frame; nodes and edges sigma hides (filters, hidden) are left out. */
export function capturePicture(
  graph: ExplorerGraph,
  sigma: ExplorerSigma,
  sides: ReadonlyMap<string, Side> | null,
  style: LegendLine[] = [],
): Picture {
  const { width, height } = sigma.getDimensions();
  const settings = sigma.getSettings();
  const nodes: PictureNode[] = [];
  const counts = new Map<string, number>();
  const at = new Map<string, { x: number; y: number; size: number }>();
  graph.forEachNode((key, attrs) => {
    const data = sigma.getNodeDisplayData(key) as
      (ReturnType<ExplorerSigma["getNodeDisplayData"]> & { ringSize?: number }) | undefined;
    if (!data || data.hidden) return;
    const point = sigma.framedGraphToViewport(data);
    const size = sigma.scaleSize(data.size);
    at.set(key, { ...point, size });
    counts.set(attrs.category, (counts.get(attrs.category) ?? 0) + 1);
    const side = sides?.get(key) ?? null;
    nodes.push({
      x: point.x,
      y: point.y,
      size,
      color: data.color,
      ring: Boolean(data.ringSize),
      label: data.label ?? null,
      side: data.label ? side : null,
    });
  });
  const edges: PictureEdge[] = [];
  const typeCounts = new Map<string, number>();
  graph.forEachEdge((key, attrs, source, target) => {
    const data = sigma.getEdgeDisplayData(key) as
      (ReturnType<ExplorerSigma["getEdgeDisplayData"]> & { curvature?: number }) | undefined;
    const from = at.get(source);
    const to = at.get(target);
    if (!data || data.hidden || !from || !to) return;
    typeCounts.set(attrs.relType, (typeCounts.get(attrs.relType) ?? 0) + 1);
    edges.push({
      x1: from.x,
      y1: from.y,
      x2: to.x,
      y2: to.y,
      targetSize: to.size,
      color: data.color,
      width: Math.max(1, data.size),
      curvature: data.type === "curved" ? (data.curvature ?? 0) : 0,
    });
  });
  const colouredByRule = style.some((line) => line.text.startsWith("Colour:"));
  const legend = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    // Coloured by a style rule, the labels' own colours are not on the picture: their marks are grey.
    .map(([label, count]) => ({
      label,
      count,
      color: colouredByRule ? THEME.dimmedNode : labelColour(label),
    }));
  return {
    width,
    height,
    background: THEME.background,
    nodes,
    edges,
    legend,
    types: [...typeCounts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([label, count]) => ({ label, count, color: THEME.edgeStrong })),
    style,
    fontSize: settings.labelSize,
    font: settings.labelFont,
  };
}

/** The control point of a curved edge, as @sigma/edge-curve computes it (normal to the chord). */
export function curveControlPoint(edge: PictureEdge): { x: number; y: number } {
  const dx = edge.x2 - edge.x1;
  const dy = edge.y2 - edge.y1;
  const length = Math.hypot(dx, dy) || 1;
  return {
    x: (edge.x1 + edge.x2) / 2 + (-dy / length) * edge.curvature * length,
    y: (edge.y1 + edge.y2) / 2 + (dx / length) * edge.curvature * length,
  };
}
