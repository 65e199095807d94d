import { describe, expect, it } from "vitest";
import {
  connectRequest,
  describeConnected,
  isIncomplete,
  withConnections,
} from "../../web/src/screen/connect.ts";
import { edge, node, subgraph } from "./graphs.ts";

const screen = (...keys: string[]) => ({ has: (k: string) => keys.includes(k), keys: () => keys });

describe("connect result nodes", () => {
  it("asks for the arriving nodes not yet on screen against everything that will be", () => {
    const request = connectRequest(
      screen("a", "x"),
      subgraph([node("a"), node("b"), node("b")], [edge("ab", "a", "b")]),
    );
    expect(request).toEqual({ keys: ["b"], among: ["a", "x", "b"], known: ["ab"], limit: 1000 });
  });

  it("asks nothing when nothing is new", () => {
    expect(connectRequest(screen("a"), subgraph([node("a")]))).toBeNull();
    expect(connectRequest(screen("a"), subgraph([]))).toBeNull();
  });

  it("in replace mode, only the result's nodes stay: they are connected among themselves", () => {
    expect(connectRequest(screen("a", "x"), subgraph([node("a"), node("c")]), true)).toMatchObject({
      keys: ["a", "c"],
      among: ["a", "c"],
    });
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
    expect(describeConnected({ shown: 3, total: 3 })).toBe("3 of them between nodes already on screen");
    expect(isIncomplete({ shown: 3, total: 3 })).toBe(false);
    expect(isIncomplete({ shown: 1, total: 3 })).toBe(true);
    expect(describeConnected({ shown: 1000, total: 2500 })).toBe(
      "1,000 of 2,500 relationships to the nodes on screen drawn (capped)",
    );
  });
});
