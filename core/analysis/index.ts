export * from "./metrics.ts";
export * from "./analysis-graph.ts";
export * from "./run-metric.ts";
export * from "./counted-types.ts";
export * from "./from-subgraph.ts";
