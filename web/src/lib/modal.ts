/** A modal dialog with a titled header and a close button; a click on the backdrop closes it too. */
import { el } from "./dom.ts";
import { icon } from "./icons.ts";

export function modal(options: { class: string; title: string; body: Node[] }): HTMLDialogElement {
  const dialog: HTMLDialogElement = el(
    "dialog",
    { class: options.class, attrs: { "aria-label": options.title } },
    [
      el("header", { class: "help-header" }, [
        el("h2", { text: options.title }),
        el(
          "button",
          {
            class: "icon-button",
            title: "Close (Esc)",
            attrs: { type: "button", "aria-label": "Close" },
            on: { click: () => dialog.close() },
          },
          [icon("close")],
        ),
      ]),
      ...options.body,
    ],
  );
  dialog.addEventListener("click", (event) => {
    if (event.target === dialog) dialog.close();
  });
  return dialog;
}
