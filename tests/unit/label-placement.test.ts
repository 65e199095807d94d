import { describe, expect, it } from "vitest";
import {
  LabelPlan,
  labelRect,
  placeLabels,
  RectIndex,
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

  it("moves a label to another side when the right is taken, drops it when nothing fits", () => {
    const sides = placeLabels([candidate("a", 100, 100), candidate("b", 150, 100)], [], 13, 1000);
    expect(sides.get("a")).toBe("right");
    expect(sides.get("b")).not.toBe("left");
    const crowded = [
      candidate("a", 100, 100, 2, 10),
      ...[-30, 30].flatMap((dy) => [candidate(`x${dy}`, 100, 100 + dy)]),
    ];
    expect(placeLabels(crowded, [{ left: 0, top: 0, right: 1000, bottom: 1000 }], 13, 1000).size).toBe(0);
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
});
