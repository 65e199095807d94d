/**
 * Undo/redo as a stack of invertible changes. Pure: `record`, `undo` and `redo` return a new stack
 * and the change to apply; the shell applies it. The change type is the shell's (a screen patch).
 */
export interface Entry<C> {
  /** Shown in the undo button's tooltip, e.g. "Expand 通武廊". */
  description: string;
  change: C;
}

export interface HistoryState<C> {
  past: readonly Entry<C>[];
  future: readonly Entry<C>[];
}

export const MAX_ENTRIES = 200;

export function emptyHistory<C>(): HistoryState<C> {
  return { past: [], future: [] };
}

/** A new change: pushed, and anything that had been undone is forgotten. */
export function record<C>(state: HistoryState<C>, entry: Entry<C>): HistoryState<C> {
  const past = [...state.past, entry];
  return { past: past.length > MAX_ENTRIES ? past.slice(past.length - MAX_ENTRIES) : past, future: [] };
}

/** The entry to revert (apply its inverse), or null when there is nothing to undo. */
export function undo<C>(state: HistoryState<C>): { state: HistoryState<C>; entry: Entry<C> } | null {
  const entry = state.past[state.past.length - 1];
  if (!entry) return null;
  return { state: { past: state.past.slice(0, -1), future: [entry, ...state.future] }, entry };
}

/** The entry to re-apply, or null when there is nothing to redo. */
export function redo<C>(state: HistoryState<C>): { state: HistoryState<C>; entry: Entry<C> } | null {
  const [entry, ...future] = state.future;
  if (!entry) return null;
  return { state: { past: [...state.past, entry], future }, entry };
}
