/** Shortest path between two selected nodes: the request and the highlight it becomes. */
import type { PathRequest, PathResponse } from "../../../../core/api-types.ts";
import type { Highlight } from "../graph-view/types.ts";

export const MAX_PATH_HOPS = 8;

/** The two nodes to join: the last two selected, in selection order. */
export function pathRequest(selected: readonly string[]): PathRequest | null {
  if (selected.length < 2) return null;
  const from = selected[selected.length - 2];
  const to = selected[selected.length - 1];
  if (from === undefined || to === undefined || from === to) return null;
  return { from, to, maxHops: MAX_PATH_HOPS };
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
