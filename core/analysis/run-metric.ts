/**
 * One metric on one graph: `runMetric` projects the graph (analysis-graph.ts), runs graphology's
 * standard-library implementation and returns a value per node. The explorer runs it in a worker
 * (web/src/features/analysis/), `guanxi analyse` in Node; both through this function.
 */
import betweenness from "graphology-metrics/centrality/betweenness.js";
import closeness from "graphology-metrics/centrality/closeness.js";
import pagerank from "graphology-metrics/centrality/pagerank.js";
import louvain from "graphology-communities-louvain";
import { connectedComponents } from "graphology-components";
import { coreNumber } from "graphology-cores";
import { METRICS, type MetricId, type MetricKind } from "./metrics.ts";
import { degreeCounts, project, type Projection, type SourceGraph } from "./analysis-graph.ts";

export interface AnalysisOptions {
  metric: MetricId;
  /** Relationship types counted; null counts all. */
  types: readonly string[] | null;
  weightProperty?: string | null;
  /** Only these nodes (default: all). */
  nodes?: Iterable<string>;
  /** Louvain's resolution (default 1). */
  resolution?: number;
  /** Seed of Louvain's random order (default 1): the same graph gives the same communities. */
  seed?: number;
  /** Betweenness is refused above this many node×edge (default BETWEENNESS_LIMIT). */
  betweennessLimit?: number;
  /** Closeness (one breadth-first search per node) is refused above this many node×edge (default CLOSENESS_LIMIT). */
  closenessLimit?: number;
}

/**
 * Exact betweenness is O(n·m): about a minute at 5k nodes / 20k edges on a 2-core machine. Above
 * this product it is refused with a message, never a frozen tab or a script that runs for hours.
 */
export const BETWEENNESS_LIMIT = 25_000_000;

/**
 * Closeness is one breadth-first search per node, O(n·m) as well but without betweenness's
 * back-propagation: a limit four times higher (20,000 nodes × 5,000 relationships, or 5,000 × 20,000…).
 */
export const CLOSENESS_LIMIT = 100_000_000;

function tooLarge(what: string, n: number, m: number, limit: number): AnalysisRefused {
  return new AnalysisRefused(
    `${what} is exact and grows with nodes × relationships: ${n.toLocaleString("en")} × ` +
      `${m.toLocaleString("en")} is over the limit of ${limit.toLocaleString("en")} ` +
      `(about a minute at 5,000 × 20,000 on a 2-core machine for betweenness). Narrow the view or the types, ` +
      `or use PageRank or degree.`,
  );
}

export interface MetricResult {
  metric: MetricId;
  kind: MetricKind;
  /** Node key → value (a score, or a group number for partitions). */
  values: Record<string, number>;
  nodes: number;
  /** Relationships counted, and the edges left after parallel ones were collapsed. */
  relationships: number;
  edges: number;
  types: string[];
  /** Partitions: how many groups. */
  groups?: number;
  /** Louvain: the partition's modularity. */
  modularity?: number;
  ms: number;
}

/** graphology-cores' typings declare an `assign` flag its export has already bound (0.0.1). */
const coreNumbers = coreNumber as unknown as (graph: Projection["undirected"]) => Record<string, number>;

/** The metric was not run: `reason` says why, for the analyst. */
export class AnalysisRefused extends Error {
  override name = "AnalysisRefused";
}

/** A small seeded generator (mulberry32) for Louvain's order: results are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Numbers groups from the largest (0) down; ties by their smallest member key, so stable. */
function numberGroups(groups: string[][]): Record<string, number> {
  const sorted = groups
    .map((members) => [...members].sort())
    .sort((a, b) => b.length - a.length || (a[0] ?? "").localeCompare(b[0] ?? ""));
  const values: Record<string, number> = {};
  sorted.forEach((members, index) => {
    for (const node of members) values[node] = index;
  });
  return values;
}

function groupsOf(mapping: Record<string, number>): string[][] {
  const byGroup = new Map<number, string[]>();
  for (const [node, group] of Object.entries(mapping)) {
    const members = byGroup.get(group) ?? [];
    members.push(node);
    byGroup.set(group, members);
  }
  return [...byGroup.values()];
}

/** The degree metrics, counted without a projection (analysis-graph.ts degreeCounts). */
const DEGREES = {
  degree: { mode: "all", weighted: false },
  inDegree: { mode: "in", weighted: false },
  outDegree: { mode: "out", weighted: false },
  weightedDegree: { mode: "all", weighted: true },
} as const;

export function runMetric(source: SourceGraph, options: AnalysisOptions): MetricResult {
  const started = Date.now();
  const spec = METRICS[options.metric];
  if (!spec) throw new AnalysisRefused(`Unknown metric "${String(options.metric)}".`);
  const degree = DEGREES[options.metric as keyof typeof DEGREES];
  if (degree) {
    const counts = degreeCounts(source, options, degree.mode, degree.weighted);
    return {
      metric: options.metric,
      kind: spec.kind,
      values: counts.values,
      nodes: counts.nodes,
      relationships: counts.relationships,
      edges: counts.edges,
      types: counts.types,
      ms: Date.now() - started,
    };
  }
  const p = project(source, { ...options, build: [spec.graph] });
  const n = p.directed.order;
  // Edges after collapsing, in the projection the metric reads.
  const m = spec.graph === "directed" ? p.directed.size : p.undirected.size;
  let values: Record<string, number>;
  let groups: number | undefined;
  let modularity: number | undefined;
  switch (options.metric) {
    case "degree":
    case "inDegree":
    case "outDegree":
    case "weightedDegree":
      throw new Error("unreachable: degrees are counted above");
    case "betweenness": {
      const limit = options.betweennessLimit ?? BETWEENNESS_LIMIT;
      if (n * m > limit) throw tooLarge("Betweenness", n, m, limit);
      values = betweenness(p.undirected, { normalized: true, getEdgeWeight: null });
      break;
    }
    case "closeness": {
      const limit = options.closenessLimit ?? CLOSENESS_LIMIT;
      if (n * m > limit) throw tooLarge("Closeness", n, m, limit);
      values = closeness(p.undirected, { wassermanFaust: true });
      break;
    }
    case "pagerank":
      values =
        p.directed.size === 0
          ? Object.fromEntries(p.directed.nodes().map((node) => [node, n ? 1 / n : 0]))
          : pagerank(p.directed, {
              alpha: 0.85,
              getEdgeWeight: options.weightProperty ? "weight" : "count",
              maxIterations: 200,
              tolerance: 1e-9,
            });
      break;
    case "louvain": {
      if (m === 0) {
        values = numberGroups(p.undirected.nodes().map((node) => [node]));
        modularity = 0;
      } else {
        const detailed = louvain.detailed(p.undirected, {
          getEdgeWeight: "weight",
          resolution: options.resolution ?? 1,
          rng: seededRandom(options.seed ?? 1),
        });
        values = numberGroups(groupsOf(detailed.communities));
        modularity = detailed.modularity;
      }
      groups = new Set(Object.values(values)).size;
      break;
    }
    case "components":
      values = numberGroups(connectedComponents(p.undirected));
      groups = new Set(Object.values(values)).size;
      break;
    case "kcore":
      values = coreNumbers(p.undirected);
      groups = new Set(Object.values(values)).size;
      break;
  }
  const result: MetricResult = {
    metric: options.metric,
    kind: spec.kind,
    values,
    nodes: n,
    relationships: p.relationships,
    edges: m,
    types: p.types,
    ms: Date.now() - started,
  };
  if (groups !== undefined) result.groups = groups;
  if (modularity !== undefined) result.modularity = modularity;
  return result;
}
