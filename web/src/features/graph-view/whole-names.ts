/**
 * Names in full for a picture (pure): each label placed on screen is drawn whole, on the side it
 * already has, when its whole name covers neither another label nor another node's disc and stays
 * in the frame; otherwise it keeps its shortened name. Nothing placed on screen is lost.
 */
import { labelRect } from "./label-placement.ts";
import type { Rect, Side } from "./label-placement.ts";

export interface PlacedLabel {
  key: string;
  x: number;
  y: number;
  size: number;
  side: Side;
  /** Widths of the label as drawn (shortened) and of the whole name. */
  width: number;
  wholeWidth: number;
}

const overlaps = (a: Rect, b: Rect) =>
  a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;

export function wholeNames(
  labels: readonly PlacedLabel[],
  discs: ReadonlyMap<string, Rect>,
  fontSize: number,
  frameWidth: number,
): Set<string> {
  const rects = new Map<string, Rect>();
  for (const l of labels) rects.set(l.key, labelRect({ ...l, rank: 0 }, l.side, fontSize));
  const whole = new Set<string>();
  for (const l of labels) {
    if (l.wholeWidth <= l.width) continue;
    const rect = labelRect({ ...l, width: l.wholeWidth, rank: 0 }, l.side, fontSize);
    if (rect.left < 0 || rect.right > frameWidth) continue;
    let free = true;
    for (const [key, other] of rects) if (key !== l.key && overlaps(rect, other)) free = false;
    for (const [key, disc] of discs) if (free && key !== l.key && overlaps(rect, disc)) free = false;
    if (!free) continue;
    whole.add(l.key);
    rects.set(l.key, rect);
  }
  return whole;
}
