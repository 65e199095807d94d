/**
 * Analysis results (core/analysis) as node attributes in every export: one column per metric, named by
 * its id (`pagerank`, `louvain`, …; prefixed with `_` when a property already has the name). Partitions
 * (communities, components, core numbers) and counts (degrees) are integers, so Gephi offers a
 * partition on `louvain`; other scores are floats.
 */
import { isMetricId, METRICS } from "../core/analysis/metrics.ts";

export interface ScoreColumn {
  /** The metric id, as in GraphNodeAttributes.scores. */
  metric: string;
  /** The attribute's name in the file (the id, unless a property took it). */
  name: string;
  type: "int" | "float";
  /** A community, component or core number: a category, not a ranking. */
  partition: boolean;
}

const COUNTS: ReadonlySet<string> = new Set(["degree", "inDegree", "outDegree"]);

/** The score columns of these nodes' results, metrics in METRIC_IDS order then others by name. */
export function scoreColumns(
  scores: readonly Readonly<Record<string, number>>[],
  taken: (name: string) => boolean,
): ScoreColumn[] {
  const byMetric = new Map<string, number[]>();
  for (const s of scores)
    for (const [metric, value] of Object.entries(s)) {
      if (!Number.isFinite(value)) continue;
      const values = byMetric.get(metric) ?? [];
      values.push(value);
      byMetric.set(metric, values);
    }
  const order = Object.keys(METRICS);
  const rank = (m: string) => (order.includes(m) ? order.indexOf(m) : order.length);
  return [...byMetric.keys()]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((metric) => {
      const values = byMetric.get(metric)!;
      const partition = isMetricId(metric) && METRICS[metric].kind === "partition";
      const integral = values.every((v) => Number.isInteger(v));
      const int = integral && (partition || COUNTS.has(metric) || !isMetricId(metric));
      let name = metric;
      while (taken(name)) name = `_${name}`;
      return { metric, name, type: int ? "int" : "float", partition };
    });
}

/** A node's value for a score column, or undefined when it has none. */
export function scoreValue(
  scores: Readonly<Record<string, number>>,
  column: ScoreColumn,
): number | undefined {
  const value = scores[column.metric];
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}
