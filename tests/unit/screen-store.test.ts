import { describe, expect, it } from "vitest";
import { mergeProgress, withProgress } from "../../web/src/features/expand/state.ts";
import { toggleLabel } from "../../web/src/features/filters/state.ts";
import { EMPTY_PATCH } from "../../web/src/features/graph-view/merge.ts";
import {
  arrivalChange,
  changeTo,
  describeAdded,
  INITIAL_SCREEN,
  invertScreenPatch,
  isNoop,
  nextScreen,
  screenPatch,
  unhidden,
} from "../../web/src/screen/screen-state.ts";
import { ScreenStore } from "../../web/src/screen/screen-store.ts";
import type { ScreenChange } from "../../web/src/screen/screen-store.ts";
import type { Connector } from "../../web/src/screen/connect.ts";
import type { ConnectRequest } from "../../core/api-types.ts";
import { edge, graphOf, node, plainScreenGraph, subgraph } from "./graphs.ts";

function storeOn(
  nodes: Record<string, { x: number; y: number; category?: string }> = {},
  edges: string[] = [],
  connect?: Connector,
) {
  const target = plainScreenGraph(graphOf(nodes, edges));
  const store = new ScreenStore(target, connect);
  const changes: ScreenChange[] = [];
  store.events.on("change", (c) => changes.push(c));
  return { store, graph: target.graph, changes };
}

describe("screen state", () => {
  it("unhidden returns the set without the keys, or null when nothing changes", () => {
    expect(unhidden(new Set(["a", "b"]), ["a"])).toEqual(new Set(["b"]));
    expect(unhidden(new Set(["a"]), ["c"])).toBeNull();
  });

  it("changeTo remembers the fields it changes, and its inverse puts them back", () => {
    const state = { ...INITIAL_SCREEN, hidden: new Set(["a"]) };
    const patch = changeTo(state, EMPTY_PATCH, { hidden: new Set() });
    expect(patch.before).toEqual({ hidden: new Set(["a"]) });
    expect(nextScreen(state, invertScreenPatch(patch), () => true).hidden).toEqual(new Set(["a"]));
    expect(isNoop(screenPatch())).toBe(true);
    expect(isNoop(patch)).toBe(false);
  });

  it("nextScreen forgets hidden nodes that left the screen", () => {
    const state = { ...INITIAL_SCREEN, hidden: new Set(["a", "gone"]) };
    expect(nextScreen(state, screenPatch(), (k) => k !== "gone").hidden).toEqual(new Set(["a"]));
  });

  it("arriving data unhides what it brings and drops expansion progress of nodes that leave", () => {
    const expansions = withProgress(new Map(), "x", mergeProgress(undefined, { groups: [] }));
    const state = { ...INITIAL_SCREEN, hidden: new Set(["a", "b"]), expansions };
    const removal = {
      ...EMPTY_PATCH,
      removeNodes: [{ key: "x", attributes: graphOf({ x: { x: 0, y: 0 } }).getNodeAttributes("x") }],
    };
    const after = arrivalChange(state, subgraph([node("a")]), removal);
    expect(after.hidden).toEqual(new Set(["b"]));
    expect(after.expansions?.has("x")).toBe(false);
    expect(arrivalChange(state, subgraph([node("z")]), EMPTY_PATCH)).toEqual({});
  });

  it("describeAdded says what arrived and what a filter keeps out of sight", () => {
    const patch = { ...EMPTY_PATCH, addNodes: [], addEdges: [] };
    expect(describeAdded(patch, 0, "")).toBe("Already on screen");
    expect(describeAdded(patch, 2, "all 3 relationships")).toBe(
      "Already on screen; all 3 relationships; 2 not visible because of label filters",
    );
  });
});

describe("ScreenStore", () => {
  it("addSubgraph plans, commits and tells listeners; undo and redo replay it", async () => {
    const { store, graph, changes } = storeOn({ a: { x: 0, y: 0 } });
    const added = await store.addSubgraph(subgraph([node("a"), node("b")], [edge("ab", "a", "b")]), {
      description: "Expand a",
      anchor: "a",
    });
    expect(added.patch.addNodes.map((n) => n.key)).toEqual(["b"]);
    expect([graph.order, graph.size]).toEqual([2, 1]);
    expect(changes.map((c) => [c.cause, c.description, c.added])).toEqual([["commit", "Expand a", ["b"]]]);
    expect(store.historyLabels()).toEqual({ undo: "Expand a", redo: null });

    let beforeUndo = 0;
    store.events.on("beforeUndo", () => beforeUndo++);
    expect(store.undo()).toBe("Expand a");
    expect([graph.order, graph.size, beforeUndo]).toEqual([1, 0, 1]);
    expect(store.historyLabels()).toEqual({ undo: null, redo: "Expand a" });
    expect(store.redo()).toBe("Expand a");
    expect(graph.hasNode("b")).toBe(true);
    expect(changes.map((c) => c.cause)).toEqual(["commit", "undo", "redo"]);
    expect(store.redo()).toBeNull();
  });

  it("brings hidden nodes back when data asks for them, as part of the same step", async () => {
    const { store } = storeOn({ a: { x: 0, y: 0 }, b: { x: 1, y: 0 } }, ["a>b"]);
    store.set("Hide b", { hidden: new Set(["b"]) });
    await store.addSubgraph(subgraph([node("a"), node("b")]), { description: "Path a → b" });
    expect(store.state.hidden.size).toBe(0);
    store.undo();
    expect(store.state.hidden).toEqual(new Set(["b"]));
  });

  it("counts arrivals a label filter hides", async () => {
    const { store } = storeOn();
    store.set("Hide Region", { filters: toggleLabel(store.state.filters, "Region") });
    const added = await store.addSubgraph(subgraph([node("r", "Region"), node("o")]), {
      description: "Query",
    });
    expect(added.filtered).toBe(1);
  });

  it("also: further state in the same step (expansion progress), undone with it", async () => {
    const { store } = storeOn({ a: { x: 0, y: 0 } });
    const groups = [{ type: "PART_OF", direction: "out" as const, total: 3, shown: 1 }];
    await store.addSubgraph(subgraph([node("b")], [edge("ab", "a", "b")]), {
      description: "Expand a",
      anchor: "a",
      also: (state) => ({ expansions: withProgress(state.expansions, "a", groups) }),
    });
    expect(store.state.expansions.get("a")).toEqual(groups);
    store.undo();
    expect(store.state.expansions.has("a")).toBe(false);
  });

  it("replace: what is not in the result leaves; undo brings it back", async () => {
    const { store, graph } = storeOn({ a: { x: 0, y: 0 }, b: { x: 1, y: 0 } }, ["a>b"]);
    await store.addSubgraph(subgraph([node("b"), node("c")], [edge("bc", "b", "c")]), {
      description: "Replace",
      replace: true,
    });
    expect(graph.nodes().sort()).toEqual(["b", "c"]);
    store.undo();
    expect(graph.nodes().sort()).toEqual(["a", "b"]);
    expect(graph.hasEdge("e:a>b")).toBe(true);
  });

  it("a change that changes nothing is not recorded", async () => {
    const { store, changes } = storeOn({ a: { x: 0, y: 0 } });
    expect(
      (await store.addSubgraph(subgraph([node("a")]), { description: "Nothing" })).patch.addNodes,
    ).toEqual([]);
    expect(store.set("Show 0 hidden", {})).toBe(false);
    expect([changes.length, store.historyLabels().undo]).toEqual([0, null]);
  });

  it("load is the base state, not an undoable step", () => {
    const { store, graph, changes } = storeOn();
    store.load(subgraph([node("a"), node("b")], [edge("ab", "a", "b")]));
    expect([graph.order, changes.length, store.undo()]).toEqual([2, 0, null]);
  });

  it("connects arriving nodes to those on screen in the same step, undone with it", async () => {
    const asked: ConnectRequest[] = [];
    const connect: Connector = async (request) => {
      asked.push(request);
      // c (on screen) — b (arriving): the relationship the expansion of a did not bring.
      return { edges: [edge("cb", "c", "b", "MENTIONS")], total: 1 };
    };
    const { store, graph, changes } = storeOn({ a: { x: 0, y: 0 }, c: { x: 5, y: 5 } }, [], connect);
    const added = await store.addSubgraph(subgraph([node("a"), node("b")], [edge("ab", "a", "b")]), {
      description: "Expand a",
      anchor: "a",
    });
    expect(asked).toEqual([{ keys: ["b"], among: ["a", "c"], known: ["ab"], limit: 1000 }]);
    expect(graph.hasEdge("cb") && graph.hasEdge("ab")).toBe(true);
    expect(added.connected).toEqual({ shown: 1, total: 1 });
    expect(changes).toHaveLength(1);
    store.undo();
    expect([graph.order, graph.size]).toEqual([2, 0]);
  });

  it("an arrival whose connecting fails still arrives, and says what is missing", async () => {
    const { store, graph } = storeOn({ a: { x: 0, y: 0 } }, [], async () => {
      throw new Error("database unavailable");
    });
    const added = await store.addSubgraph(subgraph([node("b")], [edge("ab", "a", "b")]), {
      description: "Expand a",
    });
    expect(graph.hasEdge("ab")).toBe(true);
    expect(added.connected).toEqual({ error: "database unavailable" });
    expect(describeAdded(added.patch, 0, "", added.connected)).toContain("could not be read");
  });

  it("replace with a result that holds no node keeps the screen and says so", async () => {
    let asked = 0;
    const { store, graph, changes } = storeOn({ a: { x: 0, y: 0 }, b: { x: 1, y: 0 } }, ["a>b"], async () => {
      asked++;
      return { edges: [], total: 0 };
    });
    const added = await store.addSubgraph(subgraph([]), { description: "Replace", replace: true });
    expect(added.unchanged).toBe("no-nodes");
    expect([graph.order, graph.size, changes.length, asked]).toEqual([2, 1, 0, 0]);
  });

  it("replace connects the result's nodes among themselves only", async () => {
    const asked: ConnectRequest[] = [];
    const { store, graph } = storeOn({ a: { x: 0, y: 0 } }, [], async (request) => {
      asked.push(request);
      return { edges: [edge("bc", "b", "c")], total: 1 };
    });
    await store.addSubgraph(subgraph([node("b"), node("c")]), { description: "Replace", replace: true });
    expect(asked[0]).toMatchObject({ keys: ["b", "c"], among: [], known: [] });
    expect([graph.nodes().sort(), graph.hasEdge("bc")]).toEqual([["b", "c"], true]);
  });
});
