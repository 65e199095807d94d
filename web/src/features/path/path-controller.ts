/**
 * The shortest path between the two selected nodes, through the relationship types the analyst allows
 * and around what is hidden: added to the screen as one step, highlighted.
 */
import type { PathRequest, SchemaResponse } from "../../../../core/api-types.ts";
import { describeConnected, isIncomplete } from "../../screen/connect.ts";
import type { FeatureContext } from "../../screen/feature-context.ts";
import { allowedTypes, describeLimits, describePath, pathHighlight, pathRequest } from "./path.ts";
import type { PathAvoid } from "./path.ts";
import { PathView } from "./path-view.ts";

export class PathController {
  readonly view: PathView;
  /** The types ticked by hand; null until the analyst changes one (then: every visible type). */
  private chosen: Set<string> | null = null;

  constructor(
    private readonly ctx: FeatureContext,
    /** The database's schema, when read (its relationship types). */
    private readonly schema: () => SchemaResponse | null,
  ) {
    this.view = new PathView({
      onToggleType: (type, allowed) => {
        const next = new Set(this.allowed());
        if (allowed) next.add(type);
        else next.delete(type);
        this.chosen = next;
        this.render();
      },
      onAll: (allowed) => {
        this.chosen = new Set(allowed ? this.knownTypes() : []);
        this.render();
      },
      onFind: () => void this.run(),
    });
  }

  /** Relationship types of the database and of the screen, most frequent first. */
  knownTypes(): string[] {
    const types = (this.schema()?.relationshipTypes ?? []).map((t) => t.type);
    const known = new Set(types);
    this.ctx.view.graph.forEachEdge((_key, attrs) => {
      if (!known.has(attrs.relType)) {
        known.add(attrs.relType);
        types.push(attrs.relType);
      }
    });
    return types;
  }

  allowed(): string[] {
    return allowedTypes(this.knownTypes(), this.ctx.store.state.filters.hiddenTypes, this.chosen);
  }

  private avoid(): PathAvoid {
    const { hidden, filters } = this.ctx.store.state;
    return { hidden, hiddenLabels: filters.hiddenLabels, hiddenTypes: filters.hiddenTypes };
  }

  request(): PathRequest | null {
    return pathRequest(this.ctx.selection(), this.avoid(), {
      known: this.knownTypes(),
      allowed: this.allowed(),
    });
  }

  /** The options, while two nodes are selected. */
  render(): void {
    const request = this.request();
    if (!request) {
      this.view.render(null);
      return;
    }
    const limits = describeLimits({ ...request, types: undefined });
    this.view.render({
      from: this.ctx.nameOf(request.from),
      to: this.ctx.nameOf(request.to),
      known: this.knownTypes(),
      allowed: new Set(this.allowed()),
      avoiding: limits,
    });
  }

  async run(): Promise<void> {
    const { api, store, nameOf } = this.ctx;
    const request = this.request();
    if (!request) {
      this.ctx.notify("Select two nodes (click one, shift-click the other), then press P.", "info");
      return;
    }
    if (request.types?.length === 0) {
      this.ctx.notify("No relationship type is allowed: tick at least one in the path options.", "info");
      return;
    }
    try {
      const response = await api.path(request);
      if (!response.found) {
        const limits = describeLimits(request);
        this.ctx.notify(
          `No path between ${nameOf(request.from)} and ${nameOf(request.to)} within ${request.maxHops} hops${limits ? ` ${limits}` : ""}.`,
          "info",
        );
        return;
      }
      const added = await store.addSubgraph(response, {
        description: `Path ${nameOf(request.from)} → ${nameOf(request.to)}`,
      });
      this.ctx.highlight(pathHighlight(response));
      const note = isIncomplete(added.connected) ? describeConnected(added.connected) : "";
      this.ctx.notify(
        `Path: ${describePath(response, (k) => nameOf(k))}${note ? `; ${note}` : ""}`,
        "success",
      );
    } catch (error) {
      this.ctx.fail(error, "Could not find a path");
    }
  }
}
