/** Layout status as a tagged union, Gephi Lite style. */
export type LayoutStatus =
  | { type: "idle" }
  | {
      type: "running";
      /** Why: the first view, settling new nodes (the rest pinned), or the user pressed play. */
      reason: "initial" | "settle" | "user";
      /** When it stops by itself (ms since epoch), or null to run until stopped. */
      until: number | null;
    };

/** How long an automatic run lasts: longer for bigger graphs, never long. */
export function autoDuration(order: number, reason: "initial" | "settle"): number {
  if (reason === "settle") return Math.min(2500, 900 + order * 4);
  return Math.min(9000, 1800 + order * 20);
}
