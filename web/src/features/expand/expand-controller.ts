/**
 * Expanding a node: the first page of each relationship group, then "load more" page by page; the
 * progress (shown of total per group) is screen state, so undo takes a page back.
 */
import type { ExpandRequest, NeighbourGroup } from "../../../../core/api-types.ts";
import type { FeatureContext } from "../../screen/feature-context.ts";
import { describeAdded } from "../../screen/screen-state.ts";
import { ExpandView } from "./expand-view.ts";
import { EXPAND_PAGE, mergeProgress, moreRequest, summarise, withProgress } from "./state.ts";
import type { GroupProgress } from "./state.ts";

export class ExpandController {
  readonly view: ExpandView;
  private readonly busy = new Set<string>();

  constructor(
    private readonly ctx: FeatureContext,
    /** Told when a node starts or stops expanding (the inspector redraws the progress). */
    private readonly onBusy: () => void,
  ) {
    this.view = new ExpandView({
      onExpand: () => void this.expandSelected(),
      onMore: (group) => {
        const key = ctx.primary();
        if (key) void this.loadMore(key, group ?? undefined);
      },
    });
  }

  /** Draws the progress of `key` (the inspector's primary node). */
  render(key: string): void {
    this.view.render(this.ctx.store.state.expansions.get(key), this.busy.has(key));
  }

  async expandSelected(): Promise<void> {
    const key = this.ctx.primary();
    if (!key) {
      this.ctx.notify("Select a node to expand first.", "info");
      return;
    }
    await this.expand(key);
  }

  /** Loads a node's neighbours, capped per group; already expanded → the next page of each group. */
  async expand(key: string): Promise<void> {
    if (!this.ctx.view.graph.hasNode(key)) return;
    const known = this.ctx.store.state.expansions.get(key);
    if (known) {
      const { shown, total } = summarise(known);
      if (shown >= total) {
        this.ctx.notify(`All ${total} relationships of ${this.ctx.nameOf(key)} are loaded.`, "info");
        return;
      }
      await this.loadMore(key);
      return;
    }
    await this.run(key, { key, limit: EXPAND_PAGE }, `Expand ${this.ctx.nameOf(key)}`);
  }

  async loadMore(key: string, group?: Pick<NeighbourGroup, "type" | "direction">): Promise<void> {
    const request = moreRequest(key, this.ctx.store.state.expansions.get(key) ?? [], group);
    if (!request) return;
    await this.run(key, request, `Load more of ${this.ctx.nameOf(key)}${group ? ` (${group.type})` : ""}`);
  }

  private async run(key: string, request: ExpandRequest, description: string): Promise<void> {
    const { view, api, store } = this.ctx;
    if (this.busy.has(key)) return;
    this.busy.add(key);
    this.onBusy();
    try {
      const response = await api.expand(request);
      if (!view.graph.hasNode(key)) return;
      const progress = mergeProgress(store.state.expansions.get(key), response);
      const added = await store.addSubgraph(response, {
        description,
        anchor: key,
        also: (state) => ({ expansions: withProgress(state.expansions, key, progress) }),
      });
      this.ctx.notify(
        describeAdded(added.patch, added.filtered, summary(progress), added.connected),
        "success",
      );
    } catch (error) {
      this.ctx.fail(error, `Could not expand ${this.ctx.nameOf(key)}`);
    } finally {
      this.busy.delete(key);
      this.onBusy();
    }
  }
}

function summary(progress: readonly GroupProgress[]): string {
  const { shown, total } = summarise(progress);
  return shown < total
    ? `showing ${shown} of ${total} relationships — load more in the inspector`
    : `all ${total} relationships`;
}
