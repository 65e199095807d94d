/** Counts for the legend and the relationship filter: on screen against in the database. Pure. */

export interface Count {
  name: string;
  onScreen: number;
  /** Undefined when the database's count is unknown (schema not loaded). */
  inDb: number | undefined;
}

/** Every name known to either side, most frequent in the database first, then by name. */
export function compareCounts(
  onScreen: ReadonlyMap<string, number>,
  inDb: ReadonlyMap<string, number>,
): Count[] {
  const names = new Set([...inDb.keys(), ...onScreen.keys()]);
  return [...names]
    .map((name) => ({ name, onScreen: onScreen.get(name) ?? 0, inDb: inDb.get(name) }))
    .sort((a, b) => (b.inDb ?? b.onScreen) - (a.inDb ?? a.onScreen) || a.name.localeCompare(b.name));
}

export function tally<T>(items: Iterable<T>, key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}
