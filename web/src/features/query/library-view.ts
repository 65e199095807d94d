/**
 * The query library beside the editor: saved queries (cypher/queries, from GET /api/queries) and this
 * browser's history. Entries are buttons (Tab, ↑/↓ between them, Enter to choose); choosing fills the
 * editor and its parameters, the play button runs at once.
 */
import type { SavedQueriesResponse, SavedQuery } from "../../../../core/api-types.ts";
import { el } from "../../lib/dom.ts";
import { icon } from "../../lib/icons.ts";
import type { HistoryEntry } from "./types.ts";

export interface LibraryCallbacks {
  onChooseSaved: (query: SavedQuery, run: boolean) => void;
  onChooseHistory: (entry: HistoryEntry) => void;
}

type Tab = "saved" | "history";

function ago(at: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - at) / 1000));
  if (s < 60) return "just now";
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return new Date(at).toLocaleDateString("en-GB");
}

/** ↑/↓ move between the entries of a list (each entry's first button). */
function arrowNavigation(list: HTMLElement): void {
  list.addEventListener("keydown", (event) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    const buttons = [...list.querySelectorAll<HTMLButtonElement>(".library-entry")];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = buttons[at + (event.key === "ArrowDown" ? 1 : -1)];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  });
}

export class LibraryView {
  readonly element: HTMLElement;
  private tab: Tab = "saved";
  private saved: SavedQueriesResponse | null = null;
  private savedError: string | null = null;
  private history: readonly HistoryEntry[] = [];
  private readonly tabs: Record<Tab, HTMLButtonElement>;
  private readonly list = el("ul", { class: "library-list", attrs: { role: "list" } });

  constructor(private readonly callbacks: LibraryCallbacks) {
    const tab = (id: Tab, text: string) =>
      el("button", {
        class: "library-tab",
        text,
        attrs: { type: "button", role: "tab", "data-tab": id },
        on: { click: () => this.show(id) },
      });
    this.tabs = { saved: tab("saved", "Saved"), history: tab("history", "History") };
    arrowNavigation(this.list);
    this.element = el(
      "aside",
      { class: "query-library", attrs: { "aria-label": "Saved queries and history" } },
      [
        el("div", { class: "library-tabs", attrs: { role: "tablist" } }, [
          this.tabs.saved,
          this.tabs.history,
        ]),
        this.list,
      ],
    );
    this.render();
  }

  show(tab: Tab): void {
    this.tab = tab;
    this.render();
  }

  setSaved(saved: SavedQueriesResponse): void {
    this.saved = saved;
    this.savedError = null;
    this.render();
  }

  setSavedError(message: string): void {
    this.savedError = message;
    this.render();
  }

  setHistory(history: readonly HistoryEntry[]): void {
    this.history = history;
    if (this.tab === "history") this.render();
  }

  private render(): void {
    for (const [id, button] of Object.entries(this.tabs))
      button.setAttribute("aria-selected", String(id === this.tab));
    this.list.replaceChildren(...(this.tab === "saved" ? this.savedItems() : this.historyItems()));
  }

  private savedItems(): HTMLElement[] {
    if (this.savedError) return [el("li", { class: "library-note error", text: this.savedError })];
    if (!this.saved) return [el("li", { class: "library-note", text: "Loading saved queries…" })];
    const items = this.saved.queries.map((query) =>
      el(
        "li",
        { class: `library-item${query.missing ? " is-unavailable" : ""}`, dataset: { name: query.name } },
        [
          el(
            "button",
            {
              class: "library-entry",
              title: [
                query.description ?? query.title,
                query.missing ? `Needs ${query.missing.join(", ")}, which this database does not hold.` : "",
              ]
                .filter(Boolean)
                .join("\n"),
              attrs: { type: "button" },
              on: { click: () => this.callbacks.onChooseSaved(query, false) },
            },
            [
              el("span", { class: "entry-title", text: query.title }),
              query.params.length
                ? el(
                    "span",
                    { class: "entry-params" },
                    query.params.map((p) => el("code", { text: `$${p.name}` })),
                  )
                : null,
              query.missing
                ? el("span", { class: "entry-missing", text: `needs ${query.missing.join(", ")}` })
                : null,
            ],
          ),
          el(
            "button",
            {
              class: "icon-button entry-run",
              title: `Run “${query.title}”`,
              attrs: { type: "button", "aria-label": `Run ${query.title}` },
              on: { click: () => this.callbacks.onChooseSaved(query, true) },
            },
            [icon("play")],
          ),
        ],
      ),
    );
    const problems = this.saved.problems.map((p) =>
      el("li", {
        class: "library-note error",
        text: `${p.file}${p.line !== undefined ? `:${p.line}` : ""}: ${p.message}`,
      }),
    );
    if (items.length === 0 && problems.length === 0)
      return [
        el("li", { class: "library-note", text: "No saved queries: add .cypher files to cypher/queries/." }),
      ];
    return [...items, ...problems];
  }

  private historyItems(): HTMLElement[] {
    if (this.history.length === 0)
      return [el("li", { class: "library-note", text: "Queries you run appear here, newest first." })];
    return this.history.map((entry) =>
      el("li", { class: "library-item" }, [
        el(
          "button",
          {
            class: "library-entry",
            title: entry.cypher,
            attrs: { type: "button" },
            on: { click: () => this.callbacks.onChooseHistory(entry) },
          },
          [
            el("code", { class: "entry-cypher", text: entry.cypher.replace(/\s+/g, " ") }),
            el("span", { class: "entry-when", text: ago(entry.at) }),
          ],
        ),
      ]),
    );
  }
}
