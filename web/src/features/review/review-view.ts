/**
 * The review screen: the article with every mention highlighted (linked / new / ambiguous, in the
 * label's colour), the proposed entities and relationships beside it with the rule that found each and
 * its score, and the actions. Keyboard: ↑/↓ move, A accept, R reject, E edit, M merge into an existing
 * node, Enter shows the mention, Esc closes (the draft stays saved). Renders from the controller's state.
 */
import { labelColour } from "../../../../core/appearance.ts";
import type { GraphNode } from "../../../../core/api-types.ts";
import type { Draft } from "../../../../core/draft.ts";
import { mergeTarget } from "../../../../core/draft.ts";
import { el, isTyping, setChildren } from "../../lib/dom.ts";
import { textPieces } from "./marks.ts";
import type { TextPiece } from "./marks.ts";
import type { ItemRef, ReviewAction, ReviewSession } from "./state.ts";
import { draftArticles, itemStatus, reviewCounts, reviewItems } from "./state.ts";

export interface ReviewViewHandlers {
  dispatch(action: ReviewAction): void;
  search(q: string): Promise<GraphNode[]>;
  ingest(): void;
  download(): void;
  close(): void;
}

export type EditorMode =
  { type: "none" } | { type: "edit" } | { type: "merge"; hits: GraphNode[]; active: number; note: string };

export interface IngestInfo {
  enabled: boolean;
  reason?: string;
  busy: boolean;
  /** The server's refusal, named by place, shown in place. */
  errors: string[];
}

const FOUND_TEXT = { linked: "linked", new: "new", ambiguous: "ambiguous", suggestion: "suggested" } as const;

export class ReviewView {
  readonly element: HTMLElement;
  private readonly textPane = el("div", { class: "review-text", attrs: { "aria-label": "Article text" } });
  private readonly list = el("div", {
    class: "review-list",
    attrs: { tabindex: "0", role: "listbox", "aria-label": "Proposed entities and relationships" },
  });
  private readonly summary = el("span", { class: "review-summary", attrs: { "aria-live": "polite" } });
  private readonly ingestButton = el("button", {
    class: "button primary review-ingest",
    text: "Ingest",
    attrs: { type: "button" },
  });
  private readonly footer = el("div", { class: "review-footer", attrs: { role: "status" } });
  private session: ReviewSession | null = null;
  private mode: EditorMode = { type: "none" };
  private labels: string[] = [];
  private types: string[] = [];

  constructor(private readonly handlers: ReviewViewHandlers) {
    this.ingestButton.addEventListener("click", () => handlers.ingest());
    const button = (text: string, title: string, on: () => void) =>
      el("button", { class: "button", text, title, attrs: { type: "button" }, on: { click: on } });
    this.element = el(
      "section",
      { class: "review-panel", attrs: { "aria-label": "Review the article", hidden: "" } },
      [
        el("header", { class: "review-header" }, [
          el("h2", { text: "Review" }),
          this.summary,
          el("div", { class: "review-actions" }, [
            button("Accept all linked", "Accept every exact, unambiguous link", () =>
              handlers.dispatch({ type: "acceptLinked" }),
            ),
            button("Download draft", "Save the draft as JSON (guanxi ingest reads it)", () =>
              handlers.download(),
            ),
            button("Close", "Close the review (Esc); the draft stays saved in this browser", () =>
              handlers.close(),
            ),
            this.ingestButton,
          ]),
        ]),
        el("div", { class: "review-body" }, [this.textPane, this.list]),
        el("p", {
          class: "review-keys",
          text: "↑/↓ move · A accept · R reject · E edit · M merge into an existing node · Enter show in text · Esc close",
        }),
        this.footer,
      ],
    );
    this.element.addEventListener("keydown", (event) => this.onKey(event));
    this.list.addEventListener("click", (event) => {
      const row = (event.target as HTMLElement).closest<HTMLElement>(".review-item");
      if (row && !isTyping(event.target))
        handlers.dispatch({ type: "select", position: Number(row.dataset.position) });
    });
    this.textPane.addEventListener("click", (event) => {
      const mark = (event.target as HTMLElement).closest<HTMLElement>("mark");
      event.stopPropagation();
      const first = mark?.dataset.items?.split(" ")[0];
      if (first !== undefined) handlers.dispatch({ type: "select", position: Number(first) });
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  get editorMode(): EditorMode {
    return this.mode;
  }

  setVocabulary(labels: string[], types: string[]): void {
    this.labels = labels;
    this.types = types;
  }

  show(): void {
    this.element.hidden = false;
    this.list.focus();
  }

  hide(): void {
    this.element.hidden = true;
    this.mode = { type: "none" };
  }

  setMode(mode: EditorMode): void {
    this.mode = mode;
    if (this.session) this.render(this.session, null);
  }

  render(session: ReviewSession, ingest: IngestInfo | null): void {
    const textChanged = this.session?.draft !== session.draft;
    this.session = session;
    const { draft } = session;
    const counts = reviewCounts(draft);
    this.summary.textContent = `${counts.proposed} to review · ${counts.accepted} accepted · ${counts.rejected} rejected · ${counts.merged} merged`;
    if (textChanged) this.renderText(draft);
    this.renderList(session);
    this.markCurrent(session);
    if (ingest) this.renderIngest(ingest, counts.proposed);
  }

  private renderIngest(info: IngestInfo, proposed: number): void {
    this.ingestButton.disabled = !info.enabled || info.busy;
    this.ingestButton.textContent = info.busy ? "Ingesting…" : "Ingest";
    this.ingestButton.title = info.enabled
      ? "Write the reviewed draft to the database (all or nothing)"
      : (info.reason ?? "Ingest is off on this server");
    const lines: (HTMLElement | string)[] = [];
    if (!info.enabled)
      lines.push(el("span", { class: "review-off", text: info.reason ?? "Ingest is off on this server." }));
    else if (proposed > 0)
      lines.push(
        `${proposed} item${proposed > 1 ? "s" : ""} not reviewed: on ingest, exact unambiguous links go in, everything else unreviewed is left out.`,
      );
    if (info.errors.length)
      lines.push(
        el(
          "ul",
          { class: "review-errors" },
          info.errors.map((e) => el("li", { text: e })),
        ),
      );
    setChildren(this.footer, lines);
  }

  private renderText(draft: Draft): void {
    const blocks: HTMLElement[] = [];
    for (const article of draftArticles(draft)) {
      for (const field of ["title", "text"] as const) {
        const text = typeof article[field] === "string" ? (article[field] as string) : "";
        if (!text) continue;
        const pieces = textPieces(draft, article.id, field, text);
        blocks.push(
          el(field === "title" ? "h3" : "p", { class: `review-article-${field}` }, this.marks(pieces)),
        );
      }
    }
    setChildren(this.textPane, blocks);
  }

  private marks(pieces: TextPiece[]): (HTMLElement | string)[] {
    return pieces.map((piece) =>
      typeof piece === "string"
        ? piece
        : el(
            "mark",
            {
              class: `mention is-${piece.found}`,
              title: piece.found === "ambiguous" ? "Ambiguous: not linked until you decide" : piece.label,
              attrs: { style: `--mention-colour: ${labelColour(piece.label)}` },
              dataset: { items: piece.items.join(" ") },
            },
            this.marks(piece.children),
          ),
    );
  }

  private renderList(session: ReviewSession): void {
    const { draft } = session;
    const items = reviewItems(draft);
    const nodeRows: HTMLElement[] = [];
    const relRows: HTMLElement[] = [];
    items.forEach((ref, position) => {
      const row = this.row(draft, ref, position, position === session.cursor);
      (ref.kind === "node" ? nodeRows : relRows).push(row);
    });
    setChildren(this.list, [
      el("h3", { class: "section-title", text: `Entities (${nodeRows.length})` }),
      ...nodeRows,
      el("h3", { class: "section-title", text: `Relationships (${relRows.length})` }),
      ...(relRows.length ? relRows : [el("p", { class: "muted", text: "No relationship suggested." })]),
    ]);
  }

  private nameOf(draft: Draft, id: string): string {
    const n = draft.nodes.find((x) => x.id === id);
    return typeof n?.name === "string" ? n.name : id;
  }

  private row(draft: Draft, ref: ItemRef, position: number, current: boolean): HTMLElement {
    const { found, state } = itemStatus(draft, ref);
    const review =
      ref.kind === "node" ? draft.nodes[ref.index]!.review : draft.relationships[ref.index]!.review;
    const head: (HTMLElement | string)[] = [];
    if (ref.kind === "node") {
      const n = draft.nodes[ref.index]!;
      head.push(
        el("span", { class: "dot", attrs: { style: `background: ${labelColour(n.label)}` } }),
        el("span", { class: "review-name", text: typeof n.name === "string" ? n.name : n.id }),
        el("span", { class: "review-label", text: n.label }),
      );
    } else {
      const r = draft.relationships[ref.index]!;
      head.push(
        el("span", {
          class: "review-name",
          text: `${this.nameOf(draft, r.start)} → ${this.nameOf(draft, r.end)}`,
        }),
        el("span", { class: "review-label", text: r.type }),
      );
    }
    const target = mergeTarget(review.state);
    const details: (HTMLElement | string)[] = [
      el("span", { class: `badge is-${found}`, text: FOUND_TEXT[found] }),
      el("code", { class: "review-method", text: review.method }),
      el("span", { class: "review-score", text: review.score.toFixed(2) }),
      el("span", { class: `badge state-${state}`, text: target ? `merged into ${target}` : state }),
    ];
    const notes: string[] = [];
    if (ref.kind === "node") {
      const r = draft.nodes[ref.index]!.review;
      if (r.ambiguous)
        notes.push(
          `Ambiguous${r.reason ? `: ${r.reason}` : ""}${r.candidates?.length ? ` (could be ${r.candidates.join(", ")})` : ""}`,
        );
      notes.push(...(r.notes ?? []));
    } else notes.push(`“${draft.relationships[ref.index]!.evidence[0] ?? ""}”`);
    const row = el(
      "div",
      {
        class: `review-item state-${state}${current ? " is-current" : ""}`,
        attrs: { role: "option", "aria-selected": String(current), id: `review-item-${position}` },
        dataset: { position: String(position), found, state },
      },
      [
        el("div", { class: "review-item-head" }, head),
        el("div", { class: "review-item-details" }, details),
        ...notes.map((n) => el("div", { class: "review-note", text: n })),
      ],
    );
    if (current && this.mode.type !== "none") row.append(this.editor(draft, ref));
    return row;
  }

  private editor(draft: Draft, ref: ItemRef): HTMLElement {
    const cancel = () => this.setMode({ type: "none" });
    if (this.mode.type === "edit") {
      const fields: HTMLElement[] = [];
      let nameInput: HTMLInputElement | null = null;
      let labelInput: HTMLInputElement | null = null;
      let typeInput: HTMLInputElement | null = null;
      const list = (id: string, values: string[]) =>
        el(
          "datalist",
          { attrs: { id } },
          values.map((v) => el("option", { attrs: { value: v } })),
        );
      if (ref.kind === "node") {
        const n = draft.nodes[ref.index]!;
        nameInput = el("input", {
          class: "review-edit-name",
          attrs: { type: "text", value: String(n.name ?? ""), "aria-label": "Name" },
        });
        labelInput = el("input", {
          class: "review-edit-label",
          attrs: { type: "text", value: n.label, list: "review-labels", "aria-label": "Label" },
        });
        fields.push(
          el("label", {}, ["Name ", nameInput]),
          el("label", {}, ["Label ", labelInput]),
          list("review-labels", this.labels),
        );
      } else {
        const r = draft.relationships[ref.index]!;
        typeInput = el("input", {
          class: "review-edit-type",
          attrs: { type: "text", value: r.type, list: "review-types", "aria-label": "Type" },
        });
        fields.push(el("label", {}, ["Type ", typeInput]), list("review-types", this.types));
      }
      const form = el("form", { class: "review-editor" }, [
        ...fields,
        el("button", { class: "button primary", text: "Save (Enter)", attrs: { type: "submit" } }),
      ]);
      const save = () => {
        this.mode = { type: "none" };
        this.handlers.dispatch({
          type: "edit",
          ...(nameInput ? { name: nameInput.value } : {}),
          ...(labelInput ? { label: labelInput.value } : {}),
          ...(typeInput ? { relType: typeInput.value } : {}),
        });
        this.list.focus();
      };
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        save();
      });
      form.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          event.stopPropagation();
          save();
        } else if (event.key === "Escape") {
          event.preventDefault();
          event.stopPropagation();
          cancel();
          this.list.focus();
        }
      });
      queueMicrotask(() => (nameInput ?? typeInput)?.select());
      return form;
    }
    // Merge: search the graph for the node this proposal is.
    const mode = this.mode as Extract<EditorMode, { type: "merge" }>;
    const input = el("input", {
      class: "review-merge-search",
      attrs: {
        type: "search",
        placeholder: "Search the node to merge into…",
        "aria-label": "Merge into",
        autocomplete: "off",
      },
    });
    const hits = el(
      "ul",
      { class: "review-merge-hits", attrs: { role: "listbox" } },
      mode.hits.map((hit, i) =>
        el(
          "li",
          {
            class: i === mode.active ? "is-active" : "",
            attrs: { role: "option", "aria-selected": String(i === mode.active) },
            on: { mousedown: () => this.chooseMerge(hit) },
          },
          [
            el("span", { class: "dot", attrs: { style: `background: ${labelColour(hit.label)}` } }),
            `${hit.name} `,
            el("span", { class: "review-label", text: `${hit.label} · ${hit.id ?? hit.key}` }),
          ],
        ),
      ),
    );
    let timer: ReturnType<typeof setTimeout> | undefined;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      const q = input.value;
      timer = setTimeout(() => {
        void this.handlers.search(q).then((found) => {
          if (this.mode.type !== "merge") return;
          this.mode = {
            type: "merge",
            hits: found.filter((h) => h.id),
            active: 0,
            note: found.length ? "" : "No node found.",
          };
          const value = input.value;
          this.render(this.session!, null);
          const again = this.list.querySelector<HTMLInputElement>(".review-merge-search");
          if (again) {
            again.value = value;
            again.focus();
          }
        });
      }, 180);
    });
    input.addEventListener("keydown", (event) => {
      if (this.mode.type !== "merge") return;
      const m = this.mode;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        event.stopPropagation();
        const active = Math.max(
          0,
          Math.min(m.hits.length - 1, m.active + (event.key === "ArrowDown" ? 1 : -1)),
        );
        this.mode = { ...m, active };
        hits.querySelectorAll("li").forEach((li, i) => li.classList.toggle("is-active", i === active));
      } else if (event.key === "Enter") {
        event.preventDefault();
        event.stopPropagation();
        const hit = m.hits[m.active];
        if (hit) this.chooseMerge(hit);
      } else if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        cancel();
        this.list.focus();
      }
    });
    queueMicrotask(() => input.focus());
    return el("div", { class: "review-editor" }, [
      input,
      mode.note ? el("p", { class: "muted", text: mode.note }) : null,
      hits,
    ]);
  }

  private chooseMerge(hit: GraphNode): void {
    if (!hit.id) return;
    this.mode = { type: "none" };
    this.handlers.dispatch({ type: "merge", targetId: hit.id, targetName: hit.name });
    this.list.focus();
  }

  /** Scrolls the list to the current item and marks its mentions in the text. */
  private markCurrent(session: ReviewSession): void {
    const position = String(session.cursor);
    let first: HTMLElement | null = null;
    for (const mark of this.textPane.querySelectorAll<HTMLElement>("mark")) {
      const on = (mark.dataset.items ?? "").split(" ").includes(position);
      mark.classList.toggle("is-current", on);
      if (on && !first) first = mark;
    }
    // A relationship: its evidence sentence's ends are the entities' mentions; mark them too.
    this.list.querySelector(".is-current")?.scrollIntoView({ block: "nearest" });
    first?.scrollIntoView({ block: "nearest" });
  }

  private onKey(event: KeyboardEvent): void {
    if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) {
      if (event.key === "Escape" || (!event.ctrlKey && !event.metaKey)) event.stopPropagation();
      return;
    }
    const act = (action: ReviewAction | (() => void)) => {
      event.preventDefault();
      event.stopPropagation();
      if (typeof action === "function") action();
      else this.handlers.dispatch(action);
    };
    switch (event.key) {
      case "ArrowDown":
      case "j":
        return act({ type: "move", delta: 1 });
      case "ArrowUp":
      case "k":
        return act({ type: "move", delta: -1 });
      case "a":
      case "A":
        return act({ type: "accept" });
      case "r":
      case "R":
        return act({ type: "reject" });
      case "e":
      case "E":
        return act(() => this.setMode({ type: "edit" }));
      case "m":
      case "M":
        return act(() => {
          const ref = this.session ? reviewItems(this.session.draft)[this.session.cursor] : undefined;
          if (ref?.kind === "node" && this.session!.draft.nodes[ref.index]!.review.kind === "new")
            this.setMode({ type: "merge", hits: [], active: 0, note: "" });
        });
      case "Enter":
        return act(() => this.session && this.markCurrent(this.session));
      case "Escape":
        return act(() => this.handlers.close());
    }
  }
}
