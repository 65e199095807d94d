/**
 * The one-shot layouts, pure (the layout worker runs them; unit tests call them in Node): circular
 * (graphology-layout), concentric rings by a metric (highest in the centre), a layered hierarchy
 * (@dagrejs/dagre: the end of a hierarchy relationship — the city of a district — above its start)
 * and an overlap-removal pass (graphology-layout-noverlap). Each takes the nodes to lay out with
 * where they are now and returns new positions for those that are not pinned, scaled to the extent
 * they occupy now so the camera does not jump. Graph y points up (sigma draws larger y higher).
 */
import dagre from "@dagrejs/dagre";
import Graph from "graphology";
import circular from "graphology-layout/circular";
import noverlap from "graphology-layout-noverlap";

export type LayoutKind = "circular" | "concentric" | "hierarchy" | "noverlap";

export interface LayoutNode {
  key: string;
  x: number;
  y: number;
  /** Drawn radius, in pixels. */
  size: number;
  /** For concentric: the metric's value (missing counts as the lowest). */
  metric?: number;
  /** Stays where it is. */
  pinned?: boolean;
}

export interface LayoutEdge {
  source: string;
  target: string;
  type: string;
}

export interface LayoutInput {
  kind: LayoutKind;
  nodes: LayoutNode[];
  edges: LayoutEdge[];
  /** Hierarchy: the relationship types that form it, start under end; empty: every relationship. */
  hierarchyTypes?: string[];
  /** Follow the layout with the overlap-removal pass. */
  removeOverlaps?: boolean;
  /** Graph units per pixel on screen now (node sizes are pixels). */
  unit?: number;
}

export type Positions = Record<string, { x: number; y: number }>;

interface Extent {
  cx: number;
  cy: number;
  /** Half the larger side; at least 1. */
  radius: number;
}

function extentOf(nodes: readonly LayoutNode[]): Extent {
  if (nodes.length === 0) return { cx: 0, cy: 0, radius: 1 };
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const radius = Math.max(maxX - minX, maxY - minY) / 2;
  return {
    cx: (minX + maxX) / 2,
    cy: (minY + maxY) / 2,
    radius: Number.isFinite(radius) && radius > 0 ? radius : Math.max(1, Math.sqrt(nodes.length)),
  };
}

/** Positions laid out around (0, 0) within radius 1, placed into `extent`. */
function placed(raw: Positions, extent: Extent): Positions {
  const out: Positions = {};
  for (const [key, p] of Object.entries(raw))
    out[key] = { x: extent.cx + p.x * extent.radius, y: extent.cy + p.y * extent.radius };
  return out;
}

/**
 * Scales positions of any extent into the square of radius 1 around (0, 0), each axis on its own: a
 * wide, shallow tree keeps its layers apart instead of flattening into a line.
 */
function normalised(raw: Positions): Positions {
  const points = Object.values(raw);
  if (points.length === 0) return {};
  const axis = (values: number[]) => {
    const min = Math.min(...values);
    const max = Math.max(...values);
    return { mid: (min + max) / 2, half: (max - min) / 2 || 1 };
  };
  const ax = axis(points.map((p) => p.x));
  const ay = axis(points.map((p) => p.y));
  const out: Positions = {};
  for (const [key, p] of Object.entries(raw))
    out[key] = { x: (p.x - ax.mid) / ax.half, y: (p.y - ay.mid) / ay.half };
  return out;
}

function circularLayout(nodes: readonly LayoutNode[]): Positions {
  const graph = new Graph();
  for (const node of nodes) graph.addNode(node.key);
  const raw = circular(graph, { scale: 1 }) as Record<string, { x: number; y: number }>;
  return raw;
}

/**
 * Rings by rank of the metric: the highest alone in the centre, then rings of 8, 16, 24… nodes
 * (nodes with equal values are kept on one ring when it has room).
 */
export function concentricLayout(nodes: readonly LayoutNode[]): Positions {
  const sorted = [...nodes].sort(
    (a, b) =>
      (b.metric ?? -Infinity) - (a.metric ?? -Infinity) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
  );
  const rings: LayoutNode[][] = [];
  let ring: LayoutNode[] = [];
  for (const node of sorted) {
    const capacity = rings.length === 0 ? 1 : rings.length * 8;
    if (ring.length >= capacity) {
      rings.push(ring);
      ring = [];
    }
    ring.push(node);
  }
  if (ring.length) rings.push(ring);
  const out: Positions = {};
  const steps = Math.max(1, rings.length - 1);
  rings.forEach((members, r) => {
    const radius = r / steps;
    members.forEach((node, i) => {
      const angle = (2 * Math.PI * i) / members.length + (r % 2 ? Math.PI / members.length : 0);
      out[node.key] =
        r === 0 && members.length === 1
          ? { x: 0, y: 0 }
          : {
              x: radius * Math.cos(angle),
              y: radius * Math.sin(angle),
            };
    });
  });
  return out;
}

/**
 * Layers with dagre: for each hierarchy relationship (start under end) the end goes on a layer above
 * the start, and dagre orders each layer to keep crossings few. Nodes in no hierarchy relationship
 * are set out in rows under the tree, as wide as it is, instead of crowding its top layer. Returned
 * with y up.
 */
export function hierarchyLayout(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  types: readonly string[] = [],
): Positions {
  const RANK_SEP = 80;
  const known = new Map(nodes.map((n) => [n.key, n]));
  const wanted = new Set(types);
  const links = edges.filter(
    (e) =>
      (wanted.size === 0 || wanted.has(e.type)) &&
      known.has(e.source) &&
      known.has(e.target) &&
      e.source !== e.target,
  );
  const inTree = new Set(links.flatMap((e) => [e.source, e.target]));
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: "TB", nodesep: 30, ranksep: RANK_SEP, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  const cell = (node: LayoutNode) => Math.max(8, node.size * 2);
  for (const key of inTree) {
    const side = cell(known.get(key)!);
    g.setNode(key, { width: side * 3, height: side });
  }
  // dagre puts an edge's source above its target: the parent (end) first.
  for (const edge of links) g.setEdge(edge.target, edge.source);
  const out: Positions = {};
  let width = 0;
  let bottom = 0;
  if (inTree.size) {
    dagre.layout(g);
    for (const key of inTree) {
      const { x, y } = g.node(key);
      out[key] = { x, y: -y };
      width = Math.max(width, x);
      bottom = Math.min(bottom, -y);
    }
  }
  const rest = nodes.filter((n) => !inTree.has(n.key));
  if (rest.length) {
    const step = Math.max(...rest.map(cell)) * 3 + 30;
    const columns = Math.max(Math.ceil(Math.sqrt(rest.length)), Math.floor(width / step) + 1);
    const top = inTree.size ? bottom - RANK_SEP * 1.5 : 0;
    rest.forEach((node, i) => {
      out[node.key] = { x: (i % columns) * step, y: top - Math.floor(i / columns) * (RANK_SEP / 2) };
    });
  }
  return out;
}

/** Moves nodes apart until none overlaps (sizes in pixels, times `unit`); pinned ones are put back. */
export function withoutOverlaps(nodes: readonly LayoutNode[], positions: Positions, unit = 1): Positions {
  const graph = new Graph();
  for (const node of nodes) {
    const at = positions[node.key] ?? { x: node.x, y: node.y };
    graph.addNode(node.key, { x: at.x, y: at.y, size: node.size * unit });
  }
  noverlap.assign(graph, { maxIterations: 200, settings: { margin: 6 * unit, ratio: 1.1 } });
  const out: Positions = {};
  for (const node of nodes) {
    if (node.pinned) continue;
    out[node.key] = { x: graph.getNodeAttribute(node.key, "x"), y: graph.getNodeAttribute(node.key, "y") };
  }
  return out;
}

/** Runs one layout: new positions for the nodes that are not pinned. */
export function computeLayout(input: LayoutInput): Positions {
  const { nodes, kind } = input;
  const extent = extentOf(nodes);
  let laid: Positions;
  switch (kind) {
    case "circular":
      laid = placed(circularLayout(nodes), extent);
      break;
    case "concentric":
      laid = placed(concentricLayout(nodes), extent);
      break;
    case "hierarchy":
      laid = placed(normalised(hierarchyLayout(nodes, input.edges, input.hierarchyTypes)), extent);
      break;
    case "noverlap":
      laid = {};
      break;
  }
  for (const node of nodes) if (node.pinned) laid[node.key] = { x: node.x, y: node.y };
  if (kind === "noverlap" || input.removeOverlaps)
    laid = { ...laid, ...withoutOverlaps(nodes, laid, input.unit ?? extent.radius / 300) };
  const out: Positions = {};
  for (const node of nodes) if (!node.pinned && laid[node.key]) out[node.key] = laid[node.key]!;
  return out;
}
