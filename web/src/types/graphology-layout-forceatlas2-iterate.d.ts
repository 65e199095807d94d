/**
 * graphology-layout-forceatlas2 ships types for its entry points only; these are the two internal
 * modules layout/converge.ts runs directly (one iteration over the flat matrices, and the defaults
 * every iteration expects to find merged into its settings).
 */
declare module "graphology-layout-forceatlas2/iterate.js" {
  import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";
  export default function iterate(
    settings: Required<ForceAtlas2Settings>,
    nodes: Float32Array,
    edges: Float32Array,
  ): unknown;
}

declare module "graphology-layout-forceatlas2/defaults.js" {
  import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";
  const defaults: Required<ForceAtlas2Settings>;
  export default defaults;
}
