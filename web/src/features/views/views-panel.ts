/**
 * The views dialog (V): save the current view under a name, and the views saved on this server —
 * open, export as a file, delete (asked twice) — and import a view file. Keyboard: the name field
 * has the focus, Enter saves; Tab walks the list; Esc closes.
 */
import type { SavedViewSummary } from "../../../../core/view-document.ts";
import { el, setChildren } from "../../lib/dom.ts";
import { modal } from "../../lib/modal.ts";

export interface ViewsPanelHost {
  list(): Promise<SavedViewSummary[]>;
  save(name: string): Promise<void>;
  open(view: SavedViewSummary): Promise<void>;
  remove(view: SavedViewSummary): Promise<void>;
  exportSaved(view: SavedViewSummary): Promise<void>;
  exportCurrent(): void;
  importFile(file: File): Promise<void>;
}

export class ViewsPanel {
  readonly element: HTMLDialogElement;
  private readonly nameInput = el("input", {
    class: "text-input",
    attrs: {
      type: "text",
      name: "view-name",
      placeholder: "Name of this view",
      maxlength: "120",
      "aria-label": "Name of the view to save",
      "data-testid": "view-name",
    },
  });
  private readonly message = el("p", {
    class: "views-message",
    attrs: { role: "status", "aria-live": "polite" },
  });
  private readonly listHost = el("div", { class: "views-list", attrs: { "data-testid": "views-list" } });
  private readonly fileInput = el("input", {
    attrs: { type: "file", accept: ".json,application/json", hidden: "", "data-testid": "view-import-file" },
  });
  private views: SavedViewSummary[] = [];
  /** The view whose Delete was pressed once (pressed again, it goes). */
  private confirming: string | null = null;

  constructor(private readonly host: ViewsPanelHost) {
    const form = el("form", { class: "views-save" }, [
      this.nameInput,
      el("button", {
        class: "button primary",
        text: "Save view",
        attrs: { type: "submit", "data-testid": "view-save" },
      }),
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.save();
    });
    this.fileInput.addEventListener("change", () => {
      const file = this.fileInput.files?.[0];
      this.fileInput.value = "";
      if (file) void this.attempt(() => host.importFile(file), "Import failed", true);
    });
    const footer = el("div", { class: "views-actions" }, [
      el("button", {
        class: "button",
        text: "Import a view file…",
        attrs: { type: "button", "data-testid": "view-import" },
        on: { click: () => this.fileInput.click() },
      }),
      el("button", {
        class: "button",
        text: "Export this view as a file",
        attrs: { type: "button", "data-testid": "view-export-current" },
        on: { click: () => host.exportCurrent() },
      }),
      el("button", {
        class: "button",
        text: "Copy link",
        title: "The page address holds this view: anyone on this server can open it",
        attrs: { type: "button", "data-testid": "view-copy-link" },
        on: { click: () => void this.copyLink() },
      }),
      this.fileInput,
    ]);
    this.element = modal({
      class: "modal views-dialog",
      title: "Views",
      body: [
        el("div", { class: "views-body" }, [
          form,
          this.message,
          el("h3", { class: "views-heading", text: "Saved on this server" }),
          this.listHost,
          footer,
        ]),
      ],
    });
  }

  get isOpen(): boolean {
    return this.element.open;
  }

  async open(): Promise<void> {
    this.message.textContent = "";
    this.confirming = null;
    if (!this.element.open) this.element.showModal();
    this.nameInput.focus();
    await this.refresh();
  }

  close(): void {
    this.element.close();
  }

  private async refresh(): Promise<void> {
    try {
      this.views = await this.host.list();
    } catch (error) {
      this.say(`Could not list the saved views: ${error instanceof Error ? error.message : String(error)}`);
      this.views = [];
    }
    this.renderList();
  }

  private renderList(): void {
    if (this.views.length === 0) {
      setChildren(this.listHost, [el("p", { class: "views-empty", text: "No saved views yet." })]);
      return;
    }
    setChildren(this.listHost, [
      el(
        "ul",
        {},
        this.views.map((view) => {
          const confirming = this.confirming === view.id;
          return el("li", { class: "views-item", dataset: { viewId: view.id } }, [
            el("button", {
              class: "views-open",
              text: view.name,
              title: `Open “${view.name}”`,
              attrs: { type: "button", "data-testid": "view-open" },
              on: {
                click: () => void this.attempt(() => this.host.open(view), "Could not open the view", true),
              },
            }),
            el("span", {
              class: "views-meta",
              text: `${view.nodes} nodes · ${new Date(view.updatedAt).toLocaleString()}`,
            }),
            el("button", {
              class: "button small",
              text: "Export",
              attrs: { type: "button", "aria-label": `Export “${view.name}” as a file` },
              on: { click: () => void this.attempt(() => this.host.exportSaved(view), "Export failed") },
            }),
            el("button", {
              class: `button small${confirming ? " danger" : ""}`,
              text: confirming ? "Delete?" : "Delete",
              attrs: { type: "button", "aria-label": `Delete “${view.name}”`, "data-testid": "view-delete" },
              on: { click: () => void this.remove(view) },
            }),
          ]);
        }),
      ),
    ]);
  }

  private async remove(view: SavedViewSummary): Promise<void> {
    if (this.confirming !== view.id) {
      this.confirming = view.id;
      this.renderList();
      this.listHost
        .querySelector<HTMLElement>(`[data-view-id="${view.id}"] [data-testid="view-delete"]`)
        ?.focus();
      return;
    }
    this.confirming = null;
    await this.attempt(() => this.host.remove(view), "Could not delete the view");
    await this.refresh();
  }

  private async save(): Promise<void> {
    const name = this.nameInput.value.trim();
    if (!name) {
      this.say("Give the view a name first.");
      this.nameInput.focus();
      return;
    }
    const ok = await this.attempt(() => this.host.save(name), "Could not save the view");
    if (!ok) return;
    this.nameInput.value = "";
    await this.refresh();
  }

  /** Runs an action; its failure is said in the dialog. True when it worked. */
  private async attempt(work: () => Promise<void>, context: string, closeAfter = false): Promise<boolean> {
    try {
      await work();
      if (closeAfter) this.close();
      return true;
    } catch (error) {
      this.say(`${context}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }

  private async copyLink(): Promise<void> {
    try {
      await navigator.clipboard.writeText(window.location.href);
      this.say("Link copied: it opens this view, as it is now.");
    } catch {
      this.say(`Copy this address: ${window.location.href}`);
    }
  }

  private say(text: string): void {
    this.message.textContent = text;
  }
}
