/**
 * The network metrics Guanxi computes, one table for the explorer's analysis panel (in a worker),
 * `guanxi analyse` and the exports. Browser-safe; pure.
 */

export const METRIC_IDS = [
  "degree",
  "inDegree",
  "outDegree",
  "weightedDegree",
  "betweenness",
  "closeness",
  "pagerank",
  "louvain",
  "components",
  "kcore",
] as const;
export type MetricId = (typeof METRIC_IDS)[number];

/**
 * A score ranks nodes (higher is more); a partition puts each node in a numbered group (a community,
 * a component, a core number) and is drawn and exported as a category.
 */
export type MetricKind = "score" | "partition";

export interface MetricSpec {
  id: MetricId;
  /** Short English name for tables and legends. */
  label: string;
  kind: MetricKind;
  /** Directed (relationship direction counts) or on the undirected projection. */
  graph: "directed" | "undirected";
  description: string;
}

export const METRICS: Readonly<Record<MetricId, MetricSpec>> = {
  degree: {
    id: "degree",
    label: "Degree",
    kind: "score",
    graph: "directed",
    description: "Relationships of the counted types, in and out (parallel ones each count).",
  },
  inDegree: {
    id: "inDegree",
    label: "In-degree",
    kind: "score",
    graph: "directed",
    description: "Relationships of the counted types that end at the node.",
  },
  outDegree: {
    id: "outDegree",
    label: "Out-degree",
    kind: "score",
    graph: "directed",
    description: "Relationships of the counted types that start at the node.",
  },
  weightedDegree: {
    id: "weightedDegree",
    label: "Weighted degree",
    kind: "score",
    graph: "directed",
    description: "Sum of the relationships' weights (the weight property when chosen, else 1 each).",
  },
  betweenness: {
    id: "betweenness",
    label: "Betweenness",
    kind: "score",
    graph: "undirected",
    description:
      "Share of shortest paths between other nodes that pass through the node (normalised): the brokers.",
  },
  closeness: {
    id: "closeness",
    label: "Closeness",
    kind: "score",
    graph: "undirected",
    description: "How near the node is to the others it can reach (Wasserman–Faust, per component).",
  },
  pagerank: {
    id: "pagerank",
    label: "PageRank",
    kind: "score",
    graph: "directed",
    description: "Importance from being pointed at by important nodes (damping 0.85).",
  },
  louvain: {
    id: "louvain",
    label: "Community (Louvain)",
    kind: "partition",
    graph: "undirected",
    description:
      "Communities by Louvain modularity optimisation (seeded: the same graph gives the same groups).",
  },
  components: {
    id: "components",
    label: "Component",
    kind: "partition",
    graph: "undirected",
    description: "Connected components, numbered from the largest (0).",
  },
  kcore: {
    id: "kcore",
    label: "k-core",
    kind: "partition",
    graph: "undirected",
    description: "Core number: the largest k such that the node is in a subgraph where all have degree ≥ k.",
  },
};

export function isMetricId(value: string): value is MetricId {
  return (METRIC_IDS as readonly string[]).includes(value);
}
