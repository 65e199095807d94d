/**
 * The export dialog (Ctrl+S): what to export — the current view, the selection or the last query
 * result — and the format. Files are written by export/ (the same code as `guanxi export`); images
 * from the canvas, for reports: at 2× (or another scale), with an optional title and caption.
 * Keyboard: arrows move within a choice group, Enter exports, Esc closes.
 */
import { el, setChildren } from "../../lib/dom.ts";
import { modal } from "../../lib/modal.ts";
import { FORMAT_CHOICES, isImageFormat, SCOPE_NAMES } from "./formats.ts";
import type { AnyFormat, ExportScope } from "./formats.ts";
import { DEFAULT_PICTURE_OPTIONS, PICTURE_SCALES } from "./report-layout.ts";
import type { PictureOptions } from "./report-layout.ts";

export interface ScopeSummary {
  scope: ExportScope;
  nodes: number;
  relationships: number;
  /** Why it cannot be exported now (e.g. nothing selected); null when it can. */
  unavailable: string | null;
}

export interface ExportDialogHost {
  scopes(): ScopeSummary[];
  run(scope: ExportScope, format: AnyFormat, picture: PictureOptions): Promise<void>;
}

export class ExportDialog {
  readonly element: HTMLDialogElement;
  private readonly body = el("div", { class: "export-body" });
  private scope: ExportScope = "view";
  private format: AnyFormat = "gexf";
  private busy = false;
  /** Kept between exports: a report's pictures share a scale, often a title. */
  private picture: PictureOptions = { ...DEFAULT_PICTURE_OPTIONS };
  /** Counted when the dialog opens: the graph does not change under a modal dialog. */
  private scopes: ScopeSummary[] = [];

  constructor(private readonly host: ExportDialogHost) {
    this.element = modal({ class: "modal export-dialog", title: "Export", body: [this.body] });
  }

  get isOpen(): boolean {
    return this.element.open;
  }

  open(scope?: ExportScope): void {
    const scopes = (this.scopes = this.host.scopes());
    const wanted = scopes.find((s) => s.scope === scope && !s.unavailable);
    const current = scopes.find((s) => s.scope === this.scope && !s.unavailable);
    this.scope = (wanted ?? current ?? scopes[0])?.scope ?? "view";
    this.render();
    if (!this.element.open) this.element.showModal();
    this.element.querySelector<HTMLInputElement>('input[name="export-format"]:checked')?.focus();
  }

  close(): void {
    this.element.close();
  }

  private render(): void {
    const scopes = this.scopes;
    if (isImageFormat(this.format) && this.scope !== "view") this.format = "gexf";
    const scopeFieldset = el("fieldset", { class: "export-choices" }, [
      el("legend", { text: "What" }),
      ...scopes.map((s) =>
        this.radio("export-scope", s.scope, this.scope === s.scope, !!s.unavailable, [
          el("span", { class: "choice-name", text: SCOPE_NAMES[s.scope] }),
          el("span", {
            class: "choice-hint",
            text:
              s.unavailable ??
              `${s.nodes.toLocaleString("en-US")} nodes, ${s.relationships.toLocaleString("en-US")} relationships`,
          }),
        ]),
      ),
    ]);
    const formatFieldset = el("fieldset", { class: "export-choices" }, [
      el("legend", { text: "Format" }),
      ...FORMAT_CHOICES.map((f) => {
        const disabled = isImageFormat(f.format) && this.scope !== "view";
        return this.radio("export-format", f.format, this.format === f.format, disabled, [
          el("span", { class: "choice-name", text: f.name }),
          el("span", { class: "choice-hint", text: disabled ? "images are of the current view" : f.hint }),
        ]);
      }),
    ]);
    const exportButton = el("button", {
      class: "button primary",
      text: this.busy ? "Exporting…" : "Export",
      attrs: { type: "submit", "data-testid": "export-run", ...(this.busy ? { disabled: "" } : {}) },
    });
    const form = el("form", { class: "export-form", attrs: { method: "dialog" } }, [
      el("div", { class: "export-columns" }, [scopeFieldset, formatFieldset]),
      isImageFormat(this.format) ? this.pictureFields() : null,
      el("div", { class: "export-actions" }, [exportButton]),
    ]);
    form.addEventListener("change", (event) => {
      const input = event.target as HTMLInputElement;
      if (input.name.startsWith("picture-")) return;
      if (input.name === "export-scope") this.scope = input.value as ExportScope;
      if (input.name === "export-format") this.format = input.value as AnyFormat;
      const focused = input.name;
      this.render();
      this.element.querySelector<HTMLInputElement>(`input[name="${focused}"]:checked`)?.focus();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.export();
    });
    setChildren(this.body, [form]);
  }

  /** Title, caption and scale of a picture. */
  private pictureFields(): HTMLFieldSetElement {
    const text = (name: "title" | "caption", placeholder: string) => {
      const input = el("input", {
        class: "text-input",
        attrs: {
          type: "text",
          name: `picture-${name}`,
          placeholder,
          maxlength: name === "title" ? "200" : "1000",
          "data-testid": `picture-${name}`,
          "aria-label": `Picture ${name}`,
        },
      });
      input.value = this.picture[name];
      input.addEventListener("input", () => (this.picture = { ...this.picture, [name]: input.value }));
      return input;
    };
    const scale = el(
      "select",
      { attrs: { name: "picture-scale", "data-testid": "picture-scale", "aria-label": "PNG scale" } },
      PICTURE_SCALES.map((s) =>
        el("option", {
          text: `${s}×`,
          attrs: { value: String(s), ...(s === this.picture.scale ? { selected: "" } : {}) },
        }),
      ),
    );
    scale.addEventListener("change", () => (this.picture = { ...this.picture, scale: Number(scale.value) }));
    return el("fieldset", { class: "export-picture" }, [
      el("legend", { text: "Picture" }),
      el("label", { class: "picture-field" }, [
        el("span", { text: "Title" }),
        text("title", "Optional, above the graph"),
      ]),
      el("label", { class: "picture-field" }, [
        el("span", { text: "Caption" }),
        text("caption", "Optional, below: source, date, what is shown"),
      ]),
      el("label", { class: "picture-field" }, [
        el("span", { text: "PNG scale" }),
        scale,
        el("span", { class: "choice-hint", text: "2× is sharp in print and on high-density screens" }),
      ]),
    ]);
  }

  private radio(
    name: string,
    value: string,
    checked: boolean,
    disabled: boolean,
    face: HTMLElement[],
  ): HTMLLabelElement {
    const input = el("input", {
      attrs: {
        type: "radio",
        name,
        value,
        ...(checked ? { checked: "" } : {}),
        ...(disabled ? { disabled: "" } : {}),
      },
    });
    return el("label", { class: `export-choice${disabled ? " is-disabled" : ""}` }, [
      input,
      el("span", { class: "choice-face" }, face),
    ]);
  }

  private async export(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.render();
    try {
      await this.host.run(this.scope, this.format, { ...this.picture });
      this.close();
    } finally {
      this.busy = false;
      if (this.element.open) this.render();
    }
  }
}
