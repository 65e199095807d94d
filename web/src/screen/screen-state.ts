/**
 * What is on screen, as undoable state: the graph's content (as patches), hidden nodes, filters and
 * expansion progress. A ScreenPatch is a pure, invertible transition; history stores them. Hidden
 * nodes and filters are stored here once: the graph view reads them (it satisfies `Visibility`).
 */
import type { Expansions } from "../features/expand/state.ts";
import type { FilterState } from "../features/filters/state.ts";
import { NO_FILTERS } from "../features/filters/state.ts";
import { EMPTY_PATCH, invertPatch, isEmptyPatch } from "../features/graph-view/merge.ts";
import type { GraphPatch } from "../features/graph-view/types.ts";
import type { Subgraph } from "../../../core/api-types.ts";
import type { TimePeriod } from "../../../core/partial-date.ts";
import { NO_STYLE, type AnalysisFilter, type StyleRules } from "../../../core/style-rules.ts";
import { describeConnected } from "./connect.ts";
import type { Connected } from "./connect.ts";

export interface ScreenState {
  hidden: ReadonlySet<string>;
  /** Nodes put in place by hand: the layout moves the others only. */
  pinned: ReadonlySet<string>;
  filters: FilterState;
  expansions: Expansions;
  /** Ids of the articles whose facts alone are shown (features/evidence/); empty: no such filter. */
  articles: ReadonlySet<string>;
  /** The timeline's period: only what falls in it is shown (features/timeline/); null: all of time. */
  time: TimePeriod | null;
  /** Size, colour, captions and widths by metrics or properties (the analysis panel's style rules). */
  style: StyleRules;
  /** Only nodes whose analysis score passes are shown; null: no such filter. */
  analysisFilter: AnalysisFilter | null;
}

export const INITIAL_SCREEN: ScreenState = {
  hidden: new Set(),
  pinned: new Set(),
  filters: NO_FILTERS,
  expansions: new Map(),
  articles: new Set(),
  time: null,
  style: NO_STYLE,
  analysisFilter: null,
};

export interface ScreenPatch {
  graph: GraphPatch;
  before: Partial<ScreenState>;
  after: Partial<ScreenState>;
  /** Its nodes go where a saved view had them: the layout leaves them there (on redo too). */
  placed?: boolean;
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

/** A patch that sets `after` and remembers, for undo, what those fields were in `state`. */
export function changeTo(state: ScreenState, graph: GraphPatch, after: Partial<ScreenState>): ScreenPatch {
  const before: Partial<ScreenState> = {};
  for (const field of Object.keys(after) as (keyof ScreenState)[]) {
    (before as Record<keyof ScreenState, unknown>)[field] = state[field];
  }
  return { graph, before, after };
}

/** The state after a patch, forgetting hidden and pinned nodes that are no longer on screen. */
export function nextScreen(
  state: ScreenState,
  patch: ScreenPatch,
  onScreen: (key: string) => boolean,
): ScreenState {
  let next = applyScreenState(state, patch);
  for (const field of ["hidden", "pinned"] as const) {
    const kept = [...next[field]].filter(onScreen);
    if (kept.length !== next[field].size) next = { ...next, [field]: new Set(kept) };
  }
  return next;
}

/** The pinned set with `keys` pinned (or unpinned), or null if unchanged. */
export function withPins(
  pinned: ReadonlySet<string>,
  keys: Iterable<string>,
  pin: boolean,
): Set<string> | null {
  let next: Set<string> | null = null;
  for (const key of keys) {
    if (pinned.has(key) === pin) continue;
    next ??= new Set(pinned);
    if (pin) next.add(key);
    else next.delete(key);
  }
  return next;
}

/**
 * What arriving data changes besides the graph: nodes asked for again come out of hiding, and
 * nodes leaving the screen (a replace) take their expansion progress with them.
 */
export function arrivalChange(
  state: ScreenState,
  subgraph: Subgraph,
  patch: GraphPatch,
  also: Partial<ScreenState> = {},
): Partial<ScreenState> {
  const after: Partial<ScreenState> = { ...also };
  const revealed = unhidden(
    after.hidden ?? state.hidden,
    subgraph.nodes.map((n) => n.key),
  );
  if (revealed) after.hidden = revealed;
  if (patch.removeNodes.length) {
    const removed = new Set(patch.removeNodes.map((n) => n.key));
    after.expansions = new Map(
      [...(after.expansions ?? state.expansions)].filter(([key]) => !removed.has(key)),
    );
  }
  return after;
}

/** The toast after data arrived; what did not show because of label filters is said, not dropped. */
export function describeAdded(
  patch: GraphPatch,
  filtered: number,
  suffix: string,
  connected: Connected | null = null,
): string {
  const parts = [
    patch.addNodes.length || patch.addEdges.length
      ? `+${patch.addNodes.length} nodes, +${patch.addEdges.length} relationships`
      : "Already on screen",
    suffix,
  ];
  parts.push(describeConnected(connected));
  if (filtered) parts.push(`${filtered} not visible because of label filters`);
  return parts.filter(Boolean).join("; ");
}
