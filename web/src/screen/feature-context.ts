/**
 * What the shell hands every feature controller: the graph view, the screen store, the API and a few
 * shell services. Controllers reach each other only through these (the shell wires them).
 */
import type { ApiClient } from "../api/client.ts";
import type { GraphView } from "../features/graph-view/graph-view.ts";
import type { Highlight } from "../features/graph-view/types.ts";
import type { ScreenStore } from "./screen-store.ts";

export type NoticeKind = "error" | "info" | "success";

export interface FeatureContext {
  readonly view: GraphView;
  readonly store: ScreenStore;
  readonly api: ApiClient;
  notify(message: string, kind: NoticeKind): void;
  /** An error as a toast, with what was being done. */
  fail(error: unknown, context: string): void;
  /** A node's name in the current language (its key when it is not on screen). */
  nameOf(key: string): string;
  /** In selection order: the last one is the primary selection (the inspector's). */
  selection(): readonly string[];
  primary(): string | null;
  select(keys: string[]): void;
  /** Highlights a path or neighbourhood and fits the camera to it. */
  highlight(highlight: Highlight): void;
}
