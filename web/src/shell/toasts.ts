/** Toasts: errors stay until dismissed (or replaced by the same message); notices fade. */
import { el } from "../lib/dom.ts";
import { icon } from "../lib/icons.ts";

export type ToastKind = "error" | "info" | "success";

export class Toasts {
  readonly element = el("div", { class: "toasts", attrs: { role: "region", "aria-label": "Notifications" } });

  show(message: string, kind: ToastKind = "info", detail?: string): void {
    // One notice at a time (the newest); errors stay until dismissed.
    for (const existing of this.element.querySelectorAll<HTMLElement>(".toast")) {
      if (
        existing.dataset.message === message ||
        (kind !== "error" && !existing.classList.contains("toast-error"))
      ) {
        existing.remove();
      }
    }
    const toast = el(
      "div",
      {
        class: `toast toast-${kind}`,
        attrs: { role: kind === "error" ? "alert" : "status" },
        dataset: { message },
      },
      [
        el("div", { class: "toast-text" }, [
          el("strong", { text: kind === "error" ? "Error" : kind === "success" ? "Done" : "Note" }),
          el("span", { text: message }),
          detail ? el("span", { class: "toast-detail", text: detail }) : null,
        ]),
        el(
          "button",
          {
            class: "icon-button",
            title: "Dismiss",
            attrs: { type: "button", "aria-label": "Dismiss" },
            on: { click: () => toast.remove() },
          },
          [icon("close")],
        ),
      ],
    );
    this.element.append(toast);
    while (this.element.children.length > 4) this.element.firstElementChild?.remove();
    if (kind !== "error") setTimeout(() => toast.remove(), 4500);
  }
}
