import { describe, expect, it } from "vitest";
import {
  OVERVIEW_LIMIT,
  overviewBaselineFrom,
  overviewLimitFrom,
  PERF,
} from "../../web/src/features/overview/overview-controller.ts";

describe("the first view", () => {
  it("loads OVERVIEW_LIMIT nodes unless the address asks for a positive whole number", () => {
    expect(overviewLimitFrom("")).toBe(OVERVIEW_LIMIT);
    expect(overviewLimitFrom("?limit=20000")).toBe(20000);
    for (const bad of ["?limit=0", "?limit=-5", "?limit=1.5", "?limit=lots"])
      expect(overviewLimitFrom(bad)).toBe(OVERVIEW_LIMIT);
  });

  it("keeps the performance mark names benchmarks read", () => {
    expect(PERF).toEqual({
      graphBuild: "guanxi:graph-build",
      firstFrame: "guanxi:first-frame",
      settled: "guanxi:settled",
      partialBuild: "guanxi:partial-build",
      partialFrame: "guanxi:partial-frame",
    });
  });

  it("loads as before batching only when the address says baseline=1", () => {
    expect(overviewBaselineFrom("?limit=50000&baseline=1")).toBe(true);
    for (const other of ["", "?limit=50000", "?baseline=0", "?baseline=yes"])
      expect(overviewBaselineFrom(other)).toBe(false);
  });
});
