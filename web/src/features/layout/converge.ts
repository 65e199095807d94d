/**
 * The first view's layout for small graphs: ForceAtlas2 run in a worker for as many iterations as it
 * takes to converge, not for a time budget. The same graph from the same starting places (the
 * deterministic spiral of graph-view/merge.ts) gives the same picture on every run and every machine,
 * and it is done as soon as it stops moving instead of after a fixed few seconds. Pure functions over
 * ForceAtlas2's own flat matrices (10 floats a node, 3 an edge), for the worker and for unit tests.
 */
import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";
import iterate from "graphology-layout-forceatlas2/iterate.js";
import DEFAULTS from "graphology-layout-forceatlas2/defaults.js";

/** Floats per node and per edge in ForceAtlas2's matrices. */
const PPN = 10;
const PPE = 3;

/** Graphs up to this many nodes are laid out to convergence in one worker run. */
export const CONVERGE_MAX_NODES = 500;

export interface ConvergeLimits {
  /** Iterations between two convergence checks. */
  window: number;
  /** At least this many iterations (ForceAtlas2's first steps are large and can pause). */
  minIterations: number;
  maxIterations: number;
  /**
   * Converged when the nodes moved, on average over a window, less than this fraction of the
   * picture's extent.
   */
  tolerance: number;
  /** After `minIterations`, each window that has not converged divides the next one's steps by this. */
  cooling: number;
}

export const CONVERGE_LIMITS: ConvergeLimits = {
  window: 50,
  minIterations: 200,
  maxIterations: 2_000,
  tolerance: 2e-3,
  cooling: 1.25,
};

export interface LayoutInput {
  /** Node keys, in the order of the matrix's rows. */
  keys: string[];
  nodes: Float32Array;
  edges: Float32Array;
}

/** Minimal view of the graph the matrices are built from (graphology's iteration methods). */
export interface MatrixSource {
  forEachNode(
    cb: (key: string, attrs: { x: number; y: number; size?: number; fixed?: boolean }) => void,
  ): void;
  forEachEdge(cb: (key: string, attrs: object, source: string, target: string) => void): void;
  readonly order: number;
  readonly size: number;
}

/** ForceAtlas2's matrices of a graph, as its own graphToByteArrays builds them (weights default to 1). */
export function toMatrices(graph: MatrixSource): LayoutInput {
  const keys: string[] = [];
  const index = new Map<string, number>();
  const nodes = new Float32Array(graph.order * PPN);
  let j = 0;
  graph.forEachNode((key, attrs) => {
    index.set(key, j);
    keys.push(key);
    nodes[j] = attrs.x;
    nodes[j + 1] = attrs.y;
    nodes[j + 6] = 1; // mass: 1 + weighted degree
    nodes[j + 7] = 1; // convergence
    nodes[j + 8] = attrs.size || 1;
    nodes[j + 9] = attrs.fixed ? 1 : 0;
    j += PPN;
  });
  const edges = new Float32Array(graph.size * PPE);
  let e = 0;
  graph.forEachEdge((_key, attrs, source, target) => {
    const s = index.get(source)!;
    const t = index.get(target)!;
    const given = (attrs as { weight?: unknown }).weight;
    const weight = typeof given === "number" ? given : 1;
    nodes[s + 6]! += weight;
    nodes[t + 6]! += weight;
    edges[e] = s;
    edges[e + 1] = t;
    edges[e + 2] = weight;
    e += PPE;
  });
  return { keys, nodes, edges };
}

/** Mean distance the nodes moved since `before`, as a fraction of the picture's extent. */
function meanMove(nodes: Float32Array, before: Float32Array): number {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  let moved = 0;
  const count = nodes.length / PPN;
  for (let i = 0; i < nodes.length; i += PPN) {
    const x = nodes[i]!;
    const y = nodes[i + 1]!;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
    moved += Math.hypot(x - before[i]!, y - before[i + 1]!);
  }
  const extent = Math.max(maxX - minX, maxY - minY);
  return extent > 0 ? moved / count / extent : 0;
}

/**
 * Runs ForceAtlas2 on the matrices (in place) until it converges or reaches the iteration cap;
 * returns the iterations run. Deterministic: the same input gives the same output.
 */
export function converge(
  settings: ForceAtlas2Settings,
  nodes: Float32Array,
  edges: Float32Array,
  limits: ConvergeLimits = CONVERGE_LIMITS,
): number {
  const full = { ...DEFAULTS, ...settings };
  if (nodes.length === 0) return 0;
  let before = nodes.slice();
  let done = 0;
  while (done < limits.maxIterations) {
    for (let i = 0; i < limits.window; i++) iterate(full, nodes, edges);
    done += limits.window;
    if (done >= limits.minIterations) {
      if (meanMove(nodes, before) < limits.tolerance) break;
      // Cooling: star-shaped graphs can swing for ever (leaves orbiting their hub); each window
      // that still moves slows the next one down, so every run ends, the same way each time.
      full.slowDown *= limits.cooling;
    }
    before = nodes.slice();
  }
  return done;
}
