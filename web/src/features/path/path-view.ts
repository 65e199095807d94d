/**
 * The path options, shown in the inspector while two nodes are selected: which relationship types the
 * path may go through (ticked by default: every type not filtered out of sight) and "Find path".
 */
import { el, setChildren } from "../../lib/dom.ts";

export interface PathViewHandlers {
  onToggleType: (type: string, allowed: boolean) => void;
  /** Every type (true) or none (false). */
  onAll: (allowed: boolean) => void;
  onFind: () => void;
}

export interface PathViewModel {
  from: string;
  to: string;
  known: readonly string[];
  allowed: ReadonlySet<string>;
  /** Hidden nodes and filtered labels the path goes around. */
  avoiding: string;
}

export class PathView {
  readonly element: HTMLElement;

  constructor(private readonly handlers: PathViewHandlers) {
    this.element = el("section", {
      class: "inspector-section path-options",
      attrs: { "aria-label": "Shortest path", hidden: "" },
    });
  }

  render(model: PathViewModel | null): void {
    this.element.hidden = model === null;
    if (!model) {
      setChildren(this.element, []);
      return;
    }
    const { handlers } = this;
    const link = (text: string, allowed: boolean) =>
      el("button", {
        class: "link-button",
        text,
        attrs: { type: "button" },
        on: { click: () => handlers.onAll(allowed) },
      });
    setChildren(this.element, [
      el("h3", { class: "inspector-heading" }, [
        "Shortest path",
        el("span", { class: "count", text: `${model.allowed.size} of ${model.known.length} types` }),
      ]),
      el("p", { class: "muted small", text: `${model.from} → ${model.to}` }),
      el("fieldset", { class: "path-types" }, [
        el("legend", {}, ["Through ", link("all", true), " · ", link("none", false)]),
        ...model.known.map((type) =>
          el("label", { class: "path-type" }, [
            el("input", {
              attrs: {
                type: "checkbox",
                name: "path-type",
                value: type,
                ...(model.allowed.has(type) ? { checked: "" } : {}),
              },
              on: {
                change: (event) => handlers.onToggleType(type, (event.target as HTMLInputElement).checked),
              },
            }),
            el("span", { class: "rel-type", text: type }),
          ]),
        ),
      ]),
      model.avoiding ? el("p", { class: "muted small", text: `Goes ${model.avoiding}.` }) : null,
      el("button", {
        class: "button primary",
        text: "Find path",
        title: "Shortest path between the two selected nodes (P)",
        attrs: { type: "button", "data-action": "find-path" },
        on: { click: () => handlers.onFind() },
      }),
    ]);
  }
}
