/** Pure helpers of the search box. */

/** Moves the active result by `delta`, wrapping around; -1 means none active. */
export function moveActive(active: number, delta: number, length: number): number {
  if (length === 0) return -1;
  if (active < 0) return delta > 0 ? 0 : length - 1;
  return (active + delta + length) % length;
}

/** The query worth sending: trimmed, or null when too short to mean anything. */
export function normaliseQuery(raw: string): string | null {
  const q = raw.trim();
  if (q.length === 0) return null;
  // One CJK character is a meaningful query (市); one Latin letter is not.
  if (q.length === 1 && q.charCodeAt(0) < 128) return null;
  return q;
}
