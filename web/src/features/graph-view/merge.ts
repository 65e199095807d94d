/**
 * Pure helpers that turn API subgraphs into graph patches: which nodes and edges are new, and
 * where new nodes go — near the neighbours they already have on screen, so adding data never
 * re-runs the layout from scratch.
 */
import type { GraphEdge, GraphNode, Subgraph } from "../../../../core/api-types.ts";
import type {
  EdgeAttrs,
  EdgeEntry,
  ExplorerGraph,
  GraphPatch,
  NodeAttrs,
  NodeEntry,
  ScoresChange,
} from "./types.ts";

export interface Point {
  x: number;
  y: number;
}

/** What planning needs to know about the graph on screen. */
export interface GraphLookup {
  hasNode(key: string): boolean;
  hasEdge(key: string): boolean;
  position(key: string): Point | undefined;
  /** Typical distance between linked nodes on screen; the unit new nodes are placed at. */
  spacing: number;
  /** Centre and radius of what is on screen (for nodes with no neighbour there). */
  centre: Point;
  radius: number;
}

export const EMPTY_PATCH: GraphPatch = { addNodes: [], addEdges: [], removeNodes: [], removeEdges: [] };

export function isEmptyPatch(patch: GraphPatch): boolean {
  return (
    patch.addNodes.length +
      patch.addEdges.length +
      patch.removeNodes.length +
      patch.removeEdges.length +
      (patch.moveNodes?.length ?? 0) +
      (patch.setScores?.length ?? 0) ===
    0
  );
}

export function invertPatch(patch: GraphPatch): GraphPatch {
  return {
    addNodes: patch.removeNodes,
    addEdges: patch.removeEdges,
    removeNodes: patch.addNodes,
    removeEdges: patch.addEdges,
    moveNodes: patch.moveNodes?.map(({ key, from, to }) => ({ key, from: to, to: from })),
    setScores: patch.setScores?.map(({ key, from, to }) => ({ key, from: to, to: from })),
  };
}

export function nodeAttrs(node: GraphNode, at: Point): NodeAttrs {
  const attrs: NodeAttrs = {
    x: at.x,
    y: at.y,
    category: node.label,
    labels: node.labels,
    name: node.name,
    properties: node.properties,
  };
  if (node.nameEn !== undefined) attrs.nameEn = node.nameEn;
  if (node.id !== undefined) attrs.id = node.id;
  if (node.degree !== undefined) attrs.dbDegree = node.degree;
  return attrs;
}

export function edgeAttrs(edge: GraphEdge): EdgeAttrs {
  return { relType: edge.type, properties: edge.properties };
}

/** A stable number in [0, 1) from a key, so placement is deterministic. */
export function hashUnit(key: string): number {
  let hash = 2166136261;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) / 4294967296;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * Offsets for `count` nodes fanned out around `direction` (radians): rings of growing radius, each
 * spanning at most 270°, neighbours about half a spacing apart.
 */
export function fanOut(count: number, spacing: number, direction: number): Point[] {
  const offsets: Point[] = [];
  const maxArc = Math.PI * 1.5;
  const gap = spacing * 0.45;
  for (let ring = 0; offsets.length < count; ring++) {
    const radius = spacing * (1.4 + ring * 0.8);
    const capacity = Math.max(6, Math.floor((maxArc * radius) / gap));
    const n = Math.min(capacity, count - offsets.length);
    const arc = Math.min(maxArc, ((n - 1) * gap) / radius);
    for (let j = 0; j < n; j++) {
      const angle = direction + (n === 1 ? 0 : -arc / 2 + (arc * j) / (n - 1));
      offsets.push({ x: Math.cos(angle) * radius, y: Math.sin(angle) * radius });
    }
  }
  return offsets;
}

/**
 * Plans adding a subgraph: new nodes (placed), new edges (whose ends are on screen or arriving).
 * Nodes already on screen keep their position; edges already on screen are not duplicated.
 *
 * Placement: a node with placed neighbours goes near their centroid, at a deterministic angle; a node
 * with none goes around `anchor` (the node being expanded) or, failing that, on a spiral around
 * the centre — the first view is such a spiral, for ForceAtlas2 to untangle.
 */
export function planAdd(lookup: GraphLookup, subgraph: Subgraph, anchor?: string): GraphPatch {
  const incoming = new Map<string, GraphNode>();
  for (const node of subgraph.nodes) if (!lookup.hasNode(node.key)) incoming.set(node.key, node);

  const neighbours = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    const list = neighbours.get(a);
    if (list) list.push(b);
    else neighbours.set(a, [b]);
  };
  for (const edge of subgraph.edges) {
    link(edge.source, edge.target);
    link(edge.target, edge.source);
  }

  const placed = new Map<string, Point>();
  const positionOf = (key: string) => placed.get(key) ?? lookup.position(key);
  const spacing = lookup.spacing;
  let pending = [...incoming.keys()];

  const anchorAt = anchor ? positionOf(anchor) : undefined;

  // Nodes whose only neighbour on screen is the anchor (an expansion's usual case) fan out on the
  // anchor's outer side, ring after ring, instead of landing on top of the graph.
  if (anchor && anchorAt) {
    const fan = pending.filter((key) => {
      const known = (neighbours.get(key) ?? []).filter((k) => positionOf(k) !== undefined);
      return known.length > 0 && known.every((k) => k === anchor);
    });
    const outward = Math.atan2(anchorAt.y - lookup.centre.y, anchorAt.x - lookup.centre.x);
    const direction =
      Number.isFinite(outward) && Math.hypot(anchorAt.x - lookup.centre.x, anchorAt.y - lookup.centre.y) > 0
        ? outward
        : 0;
    fanOut(fan.length, spacing, direction).forEach((offset, i) => {
      const key = fan[i];
      if (key !== undefined) placed.set(key, { x: anchorAt.x + offset.x, y: anchorAt.y + offset.y });
    });
    const fanned = new Set(fan);
    pending = pending.filter((key) => !fanned.has(key));
  }

  // Place, wave by wave, every node that touches something already placed.
  for (let wave = 0; pending.length > 0 && wave < 8; wave++) {
    const next: string[] = [];
    const thisWave = new Map<string, Point>();
    for (const key of pending) {
      const known = (neighbours.get(key) ?? []).map(positionOf).filter((p): p is Point => p !== undefined);
      if (known.length === 0) {
        next.push(key);
        continue;
      }
      const cx = known.reduce((s, p) => s + p.x, 0) / known.length;
      const cy = known.reduce((s, p) => s + p.y, 0) / known.length;
      const angle = hashUnit(key) * 2 * Math.PI;
      const distance = spacing * (known.length > 1 ? 0.3 : 0.6 + 0.6 * hashUnit(`${key}#r`));
      thisWave.set(key, { x: cx + Math.cos(angle) * distance, y: cy + Math.sin(angle) * distance });
    }
    if (thisWave.size === 0) break;
    for (const [key, point] of thisWave) placed.set(key, point);
    pending = next;
  }

  // The rest: around the anchor, else on a spiral around (or beside) what is on screen.
  pending.forEach((key, i) => {
    if (anchorAt) {
      const angle = i * GOLDEN_ANGLE;
      const distance = spacing * (1 + 0.25 * Math.sqrt(i));
      placed.set(key, {
        x: anchorAt.x + Math.cos(angle) * distance,
        y: anchorAt.y + Math.sin(angle) * distance,
      });
    } else {
      const angle = i * GOLDEN_ANGLE;
      const distance = lookup.radius + spacing * Math.sqrt(i + 1);
      placed.set(key, {
        x: lookup.centre.x + Math.cos(angle) * distance,
        y: lookup.centre.y + Math.sin(angle) * distance,
      });
    }
  });

  const addNodes: NodeEntry[] = [...incoming.values()].map((node) => ({
    key: node.key,
    attributes: nodeAttrs(node, placed.get(node.key) ?? lookup.centre),
  }));
  const present = (key: string) => lookup.hasNode(key) || incoming.has(key);
  const seenEdges = new Set<string>();
  const addEdges: EdgeEntry[] = [];
  for (const edge of subgraph.edges) {
    if (lookup.hasEdge(edge.key) || seenEdges.has(edge.key)) continue;
    if (!present(edge.source) || !present(edge.target)) continue;
    seenEdges.add(edge.key);
    addEdges.push({ key: edge.key, source: edge.source, target: edge.target, attributes: edgeAttrs(edge) });
  }
  return { addNodes, addEdges, removeNodes: [], removeEdges: [] };
}

/**
 * "Replace" planning: everything not in `subgraph` leaves, what is in it stays where it is on screen
 * or joins (placed as planAdd does; with nothing kept, laid out afresh around the centre).
 */
export function planReplace(graph: ExplorerGraph, lookup: GraphLookup, subgraph: Subgraph): GraphPatch {
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

/** The patch that removes `keys` and every edge touching them, with what undo needs to put them back. */
export function planRemove(graph: ExplorerGraph, keys: readonly string[]): GraphPatch {
  const edgeKeys = new Set<string>();
  for (const key of keys) if (graph.hasNode(key)) graph.forEachEdge(key, (edge) => edgeKeys.add(edge));
  return {
    ...EMPTY_PATCH,
    removeNodes: keys
      .filter((key) => graph.hasNode(key))
      .map((key) => ({ key, attributes: { ...graph.getNodeAttributes(key) } })),
    removeEdges: [...edgeKeys].map((key) => ({
      key,
      source: graph.source(key),
      target: graph.target(key),
      attributes: { ...graph.getEdgeAttributes(key) },
    })),
  };
}

/**
 * Writes a patch into the graph (removals first, in one import); positions travel with the patch.
 * Edges whose ends are neither on screen nor arriving are skipped. No renderer involved.
 */
export function applyGraphPatch(graph: ExplorerGraph, patch: GraphPatch): void {
  for (const { key } of patch.removeEdges) if (graph.hasEdge(key)) graph.dropEdge(key);
  for (const { key } of patch.removeNodes) if (graph.hasNode(key)) graph.dropNode(key);
  const nodes = patch.addNodes.filter(({ key }) => !graph.hasNode(key));
  const arriving = new Set(nodes.map((n) => n.key));
  const edges = patch.addEdges.filter(
    ({ key, source, target }) =>
      !graph.hasEdge(key) &&
      (graph.hasNode(source) || arriving.has(source)) &&
      (graph.hasNode(target) || arriving.has(target)),
  );
  graph.import(
    {
      nodes: nodes.map((n) => ({ key: n.key, attributes: { ...n.attributes } })),
      edges: edges.map((e) => ({ ...e, attributes: { ...e.attributes } })),
    },
    true,
  );
  for (const { key, to } of patch.moveNodes ?? [])
    if (graph.hasNode(key)) graph.mergeNodeAttributes(key, { x: to.x, y: to.y });
  for (const { key, to } of patch.setScores ?? []) {
    if (!graph.hasNode(key)) continue;
    if (to && Object.keys(to).length) graph.setNodeAttribute(key, "scores", { ...to });
    else graph.removeNodeAttribute(key, "scores");
  }
}

/**
 * The patch that gives nodes on screen these scores (metric → value by node key): for each metric in
 * `metrics`, nodes in `values` get theirs and every other node loses that metric's score. Other
 * metrics' scores are kept.
 */
export function planScores(
  graph: ExplorerGraph,
  metrics: readonly string[],
  values: ReadonlyMap<string, Record<string, number>>,
): ScoresChange[] {
  const changes: ScoresChange[] = [];
  graph.forEachNode((key, attrs) => {
    const from = attrs.scores;
    const next: Record<string, number> = { ...from };
    for (const metric of metrics) delete next[metric];
    Object.assign(next, values.get(key));
    const to = Object.keys(next).length ? next : undefined;
    if (!sameScores(from, to)) changes.push({ key, from: from ? { ...from } : undefined, to });
  });
  return changes;
}

function sameScores(a: Record<string, number> | undefined, b: Record<string, number> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  const kb = Object.keys(b ?? {});
  return ka.length === kb.length && ka.every((k) => a?.[k] === b?.[k]);
}

/** What merge planning needs from a graph: positions, typical spacing (a sampled median), centre, extent. */
export function graphLookup(graph: ExplorerGraph): GraphLookup {
  const lengths: number[] = [];
  let i = 0;
  graph.forEachEdge((_edge, _attrs, _source, _target, s, t) => {
    if (i++ % Math.max(1, Math.floor(graph.size / 300)) !== 0) return;
    lengths.push(Math.hypot(s.x - t.x, s.y - t.y));
  });
  lengths.sort((a, b) => a - b);
  const median = lengths[Math.floor(lengths.length / 2)];
  let sx = 0;
  let sy = 0;
  graph.forEachNode((_key, attrs) => {
    sx += attrs.x;
    sy += attrs.y;
  });
  const centre: Point = graph.order ? { x: sx / graph.order, y: sy / graph.order } : { x: 0, y: 0 };
  let radius = 0;
  graph.forEachNode((_key, attrs) => {
    radius = Math.max(radius, Math.hypot(attrs.x - centre.x, attrs.y - centre.y));
  });
  return {
    hasNode: (key) => graph.hasNode(key),
    hasEdge: (key) => graph.hasEdge(key),
    position: (key) =>
      graph.hasNode(key)
        ? { x: graph.getNodeAttribute(key, "x"), y: graph.getNodeAttribute(key, "y") }
        : undefined,
    spacing: median && median > 0 ? median : 10,
    centre,
    radius,
  };
}
