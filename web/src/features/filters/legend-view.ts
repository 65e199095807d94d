/** The legend: a colour per node label, with counts; clicking a label toggles its filter. */
import { el, setChildren } from "../../lib/dom.ts";
import { labelColour } from "../../../../core/appearance.ts";

export interface LabelCount {
  label: string;
  onScreen: number;
  inDb: number | undefined;
  /** What the label is, from the active schema. */
  description?: string | undefined;
}

export interface LegendHandlers {
  onToggle: (label: string) => void;
  /** Alt/Shift-click: show only this label. */
  onSolo: (label: string) => void;
}

export class LegendView {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;

  constructor(private readonly handlers: LegendHandlers) {
    this.list = el("ul", { class: "legend-list", attrs: { "aria-label": "Node labels" } });
    this.element = el("section", { class: "panel-section" }, [
      el("h2", { class: "section-title" }, [
        "Labels",
        el("span", {
          class: "section-hint",
          text: "on screen / in db",
          title: "Click to hide or show a label; Shift-click to show it alone",
        }),
      ]),
      this.list,
    ]);
  }

  render(labels: LabelCount[], hiddenLabels: ReadonlySet<string>): void {
    setChildren(
      this.list,
      labels.map(({ label, onScreen, inDb, description }) => {
        const hidden = hiddenLabels.has(label);
        const swatch = el("span", { class: "swatch", attrs: { "aria-hidden": "true" } });
        swatch.style.setProperty("--swatch", labelColour(label));
        return el("li", {}, [
          el(
            "button",
            {
              class: `legend-row${hidden ? " is-off" : ""}`,
              title: `${description ? `${label}: ${description}\n` : ""}${hidden ? "Show" : "Hide"} ${label} nodes (Shift-click: only ${label})`,
              attrs: { type: "button", "aria-pressed": String(!hidden) },
              on: {
                click: (event) =>
                  event.shiftKey || event.altKey
                    ? this.handlers.onSolo(label)
                    : this.handlers.onToggle(label),
              },
            },
            [
              swatch,
              el("span", { class: "legend-name", text: label }),
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
