import { describe, expect, it } from "vitest";
import {
  LabelPlan,
  labelRect,
  placeLabels,
  RectIndex,
  SIDES,
} from "../../web/src/features/graph-view/label-placement.ts";
import type { LabelCandidate } from "../../web/src/features/graph-view/label-placement.ts";

const candidate = (key: string, x: number, y: number, rank = 2, width = 40): LabelCandidate => ({
  key,
  x,
  y,
  size: 5,
  width,
  rank,
});

describe("label placement", () => {
  it("puts a label to the right of its node when there is room", () => {
    expect(placeLabels([candidate("a", 100, 100)], [], 13, 1000)).toEqual(new Map([["a", "right"]]));
  });

  it("moves a label to another side when the right is taken, drops it only when no side is free", () => {
    const sides = placeLabels([candidate("a", 100, 100), candidate("b", 150, 100)], [], 13, 1000);
    expect(sides.get("a")).toBe("right");
    expect(sides.get("b")).not.toBe("left");
    // Labels take every side of the last one: it has no room left.
    const ring = SIDES.map((side, i) => ({ ...candidate(`r${i}`, 0, 0, 1), side }));
    const centre = candidate("c", 300, 300, 2);
    const taken = ring.map((r) => {
      const box = labelRect(centre, r.side, 13);
      // a label-sized candidate whose right-hand label covers exactly that box
      return { ...r, x: box.left + 2 - 5 - 4, y: box.top + 13 - 13 / 3 };
    });
    const placed = placeLabels([...taken, centre], [], 13, 1000, 1000);
    expect(placed.has("c")).toBe(false);
  });

  it("tries the corners and further out before giving up", () => {
    // Three nodes in a row, close together: the middle one's name goes above or below, not away.
    const row = [candidate("a", 100, 100), candidate("b", 130, 100), candidate("c", 160, 100)];
    const sides = placeLabels(row, [], 13, 1000, 1000);
    expect(sides.size).toBe(3);
  });

  it("lets a name cover a disc rather than drop it, never another name", () => {
    const wall = { left: 0, top: 0, right: 1000, bottom: 1000 };
    const sides = placeLabels([candidate("a", 100, 100), candidate("b", 100, 100)], [wall], 13, 1000, 1000);
    expect(sides.size).toBe(2);
    const [a, b] = [...sides].map(([key, side]) => labelRect(candidate(key, 100, 100), side, 13));
    expect(a!.right <= b!.left || b!.right <= a!.left || a!.bottom <= b!.top || b!.bottom <= a!.top).toBe(
      true,
    );
  });

  it("no two placed labels overlap, on a crowded random graph", () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const nodes = Array.from({ length: 150 }, (_, i) =>
      candidate(`n${i}`, random() * 900, random() * 700, 2, 30 + random() * 90),
    );
    const discs = nodes.map((c) => ({ left: c.x - 5, top: c.y - 5, right: c.x + 5, bottom: c.y + 5 }));
    const sides = placeLabels(nodes, discs, 13, 900, 700);
    const boxes = [...sides].map(([key, side]) =>
      labelRect(
        nodes.find((c) => c.key === key)!,
        side,
        13,
      ),
    );
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [p, q] = [boxes[i]!, boxes[j]!];
        expect(p.left < q.right && p.right > q.left && p.top < q.bottom && p.bottom > q.top).toBe(false);
      }
    for (const b of boxes) expect(b.left >= 0 && b.right <= 900 && b.top >= 0 && b.bottom <= 700).toBe(true);
    expect(sides.size).toBeGreaterThan(120);
  });

  it("selected labels always get a place, first", () => {
    const sides = placeLabels([candidate("a", 100, 100), candidate("s", 100, 100, 0)], [], 13, 1000);
    expect(sides.get("s")).toBe("right");
  });

  it("a label does not run off the viewport", () => {
    expect(placeLabels([candidate("a", 990, 100)], [], 13, 1000).get("a")).toBe("left");
  });

  it("labelRect sides sit beside, below and above the disc", () => {
    const c = candidate("a", 100, 100);
    expect(labelRect(c, "right", 13).left).toBeGreaterThan(105);
    expect(labelRect(c, "left", 13).right).toBeLessThan(95);
    expect(labelRect(c, "below", 13).top).toBeGreaterThan(105);
    expect(labelRect(c, "above", 13).bottom).toBeLessThan(95);
    for (const side of SIDES) {
      const r = labelRect(c, side, 13);
      // never over its own disc
      expect(r.left >= 105 || r.right <= 95 || r.top >= 105 || r.bottom <= 95).toBe(true);
    }
  });

  it("RectIndex finds overlaps across cells", () => {
    const index = new RectIndex();
    index.add({ left: 60, top: 60, right: 70, bottom: 70 });
    expect(index.overlaps({ left: 65, top: 65, right: 200, bottom: 200 })).toBe(true);
    expect(index.overlaps({ left: 71, top: 0, right: 80, bottom: 10 })).toBe(false);
  });

  it("each view's plan is computed once per frame, lazily, and reset before the next", () => {
    const plan = new LabelPlan();
    expect(plan.sideOf("a")).toBe("right"); // no planner: everything drawn
    let runs = 0;
    plan.planner = () => (runs++, new Map([["a", "left"]]));
    expect([plan.sideOf("a"), plan.sideOf("b"), runs]).toEqual(["left", undefined, 1]);
    plan.reset();
    plan.sideOf("a");
    expect(runs).toBe(2);
    expect(new LabelPlan().sides).toBeNull();
  });

  it("keeps what was drawn from the last frame that drew labels", () => {
    const plan = new LabelPlan();
    plan.planner = () => new Map([["a", "right"]]);
    plan.sideOf("a");
    plan.recordDrawn("a", { left: 0, top: 0, right: 10, bottom: 10 });
    plan.reset(); // a frame that draws no label keeps the last frame's
    expect([...plan.drawn.keys()]).toEqual(["a"]);
    plan.sideOf("a");
    expect(plan.drawn.size).toBe(0);
  });
});
