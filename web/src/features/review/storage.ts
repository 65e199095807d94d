/**
 * Saving a review for later (several sittings): the draft in localStorage under a key per article, and
 * a downloaded JSON file `guanxi ingest` reads. Reading a draft back checks it is one.
 */
import type { Draft } from "../../../../core/draft.ts";
import { DRAFT_FORMAT } from "../../../../core/draft.ts";
import { storageKey } from "./state.ts";
import { download } from "../../lib/download.ts";

export function saveDraft(draft: Draft): void {
  try {
    localStorage.setItem(storageKey(draft), JSON.stringify(draft));
  } catch {
    // Storage full or off: the download still saves it.
  }
}

export function savedDraft(key: string): Draft | null {
  try {
    const text = localStorage.getItem(key);
    return text ? parseDraft(text, key) : null;
  } catch {
    return null;
  }
}

export function forgetDraft(draft: Draft): void {
  try {
    localStorage.removeItem(storageKey(draft));
  } catch {
    // Nothing saved.
  }
}

/** A draft from JSON text, or an error naming the file and what is wrong. */
export function parseDraft(text: string, fileName: string): Draft {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${fileName}: not JSON (${error instanceof Error ? error.message : String(error)})`, {
      cause: error,
    });
  }
  const d = value as Partial<Draft> | null;
  if (!d || typeof d !== "object" || d.format !== DRAFT_FORMAT)
    throw new Error(
      `${fileName}: not a Guanxi draft (format must be "${DRAFT_FORMAT}"; guanxi extract writes one)`,
    );
  if (!Array.isArray(d.nodes) || !Array.isArray(d.relationships))
    throw new Error(`${fileName}: a draft needs "nodes" and "relationships" arrays`);
  for (const [i, n] of d.nodes.entries())
    if (
      !n ||
      typeof n !== "object" ||
      typeof n.id !== "string" ||
      !n.review ||
      !Array.isArray(n.review.mentions)
    )
      throw new Error(`${fileName}: nodes[${i}] has no id or review`);
  return d as Draft;
}

/** "Download draft": the JSON as a file. */
export function downloadJson(fileName: string, value: unknown): void {
  download(fileName, `${JSON.stringify(value, null, 2)}\n`, "application/json");
}
