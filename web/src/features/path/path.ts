/**
 * Shortest path between two selected nodes: the request (through the relationship types the analyst
 * allows, around what is hidden) and the highlight it becomes. Pure.
 */
import type { PathRequest, PathResponse } from "../../../../core/api-types.ts";
import type { Highlight } from "../graph-view/types.ts";

export const MAX_PATH_HOPS = 8;

/** What is hidden on screen, as the path must avoid it. */
export interface PathAvoid {
  /** Nodes hidden by hand. */
  hidden: ReadonlySet<string>;
  /** Labels and relationship types filtered out of sight. */
  hiddenLabels: ReadonlySet<string>;
  hiddenTypes: ReadonlySet<string>;
}

/**
 * The relationship types a path may use: those the analyst ticked, or by default every type not
 * filtered out of sight. `known`: the types of the database and of the screen, in display order.
 */
export function allowedTypes(
  known: readonly string[],
  hiddenTypes: ReadonlySet<string>,
  chosen: ReadonlySet<string> | null,
): string[] {
  return known.filter((type) => (chosen ? chosen.has(type) : !hiddenTypes.has(type)));
}

/**
 * The two nodes to join (the last two selected, in selection order), through `types` (every known type
 * allowed: no restriction sent, so types the explorer does not know yet pass too), around hidden nodes
 * and filtered labels. The ends themselves are never avoided.
 */
export function pathRequest(
  selected: readonly string[],
  avoid: PathAvoid = { hidden: new Set(), hiddenLabels: new Set(), hiddenTypes: new Set() },
  types?: { known: readonly string[]; allowed: readonly string[] },
): PathRequest | null {
  if (selected.length < 2) return null;
  const from = selected[selected.length - 2];
  const to = selected[selected.length - 1];
  if (from === undefined || to === undefined || from === to) return null;
  const request: PathRequest = { from, to, maxHops: MAX_PATH_HOPS };
  if (types && types.allowed.length < types.known.length) request.types = [...types.allowed];
  const excluded = [...avoid.hidden].filter((key) => key !== from && key !== to);
  if (excluded.length) request.excluded = excluded;
  if (avoid.hiddenLabels.size) request.excludedLabels = [...avoid.hiddenLabels];
  return request;
}

/** Why no path was found, for the notice: the limits the request put on the search. */
export function describeLimits(request: PathRequest): string {
  const parts: string[] = [];
  if (request.types) parts.push(`through ${request.types.length ? request.types.join(", ") : "no type"}`);
  if (request.excluded?.length)
    parts.push(`around ${request.excluded.length} hidden node${request.excluded.length === 1 ? "" : "s"}`);
  if (request.excludedLabels?.length) parts.push(`avoiding ${request.excludedLabels.join(", ")}`);
  return parts.join(", ");
}

export function pathHighlight(response: PathResponse): Highlight {
  return {
    kind: "path",
    nodes: new Set(response.nodes.map((n) => n.key)),
    edges: new Set(response.edges.map((e) => e.key)),
  };
}

export function describePath(response: PathResponse, names: (key: string) => string): string {
  if (!response.found) return "";
  const order = response.nodes.map((n) => names(n.key));
  return `${response.length} hop${response.length === 1 ? "" : "s"}: ${order.join(" → ")}`;
}
