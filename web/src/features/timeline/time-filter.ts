/**
 * The timeline's facts and its filter, pure: which nodes and relationships on screen are dated (by
 * the schema's time properties, core/schema/time-properties.ts) and, for a period, which of them
 * fall outside it.
 *
 * The rule: a dated node or relationship is shown when its date overlaps the period (a fact dated
 * only "2023" is in a brush of 2023-05, since it may be). An undated node stays unless every dated
 * fact it takes part in — its dated relationships and its dated neighbours — lies outside the
 * period: context (a region, a federation) stays while it connects something of the period, and a
 * node that touches no dated fact at all is never hidden by time. Undated relationships follow their
 * ends.
 */
import { hull, overlaps, spanOf } from "../../../../core/partial-date.ts";
import type { DaySpan, PartialDate } from "../../../../core/partial-date.ts";
import { datesOf } from "../../../../core/schema/time-properties.ts";
import type { TimeSchema } from "../../../../core/schema/time-properties.ts";
import type { ExplorerGraph } from "../graph-view/types.ts";

export interface DatedFacts {
  /** Node key → the span its dates cover. */
  nodes: Map<string, DaySpan>;
  edges: Map<string, DaySpan>;
  /** Every date read, as partial as it was (for the bucket unit). */
  dates: PartialDate[];
}

export interface OutOfTime {
  nodes: Set<string>;
  edges: Set<string>;
}

function spanOfDates(dates: readonly PartialDate[]): DaySpan | null {
  return hull(dates.map(spanOf));
}

export function datedFacts(graph: ExplorerGraph, schema: TimeSchema | undefined): DatedFacts {
  const facts: DatedFacts = { nodes: new Map(), edges: new Map(), dates: [] };
  if (!schema) return facts;
  graph.forEachNode((key, attrs) => {
    const labels = attrs.labels.length ? attrs.labels : [attrs.category];
    const dates = labels.flatMap((label) => datesOf(attrs.properties, schema.labels[label]));
    const span = spanOfDates(dates);
    if (!span) return;
    facts.nodes.set(key, span);
    facts.dates.push(...dates);
  });
  graph.forEachEdge((key, attrs) => {
    const dates = datesOf(attrs.properties, schema.relationshipTypes[attrs.relType]);
    const span = spanOfDates(dates);
    if (!span) return;
    facts.edges.set(key, span);
    facts.dates.push(...dates);
  });
  return facts;
}

/** What the period leaves out, by the rule above. */
export function outOfTime(graph: ExplorerGraph, facts: DatedFacts, period: DaySpan): OutOfTime {
  const out: OutOfTime = { nodes: new Set(), edges: new Set() };
  for (const [key, span] of facts.nodes) if (!overlaps(span, period)) out.nodes.add(key);
  for (const [key, span] of facts.edges) if (!overlaps(span, period)) out.edges.add(key);
  graph.forEachNode((key) => {
    if (facts.nodes.has(key)) return;
    let dated = 0;
    let inside = 0;
    graph.forEachEdge(key, (edge, _attrs, source, target) => {
      const edgeSpan = facts.edges.get(edge);
      if (edgeSpan) {
        dated++;
        if (overlaps(edgeSpan, period)) inside++;
      }
      const other = source === key ? target : source;
      const otherSpan = facts.nodes.get(other);
      if (otherSpan) {
        dated++;
        if (overlaps(otherSpan, period)) inside++;
      }
    });
    if (dated > 0 && inside === 0) out.nodes.add(key);
  });
  return out;
}
