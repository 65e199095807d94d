/** What the panel says about a run: pure, so every wording is testable and found in one place. */
import type { QueryResponse } from "../../../../core/api-types.ts";
import { describeConnected, isIncomplete } from "../../screen/connect.ts";
import type { RunOutcome } from "./types.ts";

const fmt = (n: number) => n.toLocaleString("en-US");
const plural = (n: number, one: string, many = `${one}s`) => `${fmt(n)} ${n === 1 ? one : many}`;

export interface Notice {
  kind: "error" | "warn" | "info";
  title: string;
  text: string;
}

/** The summary line of a result. */
export function resultSummary(response: QueryResponse, added: RunOutcome): string {
  const parts = [`${plural(response.rows.length, "row")}${response.truncated ? " (capped)" : ""}`];
  parts.push(`${fmt(response.elapsedMs)} ms`);
  const { nodes, edges } = response.subgraph;
  if (nodes.length || edges.length) {
    parts.push(
      `${plural(nodes.length, "node")}, ${plural(edges.length, "relationship")} in the graph` +
        (added.nodes || added.edges ? ` (+${fmt(added.nodes)} new)` : ""),
    );
  } else {
    parts.push("nothing to draw");
  }
  return parts.join(" · ");
}

/** Notices that go with a result: the row cap, or nothing found; a view kept; relationships capped. */
export function resultNotices(response: QueryResponse, added?: RunOutcome): Notice[] {
  const notices: Notice[] = [];
  if (added?.unchanged === "no-nodes") {
    notices.push({
      kind: "info",
      title: "The view is unchanged",
      text:
        "The result holds no nodes; the view is unchanged. Replace shows only the nodes, relationships " +
        "and paths a query returns: return them (RETURN n, r, p) to draw them.",
    });
  }
  const connected = describeConnected(added?.connected ?? null);
  if (isIncomplete(added?.connected ?? null)) {
    notices.push({
      kind: "warn",
      title: "Not every relationship drawn",
      text: `${connected[0]!.toUpperCase()}${connected.slice(1)}.`,
    });
  }
  if (response.truncated) {
    notices.push({
      kind: "warn",
      title: `Only the first ${fmt(response.rowLimit)} rows`,
      text:
        "The query returned more rows than the cap, so the rest were not read. Narrow it with WHERE " +
        "(a label, a property value), aggregate with count() or collect(), or add LIMIT.",
    });
  } else if (response.rows.length === 0) {
    notices.push({
      kind: "info",
      title: "No rows",
      text: "Nothing matched. Check labels, relationship types and parameter values (names are case-sensitive).",
    });
  }
  return notices;
}

/** An error of the API told for an analyst: what happened, and what to do about it. */
export function failureNotice(
  code: string,
  message: string,
  position?: { line: number; column: number },
): Notice {
  switch (code) {
    case "cypher-error":
      return {
        kind: "error",
        title: position ? `Cypher error at line ${position.line}, column ${position.column}` : "Cypher error",
        text: message,
      };
    case "read-only":
      return { kind: "error", title: "Refused: queries here only read", text: message };
    case "refused":
      return { kind: "error", title: "Refused", text: message };
    case "timeout":
      return { kind: "error", title: "The query timed out", text: message };
    case "bad-request":
      return { kind: "error", title: "The request was not valid", text: message };
    default:
      return { kind: "error", title: "The query failed", text: message };
  }
}
