/**
 * Label placement, once per frame: sigma's label grid keeps one label per cell, but long CJK names
 * still run over their neighbours and over other nodes. Before the first label of a frame is drawn,
 * every candidate is placed greedily — selected nodes first, then forced ones (hover, path, lone
 * labels, every node of a small graph), then by size — at the first free position: to the right of
 * its node, to the left, centred below or above, then at the four corners, then the same a line
 * further out. Node discs are obstacles; when no position clears them, a second pass lets the name
 * cover a disc rather than drop it (labels never cover each other). Only when that fails too is the
 * name left out.
 */

export interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Where a label sits around its node; `…-far` positions are one line further out. */
export type Side =
  | "right"
  | "left"
  | "below"
  | "above"
  | "below-right"
  | "above-right"
  | "below-left"
  | "above-left"
  | "right-far-below"
  | "right-far-above"
  | "left-far-below"
  | "left-far-above"
  | "below-far"
  | "above-far";

/** Beside first: a name on the node's line reads as belonging to it; then ever further away. */
export const SIDES: readonly Side[] = [
  "right",
  "left",
  "below",
  "above",
  "below-right",
  "above-right",
  "below-left",
  "above-left",
  "right-far-below",
  "right-far-above",
  "left-far-below",
  "left-far-above",
  "below-far",
  "above-far",
];

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
  const height = fontSize * 1.3;
  // Right and left: on the node's line, or a line (and a half, clear of the disc) up or down.
  const line = height + 1;
  const beside = (x: number, shift: number): Rect => {
    const top = baseline - fontSize + shift;
    return { left: x - 2, top, right: x + c.width + 2, bottom: top + height };
  };
  const rightX = c.x + c.size + LABEL_GAP;
  const leftX = c.x - c.size - LABEL_GAP - c.width;
  const centredX = c.x - c.width / 2;
  const below = c.y + c.size + LABEL_GAP / 2;
  const above = c.y - c.size - LABEL_GAP / 2 - height;
  // Corners: the label's near corner just off the corner of the disc's box.
  const corner = c.size + 1;
  const at = (x: number, top: number): Rect => ({
    left: x - 2,
    top,
    right: x + c.width + 2,
    bottom: top + height,
  });
  switch (side) {
    case "right":
      return beside(rightX, 0);
    case "left":
      return beside(leftX, 0);
    case "below":
      return at(centredX, below);
    case "above":
      return at(centredX, above);
    case "below-right":
      return at(c.x + corner + LABEL_GAP / 2, c.y + corner);
    case "above-right":
      return at(c.x + corner + LABEL_GAP / 2, c.y - corner - height);
    case "below-left":
      return at(c.x - corner - LABEL_GAP / 2 - c.width, c.y + corner);
    case "above-left":
      return at(c.x - corner - LABEL_GAP / 2 - c.width, c.y - corner - height);
    case "right-far-below":
      return beside(rightX, line * 1.5);
    case "right-far-above":
      return beside(rightX, -line * 1.5);
    case "left-far-below":
      return beside(leftX, line * 1.5);
    case "left-far-above":
      return beside(leftX, -line * 1.5);
    case "below-far":
      return at(centredX, below + line);
    case "above-far":
      return at(centredX, above - line);
  }
}

/**
 * Pure: which side each label goes, given obstacles (node discs) and the viewport's size (a label
 * must not run off it). Selected labels always get one.
 */
export function placeLabels(
  candidates: LabelCandidate[],
  obstacles: Rect[],
  fontSize: number,
  viewportWidth = Infinity,
  viewportHeight = Infinity,
): Map<string, Side> {
  const discs = new RectIndex();
  for (const o of obstacles) discs.add(o);
  const labels = new RectIndex();
  const sorted = [...candidates].sort(
    (a, b) => a.rank - b.rank || b.size - a.size || a.key.localeCompare(b.key),
  );
  const inside = (r: Rect) =>
    r.left >= 0 && r.right <= viewportWidth && r.top >= 0 && r.bottom <= viewportHeight;
  const sides = new Map<string, Side>();
  for (const c of sorted) {
    const fits = (clearOfDiscs: boolean) => (s: Side) => {
      const rect = labelRect(c, s, fontSize);
      return inside(rect) && !labels.overlaps(rect) && !(clearOfDiscs && discs.overlaps(rect));
    };
    const side = SIDES.find(fits(true)) ?? SIDES.find(fits(false)) ?? (c.rank === 0 ? "right" : undefined);
    if (!side) continue;
    labels.add(labelRect(c, side, fontSize));
    sides.set(c.key, side);
  }
  return sides;
}

/**
 * A frame's plan, computed lazily at the first label drawn (in sigma's beforeRender positions are
 * not framed yet). Each graph view owns one: it sets `planner` and resets the plan before each render.
 * What was really drawn (sigma may skip a planned label) is kept from the last frame that drew labels.
 */
export class LabelPlan {
  sides: Map<string, Side> | null = null;
  planner: (() => Map<string, Side>) | null = null;
  /** The boxes of the labels drawn in the last frame that drew any. */
  drawn = new Map<string, Rect>();
  private frameDrawn: Map<string, Rect> | null = null;

  reset(): void {
    this.sides = null;
    this.frameDrawn = null;
  }

  /** The side of a node's label, or undefined to skip it; everything is drawn when no planner is set. */
  sideOf(key: string | undefined): Side | undefined {
    if (!this.planner || key === undefined) return "right";
    if (!this.sides) {
      this.sides = this.planner();
      this.frameDrawn = new Map();
      this.drawn = this.frameDrawn;
    }
    return this.sides.get(key);
  }

  /** Told by the label drawer what it drew where. */
  recordDrawn(key: string, rect: Rect): void {
    this.frameDrawn?.set(key, rect);
  }
}
