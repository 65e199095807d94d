/**
 * The aggregated first view of a large database (GET /api/overview above GUANXI_AGGREGATE_ABOVE):
 * the count store's relationship counts turned into counts per (label, type, label), and those
 * counts turned into meta-nodes and meta-edges the explorer draws. Meta-nodes are keyed
 * `meta:LABEL`: never a Neo4j elementId, never sent to the database, never exported. Pure.
 */
import type { OverviewAggregate, Subgraph } from "./api-types.ts";
import type { PlainValue } from "./plain-values.ts";

export const META_KEY_PREFIX = "meta:";

/** The default aggregation threshold: elements (nodes + relationships) of the requested first view. */
export const DEFAULT_AGGREGATE_ABOVE = 50_000;

/** Real nodes a meta-node expands into, most connected first (the explorer's default). */
export const META_EXPAND_NODES = 1_000;

export function isMetaKey(key: string): boolean {
  return key.startsWith(META_KEY_PREFIX);
}

export function metaNodeKey(label: string): string {
  return META_KEY_PREFIX + label;
}

/** The meta-edge's key: one per (from label, type, to label). */
export function metaEdgeKey(from: string, type: string, to: string): string {
  return `${META_KEY_PREFIX}${JSON.stringify([from, type, to])}`;
}

/** The label a meta-node stands for, or null for a real node's key. */
export function metaLabel(key: string): string | null {
  return isMetaKey(key) ? key.slice(META_KEY_PREFIX.length) : null;
}

/** "Organisation · 123,456": what a meta-node is called on screen. */
export function metaCaption(label: string, count: number): string {
  return `${label} · ${count.toLocaleString("en-US")}`;
}

/** One row of the count store's relationship counts (db.stats.retrieve('GRAPH COUNTS')). */
export interface RelationshipCountEntry {
  relationshipType?: string | null;
  startLabel?: string | null;
  endLabel?: string | null;
  count: number;
}

/**
 * Counts per (label, type, label) from the count store, which only knows (label)-[type]->() and
 * ()-[type]->(label): exact when every relationship of a type starts at nodes of one label (then the
 * end counts are the triples), or ends at nodes of one label. For a type with several labels at both
 * ends the count store cannot tell the pairs apart, and counting them would read every relationship
 * of the type (seconds on a large database): they are estimated, `estimated: true`, as if the two ends
 * were independent (start count × end count / the type's count, rounded; zeros left out).
 */
export function tripleCounts(entries: readonly RelationshipCountEntry[]): OverviewAggregate["links"] {
  const byType = new Map<string, { total: number; starts: Map<string, number>; ends: Map<string, number> }>();
  for (const e of entries) {
    if (!e.relationshipType) continue;
    let t = byType.get(e.relationshipType);
    if (!t) byType.set(e.relationshipType, (t = { total: 0, starts: new Map(), ends: new Map() }));
    if (e.startLabel && !e.endLabel) t.starts.set(e.startLabel, e.count);
    else if (e.endLabel && !e.startLabel) t.ends.set(e.endLabel, e.count);
    else if (!e.startLabel && !e.endLabel) t.total = e.count;
  }
  const links: OverviewAggregate["links"] = [];
  for (const [type, { total, starts, ends }] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
    if (total === 0) continue;
    const only = (side: Map<string, number>) => {
      const labels = [...side].filter(([, n]) => n > 0);
      return labels.length === 1 && labels[0]![1] === total ? labels[0]![0] : null;
    };
    const from = only(starts);
    const to = only(ends);
    if (from !== null) {
      for (const [end, count] of ends) if (count > 0) links.push({ from, type, to: end, count });
    } else if (to !== null) {
      for (const [start, count] of starts) if (count > 0) links.push({ from: start, type, to, count });
    } else {
      for (const [start, s] of starts)
        for (const [end, e] of ends) {
          const count = Math.round((s * e) / total);
          if (count > 0) links.push({ from: start, type, to: end, count, estimated: true });
        }
    }
  }
  return links;
}

/** The meta-nodes and meta-edges of an aggregated first view, as a subgraph the explorer loads. */
export function aggregateSubgraph(aggregate: OverviewAggregate): Subgraph {
  const labels = new Set(aggregate.groups.map((g) => g.label));
  return {
    nodes: aggregate.groups.map(({ label, count }) => ({
      key: metaNodeKey(label),
      label,
      labels: [label],
      name: metaCaption(label, count),
      properties: { count },
      degree: 0,
    })),
    edges: aggregate.links
      .filter((l) => labels.has(l.from) && labels.has(l.to) && l.count > 0)
      .map(({ from, type, to, count, estimated }) => {
        const properties: Record<string, PlainValue> = { count };
        if (estimated) properties.estimated = true;
        return {
          key: metaEdgeKey(from, type, to),
          type,
          source: metaNodeKey(from),
          target: metaNodeKey(to),
          properties,
        };
      }),
  };
}
