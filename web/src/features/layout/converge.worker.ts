/**
 * The worker of layout/converge.ts: receives ForceAtlas2's settings and matrices, runs them to
 * convergence, and sends the node matrix back (transferred, not copied).
 */
import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";
import { converge } from "./converge.ts";

export interface ConvergeRequest {
  settings: ForceAtlas2Settings;
  nodes: Float32Array;
  edges: Float32Array;
}

export interface ConvergeReply {
  nodes: Float32Array;
  iterations: number;
}

self.onmessage = (event: MessageEvent<ConvergeRequest>) => {
  const { settings, nodes, edges } = event.data;
  const iterations = converge(settings, nodes, edges);
  const reply: ConvergeReply = { nodes, iterations };
  (self as unknown as Worker).postMessage(reply, [nodes.buffer]);
};
