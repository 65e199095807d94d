/**
 * The inspector's flows: selection (click, shift-click, clear; a clicked relationship), the primary
 * node's or the relationship's details from the database, and bringing a node onto the screen (search
 * results, neighbours clicked in the inspector).
 */
import { isMetaKey } from "../../../../core/aggregate.ts";
import type {
  GraphEdge,
  GraphNode,
  NodeDetailsResponse,
  RelationshipDetailsResponse,
} from "../../../../core/api-types.ts";
import { isVirtualEdgeKey, type ArticleSupport } from "../../../../core/evidence.ts";
import type { FeatureContext } from "../../screen/feature-context.ts";
import { describeConnected } from "../../screen/connect.ts";
import { unhidden } from "../../screen/screen-state.ts";
import { InspectorView } from "./inspector-view.ts";

export interface InspectorSlots {
  /** Shown when nothing is selected. */
  emptyNote: HTMLElement;
  /** Rendered under the inspector's header (another feature's element, e.g. expand progress). */
  extra: HTMLElement;
  /** Redraws `extra` for the primary node. */
  renderExtra(primary: string): void;
  /** The selection changed (toolbar and status bar follow). */
  onSelection(): void;
  /** Show only the facts of an article (the evidence filter, another feature's). */
  filterArticle(id: string): void;
}

export class InspectorController {
  readonly view: InspectorView;
  private details: NodeDetailsResponse | null = null;
  private edgeDetails: RelationshipDetailsResponse | null = null;
  private detailsRequest = 0;

  constructor(
    private readonly ctx: FeatureContext,
    private readonly slots: InspectorSlots,
  ) {
    this.view = new InspectorView(
      {
        onFocusNeighbour: (node, edge) => void this.focusNode(node, edge),
        onFocusNode: (node) => void this.focusNode(node),
        onClose: () => this.select([]),
        isOnScreen: (key) => ctx.view.graph.hasNode(key),
        isEdgeOnScreen: (key) => ctx.view.graph.hasEdge(key),
        onSelectEdge: (key) => this.selectEdge(key),
        onFilterArticle: (id) => slots.filterArticle(id),
        onOpenArticle: (article) => void this.openArticle(article),
      },
      slots.extra,
    );
  }

  primary(): string | null {
    const selected = this.ctx.view.getState().selected;
    return selected[selected.length - 1] ?? null;
  }

  selection(): readonly string[] {
    return this.ctx.view.getState().selected;
  }

  clickNode(key: string, additive: boolean): void {
    const selected = this.selection();
    if (additive) {
      this.select(selected.includes(key) ? selected.filter((k) => k !== key) : [...selected, key]);
    } else {
      this.select([key]);
    }
  }

  /** The selected relationship (clicked on the canvas), or null. */
  selectedEdge(): string | null {
    return this.ctx.view.getState().selectedEdge;
  }

  /** Selects a relationship (the node selection is cleared) and shows its details. */
  selectEdge(key: string | null): void {
    if (key === this.selectedEdge()) return;
    this.ctx.view.update({ selected: [], selectedEdge: key });
    this.slots.onSelection();
    void this.inspectEdge(key);
  }

  select(keys: string[]): void {
    const previous = this.primary();
    if (this.selectedEdge() !== null) {
      // Nodes and a relationship are never selected together.
      this.edgeDetails = null;
      this.ctx.view.update({ selectedEdge: null });
    }
    this.ctx.view.update({ selected: keys });
    const primary = this.primary();
    if (primary !== previous) void this.inspect(primary);
    else this.render();
    this.slots.onSelection();
  }

  /** Drops from the selection what is no longer on screen. */
  pruneSelection(): void {
    const graph = this.ctx.view.graph;
    if (this.selection().some((k) => !graph.hasNode(k)))
      this.select(this.selection().filter((k) => graph.hasNode(k)));
  }

  private async inspect(key: string | null): Promise<void> {
    const { view, api } = this.ctx;
    const request = ++this.detailsRequest;
    this.details = null;
    if (!key || !view.graph.hasNode(key)) {
      this.render();
      return;
    }
    const attrs = view.graph.getNodeAttributes(key);
    this.slots.emptyNote.hidden = true;
    if (isMetaKey(key)) {
      // A meta-node (an aggregated first view) is not in the database: nothing to ask it.
      this.view.showError(`${attrs.name}: a group of nodes, not a node — click it (or press X) to open it`);
      return;
    }
    this.view.showLoading({ name: attrs.name, category: attrs.category });
    try {
      const details = await api.node(key);
      if (request !== this.detailsRequest) return;
      this.details = details;
      this.render();
    } catch (error) {
      if (request !== this.detailsRequest) return;
      this.view.showError(error instanceof Error ? error.message : String(error));
      this.ctx.fail(error, "Could not load the node's details");
    }
  }

  private async inspectEdge(key: string | null): Promise<void> {
    const { view, api } = this.ctx;
    const request = ++this.detailsRequest;
    this.edgeDetails = null;
    this.details = null;
    if (!key || !view.graph.hasEdge(key)) {
      this.render();
      return;
    }
    this.slots.emptyNote.hidden = true;
    if (isVirtualEdgeKey(key)) {
      // Derived on screen (the correlation view): nothing to read, everything is in the graph.
      this.edgeDetails = this.virtualEdgeDetails(key);
      this.render();
      return;
    }
    if (isMetaKey(key)) {
      // A meta-edge (an aggregated first view): a count, not a relationship of the database.
      const { relType, properties } = view.graph.getEdgeAttributes(key);
      this.view.showError(
        `${relType}: ${Number(properties.count).toLocaleString("en-US")} relationships between two groups`,
      );
      return;
    }
    this.view.showLoading({ name: view.graph.getEdgeAttribute(key, "relType"), category: "Relationship" });
    try {
      const details = await api.relationship(key);
      if (request !== this.detailsRequest) return;
      this.edgeDetails = details;
      this.render();
    } catch (error) {
      if (request !== this.detailsRequest) return;
      this.view.showError(error instanceof Error ? error.message : String(error));
      this.ctx.fail(error, "Could not load the relationship's details");
    }
  }

  private virtualEdgeDetails(key: string): RelationshipDetailsResponse {
    const graph = this.ctx.view.graph;
    const [source, target] = graph.extremities(key);
    const node = (k: string): GraphNode => {
      const attrs = graph.getNodeAttributes(k);
      return {
        key: k,
        label: attrs.category,
        labels: attrs.labels,
        name: attrs.name,
        properties: attrs.properties,
        ...(attrs.id !== undefined ? { id: attrs.id } : {}),
      };
    };
    const attrs = graph.getEdgeAttributes(key);
    return {
      edge: { key, type: attrs.relType, source, target, properties: attrs.properties },
      start: node(source),
      end: node(target),
      supports: [],
    };
  }

  /** An article the inspector names: selected, brought onto the screen first when it is not there. */
  private async openArticle(article: ArticleSupport): Promise<void> {
    if (!article.key) return;
    if (this.ctx.view.graph.hasNode(article.key)) {
      await this.show(article.key);
      return;
    }
    try {
      const [node] = await this.ctx.api.nodes([article.key]);
      if (node) await this.focusNode(node);
      else this.ctx.notify(`《${article.title}》 is no longer in the database`, "error");
    } catch (error) {
      this.ctx.fail(error, "Could not open the article");
    }
  }

  render(): void {
    const edge = this.selectedEdge();
    if (edge) {
      this.slots.emptyNote.hidden = true;
      if (this.edgeDetails?.edge.key === edge) this.view.renderEdge(this.edgeDetails);
      return;
    }
    const primary = this.primary();
    if (!primary) {
      this.view.hide();
      this.slots.emptyNote.hidden = false;
      return;
    }
    this.slots.emptyNote.hidden = true;
    if (!this.details || this.details.node.key !== primary) return;
    this.slots.renderExtra(primary);
    const others = this.selection()
      .filter((k) => k !== primary && this.ctx.view.graph.hasNode(k))
      .map((k) => this.ctx.nameOf(k));
    this.view.render(this.details, others);
  }

  /**
   * Brings a node into view (with its relationships to what is on screen), selects it and moves the
   * camera to it: for search results and for neighbours clicked in the inspector.
   */
  async focusNode(node: GraphNode, via?: GraphEdge): Promise<void> {
    const { view, store } = this.ctx;
    const graph = view.graph;
    if (!graph.hasNode(node.key)) {
      // Its relationships to what is on screen come with it (the store connects every arrival).
      const added = await store.addSubgraph(
        { nodes: [node], edges: via ? [via] : [] },
        {
          description: `Add ${node.name}`,
          anchor: via ? (via.source === node.key ? via.target : via.source) : undefined,
        },
      );
      if (added.connected && "error" in added.connected)
        this.ctx.notify(`Added ${node.name}; ${describeConnected(added.connected)}`, "info");
    }
    await this.show(node.key, node.name);
  }

  /** A node on screen: shown again if it was hidden, selected, and the camera moved to it. */
  async show(key: string, name = this.ctx.nameOf(key)): Promise<void> {
    const { store } = this.ctx;
    const hidden = unhidden(store.state.hidden, [key]);
    if (hidden) store.set(`Show ${name}`, { hidden });
    this.select([key]);
    await this.ctx.view.focusNode(key);
  }
}
