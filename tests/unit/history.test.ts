import { describe, expect, it } from "vitest";
import { emptyHistory, MAX_ENTRIES, record, redo, undo } from "../../web/src/screen/history.ts";

describe("history", () => {
  it("undo then redo walks the stack; a new change forgets what was undone", () => {
    let h = record(record(emptyHistory<number>(), { description: "one", change: 1 }), {
      description: "two",
      change: 2,
    });
    const u = undo(h)!;
    expect(u.entry.description).toBe("two");
    h = u.state;
    expect(redo(h)!.entry.change).toBe(2);
    h = record(h, { description: "three", change: 3 });
    expect(h.future).toEqual([]);
    expect(h.past.map((e) => e.change)).toEqual([1, 3]);
  });

  it("nothing to undo or redo is null", () => {
    expect(undo(emptyHistory())).toBeNull();
    expect(redo(emptyHistory())).toBeNull();
  });

  it("keeps at most MAX_ENTRIES", () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < MAX_ENTRIES + 5; i++) h = record(h, { description: String(i), change: i });
    expect(h.past).toHaveLength(MAX_ENTRIES);
    expect(h.past[0]!.change).toBe(5);
  });
});
