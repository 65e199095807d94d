/**
 * "Add article": paste text or open a file (.txt, .md, .html — markup stripped by the server's reader
 * rules, here by the browser's own parser), or reopen a saved draft (.json). Shows progress while the
 * server reads and links it, and the server's message in place when it refuses.
 */
import { el } from "../../lib/dom.ts";
import { modal } from "../../lib/modal.ts";

export interface AddArticleHandlers {
  extract(text: string, title: string | undefined): Promise<void>;
  openDraft(text: string, fileName: string): void;
}

/** Visible text of an HTML page: scripts and styles out, blocks as lines. */
export function htmlText(html: string): string {
  const doc = new DOMParser().parseFromString(html, "text/html");
  doc.querySelectorAll("script, style, noscript, template").forEach((n) => n.remove());
  doc
    .querySelectorAll("br, p, div, h1, h2, h3, h4, h5, h6, li, tr, section, article")
    .forEach((n) => n.append("\n"));
  return (doc.body?.textContent ?? "")
    .replace(/[ \t]+\n/gu, "\n")
    .replace(/\n{3,}/gu, "\n\n")
    .trim();
}

export class AddArticleDialog {
  readonly element: HTMLDialogElement;
  private readonly textArea: HTMLTextAreaElement;
  private readonly titleInput: HTMLInputElement;
  private readonly message: HTMLElement;
  private readonly readButton: HTMLButtonElement;
  private busy = false;

  constructor(private readonly handlers: AddArticleHandlers) {
    this.titleInput = el("input", {
      class: "add-article-title",
      attrs: { type: "text", placeholder: "Headline (when the text has none)", "aria-label": "Headline" },
    });
    this.textArea = el("textarea", {
      class: "add-article-text",
      attrs: {
        rows: "14",
        placeholder: "Paste a news story here (Chinese or English), or open a .txt, .md or .html file.",
        "aria-label": "Article text",
      },
    });
    const fileInput = el("input", {
      attrs: { type: "file", accept: ".txt,.md,.markdown,.html,.htm,.json,text/plain,text/html", hidden: "" },
    });
    fileInput.addEventListener("change", () => {
      const file = fileInput.files?.[0];
      fileInput.value = "";
      if (file) void this.readFile(file);
    });
    this.message = el("p", {
      class: "add-article-message",
      attrs: { role: "status", "aria-live": "polite" },
    });
    this.readButton = el("button", {
      class: "button primary",
      text: "Read article",
      attrs: { type: "submit" },
    });
    const form = el("form", { class: "add-article-form" }, [
      this.titleInput,
      this.textArea,
      this.message,
      el("div", { class: "export-actions" }, [
        el("button", {
          class: "button",
          text: "Open file or draft…",
          attrs: { type: "button" },
          on: { click: () => fileInput.click() },
        }),
        fileInput,
        this.readButton,
      ]),
    ]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.submit();
    });
    // Ctrl/⌘+Enter in the text reads it.
    this.textArea.addEventListener("keydown", (event) => {
      if ((event.ctrlKey || event.metaKey) && event.key === "Enter") {
        event.preventDefault();
        void this.submit();
      }
    });
    this.element = modal({ class: "modal add-article", title: "Add article", body: [form] });
  }

  get isOpen(): boolean {
    return this.element.open;
  }

  open(): void {
    this.say("");
    if (!this.element.open) this.element.showModal();
    this.textArea.focus();
  }

  close(): void {
    if (this.element.open) this.element.close();
  }

  private say(text: string, kind: "error" | "info" = "info"): void {
    this.message.textContent = text;
    this.message.dataset.kind = kind;
  }

  private async readFile(file: File): Promise<void> {
    const text = await file.text();
    if (/\.json$/iu.test(file.name)) {
      try {
        this.handlers.openDraft(text, file.name);
        this.close();
      } catch (error) {
        this.say(error instanceof Error ? error.message : String(error), "error");
      }
      return;
    }
    this.textArea.value = /\.html?$/iu.test(file.name) ? htmlText(text) : text;
    this.say(`Read ${file.name} (${this.textArea.value.length} characters). Press “Read article”.`);
  }

  private async submit(): Promise<void> {
    if (this.busy) return;
    const text = this.textArea.value;
    if (!text.trim()) {
      this.say("Paste an article or open a file first: the text is empty.", "error");
      return;
    }
    this.busy = true;
    this.readButton.disabled = true;
    this.say("Reading the article and linking it against the graph…");
    this.element.setAttribute("aria-busy", "true");
    try {
      await this.handlers.extract(text, this.titleInput.value.trim() || undefined);
      this.textArea.value = "";
      this.titleInput.value = "";
      this.close();
    } catch (error) {
      this.say(
        `Could not read the article: ${error instanceof Error ? error.message : String(error)}`,
        "error",
      );
    } finally {
      this.busy = false;
      this.readButton.disabled = false;
      this.element.removeAttribute("aria-busy");
    }
  }
}
