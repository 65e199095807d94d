/**
 * Runs one layout (layout-algorithms.ts) in a web worker: dagre on thousands of nodes takes seconds,
 * which would freeze the page. Answers each request with the positions, or what failed.
 */
import { computeLayout } from "./layout-algorithms.ts";
import type { LayoutInput, Positions } from "./layout-algorithms.ts";

export interface LayoutRequest {
  id: number;
  input: LayoutInput;
}

export interface LayoutResponse {
  id: number;
  positions?: Positions;
  failed?: string;
}

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<LayoutRequest>) => void) | null;
  postMessage(message: LayoutResponse): void;
};

scope.onmessage = ({ data }) => {
  try {
    scope.postMessage({ id: data.id, positions: computeLayout(data.input) });
  } catch (error) {
    scope.postMessage({ id: data.id, failed: error instanceof Error ? error.message : String(error) });
  }
};
