import { describe, expect, it } from "vitest";
import type { Draft, DraftNode } from "../../core/draft.ts";
import { piecesText, textPieces } from "../../web/src/features/review/marks.ts";
import type { MarkPiece } from "../../web/src/features/review/marks.ts";
import {
  currentItem,
  reduceReview,
  reviewCounts,
  reviewItems,
  startReview,
  storageKey,
} from "../../web/src/features/review/state.ts";

const A = "article:x";
const text = "上海市总工会与静安区总工会在静安区召开会议。市总工会主席出席。";

function node(
  label: string,
  id: string,
  name: string,
  kind: "link" | "new",
  spans: [number, number][],
  extra = {},
): DraftNode {
  return {
    label,
    id,
    name,
    review: {
      state: "proposed",
      kind,
      method: kind === "link" ? `name:${name}` : "suffix:总工会",
      score: 0.8,
      mentions: spans.map(([start, end]) => ({
        article: A,
        field: "text",
        start,
        end,
        text: text.slice(start, end),
      })),
      ...extra,
    },
  };
}

function draft(): Draft {
  return {
    format: "guanxi-draft",
    version: 1,
    createdAt: "2026-01-01T00:00:00Z",
    schemaName: "news",
    knownFrom: ["neo4j"],
    nodes: [
      {
        label: "Article",
        id: A,
        name: "会议",
        title: "会议",
        text,
        review: { state: "accepted", kind: "article", method: "input", score: 1, mentions: [] },
      },
      node("Organisation", "org:shfu", "上海市总工会", "link", [[0, 6]]),
      node("Organisation", "org:jingan", "静安区总工会", "new", [[7, 13]]),
      node("Region", "region:jingan", "静安区", "new", [
        [7, 10],
        [14, 17],
      ]),
      node("Organisation", "org:bftu", "北京市总工会", "link", [[22, 26]], {
        ambiguous: true,
        candidates: ["org:bftu", "org:tjfu"],
      }),
    ],
    relationships: [
      {
        type: "MENTIONS",
        start: A,
        end: "org:shfu",
        evidence: ["x"],
        article: A,
        review: {
          state: "proposed",
          kind: "mention",
          method: "m",
          score: 1,
          evidenceAt: { article: A, field: "text", start: 0, end: 22 },
        },
      },
      {
        type: "ORGANISED",
        start: "org:shfu",
        end: "org:jingan",
        evidence: ["x"],
        article: A,
        review: {
          state: "proposed",
          kind: "suggestion",
          method: "trigger:召开",
          score: 0.6,
          evidenceAt: { article: A, field: "text", start: 0, end: 22 },
        },
      },
    ],
  };
}

describe("review state", () => {
  it("lists entities and suggestions, not the article nor its MENTIONS", () => {
    const items = reviewItems(draft());
    expect(items).toEqual([
      { kind: "node", index: 1 },
      { kind: "node", index: 2 },
      { kind: "node", index: 3 },
      { kind: "node", index: 4 },
      { kind: "rel", index: 1 },
    ]);
  });

  it("moves within bounds, accepts, rejects and edits the item under the cursor", () => {
    let s = startReview(draft());
    s = reduceReview(s, { type: "move", delta: -1 });
    expect(s.cursor).toBe(0);
    s = reduceReview(s, { type: "accept" });
    s = reduceReview(s, { type: "move", delta: 1 });
    s = reduceReview(s, { type: "edit", name: " 静安区总工会（新） ", label: "Alliance" });
    s = reduceReview(s, { type: "move", delta: 1 });
    s = reduceReview(s, { type: "reject" });
    s = reduceReview(s, { type: "move", delta: 99 });
    expect(currentItem(s)).toEqual({ kind: "rel", index: 1 });
    s = reduceReview(s, { type: "edit", relType: "PARTICIPATED_IN" });
    expect(s.draft.nodes[1]!.review.state).toBe("accepted");
    expect(s.draft.nodes[2]).toMatchObject({
      name: "静安区总工会（新）",
      label: "Alliance",
      review: { state: "accepted" },
    });
    expect(s.draft.nodes[3]!.review.state).toBe("rejected");
    expect(s.draft.relationships[1]!.type).toBe("PARTICIPATED_IN");
    // The draft it started from is untouched: states are values.
    expect(draft().nodes[1]!.review.state).toBe("proposed");
  });

  it("merges a proposal into an existing node, never a link", () => {
    let s = reduceReview(startReview(draft()), { type: "merge", targetId: "org:x", targetName: "X" });
    expect(s.draft.nodes[1]!.review.state).toBe("proposed");
    s = reduceReview(reduceReview(s, { type: "select", position: 1 }), {
      type: "merge",
      targetId: "org:jingan-fu",
      targetName: "静安区总工会",
    });
    expect(s.draft.nodes[2]!.review.state).toBe("merged-into:org:jingan-fu");
    expect(reviewCounts(s.draft)).toEqual({ proposed: 4, accepted: 0, rejected: 0, merged: 1 });
  });

  it("accept all linked leaves ambiguous links and proposals for the reviewer", () => {
    const s = reduceReview(startReview(draft()), { type: "acceptLinked" });
    expect(s.draft.nodes.map((n) => n.review.state)).toEqual([
      "accepted",
      "accepted",
      "proposed",
      "proposed",
      "proposed",
    ]);
  });

  it("marks every mention, names inside names nested, ambiguous marked", () => {
    const pieces = textPieces(draft(), A, "text", text);
    expect(piecesText(pieces)).toBe(text);
    const marks = pieces.filter((p): p is MarkPiece => typeof p !== "string");
    expect(marks.map((m) => [m.start, m.end, m.found, m.items])).toEqual([
      [0, 6, "linked", [0]],
      [7, 13, "new", [1]],
      [14, 17, "new", [2]],
      [22, 26, "ambiguous", [3]],
    ]);
    expect(marks[1]!.children).toEqual([
      expect.objectContaining({ start: 7, end: 10, items: [2], label: "Region" }),
      "总工会",
    ]);
  });

  it("keys saved drafts by article", () => {
    expect(storageKey(draft())).toBe("guanxi:draft:article:x");
  });
});
