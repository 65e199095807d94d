/** The keyboard help (`?`): a modal dialog listing every shortcut and gesture. */
import { el } from "../lib/dom.ts";
import { modal } from "../lib/modal.ts";
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
    this.element = modal({
      class: "help",
      title: "Keyboard shortcuts",
      body: [
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
      ],
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
