/** The status bar: what is on screen against what is in the database, and what is going on. */
import { el, setChildren } from "../lib/dom.ts";

export interface StatusInfo {
  nodesOnScreen: number;
  edgesOnScreen: number;
  nodesVisible: number;
  totals: { nodes: number; relationships: number } | null;
  sampled: boolean;
  hidden: number;
  filters: string | null;
  selection: number;
  layout: string;
  language: "zh" | "en";
}

const fmt = (n: number) => n.toLocaleString("en-US");

export class StatusBar {
  readonly element = el("footer", { class: "statusbar", attrs: { role: "status", "aria-live": "polite" } });

  constructor(private readonly onShowHidden: () => void) {}

  render(info: StatusInfo): void {
    const totals = info.totals;
    const sep = () => el("span", { class: "sep", attrs: { "aria-hidden": "true" }, text: "·" });
    setChildren(this.element, [
      el("span", { class: "status-counts", attrs: { "data-testid": "counts" } }, [
        el("strong", { text: `Showing ${fmt(info.nodesOnScreen)}` }),
        totals ? ` of ${fmt(totals.nodes)} nodes` : " nodes",
        sep(),
        `${fmt(info.edgesOnScreen)}${totals ? ` of ${fmt(totals.relationships)}` : ""} relationships`,
      ]),
      info.sampled
        ? el("span", {
            class: "badge warn",
            text: "sample: most connected",
            title:
              "The database is large: the first view is a sample of its most connected nodes. Search, expand and neighbourhood bring in the rest.",
          })
        : null,
      info.nodesVisible < info.nodesOnScreen
        ? el("span", { class: "muted", text: `${fmt(info.nodesVisible)} visible` })
        : null,
      info.hidden
        ? el("button", {
            class: "link-button",
            text: `${info.hidden} hidden — show`,
            attrs: { type: "button" },
            on: { click: this.onShowHidden },
          })
        : null,
      info.filters ? el("span", { class: "badge", text: info.filters }) : null,
      el("span", { class: "spacer" }),
      info.selection ? el("span", { text: `${info.selection} selected` }) : null,
      el("span", { class: "muted", text: info.layout }),
      el("span", { class: "muted", text: info.language === "en" ? "Names: English" : "Names: 中文" }),
    ]);
  }
}
