/**
 * Saved views on disk: one JSON file per view in the server's data directory (`.guanxi/views/` by
 * default), never in the analyst's graph. Files are written whole (a temporary file, then a rename),
 * so a crash never leaves half a view; a file that does not parse is skipped in the list and named.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  parseViewDocument,
  VIEW_NAME_MAX,
  type SavedView,
  type SavedViewSummary,
  type ViewDocument,
} from "../core/view-document.ts";

export const DEFAULT_VIEWS_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", ".guanxi", "views");

/** GUANXI_VIEWS_DIR, else `.guanxi/views` beside the bundled database's data. */
export function viewsDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.GUANXI_VIEWS_DIR || DEFAULT_VIEWS_DIR;
}

/** Saved views per server, at most (a colleague's script gone wrong does not fill the disk). */
export const MAX_SAVED_VIEWS = 1_000;

const ID = /^[a-z0-9]{12}$/;

export class ViewStoreError extends Error {
  constructor(
    readonly kind: "not-found" | "conflict" | "full" | "bad-name",
    message: string,
  ) {
    super(message);
    this.name = "ViewStoreError";
  }
}

/** A name with spaces collapsed; refused when empty, too long or holding control characters. */
export function cleanName(name: string): string {
  const clean = name.replace(/\s+/g, " ").trim();
  if (!clean) throw new ViewStoreError("bad-name", "A saved view needs a name.");
  if (clean.length > VIEW_NAME_MAX)
    throw new ViewStoreError("bad-name", `A view's name has at most ${VIEW_NAME_MAX} characters.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(clean))
    throw new ViewStoreError("bad-name", "A view's name must not hold control characters.");
  return clean;
}

/** `name`, or `name (2)`, `name (3)`… — the first not in `taken` (compared case-insensitively). */
export function uniqueName(name: string, taken: Iterable<string>): string {
  const used = new Set([...taken].map((n) => n.toLocaleLowerCase()));
  if (!used.has(name.toLocaleLowerCase())) return name;
  for (let i = 2; ; i++) {
    const candidate = `${name} (${i})`;
    if (!used.has(candidate.toLocaleLowerCase())) return candidate;
  }
}

export class ViewStore {
  constructor(readonly dir: string) {}

  private file(id: string): string {
    return join(this.dir, `${id}.json`);
  }

  private readAll(): SavedView[] {
    if (!existsSync(this.dir)) return [];
    const views: SavedView[] = [];
    for (const entry of readdirSync(this.dir)) {
      const id = entry.replace(/\.json$/, "");
      if (!entry.endsWith(".json") || !ID.test(id)) continue;
      const view = this.tryRead(id);
      if (view) views.push(view);
    }
    return views;
  }

  private tryRead(id: string): SavedView | null {
    try {
      const raw = JSON.parse(readFileSync(this.file(id), "utf8")) as SavedView;
      return { ...raw, id, view: parseViewDocument(raw.view) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT")
        console.warn(`guanxi: skipping the saved view ${this.file(id)}: ${(error as Error).message}`);
      return null;
    }
  }

  list(): SavedViewSummary[] {
    return this.readAll()
      .map(({ id, name, createdAt, updatedAt, view }) => ({
        id,
        name,
        createdAt,
        updatedAt,
        nodes: view.nodes.length,
      }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.createdAt.localeCompare(b.createdAt));
  }

  get(id: string): SavedView {
    const view = ID.test(id) ? this.tryRead(id) : null;
    if (!view) throw new ViewStoreError("not-found", `No saved view "${id}": it may have been deleted.`);
    return view;
  }

  /** Saves a new view; a name already taken gets a suffix (" (2)"). */
  create(name: string, view: ViewDocument): SavedView {
    const all = this.readAll();
    if (all.length >= MAX_SAVED_VIEWS)
      throw new ViewStoreError(
        "full",
        `This server holds ${MAX_SAVED_VIEWS} saved views, its most: delete some first.`,
      );
    const now = new Date().toISOString();
    const saved: SavedView = {
      id: randomBytes(6).toString("hex"),
      name: uniqueName(
        cleanName(name),
        all.map((v) => v.name),
      ),
      createdAt: now,
      updatedAt: now,
      view,
    };
    this.write(saved);
    return saved;
  }

  /** Replaces a view's document and/or renames it (a name another view holds gets a suffix). */
  update(id: string, change: { name?: string; view?: ViewDocument }): SavedView {
    const current = this.get(id);
    const others = this.readAll().filter((v) => v.id !== id);
    const next: SavedView = {
      ...current,
      name:
        change.name === undefined
          ? current.name
          : uniqueName(
              cleanName(change.name),
              others.map((v) => v.name),
            ),
      view: change.view ?? current.view,
      updatedAt: new Date().toISOString(),
    };
    this.write(next);
    return next;
  }

  delete(id: string): void {
    this.get(id);
    rmSync(this.file(id));
  }

  private write(view: SavedView): void {
    mkdirSync(this.dir, { recursive: true });
    const file = this.file(view.id);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(view, null, 2) + "\n", "utf8");
    renameSync(temporary, file);
  }
}
