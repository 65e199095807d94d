/**
 * Evidence as a way in: the evidence filter (only the facts of chosen articles stay visible, the rest
 * hidden through the reducers' visibility, never deleted; one undoable step each, kept in the view
 * document) and the correlation view (the articles sharing entities with one, joined by derived
 * SHARES_ENTITIES links, one undoable step through the store's addSubgraph).
 */
import { correlationSubgraph } from "../../../../core/evidence.ts";
import { el, setChildren } from "../../lib/dom.ts";
import type { FeatureContext } from "../../screen/feature-context.ts";
import { describeAdded } from "../../screen/screen-state.ts";
import type { ScreenState } from "../../screen/screen-state.ts";
import type { Visibility } from "../graph-view/types.ts";
import { ArticlesView } from "./articles-view.ts";
import { articleScope, articlesOnScreen, describeArticles, sameArticles, toggleArticle } from "./state.ts";

export class EvidenceController {
  readonly panel: ArticlesView;
  /** The inspector's actions on an article (rendered under its header by the shell). */
  readonly actions: HTMLElement = el("div", {
    class: "evidence-actions",
    attrs: { "data-testid": "evidence-actions" },
  });
  /** Bumped whenever the graph changes: the scope is derived from the graph and the chosen articles. */
  private revision = 0;
  private memo: { state: ScreenState; revision: number; visibility: Visibility } | null = null;

  constructor(
    private readonly ctx: FeatureContext,
    /** The schema's document label (Article in the news model), once the schema is read. */
    private readonly documentLabel: () => string | undefined,
  ) {
    this.panel = new ArticlesView({
      onChoose: (id, add) => this.choose(id, add),
      onClear: () => this.show(new Set()),
    });
    ctx.view.events.on("graphChanged", () => {
      this.revision++;
    });
  }

  /** What the graph view hides: the store's state, with the chosen articles' scope when there are some. */
  visibility(state: ScreenState): Visibility {
    if (state.articles.size === 0) return state;
    const memo = this.memo;
    if (memo && memo.state === state && memo.revision === this.revision) return memo.visibility;
    const visibility: Visibility = { ...state, scope: articleScope(this.ctx.view.graph, state.articles) };
    this.memo = { state, revision: this.revision, visibility };
    return visibility;
  }

  /** Only the facts of `id` (or, with `add`, of it too); choosing the one article alone again clears. */
  choose(id: string, add = false): void {
    const chosen = this.ctx.store.state.articles;
    const next = add
      ? toggleArticle(chosen, id)
      : chosen.size === 1 && chosen.has(id)
        ? new Set<string>()
        : new Set([id]);
    this.show(next);
  }

  /** Shows only the facts of `articles` (none: every fact), as one undoable step. */
  show(articles: ReadonlySet<string>): void {
    const { store } = this.ctx;
    if (sameArticles(store.state.articles, articles)) return;
    store.set(
      describeArticles(articles, (id) => this.titleOf(id)),
      { articles },
    );
  }

  /** The correlation view: adds the articles sharing entities with `key` and the links between them. */
  async correlate(key: string): Promise<void> {
    const { ctx } = this;
    const name = ctx.nameOf(key);
    try {
      const response = await ctx.api.sharedArticles(key);
      if (response.articles.length === 0) {
        ctx.notify(`No other article shares an entity with 《${name}》`, "info");
        return;
      }
      const subgraph = correlationSubgraph(response);
      const added = await ctx.store.addSubgraph(subgraph, {
        description: `Articles sharing entities with ${name}`,
        anchor: key,
      });
      ctx.highlight({
        kind: "neighbourhood",
        nodes: new Set(subgraph.nodes.map((n) => n.key)),
        edges: new Set(subgraph.edges.map((e) => e.key)),
      });
      const count = `${response.articles.length}${response.truncated ? "+" : ""}`;
      const filtered = ctx.store.state.articles.size
        ? "; the evidence filter hides the articles not chosen"
        : "";
      ctx.notify(
        `${count} articles share entities with 《${name}》: ${describeAdded(added.patch, added.filtered, "", added.connected)}${filtered}`,
        "success",
      );
    } catch (error) {
      ctx.fail(error, "Could not find the articles sharing entities");
    }
  }

  /** The "Articles" list of the left panel. */
  render(): void {
    const label = this.documentLabel();
    const articles = articlesOnScreen(this.ctx.view.graph, (category) => category === label);
    this.panel.render(articles, this.ctx.store.state.articles, label !== undefined);
  }

  /** The inspector's actions when the primary node is an article; nothing for any other node. */
  renderActions(primary: string | null): void {
    const graph = this.ctx.view.graph;
    const attrs = primary && graph.hasNode(primary) ? graph.getNodeAttributes(primary) : null;
    const id = attrs?.id;
    const label = this.documentLabel();
    if (!primary || !attrs || id === undefined || label === undefined || attrs.category !== label) {
      setChildren(this.actions, []);
      return;
    }
    const chosen = this.ctx.store.state.articles;
    const alone = chosen.size === 1 && chosen.has(id);
    setChildren(this.actions, [
      el("button", {
        class: "button",
        text: alone ? "Show every article's facts" : "Only its facts",
        title: alone ? "Clear the evidence filter" : "Hide everything this article does not support",
        attrs: { type: "button", "data-testid": "article-only" },
        on: { click: () => this.choose(id) },
      }),
      el("button", {
        class: "button",
        text: "Articles sharing entities",
        title: "Add the articles that name the same entities, linked by how many they share",
        attrs: { type: "button", "data-testid": "article-correlate" },
        on: { click: () => void this.correlate(primary) },
      }),
    ]);
  }

  private titleOf(id: string): string {
    let title = id;
    this.ctx.view.graph.forEachNode((_key, attrs) => {
      if (attrs.id === id) title = attrs.name;
    });
    return title;
  }
}
