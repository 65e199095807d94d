/** The keyboard help (`?`): a modal dialog listing every shortcut and gesture. */
import { el } from "../lib/dom.ts";
import { icon } from "../lib/icons.ts";
import { GESTURES, SHORTCUTS } from "./shortcuts.ts";

export class HelpOverlay {
  readonly element: HTMLDialogElement;

  constructor() {
    const keys = (names: string[]) =>
      el(
        "span",
        { class: "keys" },
        names.map((k) => el("kbd", { text: k })),
      );
    this.element = el("dialog", { class: "help", attrs: { "aria-label": "Keyboard shortcuts" } }, [
      el("header", { class: "help-header" }, [
        el("h2", { text: "Keyboard shortcuts" }),
        el(
          "button",
          {
            class: "icon-button",
            title: "Close (Esc)",
            attrs: { type: "button", "aria-label": "Close" },
            on: { click: () => this.close() },
          },
          [icon("close")],
        ),
      ]),
      el("div", { class: "help-columns" }, [
        el(
          "dl",
          { class: "help-list" },
          SHORTCUTS.flatMap((s) => [el("dt", {}, [keys(s.keys)]), el("dd", { text: s.description })]),
        ),
        el(
          "dl",
          { class: "help-list" },
          GESTURES.flatMap(([gesture, what]) => [
            el("dt", {}, [el("span", { class: "gesture", text: gesture })]),
            el("dd", { text: what }),
          ]),
        ),
      ]),
    ]);
    this.element.addEventListener("click", (event) => {
      if (event.target === this.element) this.close();
    });
  }

  get isOpen(): boolean {
    return this.element.open;
  }

  toggle(): void {
    if (this.element.open) this.close();
    else this.element.showModal();
  }

  close(): void {
    this.element.close();
  }
}
