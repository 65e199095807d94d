/**
 * The first view's layout to convergence (web/src/features/layout/converge.ts): deterministic, done
 * before its cap on a small graph, held nodes stay put, and the picture spreads out of its start.
 */
import Graph from "graphology";
import { describe, expect, it } from "vitest";
import { CONVERGE_LIMITS, converge, toMatrices } from "../../web/src/features/layout/converge.ts";

type Attrs = { x: number; y: number; size?: number; fixed?: boolean };

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/** Two stars (an article mentioning its names, as a knowledge graph has) joined by one edge, on a spiral. */
function twoStars(): Graph<Attrs> {
  const graph = new Graph<Attrs>({ multi: true });
  const add = (key: string) => {
    const i = graph.order;
    const r = Math.sqrt(i + 1) * 10;
    graph.addNode(key, { x: Math.cos(i * GOLDEN_ANGLE) * r, y: Math.sin(i * GOLDEN_ANGLE) * r, size: 5 });
  };
  for (const hub of ["a", "b"]) {
    add(hub);
    for (let i = 0; i < 12; i++) {
      add(`${hub}${i}`);
      graph.addEdge(hub, `${hub}${i}`);
    }
  }
  graph.addEdge("a", "b");
  return graph;
}

const settings = { scalingRatio: 60, gravity: 2, strongGravityMode: true };

describe("layout to convergence", () => {
  it("gives the same positions on every run, and stops before its cap", () => {
    const first = toMatrices(twoStars());
    const second = toMatrices(twoStars());
    const n1 = converge(settings, first.nodes, first.edges);
    const n2 = converge(settings, second.nodes, second.edges);
    expect(n1).toBe(n2);
    expect(n1).toBeLessThan(CONVERGE_LIMITS.maxIterations);
    expect(Array.from(first.nodes)).toEqual(Array.from(second.nodes));
  });

  it("keeps a held node where it is and moves the others", () => {
    const graph = twoStars();
    graph.setNodeAttribute("a3", "fixed", true);
    const { keys, nodes, edges } = toMatrices(graph);
    const start = nodes.slice();
    converge(settings, nodes, edges);
    const row = keys.indexOf("a3") * 10;
    expect([nodes[row], nodes[row + 1]]).toEqual([start[row], start[row + 1]]);
    const free = keys.indexOf("b7") * 10;
    expect(Math.hypot(nodes[free]! - start[free]!, nodes[free + 1]! - start[free + 1]!)).toBeGreaterThan(1);
  });

  it("counts each edge's weight into both ends' mass, and an empty graph runs no iteration", () => {
    const graph = new Graph<Attrs>();
    graph.addNode("x", { x: 0, y: 0 });
    graph.addNode("y", { x: 1, y: 0 });
    graph.addEdge("x", "y", { weight: 3 });
    const { nodes, edges } = toMatrices(graph);
    expect([nodes[6], nodes[16]]).toEqual([4, 4]);
    expect(Array.from(edges)).toEqual([0, 10, 3]);
    const empty = toMatrices(new Graph<Attrs>());
    expect(converge(settings, empty.nodes, empty.edges)).toBe(0);
  });
});
