/**
 * Evidence as a way in, its pure parts: the articles behind facts (counts of quotes and facts), the
 * correlation view's derived links, the evidence filter's scope and its effect on the reducers, the
 * articles listed from what is on screen, and the filter kept in the view document (version 1 views
 * without it still read).
 */
import { describe, expect, it } from "vitest";
import type { SupportDetails } from "../../core/api-types.ts";
import {
  correlationSubgraph,
  isVirtualEdgeKey,
  SHARES_ENTITIES,
  sharedEntitiesKey,
  supportingArticles,
} from "../../core/evidence.ts";
import { parseViewDocument, VIEW_DOCUMENT_JSON_SCHEMA, ViewDocumentError } from "../../core/view-document.ts";
import {
  articleIdsOf,
  articleScope,
  articlesOnScreen,
  describeArticles,
  sameArticles,
  toggleArticle,
} from "../../web/src/features/evidence/state.ts";
import {
  isEdgeShown,
  isNodeShown,
  reduceEdge,
  reduceNode,
} from "../../web/src/features/graph-view/reducers.ts";
import type { ReducerContext } from "../../web/src/features/graph-view/reducers.ts";
import { INITIAL_VIEW_STATE, NOTHING_HIDDEN } from "../../web/src/features/graph-view/types.ts";
import type { Visibility } from "../../web/src/features/graph-view/types.ts";
import { captureView, planView } from "../../web/src/features/views/view-state.ts";
import { graphOf, node } from "./graphs.ts";

const support = (quote: string, id?: string, extra: { key?: string; date?: string } = {}): SupportDetails =>
  id ? { quote, article: { id, title: `title of ${id}`, ...extra } } : { quote };

describe("supportingArticles", () => {
  it("counts quotes and facts per article, most quotes first, and skips quotes with no article", () => {
    const articles = supportingArticles([
      [support("q1", "a", { key: "4:a", date: "2025-01-02" }), support("q2", "a"), support("q3", "b")],
      [support("q1", "a"), support("no source")],
      [support("q4", "c"), support("q5", "c"), support("q6", "c")],
    ]);
    expect(articles).toEqual([
      { id: "a", key: "4:a", date: "2025-01-02", title: "title of a", quotes: 3, facts: 2 },
      { id: "c", title: "title of c", quotes: 3, facts: 1 },
      { id: "b", title: "title of b", quotes: 1, facts: 1 },
    ]);
    expect(supportingArticles([[support("bare")]])).toEqual([]);
  });
});

describe("the correlation view's derived links", () => {
  it("keys a pair once whichever way round, and marks the key as virtual", () => {
    expect(sharedEntitiesKey("4:x", "4:y")).toBe(sharedEntitiesKey("4:y", "4:x"));
    expect(isVirtualEdgeKey(sharedEntitiesKey("a", "b"))).toBe(true);
    expect(isVirtualEdgeKey("5:abc:12")).toBe(false);
  });

  it("turns the response into the articles and SHARES_ENTITIES links with count and names", () => {
    const sub = correlationSubgraph({
      article: node("a", "Article"),
      articles: [node("b", "Article"), node("c", "Article")],
      links: [
        { source: "b", target: "a", count: 2, shared: ["Rotterdam", "Feeder"] },
        { source: "a", target: "c", count: 1, shared: ["Rotterdam"] },
      ],
      truncated: false,
    });
    expect(sub.nodes.map((n) => n.key)).toEqual(["a", "b", "c"]);
    expect(sub.edges).toEqual([
      {
        key: sharedEntitiesKey("a", "b"),
        type: SHARES_ENTITIES,
        source: "a",
        target: "b",
        properties: { count: 2, shared: ["Rotterdam", "Feeder"] },
      },
      {
        key: sharedEntitiesKey("a", "c"),
        type: SHARES_ENTITIES,
        source: "a",
        target: "c",
        properties: { count: 1, shared: ["Rotterdam"] },
      },
    ]);
  });
});

/** Two articles (d1, d2) and what they support: p-q by d1, q-r by d1 and d2, r-s by nobody. */
function evidenceGraph() {
  const graph = graphOf(
    {
      d1: { x: 0, y: 0, category: "Dispatch" },
      d2: { x: 1, y: 0, category: "Dispatch" },
      d3: { x: 2, y: 0, category: "Dispatch" },
      p: { x: 0, y: 1 },
      q: { x: 1, y: 1 },
      r: { x: 2, y: 1 },
      s: { x: 3, y: 1 },
    },
    ["p>q", "q>r", "r>s", "d1>p"],
  );
  for (const d of ["d1", "d2", "d3"]) {
    graph.setNodeAttribute(d, "id", `id-${d}`);
    graph.setNodeAttribute(d, "name", `Dispatch ${d}`);
  }
  graph.setEdgeAttribute("e:p>q", "properties", { evidence: ["one"], articles: ["id-d1"] });
  graph.setEdgeAttribute("e:q>r", "properties", {
    evidence: ["two", "three", "four"],
    articles: ["id-d1", "id-d2", "id-d2"],
  });
  // The older layout: one `article` for all the evidence.
  graph.setEdgeAttribute("e:d1>p", "properties", { evidence: ["five"], article: "id-d1" });
  // Evidence without an article (a database Guanxi did not create): supports nobody.
  graph.setEdgeAttribute("e:r>s", "properties", { evidence: "a sentence" });
  return graph;
}

describe("the evidence filter's scope", () => {
  it("reads the ids of a relationship's articles once each, in both layouts", () => {
    expect(articleIdsOf({ evidence: ["a", "b", "c"], articles: ["x", "y", "x"] })).toEqual(["x", "y"]);
    expect(articleIdsOf({ evidence: ["a"], article: "x" })).toEqual(["x"]);
    expect(articleIdsOf({ evidence: "text only" })).toEqual([]);
    expect(articleIdsOf({})).toEqual([]);
  });

  it("keeps what the chosen articles support, their ends, and the articles themselves", () => {
    const graph = evidenceGraph();
    const d2 = articleScope(graph, new Set(["id-d2"]));
    expect([...d2.edges].sort()).toEqual(["e:q>r"]);
    expect([...d2.nodes].sort()).toEqual(["d2", "q", "r"]);
    const d1 = articleScope(graph, new Set(["id-d1"]));
    expect([...d1.edges].sort()).toEqual(["e:d1>p", "e:p>q", "e:q>r"]);
    expect([...d1.nodes].sort()).toEqual(["d1", "p", "q", "r"]);
    const both = articleScope(graph, new Set(["id-d1", "id-d2"]));
    expect(both.nodes.has("s")).toBe(false);
    // An article not on screen and supporting nothing on screen: nothing to show.
    expect(articleScope(graph, new Set(["elsewhere"])).nodes.size).toBe(0);
  });

  it("hides, through the reducers, what is out of scope — nodes and relationships stay in the graph", () => {
    const graph = evidenceGraph();
    const visibility: Visibility = { ...NOTHING_HIDDEN, scope: articleScope(graph, new Set(["id-d2"])) };
    expect(isNodeShown(visibility, "q", "Organisation")).toBe(true);
    expect(isNodeShown(visibility, "p", "Organisation")).toBe(false);
    expect(isEdgeShown(graph, visibility, "e:q>r")).toBe(true);
    expect(isEdgeShown(graph, visibility, "e:p>q")).toBe(false);
    const ctx: ReducerContext = {
      graph,
      state: INITIAL_VIEW_STATE,
      visibility,
      focus: null,
      rare: new Set(),
      large: false,
    };
    expect(reduceNode(ctx, "p", graph.getNodeAttributes("p")).hidden).toBe(true);
    expect(reduceNode(ctx, "q", graph.getNodeAttributes("q")).hidden).toBeFalsy();
    expect(reduceEdge(ctx, "e:p>q", graph.getEdgeAttributes("e:p>q")).hidden).toBe(true);
    expect(graph.order).toBe(7);
    // Other filters still apply inside the scope.
    const alsoHidden: Visibility = { ...visibility, hidden: new Set(["q"]) };
    expect(isEdgeShown(graph, alsoHidden, "e:q>r")).toBe(false);
  });

  it("draws a SHARES_ENTITIES link as thick as the entities it counts", () => {
    const graph = graphOf({ a: { x: 0, y: 0 }, b: { x: 1, y: 1 } }, ["a>b"]);
    graph.mergeEdgeAttributes("e:a>b", { relType: SHARES_ENTITIES, properties: { count: 3, shared: [] } });
    const ctx: ReducerContext = {
      graph,
      state: { ...INITIAL_VIEW_STATE, edgeLabels: true },
      visibility: NOTHING_HIDDEN,
      focus: null,
      rare: new Set(),
      large: false,
    };
    const display = reduceEdge(ctx, "e:a>b", graph.getEdgeAttributes("e:a>b"));
    expect(display.size).toBe(4);
    expect(display.label).toBe(`${SHARES_ENTITIES} ×3`);
  });
});

describe("the articles listed from what is on screen", () => {
  it("counts the relationships each supports, titles from their nodes, ids when not on screen", () => {
    const graph = evidenceGraph();
    graph.dropNode("d2");
    const articles = articlesOnScreen(graph, (category) => category === "Dispatch");
    expect(articles).toEqual([
      { id: "id-d1", key: "d1", title: "Dispatch d1", facts: 3 },
      { id: "id-d2", title: "id-d2", facts: 1 },
      // On screen, supporting nothing: still listed, to be chosen.
      { id: "id-d3", key: "d3", title: "Dispatch d3", facts: 0 },
    ]);
    expect(articlesOnScreen(graphOf({ a: { x: 0, y: 0 } }))).toEqual([]);
  });

  it("toggles, compares and describes the chosen articles", () => {
    expect([...toggleArticle(new Set(["a"]), "b")].sort()).toEqual(["a", "b"]);
    expect([...toggleArticle(new Set(["a", "b"]), "a")]).toEqual(["b"]);
    expect(sameArticles(new Set(["a", "b"]), new Set(["b", "a"]))).toBe(true);
    expect(sameArticles(new Set(["a"]), new Set(["a", "b"]))).toBe(false);
    const title = (id: string) => `T${id}`;
    expect(describeArticles(new Set(), title)).toBe("Show the facts of every article");
    expect(describeArticles(new Set(["a"]), title)).toBe("Only the facts of 《Ta》");
    expect(describeArticles(new Set(["a", "b"]), title)).toBe("Only the facts of 2 articles");
  });
});

describe("the evidence filter in the view document", () => {
  const base = { format: "guanxi-view", version: 1, nodes: [], selection: [] };

  it("reads a version 1 view without it, and keeps the chosen articles through capture and plan", () => {
    expect(parseViewDocument(base).articles).toBeUndefined();
    const graph = graphOf({ a: { x: 0, y: 0 } });
    const doc = captureView({
      graph,
      screen: {
        hidden: new Set(),
        pinned: new Set(),
        filters: { hiddenLabels: new Set(), hiddenTypes: new Set() },
        articles: new Set(["id-d2", "id-d1"]),
      },
      selection: [],
    });
    expect(doc.articles).toEqual(["id-d1", "id-d2"]);
    const parsed = parseViewDocument(JSON.parse(JSON.stringify(doc)));
    expect(parsed.articles).toEqual(["id-d1", "id-d2"]);
    const plan = planView(parsed, { nodes: [], edges: [], found: {}, missing: ["a"], truncated: false });
    expect([...(plan.screen.articles ?? [])]).toEqual(["id-d1", "id-d2"]);
    // No filter: the field is left out, and a plan clears any filter on screen.
    const none = captureView({
      graph,
      screen: {
        hidden: new Set(),
        pinned: new Set(),
        filters: { hiddenLabels: new Set(), hiddenTypes: new Set() },
      },
      selection: [],
    });
    expect("articles" in none).toBe(false);
    expect(
      planView(none, { nodes: [], edges: [], found: {}, missing: [], truncated: false }).screen.articles
        ?.size,
    ).toBe(0);
  });

  it("refuses a damaged list, naming the field, and the JSON Schema knows the field", () => {
    expect(() => parseViewDocument({ ...base, articles: "a" })).toThrow(ViewDocumentError);
    expect(() => parseViewDocument({ ...base, articles: ["ok", ""] })).toThrow(/articles\[1\]/);
    expect(VIEW_DOCUMENT_JSON_SCHEMA.properties.articles.items.type).toBe("string");
  });
});
