/** The compact toolbar: icon buttons with tooltips that name their shortcut. */
import { el } from "../lib/dom.ts";
import { icon } from "../lib/icons.ts";
import type { IconName } from "../lib/icons.ts";
import { shortcutFor } from "./shortcuts.ts";
import type { ActionId } from "./shortcuts.ts";

export interface ToolButton {
  action: ActionId;
  icon: IconName;
  label: string;
}

export class Toolbar {
  readonly element = el("div", { class: "toolbar", attrs: { role: "toolbar", "aria-label": "Tools" } });
  private readonly buttons = new Map<ActionId, HTMLButtonElement>();

  constructor(private readonly run: (action: ActionId) => void) {}

  group(buttons: ToolButton[], extra: HTMLElement[] = []): this {
    const group = el("div", { class: "tool-group" });
    for (const spec of buttons) {
      const button = el(
        "button",
        {
          class: "tool",
          attrs: { type: "button", "aria-label": spec.label, "data-action": spec.action },
          on: { click: () => this.run(spec.action) },
        },
        [icon(spec.icon)],
      );
      this.setTitle(button, spec.label, spec.action);
      this.buttons.set(spec.action, button);
      group.append(button);
    }
    group.append(...extra);
    this.element.append(group);
    return this;
  }

  /** A button whose face is text (the language toggle). */
  textButton(action: ActionId, label: string, face: HTMLElement): HTMLButtonElement {
    const button = el(
      "button",
      {
        class: "tool text-tool",
        attrs: { type: "button", "aria-label": label, "data-action": action },
        on: { click: () => this.run(action) },
      },
      [face],
    );
    this.setTitle(button, label, action);
    this.buttons.set(action, button);
    return button;
  }

  set(
    action: ActionId,
    options: { disabled?: boolean; pressed?: boolean; icon?: IconName; label?: string },
  ): void {
    const button = this.buttons.get(action);
    if (!button) return;
    if (options.disabled !== undefined) button.disabled = options.disabled;
    if (options.pressed !== undefined) button.setAttribute("aria-pressed", String(options.pressed));
    if (options.icon) button.replaceChildren(icon(options.icon));
    if (options.label) {
      button.setAttribute("aria-label", options.label);
      this.setTitle(button, options.label, action);
    }
  }

  private setTitle(button: HTMLElement, label: string, action: ActionId): void {
    const keys = shortcutFor(action);
    button.title = keys ? `${label} (${keys})` : label;
  }
}
