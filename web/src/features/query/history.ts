/** Query history: most recent first, the same query once, capped; kept in localStorage. */
import type { HistoryEntry } from "./types.ts";

export const HISTORY_KEY = "guanxi.query-history";
export const HISTORY_CAP = 50;

/** `entry` on top; an earlier run of the same text (and parameters) is dropped. */
export function remember(
  list: readonly HistoryEntry[],
  entry: HistoryEntry,
  cap = HISTORY_CAP,
): HistoryEntry[] {
  const same = (e: HistoryEntry) =>
    e.cypher === entry.cypher && JSON.stringify(e.params) === JSON.stringify(entry.params);
  return [entry, ...list.filter((e) => !same(e))].slice(0, cap);
}

function isEntry(value: unknown): value is HistoryEntry {
  if (typeof value !== "object" || value === null) return false;
  const e = value as Record<string, unknown>;
  return typeof e.cypher === "string" && typeof e.at === "number" && typeof e.params === "object";
}

/** What was stored; anything unreadable (another version, a hand edit) counts as no history. */
export function loadHistory(storage: Pick<Storage, "getItem"> = localStorage): HistoryEntry[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(HISTORY_KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter(isEntry).slice(0, HISTORY_CAP) : [];
  } catch {
    return [];
  }
}

export function saveHistory(
  list: readonly HistoryEntry[],
  storage: Pick<Storage, "setItem"> = localStorage,
): void {
  try {
    storage.setItem(HISTORY_KEY, JSON.stringify(list));
  } catch {
    // Storage full or disabled (private mode): history lasts for this page only.
  }
}
