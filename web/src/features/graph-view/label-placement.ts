/**
 * Label placement, once per frame: sigma's label grid keeps one label per cell, but long CJK names
 * still run over their neighbours and over other nodes. Before the first label of a frame is drawn,
 * every candidate is placed greedily — selected nodes first, then forced ones (hover, path, lone
 * labels), then by size — to the right of its node, else to the left, else centred below or above
 * it, else not at all. Node discs are obstacles.
 */

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export type Side = "right" | "left" | "below" | "above";

/** Beside first: a name on the node's line reads as belonging to it. */
const SIDES: readonly Side[] = ["right", "left", "below", "above"];

const CELL = 64;

/** A uniform grid of rectangles: overlap queries look at a few cells, not at every rectangle. */
export class RectIndex {
  private cells = new Map<number, Rect[]>();

  private *cellsOf(r: Rect): Generator<number> {
    const x0 = Math.floor(r.left / CELL);
    const x1 = Math.floor(r.right / CELL);
    const y0 = Math.floor(r.top / CELL);
    const y1 = Math.floor(r.bottom / CELL);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) yield x * 100_003 + y;
  }

  add(r: Rect): void {
    for (const cell of this.cellsOf(r)) {
      const list = this.cells.get(cell);
      if (list) list.push(r);
      else this.cells.set(cell, [r]);
    }
  }

  overlaps(r: Rect): boolean {
    for (const cell of this.cellsOf(r)) {
      for (const o of this.cells.get(cell) ?? []) {
        if (r.left < o.right && r.right > o.left && r.top < o.bottom && r.bottom > o.top) return true;
      }
    }
    return false;
  }
}

export interface LabelCandidate {
  key: string;
  /** Node centre and radius, viewport pixels. */
  x: number;
  y: number;
  size: number;
  width: number;
  /** 0 selected, 1 forced, 2 the rest; then bigger first. */
  rank: number;
}

export const LABEL_GAP = 4;

/** The rectangle a label takes on a side of its node. */
export function labelRect(c: LabelCandidate, side: Side, fontSize: number): Rect {
  const baseline = c.y + fontSize / 3;
  const top = baseline - fontSize;
  const bottom = baseline + fontSize * 0.3;
  if (side === "right") {
    const x = c.x + c.size + LABEL_GAP;
    return { left: x - 2, top, right: x + c.width + 2, bottom };
  }
  if (side === "left") {
    const x = c.x - c.size - LABEL_GAP - c.width;
    return { left: x - 2, top, right: x + c.width + 2, bottom };
  }
  const x = c.x - c.width / 2;
  const height = bottom - top;
  const below = c.y + c.size + LABEL_GAP / 2;
  const y = side === "below" ? below : c.y - c.size - LABEL_GAP / 2 - height;
  return { left: x - 2, top: y, right: x + c.width + 2, bottom: y + height };
}

/**
 * Pure: which side each label goes, given obstacles (node discs) and the viewport's width (a label
 * must not run off it). Selected labels always get one.
 */
export function placeLabels(
  candidates: LabelCandidate[],
  obstacles: Rect[],
  fontSize: number,
  viewportWidth = Infinity,
): Map<string, Side> {
  const index = new RectIndex();
  for (const o of obstacles) index.add(o);
  const sorted = [...candidates].sort(
    (a, b) => a.rank - b.rank || b.size - a.size || a.key.localeCompare(b.key),
  );
  const sides = new Map<string, Side>();
  for (const c of sorted) {
    const side =
      SIDES.find((s) => {
        const rect = labelRect(c, s, fontSize);
        return rect.left >= 0 && rect.right <= viewportWidth && !index.overlaps(rect);
      }) ?? (c.rank === 0 ? "right" : undefined);
    if (!side) continue;
    index.add(labelRect(c, side, fontSize));
    sides.set(c.key, side);
  }
  return sides;
}

/**
 * A frame's plan, computed lazily at the first label drawn (in sigma's beforeRender positions are
 * not framed yet). Each graph view owns one: it sets `planner` and resets the plan before each render.
 */
export class LabelPlan {
  sides: Map<string, Side> | null = null;
  planner: (() => Map<string, Side>) | null = null;

  reset(): void {
    this.sides = null;
  }

  /** The side of a node's label, or undefined to skip it; everything is drawn when no planner is set. */
  sideOf(key: string | undefined): Side | undefined {
    if (!this.planner || key === undefined) return "right";
    this.sides ??= this.planner();
    return this.sides.get(key);
  }
}
