/**
 * The search box: results as you type (debounced, stale requests aborted), arrow keys to move,
 * Enter to focus the node — pressed before the hits of what was typed have arrived, it opens the
 * first of them when they do — Escape to close. `/` anywhere focuses it (bound by the shell).
 */
import type { GraphNode, SearchHit } from "../../../../core/api-types.ts";
import type { ApiClient } from "../../api/client.ts";
import { isAbortError } from "../../api/client.ts";
import { debounce, el, setChildren } from "../../lib/dom.ts";
import { icon } from "../../lib/icons.ts";
import { labelColour } from "../../../../core/appearance.ts";
import { moveActive, normaliseQuery } from "./state.ts";

export interface SearchHandlers {
  onChoose: (node: GraphNode) => void;
  onError: (error: unknown) => void;
  /** Is this node on screen already (shown as a dot in the list)? */
  isOnScreen: (key: string) => boolean;
}

export class SearchView {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  private readonly list: HTMLElement;
  private readonly statusLine: HTMLElement;
  private hits: SearchHit[] = [];
  /** The query the hits shown answer. */
  private hitsFor: string | null = null;
  /** Enter was pressed for this query before its hits arrived: open the first when they do. */
  private enterFor: string | null = null;
  private active = -1;
  private controller: AbortController | null = null;
  private readonly search = debounce((q: string) => void this.run(q), 180);

  constructor(
    private readonly api: ApiClient,
    private readonly handlers: SearchHandlers,
  ) {
    this.input = el("input", {
      class: "search-input",
      attrs: {
        id: "search",
        type: "search",
        "aria-label": "Search",
        placeholder: "Name, English name, alias, pinyin…",
        autocomplete: "off",
        spellcheck: "false",
        role: "combobox",
        "aria-expanded": "false",
        "aria-controls": "search-results",
        "aria-autocomplete": "list",
      },
    });
    this.list = el("ul", {
      class: "search-results",
      attrs: { id: "search-results", role: "listbox", "aria-label": "Search results" },
    });
    this.statusLine = el("div", { class: "search-status", attrs: { "aria-live": "polite" } });
    this.element = el("section", { class: "panel-section search" }, [
      el("label", { class: "section-title", attrs: { for: "search" } }, ["Search", el("kbd", { text: "/" })]),
      el("div", { class: "search-field" }, [icon("search"), this.input]),
      this.statusLine,
      this.list,
    ]);
    this.input.addEventListener("input", () => this.onInput());
    this.input.addEventListener("keydown", (event) => this.onKey(event));
  }

  focus(): void {
    this.input.focus();
    this.input.select();
  }

  close(): void {
    this.search.cancel();
    this.controller?.abort();
    this.hits = [];
    this.hitsFor = null;
    this.enterFor = null;
    this.active = -1;
    this.statusLine.textContent = "";
    this.renderList();
  }

  private onInput(): void {
    this.enterFor = null;
    const q = normaliseQuery(this.input.value);
    if (q === null) {
      this.close();
      return;
    }
    this.search(q);
  }

  private async run(q: string): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.statusLine.textContent = "Searching…";
    try {
      const response = await this.api.search(q, 12, controller.signal);
      if (controller.signal.aborted) return;
      this.hits = response.hits;
      this.hitsFor = q;
      this.active = this.hits.length ? 0 : -1;
      const found = this.hits.length ? "" : `Nothing found for “${q}”. `;
      // A database without Guanxi's index is searched by a bounded scan: say so, and how to fix it.
      this.statusLine.textContent = `${found}${response.notice ?? ""}`.trim();
      this.statusLine.classList.toggle("is-notice", response.notice !== undefined);
      this.renderList();
      if (this.enterFor === q) {
        this.enterFor = null;
        const first = this.hits[0];
        if (first) this.choose(first.node);
      }
    } catch (error) {
      if (isAbortError(error)) return;
      this.enterFor = null;
      this.statusLine.textContent = "";
      this.handlers.onError(error);
    }
  }

  private onKey(event: KeyboardEvent): void {
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp":
        event.preventDefault();
        this.active = moveActive(this.active, event.key === "ArrowDown" ? 1 : -1, this.hits.length);
        this.renderList();
        break;
      case "Enter": {
        event.preventDefault();
        const q = normaliseQuery(this.input.value);
        if (q !== null && q !== this.hitsFor) {
          // The hits shown (if any) are for older text: wait for these, asking at once.
          this.enterFor = q;
          this.search.cancel();
          void this.run(q);
          break;
        }
        const hit = this.hits[this.active];
        if (hit) this.choose(hit.node);
        break;
      }
      case "Escape":
        event.preventDefault();
        event.stopPropagation();
        if (this.hits.length || this.input.value) {
          this.input.value = "";
          this.close();
        } else {
          this.input.blur();
        }
        break;
      default:
        break;
    }
  }

  private choose(node: GraphNode): void {
    this.close();
    this.input.blur();
    this.handlers.onChoose(node);
  }

  private renderList(): void {
    this.input.setAttribute("aria-expanded", String(this.hits.length > 0));
    setChildren(
      this.list,
      this.hits.map(({ node }, index) => {
        const chip = el("span", { class: "chip label-chip", text: node.label });
        chip.style.setProperty("--chip", labelColour(node.label));
        const item = el(
          "li",
          {
            class: `search-hit${index === this.active ? " is-active" : ""}`,
            attrs: {
              role: "option",
              id: `search-hit-${index}`,
              "aria-selected": String(index === this.active),
            },
            on: {
              mousedown: (event) => event.preventDefault(),
              click: () => this.choose(node),
              mousemove: () => {
                if (this.active !== index) {
                  this.active = index;
                  this.renderList();
                }
              },
            },
          },
          [
            el("div", { class: "hit-main" }, [
              el("span", { class: "hit-name", text: node.name, title: node.name }),
              this.handlers.isOnScreen(node.key)
                ? el("span", { class: "on-screen-dot", title: "On screen" })
                : null,
              chip,
            ]),
            node.nameEn ? el("div", { class: "hit-en", text: node.nameEn, title: node.nameEn }) : null,
          ],
        );
        return item;
      }),
    );
    if (this.active >= 0) {
      this.input.setAttribute("aria-activedescendant", `search-hit-${this.active}`);
      this.list.children[this.active]?.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }
}
