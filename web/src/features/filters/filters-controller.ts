/**
 * What is shown: label filters (the legend), relationship-type filters, nodes hidden or removed by
 * hand. Every change is one undoable step in the screen store, which stores hidden nodes and filters
 * once; the graph view reads them from there.
 */
import type { SchemaResponse } from "../../../../core/api-types.ts";
import { compareCounts, tally } from "../../lib/counts.ts";
import type { FeatureContext } from "../../screen/feature-context.ts";
import { planRemove } from "../graph-view/merge.ts";
import { FiltersView } from "./filters-view.ts";
import { LegendView } from "./legend-view.ts";
import { soloLabel, toggleLabel, toggleType } from "./state.ts";
import type { FilterState } from "./state.ts";

export class FiltersController {
  readonly legend: LegendView;
  readonly types: FiltersView;

  constructor(
    private readonly ctx: FeatureContext,
    /** The database's schema and counts, when read (the legend lists labels not on screen too). */
    private readonly schema: () => SchemaResponse | null,
  ) {
    const filters = () => ctx.store.state.filters;
    this.legend = new LegendView({
      onToggle: (label) =>
        this.setFilters(toggleLabel(filters(), label), `${this.verb(label, "label")} ${label}`),
      onSolo: (label) => this.setFilters(soloLabel(filters(), label, this.labelList()), `Only ${label}`),
    });
    this.types = new FiltersView((type) =>
      this.setFilters(toggleType(filters(), type), `${this.verb(type, "type")} ${type}`),
    );
  }

  hideSelected(): void {
    const { store } = this.ctx;
    const keys = this.ctx.selection().filter((k) => !store.state.hidden.has(k));
    if (keys.length === 0) return;
    const hidden = new Set([...store.state.hidden, ...keys]);
    this.ctx.select([]);
    store.set(`Hide ${this.describe(keys)}`, { hidden });
  }

  showHidden(): void {
    const { store } = this.ctx;
    if (store.state.hidden.size === 0) return;
    store.set(`Show ${store.state.hidden.size} hidden`, { hidden: new Set() });
  }

  removeSelected(): void {
    const keys = this.ctx.selection();
    if (keys.length === 0) return;
    const description = `Remove ${this.describe(keys)}`;
    this.ctx.store.set(description, {}, planRemove(this.ctx.view.graph, keys));
    this.ctx.select([]);
    this.ctx.notify(`${description} — Ctrl+Z to undo`, "info");
  }

  /** The legend and the type filters, with counts on screen and in the database. */
  render(): void {
    const graph = this.ctx.view.graph;
    const schema = this.schema();
    const filters = this.ctx.store.state.filters;
    const labels = compareCounts(
      tally(graph.nodeEntries(), (entry) => entry.attributes.category),
      new Map(schema?.labels.map((l) => [l.label, l.count]) ?? []),
    );
    this.legend.render(
      labels.map((c) => ({
        label: c.name,
        onScreen: c.onScreen,
        inDb: c.inDb,
        description: schema?.schema.labels[c.name]?.description,
      })),
      filters.hiddenLabels,
    );
    const types = compareCounts(
      tally(graph.edgeEntries(), (entry) => entry.attributes.relType),
      new Map(schema?.relationshipTypes.map((t) => [t.type, t.count]) ?? []),
    );
    this.types.render(
      types.map((c) => ({ type: c.name, onScreen: c.onScreen, inDb: c.inDb })),
      filters,
    );
  }

  private setFilters(filters: FilterState, description: string): void {
    this.ctx.store.set(description, { filters });
  }

  private verb(value: string, kind: "label" | "type"): string {
    const { hiddenLabels, hiddenTypes } = this.ctx.store.state.filters;
    return (kind === "label" ? hiddenLabels : hiddenTypes).has(value) ? "Show" : "Hide";
  }

  private labelList(): string[] {
    const labels = new Set(this.schema()?.labels.map((l) => l.label) ?? []);
    this.ctx.view.graph.forEachNode((_k, attrs) => labels.add(attrs.category));
    return [...labels];
  }

  private describe(keys: readonly string[]): string {
    if (keys.length === 1 && keys[0] !== undefined) return this.ctx.nameOf(keys[0]);
    return `${keys.length} nodes`;
  }
}
