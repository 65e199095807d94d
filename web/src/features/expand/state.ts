/**
 * Expansion progress per node: for each relationship group, how many neighbours exist and how many
 * have been loaded. Pure; nothing is ever dropped silently — every group not fully loaded is shown.
 */
import type { ExpandRequest, ExpandResponse, NeighbourGroup } from "../../../../core/api-types.ts";

/** Neighbours loaded per group and page: enough to see the shape, never a flood from a hub. */
export const EXPAND_PAGE = 20;

export type GroupProgress = NeighbourGroup & { shown: number };

export type Expansions = ReadonlyMap<string, readonly GroupProgress[]>;

const groupKey = (g: Pick<NeighbourGroup, "type" | "direction">) => `${g.type}\u0000${g.direction}`;

/** Folds a response's groups into what was known for the node. */
export function mergeProgress(
  previous: readonly GroupProgress[] | undefined,
  response: Pick<ExpandResponse, "groups">,
): GroupProgress[] {
  const merged = new Map((previous ?? []).map((g) => [groupKey(g), g]));
  for (const g of response.groups) merged.set(groupKey(g), { ...g });
  return [...merged.values()].sort((a, b) => b.total - a.total || a.type.localeCompare(b.type));
}

export function withProgress(expansions: Expansions, key: string, groups: GroupProgress[]): Expansions {
  const next = new Map(expansions);
  next.set(key, groups);
  return next;
}

export function remaining(group: GroupProgress): number {
  return Math.max(0, group.total - group.shown);
}

/** The request that loads the next page of one group, or of every unfinished group. */
export function moreRequest(
  key: string,
  groups: readonly GroupProgress[],
  only?: Pick<NeighbourGroup, "type" | "direction">,
): ExpandRequest | null {
  const wanted = groups.filter((g) => remaining(g) > 0 && (!only || groupKey(g) === groupKey(only)));
  if (wanted.length === 0) return null;
  return {
    key,
    limit: EXPAND_PAGE,
    groups: wanted.map((g) => ({ type: g.type, direction: g.direction, offset: g.shown })),
  };
}

export function summarise(groups: readonly GroupProgress[]): { shown: number; total: number } {
  return groups.reduce((acc, g) => ({ shown: acc.shown + g.shown, total: acc.total + g.total }), {
    shown: 0,
    total: 0,
  });
}
