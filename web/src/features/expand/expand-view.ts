/** Expansion progress of the selected node: "showing N of M" per group, with "load more". */
import type { NeighbourGroup } from "../../../../core/api-types.ts";
import { el, setChildren } from "../../lib/dom.ts";
import { EXPAND_PAGE, remaining, summarise } from "./state.ts";
import type { GroupProgress } from "./state.ts";

export interface ExpandHandlers {
  onExpand: () => void;
  onMore: (group: Pick<NeighbourGroup, "type" | "direction"> | null) => void;
}

export class ExpandView {
  readonly element: HTMLElement;

  constructor(private readonly handlers: ExpandHandlers) {
    this.element = el("section", { class: "inspector-section expand" });
  }

  render(groups: readonly GroupProgress[] | undefined, busy: boolean): void {
    if (!groups) {
      setChildren(this.element, [
        el("button", {
          class: "button primary",
          text: busy ? "Expanding…" : "Expand neighbours",
          title: "Load this node's neighbours (double-click the node, or press X)",
          attrs: { type: "button", ...(busy ? { disabled: "" } : {}) },
          on: { click: () => this.handlers.onExpand() },
        }),
      ]);
      return;
    }
    const { shown, total } = summarise(groups);
    const rest = total - shown;
    setChildren(this.element, [
      el("h3", { class: "inspector-heading" }, [
        "Expanded",
        el("span", { class: "count", text: `showing ${shown} of ${total}` }),
      ]),
      el(
        "ul",
        { class: "expand-groups" },
        groups.map((g) =>
          el("li", { class: "expand-group" }, [
            el("span", { class: "rel-type", text: g.type }),
            el("span", {
              class: "direction",
              text: g.direction === "out" ? "→" : "←",
              title: g.direction === "out" ? "outgoing" : "incoming",
            }),
            el("span", {
              class: `count${remaining(g) > 0 ? " is-partial" : ""}`,
              text: `${g.shown} of ${g.total}`,
            }),
            remaining(g) > 0
              ? el("button", {
                  class: "link-button",
                  text: `load ${Math.min(remaining(g), EXPAND_PAGE)} more`,
                  attrs: { type: "button", ...(busy ? { disabled: "" } : {}) },
                  on: { click: () => this.handlers.onMore(g) },
                })
              : null,
          ]),
        ),
      ),
      rest > 0
        ? el("button", {
            class: "button",
            text: `Load more of every group (${rest} not shown)`,
            attrs: { type: "button", ...(busy ? { disabled: "" } : {}) },
            on: { click: () => this.handlers.onMore(null) },
          })
        : null,
    ]);
  }
}
