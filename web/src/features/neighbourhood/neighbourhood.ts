/** N-hop neighbourhood of the selected node: the request and the highlight it becomes. */
import type { NeighbourhoodRequest, NeighbourhoodResponse } from "../../../../core/api-types.ts";
import type { Highlight } from "../graph-view/types.ts";

export const HOP_CHOICES = [1, 2, 3] as const;
export type Hops = (typeof HOP_CHOICES)[number];

/** Caps what one request can bring: a hub's 3-hop neighbourhood is most of a database. */
export const NEIGHBOURHOOD_LIMIT = 250;

export function neighbourhoodRequest(key: string, hops: Hops): NeighbourhoodRequest {
  return { key, hops, limit: NEIGHBOURHOOD_LIMIT };
}

export function neighbourhoodHighlight(response: NeighbourhoodResponse): Highlight {
  return {
    kind: "neighbourhood",
    nodes: new Set(response.nodes.map((n) => n.key)),
    edges: new Set(response.edges.map((e) => e.key)),
  };
}

export function nextHops(hops: Hops): Hops {
  return hops === 3 ? 1 : ((hops + 1) as Hops);
}
