/**
 * The graph a metric runs on: the nodes given, and only the relationships of the counted types,
 * collapsed to a simple graph (parallel relationships become one edge whose `weight` is their summed
 * weight, `count` their number). Two projections: directed (degree, PageRank) and undirected
 * (betweenness, closeness, communities, components, cores). Self-loops are dropped from both.
 */
import Graph from "graphology";
import type { Attributes } from "graphology-types";

export interface SourceEdge {
  relType: string;
  properties?: Record<string, unknown>;
}

/** Any graphology graph whose edges carry Guanxi's `relType` (the explorer's, or one built in Node). */
export type SourceGraph = Graph<Attributes, SourceEdge>;

export interface ProjectionOptions {
  /** Relationship types counted; null counts every type. */
  types: readonly string[] | null;
  /** A numeric relationship property used as weight (missing or not a number: 1). */
  weightProperty?: string | null;
  /** Only these nodes (default: all of the source graph's). */
  nodes?: Iterable<string>;
  /**
   * The projections to build (default both). One left out has the nodes but no edges: building a
   * graphology graph costs about as much as most metrics, so runMetric builds only the one it reads.
   */
  build?: readonly ("directed" | "undirected")[];
}

export interface ProjectedEdge {
  weight: number;
  count: number;
}

export interface Projection {
  directed: Graph<Attributes, ProjectedEdge>;
  undirected: Graph<Attributes, ProjectedEdge>;
  /** Relationships counted (before collapsing), and self-loops left out. */
  relationships: number;
  selfLoops: number;
  types: string[];
}

function weightOf(edge: SourceEdge, property: string | null | undefined): number {
  if (!property) return 1;
  const value = edge.properties?.[property];
  return typeof value === "number" && Number.isFinite(value) ? value : 1;
}

function addWeighted(
  graph: Graph<Attributes, ProjectedEdge>,
  source: string,
  target: string,
  weight: number,
): void {
  const existing = graph.edge(source, target);
  if (existing === undefined) graph.addEdge(source, target, { weight, count: 1 });
  else
    graph.updateEdgeAttributes(existing, (attrs) => ({
      weight: (attrs?.weight ?? 0) + weight,
      count: (attrs?.count ?? 0) + 1,
    }));
}

export function project(source: SourceGraph, options: ProjectionOptions): Projection {
  const counted = options.types === null ? null : new Set(options.types);
  const keep = options.nodes ? new Set(options.nodes) : null;
  const buildDirected = !options.build || options.build.includes("directed");
  const buildUndirected = !options.build || options.build.includes("undirected");
  const directed = new Graph<Attributes, ProjectedEdge>({ type: "directed", multi: false });
  const undirected = new Graph<Attributes, ProjectedEdge>({ type: "undirected", multi: false });
  source.forEachNode((node) => {
    if (keep && !keep.has(node)) return;
    directed.addNode(node);
    undirected.addNode(node);
  });
  let relationships = 0;
  let selfLoops = 0;
  const types = new Set<string>();
  source.forEachEdge((_edge, attrs, from, to) => {
    if (counted && !counted.has(attrs.relType)) return;
    if (!directed.hasNode(from) || !directed.hasNode(to)) return;
    if (from === to) {
      selfLoops += 1;
      return;
    }
    relationships += 1;
    types.add(attrs.relType);
    const weight = weightOf(attrs, options.weightProperty);
    if (buildDirected) addWeighted(directed, from, to, weight);
    if (buildUndirected) addWeighted(undirected, from, to, weight);
  });
  return { directed, undirected, relationships, selfLoops, types: [...types].sort() };
}

export interface DegreeCounts {
  values: Record<string, number>;
  nodes: number;
  relationships: number;
  /** Edges the directed projection would have (parallel relationships collapsed). */
  edges: number;
  types: string[];
}

/**
 * Degrees straight from the source graph, under the same rules as `project` (counted types, the
 * nodes kept, self-loops left out), without building a projection: ten times cheaper on a large
 * graph. `weighted`: the sum of the weights instead of the number of relationships.
 */
export function degreeCounts(
  source: SourceGraph,
  options: ProjectionOptions,
  mode: "in" | "out" | "all",
  weighted: boolean,
): DegreeCounts {
  const counted = options.types === null ? null : new Set(options.types);
  const keep = options.nodes ? new Set(options.nodes) : null;
  const values: Record<string, number> = {};
  let nodes = 0;
  source.forEachNode((node) => {
    if (keep && !keep.has(node)) return;
    values[node] = 0;
    nodes += 1;
  });
  let relationships = 0;
  const pairs = new Set<string>();
  const types = new Set<string>();
  source.forEachEdge((_edge, attrs, from, to) => {
    if (counted && !counted.has(attrs.relType)) return;
    if (values[from] === undefined || values[to] === undefined || from === to) return;
    relationships += 1;
    types.add(attrs.relType);
    pairs.add(`${from}\u0000${to}`);
    const amount = weighted ? weightOf(attrs, options.weightProperty) : 1;
    if (mode !== "in") values[from] += amount;
    if (mode !== "out") values[to] += amount;
  });
  return { values, nodes, relationships, edges: pairs.size, types: [...types].sort() };
}
