/**
 * What is on screen, as undoable state: the graph's content (as patches), hidden nodes, filters and
 * expansion progress. A ScreenPatch is a pure, invertible transition; history stores them.
 */
import type { Expansions } from "../features/expand/state.ts";
import type { FilterState } from "../features/filters/state.ts";
import { NO_FILTERS } from "../features/filters/state.ts";
import { EMPTY_PATCH, invertPatch, isEmptyPatch } from "../features/graph-view/merge.ts";
import type { GraphPatch } from "../features/graph-view/types.ts";

export interface ScreenState {
  hidden: ReadonlySet<string>;
  filters: FilterState;
  expansions: Expansions;
}

export const INITIAL_SCREEN: ScreenState = { hidden: new Set(), filters: NO_FILTERS, expansions: new Map() };

export interface ScreenPatch {
  graph: GraphPatch;
  before: Partial<ScreenState>;
  after: Partial<ScreenState>;
}

export function screenPatch(
  graph: GraphPatch = EMPTY_PATCH,
  before: Partial<ScreenState> = {},
  after: Partial<ScreenState> = {},
): ScreenPatch {
  return { graph, before, after };
}

export function invertScreenPatch(patch: ScreenPatch): ScreenPatch {
  return { graph: invertPatch(patch.graph), before: patch.after, after: patch.before };
}

export function applyScreenState(state: ScreenState, patch: ScreenPatch): ScreenState {
  return { ...state, ...patch.after };
}

export function isNoop(patch: ScreenPatch): boolean {
  return isEmptyPatch(patch.graph) && Object.keys(patch.after).length === 0;
}

/** The hidden set without `keys` (nodes being brought back into view), or null if unchanged. */
export function unhidden(hidden: ReadonlySet<string>, keys: Iterable<string>): Set<string> | null {
  let next: Set<string> | null = null;
  for (const key of keys) {
    if (!hidden.has(key)) continue;
    next ??= new Set(hidden);
    next.delete(key);
  }
  return next;
}
