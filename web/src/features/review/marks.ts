/**
 * The article text as nested marks for highlighting: every mention of a reviewed item becomes a mark,
 * names inside names nest (北京保障房中心 inside 北京保障房中心有限公司工会), and items named by the same
 * characters share one mark. A mention crossing another's edge is left unmarked (its item is still
 * listed). Pure: the view turns the pieces into elements.
 */
import type { Draft } from "../../../../core/draft.ts";
import { itemStatus, reviewItems } from "./state.ts";

export interface MarkPiece {
  start: number;
  end: number;
  /** Positions (in reviewItems) of the items named by exactly these characters. */
  items: number[];
  found: "linked" | "new" | "ambiguous";
  label: string;
  children: TextPiece[];
}

export type TextPiece = string | MarkPiece;

interface Span {
  start: number;
  end: number;
  items: number[];
}

function build(
  text: string,
  from: number,
  to: number,
  spans: Span[],
  mark: (s: Span) => MarkPiece,
): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = from;
  let i = 0;
  while (i < spans.length) {
    const span = spans[i]!;
    // Those inside this one (sorted by start, longest first, so they follow it directly).
    let j = i + 1;
    while (j < spans.length && spans[j]!.start < span.end) j++;
    const inner = spans.slice(i + 1, j).filter((s) => s.end <= span.end);
    if (span.start > at) pieces.push(text.slice(at, span.start));
    pieces.push({ ...mark(span), children: build(text, span.start, span.end, inner, mark) });
    at = span.end;
    i = j;
  }
  if (at < to) pieces.push(text.slice(at, to));
  return pieces;
}

export function textPieces(
  draft: Draft,
  article: string,
  field: "title" | "text",
  text: string,
): TextPiece[] {
  const byRange = new Map<string, Span>();
  const items = reviewItems(draft);
  items.forEach((ref, position) => {
    if (ref.kind !== "node") return;
    for (const m of draft.nodes[ref.index]!.review.mentions) {
      if (m.article !== article || m.field !== field || m.start >= m.end || m.end > text.length) continue;
      const key = `${m.start}:${m.end}`;
      const span = byRange.get(key) ?? { start: m.start, end: m.end, items: [] };
      if (!span.items.includes(position)) span.items.push(position);
      byRange.set(key, span);
    }
  });
  const spans = [...byRange.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  const mark = (span: Span): MarkPiece => {
    const ref = items[span.items[0]!]!;
    const found = itemStatus(draft, ref).found;
    return {
      start: span.start,
      end: span.end,
      items: span.items,
      found: found === "suggestion" ? "new" : found,
      label: draft.nodes[ref.index]!.label,
      children: [],
    };
  };
  return build(text, 0, text.length, spans, mark);
}

/** The pieces' text, marks flattened: equals the article's text. */
export function piecesText(pieces: TextPiece[]): string {
  return pieces.map((p) => (typeof p === "string" ? p : piecesText(p.children))).join("");
}
