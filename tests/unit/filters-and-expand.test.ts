import { describe, expect, it } from "vitest";
import {
  EXPAND_PAGE,
  mergeProgress,
  moreRequest,
  remaining,
  summarise,
} from "../../web/src/features/expand/state.ts";
import {
  describeFilters,
  isFiltering,
  NO_FILTERS,
  soloLabel,
  toggleLabel,
  toggleType,
} from "../../web/src/features/filters/state.ts";
import { compareCounts, tally } from "../../web/src/lib/counts.ts";

describe("filters", () => {
  it("toggles labels and types on and off", () => {
    const once = toggleType(toggleLabel(NO_FILTERS, "Region"), "SPANS");
    expect([...once.hiddenLabels, ...once.hiddenTypes]).toEqual(["Region", "SPANS"]);
    expect(isFiltering(toggleLabel(toggleLabel(NO_FILTERS, "Region"), "Region"))).toBe(false);
    expect(describeFilters(once)).toBe("Filtered: 1 label, 1 relationship type hidden");
    expect(describeFilters(NO_FILTERS)).toBe("No filters");
  });

  it("solo shows only one label; solo again shows everything", () => {
    const all = ["A", "B", "C"];
    const solo = soloLabel(NO_FILTERS, "A", all);
    expect([...solo.hiddenLabels]).toEqual(["B", "C"]);
    expect(soloLabel(solo, "A", all).hiddenLabels.size).toBe(0);
  });
});

describe("expand paging", () => {
  const first = mergeProgress(undefined, {
    groups: [
      { type: "PART_OF", direction: "out", total: 45, shown: 20 },
      { type: "SPANS", direction: "in", total: 3, shown: 3 },
    ],
  });

  it("sorts groups biggest first and sums them", () => {
    expect(first.map((g) => g.type)).toEqual(["PART_OF", "SPANS"]);
    expect(summarise(first)).toEqual({ shown: 23, total: 48 });
    expect(remaining(first[0]!)).toBe(25);
  });

  it("asks for the next page of unfinished groups only, from where they stopped", () => {
    expect(moreRequest("k", first)).toEqual({
      key: "k",
      limit: EXPAND_PAGE,
      groups: [{ type: "PART_OF", direction: "out", offset: 20 }],
    });
    expect(moreRequest("k", first, { type: "SPANS", direction: "in" })).toBeNull();
  });

  it("a later page replaces its group's progress and keeps the others", () => {
    const next = mergeProgress(first, {
      groups: [{ type: "PART_OF", direction: "out", total: 45, shown: 40 }],
    });
    expect(summarise(next)).toEqual({ shown: 43, total: 48 });
  });
});

describe("counts", () => {
  it("compares what is on screen with the database, labels of both sides listed", () => {
    const onScreen = tally(["A", "A", "B"], (x) => x);
    const rows = compareCounts(
      onScreen,
      new Map([
        ["A", 10],
        ["C", 4],
      ]),
    );
    expect(rows.map((r) => [r.name, r.onScreen, r.inDb])).toEqual([
      ["A", 2, 10],
      ["C", 0, 4],
      ["B", 1, undefined],
    ]);
  });
});
