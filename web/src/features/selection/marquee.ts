/**
 * Box and lasso selection, pure geometry in viewport pixels: the shape the pointer drew (a box from
 * two corners, or the lasso's path closed) and which points lie inside it.
 */
export interface Pixel {
  x: number;
  y: number;
}

export type MarqueeMode = "box" | "lasso";

/** The polygon a gesture drew: a box's four corners, or the lasso's own points. */
export function marqueePolygon(mode: MarqueeMode, points: readonly Pixel[]): Pixel[] {
  if (points.length === 0) return [];
  if (mode === "lasso") return [...points];
  const a = points[0]!;
  const b = points[points.length - 1]!;
  return [
    { x: a.x, y: a.y },
    { x: b.x, y: a.y },
    { x: b.x, y: b.y },
    { x: a.x, y: b.y },
  ];
}

/** Even-odd rule (ray casting); the polygon is closed implicitly. */
export function insidePolygon(point: Pixel, polygon: readonly Pixel[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (a.y > point.y !== b.y > point.y && point.x < ((b.x - a.x) * (point.y - a.y)) / (b.y - a.y) + a.x)
      inside = !inside;
  }
  return inside;
}

/** Keys of the points inside the polygon, in the order given. A polygon with no area holds none. */
export function keysInside(points: Iterable<Pixel & { key: string }>, polygon: readonly Pixel[]): string[] {
  if (polygon.length < 3) return [];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of polygon) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const keys: string[] = [];
  for (const p of points) {
    if (p.x < minX || p.x > maxX || p.y < minY || p.y > maxY) continue;
    if (insidePolygon(p, polygon)) keys.push(p.key);
  }
  return keys;
}

/** The SVG path of a polygon. */
export function polygonPath(polygon: readonly Pixel[]): string {
  return polygon.length ? `M${polygon.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join("L")}Z` : "";
}
