/**
 * The inspector panel: every property of the selected node (lists as chips), its neighbours grouped
 * by relationship type and direction (click one to focus it), and the evidence quotes with the
 * article each comes from; for a selected relationship, its type, its two ends, its properties and
 * each quote marked in the passage of its article. All text goes in through textContent.
 */
import type {
  GraphEdge,
  GraphNode,
  NodeDetailsResponse,
  RelationshipDetailsResponse,
  SupportDetails,
} from "../../../../core/api-types.ts";
import { isVirtualEdgeKey, type ArticleSupport } from "../../../../core/evidence.ts";
import type { PlainValue } from "../../../../core/plain-values.ts";
import { el, setChildren } from "../../lib/dom.ts";
import { icon } from "../../lib/icons.ts";
import { labelColour } from "../../../../core/appearance.ts";
import { edgeProperties, formatValue, groupEvidence, orderedProperties, sortedGroups } from "./state.ts";

export interface InspectorHandlers {
  onFocusNeighbour: (node: GraphNode, edge: GraphEdge) => void;
  /** An end of the inspected relationship was clicked. */
  onFocusNode: (node: GraphNode) => void;
  onClose: () => void;
  isOnScreen: (key: string) => boolean;
  isEdgeOnScreen: (key: string) => boolean;
  onSelectEdge: (key: string) => void;
  /** Show only the facts of this article (the evidence filter). */
  onFilterArticle: (id: string) => void;
  /** Select the article's node (brought onto the screen first when it is not there). */
  onOpenArticle: (article: ArticleSupport) => void;
}

function labelChip(label: string): HTMLElement {
  const chip = el("span", { class: "chip label-chip", text: label });
  chip.style.setProperty("--chip", labelColour(label));
  return chip;
}

export class InspectorView {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;

  constructor(
    private readonly handlers: InspectorHandlers,
    /** Rendered under the header (the expand feature's progress). */
    private readonly slot: HTMLElement,
  ) {
    this.body = el("div", { class: "inspector-body" });
    this.element = el("aside", { class: "inspector", attrs: { "aria-label": "Inspector", hidden: "" } }, [
      this.body,
    ]);
  }

  hide(): void {
    this.element.hidden = true;
    setChildren(this.body, []);
  }

  showLoading(node: { name: string; category: string }): void {
    this.element.hidden = false;
    setChildren(this.body, [
      this.header(node.name, undefined, node.category),
      el("div", { class: "inspector-loading", text: "Loading details…" }),
    ]);
  }

  showError(message: string): void {
    this.element.hidden = false;
    setChildren(this.body, [el("div", { class: "inspector-error", text: message })]);
  }

  render(details: NodeDetailsResponse, alsoSelected: string[]): void {
    this.element.hidden = false;
    const { node } = details;
    setChildren(this.body, [
      this.header(node.name, node.nameEn, node.label),
      alsoSelected.length
        ? el("div", { class: "selection-note" }, [
            `Also selected: ${alsoSelected.join("、")}. `,
            alsoSelected.length === 1
              ? el("span", {}, ["Press ", el("kbd", { text: "P" }), " for the shortest path."])
              : null,
          ])
        : null,
      this.slot,
      this.properties(node),
      this.neighbours(details),
      this.supportedBy(details.articles ?? []),
      this.evidence(details),
    ]);
    this.body.scrollTop = 0;
  }

  /** A relationship: type, start → end, properties, and each quote marked in its article's passage. */
  renderEdge(details: RelationshipDetailsResponse): void {
    this.element.hidden = false;
    const { edge, start, end } = details;
    const end_ = (node: GraphNode, role: string) =>
      el(
        "button",
        {
          class: "neighbour edge-end",
          title: `Select the ${role} node`,
          attrs: { type: "button", "data-role": role },
          on: { click: () => this.handlers.onFocusNode(node) },
        },
        [labelChip(node.label), el("span", { class: "neighbour-name", text: node.name })],
      );
    setChildren(this.body, [
      this.header(edge.type, undefined, "Relationship"),
      el("section", { class: "inspector-section edge-ends", attrs: { "aria-label": "Direction" } }, [
        end_(start, "start"),
        el("div", { class: "edge-arrow", attrs: { "aria-hidden": "true" } }, [
          el("span", { class: "rel-type", text: edge.type }),
          el("span", { class: "direction", text: "↓" }),
        ]),
        end_(end, "end"),
        el("p", { class: "muted small edge-direction", text: `${start.name} → ${end.name}` }),
      ]),
      isVirtualEdgeKey(edge.key)
        ? el("p", {
            class: "muted small",
            attrs: { "data-testid": "virtual-edge-note" },
            text: "Derived by the explorer, not in the database: the two articles name the same entities.",
          })
        : null,
      this.propertyList(edgeProperties(edge.properties)),
      isVirtualEdgeKey(edge.key) ? null : this.supportedBy(details.articles ?? []),
      isVirtualEdgeKey(edge.key) ? null : this.supports(details.supports),
    ]);
    this.body.scrollTop = 0;
  }

  private supports(supports: SupportDetails[]): HTMLElement {
    return el("section", { class: "inspector-section" }, [
      el("h3", { class: "inspector-heading" }, [
        "Evidence",
        el("span", { class: "count", text: String(supports.length) }),
      ]),
      supports.length === 0 ? el("p", { class: "muted", text: "No quotes." }) : null,
      ...supports.map((s) =>
        el("figure", { class: "quote" }, [
          el("blockquote", { text: s.quote }),
          el("figcaption", {}, [s.article ? el("cite", { text: `《${s.article.title}》` }) : null]),
          s.passage
            ? el("p", { class: "passage", attrs: { lang: "zh-Hans" } }, [
                `${s.passage.clippedStart ? "…" : ""}${s.passage.before}`,
                el("mark", { text: s.passage.quote }),
                `${s.passage.after}${s.passage.clippedEnd ? "…" : ""}`,
              ])
            : s.article
              ? el("p", { class: "muted small", text: "The quote was not found in the article's text." })
              : null,
        ]),
      ),
    ]);
  }

  /** The articles behind the facts shown: title, date, quotes; each a click from its filter or its node. */
  private supportedBy(articles: ArticleSupport[]): HTMLElement {
    return el("section", { class: "inspector-section", attrs: { "data-testid": "supported-by" } }, [
      el("h3", { class: "inspector-heading" }, [
        "Supported by",
        el("span", { class: "count", text: String(articles.length) }),
      ]),
      articles.length === 0
        ? el("p", { class: "muted", text: "No article: these facts carry no provenance." })
        : null,
      el(
        "ul",
        { class: "neighbour-list supporting-articles" },
        articles.map((article) =>
          el("li", { class: "supporting-article", attrs: { "data-article": article.id } }, [
            el("div", { class: "neighbour-name", text: `《${article.title}》`, title: article.title }),
            el("div", {
              class: "muted small",
              text: [
                article.date,
                `${article.quotes} quote${article.quotes === 1 ? "" : "s"}`,
                article.facts > 1 ? `${article.facts} facts` : null,
              ]
                .filter(Boolean)
                .join(" · "),
            }),
            el("div", { class: "article-actions" }, [
              el("button", {
                class: "link-button",
                text: "Only its facts",
                title: "Show only the facts this article supports",
                attrs: { type: "button", "data-action": "filter" },
                on: { click: () => this.handlers.onFilterArticle(article.id) },
              }),
              article.key
                ? el("button", {
                    class: "link-button",
                    text: this.handlers.isOnScreen(article.key) ? "Open" : "Open (add)",
                    title: "Select the article in the graph",
                    attrs: { type: "button", "data-action": "open" },
                    on: { click: () => this.handlers.onOpenArticle(article) },
                  })
                : null,
            ]),
          ]),
        ),
      ),
    ]);
  }

  private header(name: string, nameEn: string | undefined, label: string): HTMLElement {
    return el("header", { class: "inspector-header" }, [
      el("div", { class: "inspector-titles" }, [
        labelChip(label),
        el("h2", { class: "inspector-name", text: name }),
        nameEn ? el("div", { class: "inspector-name-en", text: nameEn }) : null,
      ]),
      el(
        "button",
        {
          class: "icon-button",
          title: "Close (Esc)",
          attrs: { type: "button", "aria-label": "Close inspector" },
          on: { click: () => this.handlers.onClose() },
        },
        [icon("close")],
      ),
    ]);
  }

  private properties(node: GraphNode): HTMLElement {
    return this.propertyList(orderedProperties(node.properties));
  }

  private propertyList(entries: [string, PlainValue][]): HTMLElement {
    const rows = entries.map(([key, value]) => {
      const formatted = formatValue(value);
      let cell: HTMLElement;
      switch (formatted.kind) {
        case "chips":
          cell = el(
            "dd",
            { class: "chips" },
            formatted.items.map((item) => el("span", { class: "chip", text: item })),
          );
          break;
        case "long-text":
          cell = el("dd", {}, [
            el("details", { class: "long-text" }, [
              el("summary", { text: `${formatted.text.slice(0, 60)}…` }),
              el("p", { text: formatted.text }),
            ]),
          ]);
          break;
        case "empty":
          cell = el("dd", { class: "muted", text: "—" });
          break;
        case "text":
          cell = el("dd", { text: formatted.text });
          break;
      }
      return [el("dt", { text: key }), cell];
    });
    return el("section", { class: "inspector-section" }, [
      el("h3", { class: "inspector-heading", text: "Properties" }),
      rows.length
        ? el("dl", { class: "properties" }, rows.flat())
        : el("p", { class: "muted", text: "No properties." }),
    ]);
  }

  private neighbours(details: NodeDetailsResponse): HTMLElement {
    const groups = sortedGroups(details.groups);
    const total = groups.reduce((sum, g) => sum + g.total, 0);
    return el("section", { class: "inspector-section" }, [
      el("h3", { class: "inspector-heading" }, [
        "Neighbours",
        el("span", { class: "count", text: String(total) }),
      ]),
      groups.length === 0 ? el("p", { class: "muted", text: "No relationships." }) : null,
      ...groups.map((group) =>
        el("div", { class: "neighbour-group" }, [
          el("div", { class: "group-title" }, [
            el("span", { class: "rel-type", text: group.type }),
            el("span", {
              class: "direction",
              text: group.direction === "out" ? "→" : "←",
              title: group.direction === "out" ? "outgoing" : "incoming",
            }),
            el("span", { class: "count", text: String(group.total) }),
          ]),
          el(
            "ul",
            { class: "neighbour-list" },
            group.neighbours.map(({ node, edge }) =>
              el("li", {}, [
                el(
                  "button",
                  {
                    class: "neighbour",
                    title: this.handlers.isOnScreen(node.key)
                      ? "Focus on screen"
                      : "Add to the graph and focus",
                    attrs: { type: "button" },
                    on: { click: () => this.handlers.onFocusNeighbour(node, edge) },
                  },
                  [
                    el("span", { class: "dot", attrs: { "aria-hidden": "true" } }),
                    // Shortened with an ellipsis when long: the whole name on hover.
                    el("span", { class: "neighbour-name", text: node.name, title: node.name }),
                    node.nameEn
                      ? el("span", { class: "neighbour-en", text: node.nameEn, title: node.nameEn })
                      : null,
                    this.handlers.isOnScreen(node.key)
                      ? null
                      : el("span", { class: "not-on-screen", text: "+" }),
                  ],
                ),
              ]),
            ),
          ),
          group.neighbours.length < group.total
            ? el("div", {
                class: "muted small",
                text: `showing ${group.neighbours.length} of ${group.total} — expand to load the rest`,
              })
            : null,
        ]),
      ),
    ]);
  }

  private evidence(details: NodeDetailsResponse): HTMLElement {
    const quotes = groupEvidence(details.evidence);
    return el("section", { class: "inspector-section" }, [
      el("h3", { class: "inspector-heading" }, [
        "Evidence",
        el("span", { class: "count", text: String(quotes.length) }),
      ]),
      quotes.length === 0 ? el("p", { class: "muted", text: "No quotes." }) : null,
      ...quotes.map((q) =>
        el("figure", { class: "quote" }, [
          el("blockquote", { text: q.quote }),
          el("figcaption", {}, [
            q.article ? el("cite", { text: `《${q.article}》` }) : null,
            el(
              "div",
              { class: "facts" },
              q.facts.map((f) => {
                const text = `${f.outgoing ? "" : "← "}${f.type}${f.outgoing ? " →" : ""} ${f.other}`;
                // A relationship on screen is a click away from its own inspector.
                return this.handlers.isEdgeOnScreen(f.edge)
                  ? el("button", {
                      class: "fact link-button",
                      text,
                      title: "Select this relationship",
                      attrs: { type: "button" },
                      on: { click: () => this.handlers.onSelectEdge(f.edge) },
                    })
                  : el("span", { class: "fact", text });
              }),
            ),
          ]),
        ]),
      ),
    ]);
  }
}
