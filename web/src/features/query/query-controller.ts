/**
 * The query panel's flow: analyst Cypher runs, and every node, relationship and path of the result is
 * drawn, added to the graph or replacing it, as one undoable step. Errors are thrown for the panel.
 */
import type { QueryRequest, Subgraph } from "../../../../core/api-types.ts";
import { Emitter } from "../../lib/emitter.ts";
import type { FeatureContext } from "../../screen/feature-context.ts";
import { QueryPanel } from "./query-panel.ts";
import type { QueryResult, ResultMode, RunOutcome } from "./types.ts";

export type QueryEvents = {
  /** A query ran and its result is on screen; `lastResult()` returns the same. */
  queryResult: (result: QueryResult) => void;
};

export interface QueryHooks {
  /** Told when the panel opens or closes (the canvas above it changes size). */
  onToggle(): void;
  /** A node of the result table was clicked. */
  onFocusNode(key: string): void;
}

export class QueryController {
  readonly panel: QueryPanel;
  readonly events = new Emitter<QueryEvents>();
  private last: QueryResult | null = null;

  constructor(
    private readonly ctx: FeatureContext,
    hooks: QueryHooks,
  ) {
    this.panel = new QueryPanel({
      run: (request, mode) => this.run(request, mode),
      savedQueries: () => ctx.api.savedQueries(),
      schema: () => ctx.api.schema(),
      onToggle: () => hooks.onToggle(),
      onFocusNode: (key) => hooks.onFocusNode(key),
    });
  }

  async run(request: QueryRequest, mode: ResultMode): Promise<{ result: QueryResult; added: RunOutcome }> {
    const { api, store, view } = this.ctx;
    const response = await api.query(request);
    const result: QueryResult = { request, response, mode, at: Date.now() };
    const subgraph = response.subgraph;
    const firstLine = request.cypher.split("\n")[0]!.trim();
    const label = firstLine.length > 48 ? `${firstLine.slice(0, 47)}…` : firstLine;
    const { patch, keys, connected, unchanged } = await store.addSubgraph(subgraph, {
      description: `${mode === "replace" ? "Replace with query" : "Query"}: ${label}`,
      replace: mode === "replace",
    });
    const gone = this.ctx.selection().filter((k) => !view.graph.hasNode(k));
    if (gone.length) this.ctx.select(this.ctx.selection().filter((k) => view.graph.hasNode(k)));
    if (keys.length) {
      if (mode === "add" && view.graph.order > keys.length) {
        this.ctx.highlight({
          kind: "neighbourhood",
          nodes: new Set(keys),
          edges: new Set(subgraph.edges.map((e) => e.key)),
        });
      } else {
        view.update({ highlight: null });
        void view.fit();
      }
    }
    this.last = result;
    this.events.emit("queryResult", result);
    const added: RunOutcome = { nodes: patch.addNodes.length, edges: patch.addEdges.length, connected };
    if (unchanged) added.unchanged = unchanged;
    return { result, added };
  }

  /** The last query run from the panel, with its whole response; null before the first. */
  lastResult(): QueryResult | null {
    return this.last;
  }

  /** The nodes and relationships of the last query's result (what it drew). */
  lastSubgraph(): Subgraph | null {
    return this.last?.response.subgraph ?? null;
  }

  kill(): void {
    this.panel.kill();
    this.events.clear();
  }
}
