/**
 * Pins: a node dragged into place stays there (the shell pins it in the same undoable step as the
 * move); the layout moves only the others. Pinned nodes carry a dark ring; the inspector's "Unpin"
 * and the U key let them go (or pin the selection where it is).
 */
import { el } from "../../lib/dom.ts";
import { EMPTY_PATCH } from "../graph-view/merge.ts";
import type { NodeMove } from "../graph-view/types.ts";
import type { FeatureContext } from "../../screen/feature-context.ts";
import { withPins } from "../../screen/screen-state.ts";

export class PinController {
  /** Under the inspector's header: whether the primary node is pinned, and the button to change it. */
  readonly element = el("div", { class: "pin-status", attrs: { "data-testid": "pin-status" } });

  constructor(private readonly ctx: FeatureContext) {}

  isPinned(key: string): boolean {
    return this.ctx.store.state.pinned.has(key);
  }

  /** A node dragged into place: moved and pinned there, as one undoable step. */
  drop(move: NodeMove): void {
    const { store } = this.ctx;
    const pinned = new Set(store.state.pinned).add(move.key);
    store.set(`Move ${this.ctx.nameOf(move.key)}`, { pinned }, { ...EMPTY_PATCH, moveNodes: [move] });
  }

  /** Pins `keys` where they are, or lets them go; one undoable step. */
  set(keys: readonly string[], pin: boolean): boolean {
    const present = keys.filter((key) => this.ctx.view.graph.hasNode(key));
    const pinned = withPins(this.ctx.store.state.pinned, present, pin);
    if (!pinned) return false;
    const what = present.length === 1 ? this.ctx.nameOf(present[0]!) : `${present.length} nodes`;
    return this.ctx.store.set(`${pin ? "Pin" : "Unpin"} ${what}`, { pinned });
  }

  /** U: the selection pinned, or unpinned when all of it already is. */
  toggleSelected(): void {
    const selection = this.ctx.selection();
    if (selection.length === 0) {
      this.ctx.notify("Select the nodes to pin or unpin first.", "info");
      return;
    }
    this.set(selection, !selection.every((key) => this.isPinned(key)));
  }

  render(primary: string | null): void {
    if (!primary || !this.ctx.view.graph.hasNode(primary)) {
      this.element.replaceChildren();
      return;
    }
    const pinned = this.isPinned(primary);
    this.element.replaceChildren(
      el("span", {
        class: "pin-note",
        text: pinned ? "Pinned: the layout leaves it where it is." : "Not pinned: drag it to pin it.",
      }),
      el("button", {
        class: "button small",
        text: pinned ? "Unpin" : "Pin",
        title: `${pinned ? "Unpin" : "Pin"} (U)`,
        attrs: { type: "button", "data-testid": pinned ? "unpin" : "pin" },
        on: { click: () => this.set([primary], !pinned) },
      }),
    );
  }
}
