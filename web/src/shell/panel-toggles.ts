/**
 * Narrow windows (see styles.css, `--narrow`): the side panels — search, legend and filters on the
 * left, the inspector on the right — give way to the graph and open over it, one at a time, from two
 * toggles at the start of the top bar. On wider windows the toggles are not shown and the panels
 * always are; the state here then changes nothing.
 */
import { el } from "../lib/dom.ts";
import { icon } from "../lib/icons.ts";

export type SidePanel = "left" | "inspector";

export class PanelToggles {
  readonly element: HTMLElement;
  private readonly buttons: Record<SidePanel, HTMLButtonElement>;
  private open: SidePanel | null = null;

  constructor(private readonly app: HTMLElement) {
    const button = (panel: SidePanel, label: string, face: SVGSVGElement) =>
      el(
        "button",
        {
          class: "tool",
          title: label,
          attrs: { type: "button", "aria-label": label, "aria-pressed": "false", "data-panel": panel },
          on: { click: () => this.toggle(panel) },
        },
        [face],
      );
    this.buttons = {
      left: button("left", "Search, legend and filters", icon("panelLeft")),
      inspector: button("inspector", "Inspector", icon("panelRight")),
    };
    this.element = el("div", { class: "panel-toggles tool-group" }, [
      this.buttons.left,
      this.buttons.inspector,
    ]);
  }

  /** Is the window narrow enough for the panels to be drawers? */
  static narrow(): boolean {
    return window.matchMedia("(max-width: 900px)").matches;
  }

  toggle(panel: SidePanel): void {
    this.set(this.open === panel ? null : panel);
  }

  /** Opens a panel (e.g. the search one for `/`); nothing to do on a wide window. */
  reveal(panel: SidePanel): void {
    if (PanelToggles.narrow()) this.set(panel);
  }

  /** Closes the open drawer; true when there was one (Escape then does nothing else). */
  close(): boolean {
    if (!this.open || !PanelToggles.narrow()) return false;
    this.set(null);
    return true;
  }

  private set(panel: SidePanel | null): void {
    this.open = panel;
    if (panel) this.app.dataset.drawer = panel;
    else delete this.app.dataset.drawer;
    for (const [name, button] of Object.entries(this.buttons))
      button.setAttribute("aria-pressed", String(name === panel));
  }
}
