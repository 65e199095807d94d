/** The relationship-type filter list: one toggle per type, with counts on screen and in the database. */
import { el, setChildren } from "../../lib/dom.ts";
import type { FilterState } from "./state.ts";

export interface TypeCount {
  type: string;
  onScreen: number;
  inDb: number | undefined;
}

export class FiltersView {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;

  constructor(private readonly onToggle: (type: string) => void) {
    this.list = el("ul", { class: "filter-list", attrs: { "aria-label": "Relationship types" } });
    this.element = el("section", { class: "panel-section" }, [
      el("h2", { class: "section-title", text: "Relationships" }),
      this.list,
    ]);
  }

  render(types: TypeCount[], filters: FilterState): void {
    setChildren(
      this.list,
      types.map(({ type, onScreen, inDb }) => {
        const hidden = filters.hiddenTypes.has(type);
        return el("li", {}, [
          el(
            "button",
            {
              class: `filter-row${hidden ? " is-off" : ""}`,
              title: hidden ? `Show ${type} relationships` : `Hide ${type} relationships`,
              attrs: { type: "button", "aria-pressed": String(!hidden) },
              on: { click: () => this.onToggle(type) },
            },
            [
              el("span", { class: "check", attrs: { "aria-hidden": "true" } }),
              el("span", { class: "filter-name", text: type }),
              el("span", {
                class: "count",
                text: inDb === undefined ? String(onScreen) : `${onScreen} / ${inDb}`,
              }),
            ],
          ),
        ]);
      }),
    );
  }
}
