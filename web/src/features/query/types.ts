/** The query workbench's types: how results reach the graph, history entries, table sorting. */
import type { QueryRequest, QueryResponse } from "../../../../core/api-types.ts";
import type { Connected } from "../../screen/connect.ts";

/** A result is added to what is on screen, or replaces it: the analyst's choice. */
export type ResultMode = "add" | "replace";

/** A past query as the analyst typed it: parameter values are kept as text. */
export interface HistoryEntry {
  cypher: string;
  params: Record<string, string>;
  /** When it was run (ms since the epoch). */
  at: number;
}

export interface SortState {
  column: string;
  direction: "asc" | "desc";
}

/** A parameter row of the editor: its name and the text typed for it. */
export interface ParamField {
  name: string;
  text: string;
}

/** The last query run and what came back; the explorer keeps it for features built on results. */
export interface QueryResult {
  request: QueryRequest;
  response: QueryResponse;
  mode: ResultMode;
  at: number;
}

/** What a run did to the screen: new nodes and relationships, connecting, or nothing (and why). */
export interface RunOutcome {
  nodes: number;
  edges: number;
  connected?: Connected | null;
  /** "replace" with a result holding no node: the view was kept. */
  unchanged?: "no-nodes";
}

/** Where the last run stands, as the panel shows it. */
export type RunStatus =
  | { type: "idle" }
  | { type: "running"; cypher: string }
  | { type: "done"; result: QueryResult; added: RunOutcome }
  | {
      type: "error";
      code: string;
      message: string;
      position?: { line: number; column: number; offset: number };
    };
