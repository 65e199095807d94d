/** yEd's graphics in GraphML: the picture yEd draws, without disturbing the plain keys other readers use. */
import { DOMParser } from "@xmldom/xmldom";
import { describe, expect, it } from "vitest";
import { writeGraphml } from "../../export/graphml.ts";
import { prepare } from "../../export/prepare.ts";

const Y = "http://www.yworks.com/xml/graphml";

describe("GraphML for yEd", () => {
  it("gives every node a ShapeNode with its name, colour and place, and every edge an arrow and its type", () => {
    const graph = prepare({
      subgraph: {
        nodes: [
          {
            key: "4:a",
            id: "org:a",
            label: "Organisation",
            labels: ["Organisation"],
            name: "天津市总工会",
            properties: {},
          },
          { key: "4:b", id: "region:b", label: "Region", labels: ["Region"], name: "河西区", properties: {} },
        ],
        edges: [{ key: "5:e", type: "LOCATED_IN", source: "4:a", target: "4:b", properties: {} }],
      },
      nodeViews: {
        "4:a": { x: 10, y: 20, size: 6, color: "#1c64f2" },
        "4:b": { x: -5, y: 0, size: 4, color: "#16a34a" },
      },
    });
    const xml = writeGraphml(graph, {}, new Date("2026-01-01T00:00:00Z"));
    const doc = new DOMParser().parseFromString(xml, "text/xml");
    const shapes = doc.getElementsByTagNameNS(Y, "ShapeNode");
    expect(shapes.length).toBe(2);
    const first = shapes.item(0)!;
    expect(first.getElementsByTagNameNS(Y, "NodeLabel").item(0)!.textContent).toBe("天津市总工会");
    expect(first.getElementsByTagNameNS(Y, "Fill").item(0)!.getAttribute("color")).toBe("#1c64f2");
    const geometry = first.getElementsByTagNameNS(Y, "Geometry").item(0)!;
    const width = Number(geometry.getAttribute("width"));
    // Centred on the node, y flipped (yEd's y grows downwards).
    expect(Number(geometry.getAttribute("x")) + width / 2).toBeCloseTo(10);
    expect(Number(geometry.getAttribute("y")) + width / 2).toBeCloseTo(-20);
    const edge = doc.getElementsByTagNameNS(Y, "PolyLineEdge").item(0)!;
    expect(edge.getElementsByTagNameNS(Y, "EdgeLabel").item(0)!.textContent).toBe("LOCATED_IN");
    expect(edge.getElementsByTagNameNS(Y, "Arrows").item(0)!.getAttribute("target")).toBe("standard");
    // The graphics key is declared as yEd expects; the plain keys stay.
    expect(xml).toContain('<key for="node" id="yfiles_node" yfiles.type="nodegraphics"/>');
    expect(xml).toMatch(/attr\.name="label"/);
  });
});
