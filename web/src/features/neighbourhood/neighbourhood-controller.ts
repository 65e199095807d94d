/** The selected node's N-hop neighbourhood: added to the screen as one step, then highlighted. */
import type { FeatureContext } from "../../screen/feature-context.ts";
import { describeAdded } from "../../screen/screen-state.ts";
import { neighbourhoodHighlight, neighbourhoodRequest } from "./neighbourhood.ts";
import type { Hops } from "./neighbourhood.ts";

export class NeighbourhoodController {
  private current: Hops = 1;

  constructor(
    private readonly ctx: FeatureContext,
    /** Told when the depth changes (the toolbar's select follows). */
    private readonly onHops: () => void,
  ) {}

  get hops(): Hops {
    return this.current;
  }

  setHops(hops: Hops): void {
    this.current = hops;
    this.onHops();
  }

  async run(): Promise<void> {
    const { api, store } = this.ctx;
    const key = this.ctx.primary();
    if (!key) {
      this.ctx.notify("Select a node first.", "info");
      return;
    }
    const hops = this.current;
    try {
      const response = await api.neighbourhood(neighbourhoodRequest(key, hops));
      const added = await store.addSubgraph(response, {
        description: `${hops}-hop neighbourhood of ${this.ctx.nameOf(key)}`,
        anchor: key,
      });
      this.ctx.highlight(neighbourhoodHighlight(response));
      const suffix = `${response.nodes.length} nodes within ${hops} hop${hops > 1 ? "s" : ""}${response.truncated ? " (capped: not all shown)" : ""}`;
      this.ctx.notify(describeAdded(added.patch, added.filtered, suffix, added.connected), "success");
    } catch (error) {
      this.ctx.fail(error, "Could not load the neighbourhood");
    }
  }
}
