/** The shortest path between the two selected nodes: added to the screen as one step, highlighted. */
import { describeConnected } from "../../screen/connect.ts";
import type { FeatureContext } from "../../screen/feature-context.ts";
import { describePath, pathHighlight, pathRequest } from "./path.ts";

export class PathController {
  constructor(private readonly ctx: FeatureContext) {}

  async run(): Promise<void> {
    const { api, store, nameOf } = this.ctx;
    const request = pathRequest(this.ctx.selection());
    if (!request) {
      this.ctx.notify("Select two nodes (click one, shift-click the other), then press P.", "info");
      return;
    }
    try {
      const response = await api.path(request);
      if (!response.found) {
        this.ctx.notify(
          `No path between ${nameOf(request.from)} and ${nameOf(request.to)} within ${request.maxHops} hops.`,
          "info",
        );
        return;
      }
      const added = await store.addSubgraph(response, {
        description: `Path ${nameOf(request.from)} → ${nameOf(request.to)}`,
      });
      this.ctx.highlight(pathHighlight(response));
      const note = describeConnected(added.connected);
      this.ctx.notify(
        `Path: ${describePath(response, (k) => nameOf(k))}${note ? `; ${note}` : ""}`,
        "success",
      );
    } catch (error) {
      this.ctx.fail(error, "Could not find a path");
    }
  }
}
