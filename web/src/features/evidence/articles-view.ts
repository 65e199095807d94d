/**
 * The left panel's "Articles" list: the articles behind what is on screen, with how many relationships
 * on screen each supports; clicking one shows only its facts (again: shows everything), Shift-click adds
 * it to those chosen; "Show all" clears the filter.
 */
import { el, setChildren } from "../../lib/dom.ts";
import type { ArticleOnScreen } from "./state.ts";

export interface ArticlesHandlers {
  /** `add`: Shift-click, the article joins (or leaves) the chosen ones; else it alone is chosen. */
  onChoose: (id: string, add: boolean) => void;
  onClear: () => void;
}

export class ArticlesView {
  readonly element: HTMLElement;
  private readonly note: HTMLElement;
  private readonly list: HTMLElement;
  private readonly clear: HTMLButtonElement;

  constructor(private readonly handlers: ArticlesHandlers) {
    this.list = el("ul", { class: "filter-list", attrs: { "aria-label": "Articles" } });
    this.note = el("p", { class: "muted small", attrs: { "data-testid": "articles-note" } });
    this.clear = el("button", {
      class: "link-button",
      text: "Show all",
      title: "Show the facts of every article",
      attrs: { type: "button", "data-testid": "articles-clear", hidden: "" },
      on: { click: () => this.handlers.onClear() },
    });
    this.element = el("section", { class: "panel-section", attrs: { "data-testid": "articles-panel" } }, [
      el("h2", { class: "section-title" }, [
        "Articles",
        el("span", {
          class: "section-hint",
          text: "facts on screen",
          title: "Click an article to show only the facts it supports; Shift-click to add another",
        }),
      ]),
      this.note,
      this.clear,
      this.list,
    ]);
  }

  render(articles: ArticleOnScreen[], chosen: ReadonlySet<string>, hasProvenance: boolean): void {
    this.clear.hidden = chosen.size === 0;
    this.note.textContent =
      chosen.size > 0
        ? `Showing only the facts of ${chosen.size === 1 ? "1 article" : `${chosen.size} articles`}.`
        : articles.length === 0
          ? hasProvenance
            ? "No fact on screen names the article it comes from."
            : "This database has no articles: its facts carry no provenance."
          : "";
    this.note.hidden = this.note.textContent === "";
    setChildren(
      this.list,
      articles.map(({ id, title, facts }) => {
        const on = chosen.has(id);
        return el("li", {}, [
          el(
            "button",
            {
              class: `filter-row${chosen.size > 0 && !on ? " is-off" : ""}`,
              title: `${title}\n${on ? "Chosen: click to show every article's facts" : "Show only the facts of this article"} (Shift-click: add it)`,
              attrs: { type: "button", "aria-pressed": String(on), "data-article": id },
              on: { click: (event) => this.handlers.onChoose(id, event.shiftKey) },
            },
            [
              el("span", { class: "check", attrs: { "aria-hidden": "true" } }),
              el("span", { class: "filter-name", text: title }),
              el("span", { class: "count", text: String(facts) }),
            ],
          ),
        ]);
      }),
    );
  }
}
