import { describe, expect, it } from "vitest";
import {
  connectRequest,
  describeConnected,
  isIncomplete,
  withConnections,
} from "../../web/src/screen/connect.ts";
import { resultNotices } from "../../web/src/features/query/messages.ts";
import { edge, node, subgraph } from "./graphs.ts";

const screen = (...keys: string[]) => ({ has: (k: string) => keys.includes(k), keys: () => keys });

describe("connect result nodes", () => {
  it("asks for the arriving nodes not yet on screen against everything that will be", () => {
    const request = connectRequest(
      screen("a", "x"),
      subgraph([node("a"), node("b"), node("b")], [edge("ab", "a", "b")]),
    );
    expect(request).toEqual({ request: { keys: ["b"], among: ["a", "x"], known: ["ab"], limit: 1000 } });
  });

  it("asks nothing when nothing is new", () => {
    expect(connectRequest(screen("a"), subgraph([node("a")]))).toEqual({ skip: "nothing-new" });
    expect(connectRequest(screen("a"), subgraph([]))).toEqual({ skip: "nothing-new" });
  });

  it("in replace mode, only the result's nodes stay: they are connected among themselves", () => {
    expect(connectRequest(screen("a", "x"), subgraph([node("a"), node("c")]), true)).toMatchObject({
      request: { keys: ["a", "c"], among: [] },
    });
  });

  it("leaves out the relationships the subgraph brings, and what cannot touch the new nodes", () => {
    const plan = connectRequest(
      screen("a", "x"),
      subgraph([node("a"), node("x"), node("b")], [edge("ab", "a", "b"), edge("ax", "a", "x")]),
    );
    expect(plan).toMatchObject({ request: { known: ["ab"] } });
  });

  it("sends nothing past the API's body limit, and says so", () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `4:c0a8b8f2-1b3e-4d7a-9a77-5d3a3f0e2c11:${i}`);
    expect(connectRequest(screen(...many), subgraph([node("new")]))).toEqual({ skip: "too-large" });
  });

  it("adds the connecting relationships once", () => {
    const merged = withConnections(subgraph([node("a")], [edge("ab", "a", "b")]), {
      edges: [edge("ab", "a", "b"), edge("cb", "c", "b")],
      total: 2,
    });
    expect(merged.edges.map((e) => e.key)).toEqual(["ab", "cb"]);
  });

  it("says how many it drew, and 'N of M' when capped", () => {
    expect(describeConnected(null)).toBe("");
    expect(describeConnected({ shown: 0, total: 0 })).toBe("");
    expect(describeConnected({ shown: 3, total: 3 })).toBe("3 more between the nodes on screen");
    expect(isIncomplete({ shown: 3, total: 3 })).toBe(false);
    expect(isIncomplete({ shown: 1, total: 3 })).toBe(true);
    expect(describeConnected({ shown: 1000, total: 2500 })).toBe(
      "1,000 of 2,500 relationships to the nodes on screen drawn (capped)",
    );
  });
});

describe("the query panel's notices", () => {
  const response = {
    columns: ["nodes"],
    rows: [{ nodes: 78 }],
    truncated: false,
    rowLimit: 1000,
    subgraph: { nodes: [], edges: [] },
    queryType: "r",
    elapsedMs: 3,
  };

  it("says the view is unchanged when Replace brought no node", () => {
    const notices = resultNotices(response, { nodes: 0, edges: 0, unchanged: "no-nodes" });
    expect(notices.map((n) => n.text).join(" ")).toContain(
      "The result holds no nodes; the view is unchanged.",
    );
    expect(resultNotices(response, { nodes: 0, edges: 0 })).toEqual([]);
  });

  it("warns when connecting was capped, not when it was complete", () => {
    const capped = resultNotices(response, { nodes: 1, edges: 0, connected: { shown: 1000, total: 1200 } });
    expect(capped).toEqual([
      expect.objectContaining({ kind: "warn", text: expect.stringContaining("1,000 of 1,200") }),
    ]);
    expect(resultNotices(response, { nodes: 1, edges: 0, connected: { shown: 2, total: 2 } })).toEqual([]);
  });
});
