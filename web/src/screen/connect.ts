/**
 * "Connect result nodes" (as Neo4j Browser does): whatever brings nodes onto the screen, the relationships
 * between them and the nodes already shown are fetched too, so the picture never leaves out a relationship
 * between two nodes on screen. Pure planning of the request and wording of the outcome; the screen store
 * does the fetch inside the step that brings the nodes.
 */
import {
  CONNECT_DEFAULT_LIMIT,
  CONNECT_MAX_AMONG,
  CONNECT_MAX_KEYS,
  CONNECT_MAX_KNOWN,
} from "../../../core/api-types.ts";
import type { ConnectRequest, ConnectResponse, Subgraph } from "../../../core/api-types.ts";

/** Asks the database for the relationships (the API client's `connect`). */
export type Connector = (request: ConnectRequest) => Promise<ConnectResponse>;

/** What connecting brought: relationships fetched of how many there are, or why none could be. */
export type Connected = { shown: number; total: number } | { error: string };

/** The request's JSON stays under the API's 1 MiB body limit with room to spare. */
export const CONNECT_MAX_BODY = 900_000;

/** What to ask, or why nothing is asked: no node is new, or the screen is too large to send. */
export type ConnectPlan = { request: ConnectRequest } | { skip: "nothing-new" | "too-large" };

/**
 * The request for a subgraph arriving on a screen holding `onScreen`: its nodes not yet shown (all of
 * them in "replace" mode, where only they stay) against the nodes on screen (none in "replace" mode;
 * the server counts the arriving nodes among them), without the relationships the subgraph brings.
 */
export function connectRequest(
  onScreen: { has(key: string): boolean; keys(): string[] },
  subgraph: Subgraph,
  replace = false,
  limit = CONNECT_DEFAULT_LIMIT,
): ConnectPlan {
  const arriving = [...new Set(subgraph.nodes.map((n) => n.key))];
  const keys = replace ? arriving : arriving.filter((key) => !onScreen.has(key));
  if (keys.length === 0) return { skip: "nothing-new" };
  const among = replace ? [] : onScreen.keys();
  const touching = new Set(keys);
  const known = subgraph.edges
    .filter((e) => touching.has(e.source) || touching.has(e.target))
    .map((e) => e.key);
  const request: ConnectRequest = { keys, among, known, limit };
  const bytes = [keys, among, known].reduce((sum, list) => list.reduce((n, k) => n + k.length + 3, sum), 0);
  if (
    keys.length > CONNECT_MAX_KEYS ||
    among.length > CONNECT_MAX_AMONG ||
    known.length > CONNECT_MAX_KNOWN ||
    bytes > CONNECT_MAX_BODY
  )
    return { skip: "too-large" };
  return { request };
}

/** The subgraph with the connecting relationships added. */
export function withConnections(subgraph: Subgraph, response: ConnectResponse | null): Subgraph {
  if (!response || response.edges.length === 0) return subgraph;
  const known = new Set(subgraph.edges.map((e) => e.key));
  return {
    nodes: subgraph.nodes,
    edges: [...subgraph.edges, ...response.edges.filter((e) => !known.has(e.key))],
  };
}

/** Connecting was capped (or failed): some relationships between nodes on screen are not drawn. */
export function isIncomplete(connected: Connected | null): boolean {
  return connected !== null && ("error" in connected || connected.shown < connected.total);
}

/** What a notice says about connecting: how many it drew; "N of M" when capped. */
export function describeConnected(connected: Connected | null): string {
  if (!connected) return "";
  if ("error" in connected)
    return `relationships to the nodes on screen could not be read (${connected.error})`;
  if (connected.total === 0) return "";
  if (connected.shown >= connected.total) return `${connected.total} more between the nodes on screen`;
  const fmt = (n: number) => n.toLocaleString("en-US");
  return `${fmt(connected.shown)} of ${fmt(connected.total)} relationships to the nodes on screen drawn (capped)`;
}
