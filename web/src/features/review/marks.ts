/**
 * The article text cut into runs for highlighting: each run is plain or covered by one or more mentions
 * (nested names: 北京保障房中心 inside 北京保障房中心有限公司工会). The innermost mention gives the run
 * its look; every covering item is kept so that selecting any of them marks the run. Pure.
 */
import type { Draft } from "../../../../extract/draft.ts";
import { itemStatus, reviewItems } from "./state.ts";

export interface TextRun {
  start: number;
  end: number;
  text: string;
  /** Positions (in reviewItems) of the items named here, innermost first; empty for plain text. */
  items: number[];
  found?: "linked" | "new" | "ambiguous";
  label?: string;
}

interface Span {
  start: number;
  end: number;
  position: number;
}

export function textRuns(draft: Draft, article: string, field: "title" | "text", text: string): TextRun[] {
  const spans: Span[] = [];
  reviewItems(draft).forEach((ref, position) => {
    if (ref.kind !== "node") return;
    for (const m of draft.nodes[ref.index]!.review.mentions)
      if (m.article === article && m.field === field && m.start < m.end && m.end <= text.length)
        spans.push({ start: m.start, end: m.end, position });
  });
  const cuts = new Set([0, text.length]);
  for (const s of spans) cuts.add(s.start).add(s.end);
  const points = [...cuts].sort((a, b) => a - b);
  const runs: TextRun[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const covering = spans
      .filter((s) => s.start <= start && s.end >= end)
      .sort((a, b) => a.end - a.start - (b.end - b.start));
    const items = [...new Set(covering.map((s) => s.position))];
    const run: TextRun = { start, end, text: text.slice(start, end), items };
    const first = items[0];
    if (first !== undefined) {
      const ref = reviewItems(draft)[first]!;
      const found = itemStatus(draft, ref).found;
      if (found !== "suggestion") run.found = found;
      run.label = draft.nodes[ref.index]!.label;
    }
    // Plain runs next to each other join (cuts from mentions of other fields do not split text).
    const last = runs[runs.length - 1];
    if (last && last.items.length === 0 && items.length === 0) {
      last.end = end;
      last.text += run.text;
    } else runs.push(run);
  }
  return runs;
}
