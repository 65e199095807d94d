/**
 * The query panel under the graph: the Cypher editor (loaded on first open), the parameters the query
 * uses, saved queries and history, and the result — a summary, notices and a sortable table. It owns
 * its own state; running a query and drawing the result is the shell's (callbacks).
 */
import type {
  QueryRequest,
  SavedQueriesResponse,
  SavedQuery,
  SchemaResponse,
} from "../../../../core/api-types.ts";
import { ApiError } from "../../api/client.ts";
import { debounce, el } from "../../lib/dom.ts";
import { icon } from "../../lib/icons.ts";
import { toCsv } from "./cells.ts";
import type { QueryEditor } from "./cypher-editor.ts";
import { loadHistory, remember, saveHistory } from "./history.ts";
import { LibraryView } from "./library-view.ts";
import { failureNotice, resultNotices, resultSummary, type Notice } from "./messages.ts";
import { formatValue, paramFields, toParams } from "./params.ts";
import { ResultTable, responseNames } from "./result-table.ts";
import type { HistoryEntry, ParamField, QueryResult, ResultMode, RunOutcome } from "./types.ts";

export interface QueryPanelCallbacks {
  run(request: QueryRequest, mode: ResultMode): Promise<{ result: QueryResult; added: RunOutcome }>;
  savedQueries(): Promise<SavedQueriesResponse>;
  schema(): Promise<SchemaResponse>;
  /** Told when the panel opens or closes (the canvas above it changes size). */
  onToggle(open: boolean): void;
  /** A node in the result table was clicked: select it in the graph. */
  onFocusNode(key: string): void;
}

const MODE_KEY = "guanxi.query-mode";
const STARTER = "MATCH (a:Alliance)-[r:SPANS]->(region:Region)\nRETURN a, r, region";

async function copyText(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // No clipboard permission (e.g. an insecure origin): the old way, through a selected textarea.
    const area = el("textarea", { attrs: { readonly: "", style: "position:fixed;opacity:0" } });
    area.value = text;
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    if (!ok) throw new Error("The browser did not allow copying to the clipboard.");
  }
}

export class QueryPanel {
  readonly element: HTMLElement;
  private editor: QueryEditor | null = null;
  private loading: Promise<QueryEditor> | null = null;
  private mode: ResultMode = localStorage.getItem(MODE_KEY) === "replace" ? "replace" : "add";
  private history: HistoryEntry[] = loadHistory();
  /** Position in the history while walking it with Ctrl+↑/↓ (-1: the text being written). */
  private historyAt = -1;
  private typed = new Map<string, string>();
  private fields: ParamField[] = [];
  private running = false;
  private last: QueryResult | null = null;
  private readonly library: LibraryView;
  private readonly table: ResultTable;
  private readonly editorHost = el(
    "div",
    { class: "query-editor", attrs: { "data-testid": "query-editor" } },
    [el("div", { class: "query-editor-loading", text: "Loading the Cypher editor…" })],
  );
  private readonly paramsHost = el("div", { class: "query-params", attrs: { "aria-label": "Parameters" } });
  private readonly status = el("div", {
    class: "query-status",
    attrs: { role: "status", "aria-live": "polite" },
  });
  private readonly notices = el("div", { class: "query-notices" });
  private readonly copyButton: HTMLButtonElement;
  private readonly runButton: HTMLButtonElement;
  private readonly modeButtons: Record<ResultMode, HTMLButtonElement>;
  private readonly refreshParams = debounce(() => this.syncParams(), 150);

  constructor(private readonly callbacks: QueryPanelCallbacks) {
    this.table = new ResultTable((key) => callbacks.onFocusNode(key));
    this.library = new LibraryView({
      onChooseSaved: (query, run) => this.useSaved(query, run),
      onChooseHistory: (entry) => this.recall(entry),
    });
    this.library.setHistory(this.history);
    const modeButton = (mode: ResultMode, text: string, title: string) =>
      el("button", {
        class: "segment",
        text,
        title,
        attrs: { type: "button", "data-mode": mode },
        on: { click: () => this.setMode(mode) },
      });
    this.modeButtons = {
      add: modeButton("add", "Add", "Add the result to the graph on screen"),
      replace: modeButton("replace", "Replace", "Show only the result (undo brings the graph back)"),
    };
    this.runButton = el(
      "button",
      {
        class: "button primary run-button",
        title: "Run (Ctrl+Enter)",
        attrs: { type: "button", "data-testid": "run-query" },
        on: { click: () => void this.run() },
      },
      [icon("play"), el("span", { text: "Run" })],
    );
    this.copyButton = el("button", {
      class: "link-button",
      text: "Copy as CSV",
      attrs: { type: "button", "data-testid": "copy-csv", hidden: "" },
      on: { click: () => void this.copyCsv() },
    });
    this.element = el(
      "section",
      {
        class: "query-panel",
        attrs: { "aria-label": "Cypher query", hidden: "", "data-testid": "query-panel" },
      },
      [
        el("header", { class: "query-bar" }, [
          el("h2", { class: "section-title", text: "Cypher" }),
          el("span", { class: "query-hint" }, [
            el("kbd", { text: "Ctrl" }),
            "+",
            el("kbd", { text: "Enter" }),
            " runs",
          ]),
          el("span", { class: "spacer" }),
          el("span", { class: "segmented", attrs: { role: "group", "aria-label": "Result" } }, [
            el("span", { class: "segmented-label", text: "Result:" }),
            this.modeButtons.add,
            this.modeButtons.replace,
          ]),
          this.runButton,
          el(
            "button",
            {
              class: "icon-button",
              title: "Close the query panel",
              attrs: { type: "button", "aria-label": "Close the query panel" },
              on: { click: () => this.close() },
            },
            [icon("close")],
          ),
        ]),
        el("div", { class: "query-main" }, [
          el("div", { class: "query-input" }, [this.editorHost, this.paramsHost]),
          this.library.element,
        ]),
        el("div", { class: "query-result" }, [
          el("div", { class: "query-result-bar" }, [this.status, this.copyButton]),
          this.notices,
          this.table.element,
        ]),
      ],
    );
    this.renderMode();
    this.renderParams();
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Opens the panel (loading the editor the first time) and puts the cursor in the editor. */
  async open(): Promise<void> {
    if (!this.isOpen) {
      this.element.hidden = false;
      this.callbacks.onToggle(true);
      this.loadLibrary();
    }
    const editor = await this.ensureEditor();
    editor.focus();
  }

  close(): void {
    if (!this.isOpen) return;
    this.element.hidden = true;
    this.callbacks.onToggle(false);
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else void this.open();
  }

  /** Puts a query (a saved view's last one) into the editor without running it. */
  async prefill(cypher: string, params: Record<string, unknown>): Promise<void> {
    await this.ensureEditor();
    this.fill(
      cypher,
      Object.fromEntries(Object.entries(params).map(([name, value]) => [name, formatValue(value)])),
    );
  }

  /** The query in the editor, with its parameters. */
  request(): QueryRequest | null {
    const cypher = this.editor?.value().trim() ?? "";
    if (!cypher) return null;
    return this.fields.length ? { cypher, params: toParams(this.fields) } : { cypher };
  }

  async run(): Promise<void> {
    if (this.running) return;
    const editor = await this.ensureEditor();
    this.syncParams();
    const request = this.request();
    if (!request) {
      this.showNotices([{ kind: "info", title: "Nothing to run", text: "Write a Cypher query first." }]);
      editor.focus();
      return;
    }
    this.running = true;
    this.runButton.disabled = true;
    this.element.setAttribute("aria-busy", "true");
    this.status.textContent = "Running…";
    editor.clearError();
    this.remember(request.cypher);
    try {
      const { result, added } = await this.callbacks.run(request, this.mode);
      this.last = result;
      this.status.textContent = resultSummary(result.response, added);
      this.showNotices(resultNotices(result.response, added));
      this.table.show(result.response);
      this.copyButton.hidden = result.response.rows.length === 0;
    } catch (error) {
      const api = error instanceof ApiError ? error : null;
      const message = error instanceof Error ? error.message : String(error);
      const notice = failureNotice(api?.code ?? "error", message, api?.position);
      this.status.textContent = api?.status ? `Not run (HTTP ${api.status})` : "Not run";
      this.showNotices([notice]);
      this.table.clear();
      this.copyButton.hidden = true;
      if (api?.position) editor.markError(api.position.offset, message);
    } finally {
      this.running = false;
      this.runButton.disabled = false;
      this.element.removeAttribute("aria-busy");
    }
  }

  // ─── Editor ───────────────────────────────────────────────────────────────────────────────────

  private ensureEditor(): Promise<QueryEditor> {
    this.loading ??= import("./cypher-editor.ts").then(({ createQueryEditor }) => {
      this.editorHost.replaceChildren();
      const editor = createQueryEditor(this.editorHost, {
        value: this.history[0]?.cypher ?? STARTER,
        onRun: () => void this.run(),
        onChange: () => {
          this.historyAt = -1;
          this.refreshParams();
        },
        onHistory: (step) => this.walkHistory(step),
      });
      this.editor = editor;
      for (const [name, text] of Object.entries(this.history[0]?.params ?? {})) this.typed.set(name, text);
      this.syncParams();
      this.callbacks.schema().then(
        (schema) => editor.setSchema(schema),
        () => {}, // completion then offers keywords only; the explorer already reports a dead API
      );
      return editor;
    });
    return this.loading;
  }

  private walkHistory(step: -1 | 1): string | null {
    const next = this.historyAt - step; // ↑ (-1) goes to older entries, further down the list
    if (next < -1 || next >= this.history.length) return null;
    const entry = this.history[next];
    this.historyAt = next;
    if (!entry) return null;
    for (const [name, text] of Object.entries(entry.params)) this.typed.set(name, text);
    queueMicrotask(() => (this.historyAt = next)); // setting the text reset it through onChange
    return entry.cypher;
  }

  private fill(cypher: string, params: Record<string, string>): void {
    for (const [name, text] of Object.entries(params)) this.typed.set(name, text);
    this.editor?.setValue(cypher);
    this.syncParams();
  }

  private async useSaved(query: SavedQuery, run: boolean): Promise<void> {
    await this.ensureEditor();
    this.fill(query.cypher, Object.fromEntries(query.params.map((p) => [p.name, formatValue(p.default)])));
    if (run) await this.run();
    else this.editor?.focus();
  }

  private async recall(entry: HistoryEntry): Promise<void> {
    await this.ensureEditor();
    this.fill(entry.cypher, entry.params);
    this.editor?.focus();
  }

  // ─── Parameters ───────────────────────────────────────────────────────────────────────────────

  private syncParams(): void {
    const next = paramFields(this.editor?.value() ?? "", this.typed);
    const same = next.length === this.fields.length && next.every((f, i) => f.name === this.fields[i]?.name);
    this.fields = next;
    if (!same) this.renderParams();
    else
      for (const input of this.paramsHost.querySelectorAll<HTMLInputElement>("input")) {
        const field = this.fields.find((f) => f.name === input.name);
        if (field && input.value !== field.text) input.value = field.text;
      }
  }

  private renderParams(): void {
    this.paramsHost.hidden = this.fields.length === 0;
    this.paramsHost.replaceChildren(
      el("div", { class: "params-title" }, [
        el("span", { text: "Parameters" }),
        el("span", { class: "section-hint", text: 'JSON when it parses (2024, ["a"], true), else text' }),
      ]),
      ...this.fields.map((field) => {
        const id = `param-${field.name}`;
        const input = el("input", {
          class: "param-input",
          attrs: { id, name: field.name, spellcheck: "false", autocomplete: "off", placeholder: "value" },
          on: {
            input: () => {
              field.text = input.value;
              this.typed.set(field.name, input.value);
            },
            keydown: (event) => {
              if (event.key === "Enter" && (event.ctrlKey || event.metaKey || !event.shiftKey)) {
                event.preventDefault();
                void this.run();
              }
            },
          },
        });
        input.value = field.text;
        return el("div", { class: "param-row" }, [
          el("label", { text: `$${field.name}`, attrs: { for: id } }),
          input,
        ]);
      }),
    );
  }

  // ─── History, mode, library, results ──────────────────────────────────────────────────────────

  private remember(cypher: string): void {
    const params = Object.fromEntries(this.fields.map((f) => [f.name, f.text]));
    this.history = remember(this.history, { cypher, params, at: Date.now() });
    this.historyAt = -1;
    saveHistory(this.history);
    this.library.setHistory(this.history);
  }

  private setMode(mode: ResultMode): void {
    this.mode = mode;
    localStorage.setItem(MODE_KEY, mode);
    this.renderMode();
  }

  private renderMode(): void {
    for (const [mode, button] of Object.entries(this.modeButtons))
      button.setAttribute("aria-pressed", String(mode === this.mode));
  }

  private loadLibrary(): void {
    this.callbacks.savedQueries().then(
      (saved) => this.library.setSaved(saved),
      (error: unknown) =>
        this.library.setSavedError(
          `Could not load saved queries: ${error instanceof Error ? error.message : String(error)}`,
        ),
    );
  }

  private showNotices(notices: Notice[]): void {
    this.notices.replaceChildren(
      ...notices.map((n) =>
        el(
          "div",
          { class: `query-notice ${n.kind}`, attrs: { role: n.kind === "error" ? "alert" : "note" } },
          [el("strong", { text: n.title }), el("span", { text: n.text })],
        ),
      ),
    );
  }

  private async copyCsv(): Promise<void> {
    const response = this.last?.response;
    if (!response) return;
    try {
      await copyText(toCsv(response.columns, this.table.rows(), responseNames(response)));
      this.copyButton.textContent = `Copied ${response.rows.length} rows`;
    } catch (error) {
      this.copyButton.textContent = error instanceof Error ? error.message : "Could not copy";
    }
    setTimeout(() => (this.copyButton.textContent = "Copy as CSV"), 2000);
  }

  kill(): void {
    this.refreshParams.cancel();
    this.editor?.destroy();
  }
}
