/**
 * The review screen's pure state: a draft (extract/draft.ts) and the item under the cursor, changed by
 * `reduceReview(state, action) → state` (accept, reject, edit, merge into an existing node, accept every
 * exact link). Nothing here touches the DOM, the graph or the API; tests/unit/review-state.test.ts runs it.
 */
import type { Draft, DraftNode, DraftRelationship, ReviewState } from "../../../../core/draft.ts";
import { mergeTarget } from "../../../../core/draft.ts";

/** What a reviewer decides on: entities (not the article itself) and suggested relationships (MENTIONS follow their entity). */
export type ItemRef = { kind: "node"; index: number } | { kind: "rel"; index: number };

export interface ReviewSession {
  draft: Draft;
  /** Position in `reviewItems(draft)`. */
  cursor: number;
}

export type ReviewAction =
  | { type: "move"; delta: number }
  | { type: "select"; position: number }
  | { type: "accept" }
  | { type: "reject" }
  | { type: "edit"; name?: string; label?: string; relType?: string }
  | { type: "merge"; targetId: string; targetName: string }
  | { type: "acceptLinked" };

export function reviewItems(draft: Draft): ItemRef[] {
  const items: ItemRef[] = [];
  draft.nodes.forEach((n, index) => {
    if (n.review.kind !== "article") items.push({ kind: "node", index });
  });
  draft.relationships.forEach((r, index) => {
    if (r.review.kind !== "mention") items.push({ kind: "rel", index });
  });
  return items;
}

export function startReview(draft: Draft): ReviewSession {
  return { draft, cursor: 0 };
}

export function currentItem(session: ReviewSession): ItemRef | undefined {
  return reviewItems(session.draft)[session.cursor];
}

export function itemNode(draft: Draft, ref: ItemRef): DraftNode | undefined {
  return ref.kind === "node" ? draft.nodes[ref.index] : undefined;
}

export function itemRel(draft: Draft, ref: ItemRef): DraftRelationship | undefined {
  return ref.kind === "rel" ? draft.relationships[ref.index] : undefined;
}

/** A stable key for an item (the view's row ids and the marks in the text). */
export function itemKey(draft: Draft, ref: ItemRef): string {
  if (ref.kind === "node") return `node:${draft.nodes[ref.index]!.id}`;
  const r = draft.relationships[ref.index]!;
  return `rel:${ref.index}:${r.type}:${r.start}>${r.end}`;
}

/** How the item is drawn: linked, new, ambiguous (links only), and its decision. */
export function itemStatus(
  draft: Draft,
  ref: ItemRef,
): {
  found: "linked" | "new" | "ambiguous" | "suggestion";
  state: "proposed" | "accepted" | "rejected" | "merged";
} {
  const review =
    ref.kind === "node" ? draft.nodes[ref.index]!.review : draft.relationships[ref.index]!.review;
  const state = mergeTarget(review.state) ? "merged" : (review.state as "proposed" | "accepted" | "rejected");
  if (ref.kind === "rel") return { found: "suggestion", state };
  const node = draft.nodes[ref.index]!;
  const found = node.review.kind === "link" ? (node.review.ambiguous ? "ambiguous" : "linked") : "new";
  return { found, state };
}

export interface ReviewCounts {
  proposed: number;
  accepted: number;
  rejected: number;
  merged: number;
}

export function reviewCounts(draft: Draft): ReviewCounts {
  const counts: ReviewCounts = { proposed: 0, accepted: 0, rejected: 0, merged: 0 };
  for (const ref of reviewItems(draft)) counts[itemStatus(draft, ref).state]++;
  return counts;
}

function withNode(draft: Draft, index: number, change: (n: DraftNode) => DraftNode): Draft {
  return { ...draft, nodes: draft.nodes.map((n, i) => (i === index ? change(n) : n)) };
}

function withRel(draft: Draft, index: number, change: (r: DraftRelationship) => DraftRelationship): Draft {
  return { ...draft, relationships: draft.relationships.map((r, i) => (i === index ? change(r) : r)) };
}

function setState(draft: Draft, ref: ItemRef, state: ReviewState): Draft {
  return ref.kind === "node"
    ? withNode(draft, ref.index, (n) => ({ ...n, review: { ...n.review, state } }))
    : withRel(draft, ref.index, (r) => ({ ...r, review: { ...r.review, state } }));
}

function clamp(value: number, length: number): number {
  return length === 0 ? 0 : Math.max(0, Math.min(length - 1, value));
}

export function reduceReview(session: ReviewSession, action: ReviewAction): ReviewSession {
  const { draft } = session;
  const items = reviewItems(draft);
  const ref = items[session.cursor];
  switch (action.type) {
    case "move":
      return { ...session, cursor: clamp(session.cursor + action.delta, items.length) };
    case "select":
      return { ...session, cursor: clamp(action.position, items.length) };
    case "accept":
      return ref ? { ...session, draft: setState(draft, ref, "accepted") } : session;
    case "reject":
      return ref ? { ...session, draft: setState(draft, ref, "rejected") } : session;
    case "edit": {
      if (!ref) return session;
      if (ref.kind === "rel") {
        const relType = action.relType?.trim();
        return relType
          ? { ...session, draft: withRel(draft, ref.index, (r) => ({ ...r, type: relType })) }
          : session;
      }
      const name = action.name?.trim();
      const label = action.label?.trim();
      return {
        ...session,
        draft: withNode(draft, ref.index, (n) => ({
          ...n,
          ...(name ? { name } : {}),
          ...(label ? { label } : {}),
          // An edited item is a reviewed one.
          review: { ...n.review, state: "accepted" },
        })),
      };
    }
    case "merge": {
      // Only a proposal merges: a link already is the existing node.
      if (!ref || ref.kind !== "node" || draft.nodes[ref.index]!.review.kind !== "new") return session;
      const own = draft.nodes[ref.index]!;
      if (own.id === action.targetId) return session;
      return {
        ...session,
        draft: withNode(draft, ref.index, (n) => ({
          ...n,
          review: {
            ...n.review,
            state: `merged-into:${action.targetId}`,
            notes: [
              ...(n.review.notes ?? []).filter((x) => !x.startsWith("Merged into ")),
              `Merged into ${action.targetName}`,
            ],
          },
        })),
      };
    }
    case "acceptLinked": {
      // Exact, unambiguous links only: an ambiguous one waits for its reviewer.
      let next = draft;
      for (const item of items) {
        const n = itemNode(next, item);
        if (n && n.review.kind === "link" && !n.review.ambiguous && n.review.state === "proposed")
          next = setState(next, item, "accepted");
      }
      return { ...session, draft: next };
    }
  }
}

/** The article node of the draft (the text the mentions point into). */
export function draftArticles(draft: Draft): DraftNode[] {
  return draft.nodes.filter((n) => n.review.kind === "article");
}

/** localStorage key of a draft: one per article (its first article's id). */
export function storageKey(draft: Draft): string {
  const ids = draftArticles(draft).map((a) => a.id);
  return `guanxi:draft:${ids.join("+") || draft.createdAt}`;
}
