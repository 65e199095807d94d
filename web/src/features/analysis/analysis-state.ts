/**
 * The analysis panel's pure part: which nodes a run covers (the view, the last query's result, the
 * selection's ego network), the graph sent to the worker, the relationship types and properties on
 * offer, the ranked table and the groups of a partition.
 */
import type { ExplorerGraph } from "../graph-view/types.ts";
import type { WorkerEdge } from "./protocol.ts";

export type AnalysisScope = "view" | "query" | "ego";

export const SCOPES: { id: AnalysisScope; label: string }[] = [
  { id: "view", label: "Current view" },
  { id: "query", label: "Last query result" },
  { id: "ego", label: "Ego network of the selection" },
];

export interface ScopeInput {
  /** Nodes shown now (neither hidden nor filtered out). */
  visible: readonly string[];
  selection: readonly string[];
  /** The last query result's node keys, null before the first query. */
  queryKeys: readonly string[] | null;
}

/** The nodes a run covers, or why there are none. */
export function scopeNodes(
  graph: ExplorerGraph,
  scope: AnalysisScope,
  input: ScopeInput,
): { nodes: string[] } | { empty: string } {
  const visible = new Set(input.visible);
  if (scope === "view") {
    return visible.size
      ? { nodes: [...visible] }
      : { empty: "Nothing is shown: there is nothing to analyse." };
  }
  if (scope === "query") {
    if (!input.queryKeys) return { empty: "Run a query first: there is no query result to analyse." };
    const nodes = input.queryKeys.filter((key) => graph.hasNode(key) && visible.has(key));
    return nodes.length ? { nodes } : { empty: "None of the last query's nodes is shown." };
  }
  const centre = input.selection.filter((key) => graph.hasNode(key) && visible.has(key));
  if (centre.length === 0)
    return { empty: "Select a node first: the ego network is the selection and its neighbours." };
  const nodes = new Set(centre);
  for (const key of centre)
    graph.forEachNeighbor(key, (neighbour) => visible.has(neighbour) && nodes.add(neighbour));
  return { nodes: [...nodes] };
}

/** The relationships among `nodes`, for the worker: ends, type and the weight property's number. */
export function workerEdges(
  graph: ExplorerGraph,
  nodes: readonly string[],
  weightProperty: string | null,
): WorkerEdge[] {
  const inScope = new Set(nodes);
  const edges: WorkerEdge[] = [];
  graph.forEachEdge((_key, attrs, source, target) => {
    if (!inScope.has(source) || !inScope.has(target)) return;
    const raw = weightProperty ? attrs.properties[weightProperty] : undefined;
    edges.push([source, target, attrs.relType, typeof raw === "number" && Number.isFinite(raw) ? raw : null]);
  });
  return edges;
}

/** Relationship types among `nodes`, with how many of each, most first. */
export function typesAmong(
  graph: ExplorerGraph,
  nodes: readonly string[],
): { type: string; count: number }[] {
  const inScope = new Set(nodes);
  const counts = new Map<string, number>();
  graph.forEachEdge((_key, attrs, source, target) => {
    if (inScope.has(source) && inScope.has(target))
      counts.set(attrs.relType, (counts.get(attrs.relType) ?? 0) + 1);
  });
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([type, count]) => ({ type, count }));
}

/** Names of the numeric relationship properties on screen (weights, widths). */
export function numericEdgeProperties(graph: ExplorerGraph): string[] {
  const names = new Set<string>();
  graph.forEachEdge((_key, attrs) => {
    for (const [name, value] of Object.entries(attrs.properties))
      if (typeof value === "number" && Number.isFinite(value)) names.add(name);
  });
  return [...names].sort();
}

/** Node properties on screen: all of them (colour, captions), and the numeric ones (size). */
export function nodeProperties(graph: ExplorerGraph): {
  all: string[];
  numeric: string[];
  byLabel: Map<string, string[]>;
} {
  const all = new Set<string>();
  const numeric = new Set<string>();
  const byLabel = new Map<string, Set<string>>();
  graph.forEachNode((_key, attrs) => {
    const own = byLabel.get(attrs.category) ?? new Set<string>();
    byLabel.set(attrs.category, own);
    for (const [name, value] of Object.entries(attrs.properties)) {
      if (value === null || value === undefined) continue;
      all.add(name);
      own.add(name);
      if (typeof value === "number" && Number.isFinite(value)) numeric.add(name);
    }
  });
  return {
    all: [...all].sort(),
    numeric: [...numeric].sort(),
    byLabel: new Map(
      [...byLabel].sort((a, b) => a[0].localeCompare(b[0])).map(([l, s]) => [l, [...s].sort()]),
    ),
  };
}

/** Metrics that have scores on screen now. */
export function scoredMetrics(graph: ExplorerGraph): string[] {
  const metrics = new Set<string>();
  graph.forEachNode((_key, attrs) => {
    for (const metric of Object.keys(attrs.scores ?? {})) metrics.add(metric);
  });
  return [...metrics].sort();
}

export interface RankRow {
  key: string;
  rank: number;
  name: string;
  label: string;
  value: number;
}

export type SortKey = "rank" | "name" | "label" | "value";
export interface Sort {
  key: SortKey;
  descending: boolean;
}

export const DEFAULT_SORT: Sort = { key: "rank", descending: false };

/** The nodes ranked by value (highest first, ties by name): rank 1 is the highest; the top `limit`. */
export function rankedRows(
  values: Readonly<Record<string, number>>,
  describe: (key: string) => { name: string; label: string } | null,
  limit = Infinity,
): RankRow[] {
  const rows: RankRow[] = [];
  for (const [key, value] of Object.entries(values)) {
    const node = describe(key);
    if (node) rows.push({ key, value, rank: 0, ...node });
  }
  rows.sort((a, b) => b.value - a.value || a.name.localeCompare(b.name) || a.key.localeCompare(b.key));
  rows.forEach((row, i) => (row.rank = i + 1));
  return rows.slice(0, limit);
}

/** Rows ordered by a column (the table's headers), ties by rank. */
export function sortRows(rows: readonly RankRow[], sort: Sort): RankRow[] {
  const sign = sort.descending ? -1 : 1;
  const compare: Record<SortKey, (a: RankRow, b: RankRow) => number> = {
    rank: (a, b) => a.rank - b.rank,
    value: (a, b) => a.value - b.value || b.rank - a.rank,
    name: (a, b) => a.name.localeCompare(b.name) || a.rank - b.rank,
    label: (a, b) => a.label.localeCompare(b.label) || a.rank - b.rank,
  };
  return [...rows].sort((a, b) => sign * compare[sort.key](a, b) || a.rank - b.rank);
}

/** The next sort when a column header is clicked: the same column flips, another starts its natural way. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: key === "value" };
}

/** A partition's groups: number and size, largest first. */
export function groupSizes(values: Readonly<Record<string, number>>): { group: number; size: number }[] {
  const sizes = new Map<number, number>();
  for (const group of Object.values(values)) sizes.set(group, (sizes.get(group) ?? 0) + 1);
  return [...sizes]
    .map(([group, size]) => ({ group, size }))
    .sort((a, b) => b.size - a.size || a.group - b.group);
}
