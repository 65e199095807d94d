/**
 * A reviewed draft of `guanxi extract` (extract/draft.ts) → plain records for validation: every item
 * must have been reviewed (an unreviewed one is a problem naming it, its file, line and JSON path) unless
 * `accept: "linked"`, which accepts the exact, unambiguous links and the MENTIONS of what is accepted and
 * leaves the rest out (listed in `skipped`). Rejected items are dropped, with every relationship that
 * needs them; a node `merged-into:ID` becomes aliases of ID (a draft node or a node of the database) and
 * its relationships move to ID. Accepted links are nodes that exist already: only their relationships
 * are written. A MENTIONS that nobody reviewed follows the entity it points to.
 */
import type { InputProblem } from "../core/errors.ts";
import type { RawRecord } from "./raw-record.ts";

export type AcceptPolicy = "linked";

/** The labels and properties of existing nodes by id (for merge targets). */
export type NodeFetcher = (
  ids: string[],
) => Promise<Map<string, { labels: string[]; properties: Record<string, unknown> }>>;

export interface ResolvedDraft {
  records: RawRecord[];
  problems: InputProblem[];
  /** Items left out because nobody reviewed them (with accept "linked"). */
  skipped: string[];
  /** Items dropped because rejected, or because an end was. */
  dropped: number;
}

type State = "proposed" | "accepted" | "rejected" | { merge: string };

interface Item {
  raw: RawRecord;
  path: string;
  state?: State;
  review: Record<string, unknown>;
}

const DERIVED = ["pinyin"];

function describe(raw: RawRecord): string {
  const f = raw.fields;
  return raw.kind === "node"
    ? `${String(f.label ?? "node")} ${String(f.name ?? f.title ?? "")} (${String(f.id)})`.replace(
        /\s+\(/u,
        " (",
      )
    : `${String(f.start)} -${String(f.type)}-> ${String(f.end)}`;
}

function parseState(value: unknown): State | undefined {
  if (value === "proposed" || value === "accepted" || value === "rejected") return value;
  if (typeof value === "string" && value.startsWith("merged-into:") && value.length > 12)
    return { merge: value.slice(12) };
  return undefined;
}

export async function resolveDraft(
  file: string,
  records: RawRecord[],
  options: { accept?: AcceptPolicy; fetchNodes?: NodeFetcher } = {},
): Promise<ResolvedDraft> {
  const problems: InputProblem[] = [];
  const skipped: string[] = [];
  let dropped = 0;
  const items: Item[] = records.map((raw) => {
    const section = raw.kind === "node" ? "nodes" : "relationships";
    const path = `${section}[${(raw.location.record ?? 1) - 1}]`;
    const review = raw.fields.review;
    const item: Item = {
      raw,
      path,
      review:
        review && typeof review === "object" && !Array.isArray(review)
          ? (review as Record<string, unknown>)
          : {},
    };
    const state = parseState(item.review.state);
    if (state === undefined)
      problems.push({
        ...raw.location,
        line: raw.fieldLines?.review ?? raw.location.line,
        field: "review.state",
        message: `${path} (${describe(raw)}) has no valid review state: give "proposed", "accepted", "rejected" or "merged-into:ID"`,
      });
    else item.state = state;
    return item;
  });
  if (problems.length > 0) return { records: [], problems, skipped, dropped };

  const nodes = new Map<string, Item>();
  for (const item of items) if (item.raw.kind === "node") nodes.set(String(item.raw.fields.id), item);

  // --accept linked: exact links (and the articles) are accepted.
  if (options.accept === "linked")
    for (const item of nodes.values())
      if (
        item.state === "proposed" &&
        ((item.review.kind === "link" && item.review.ambiguous !== true) || item.review.kind === "article")
      )
        item.state = "accepted";

  // Where a merged node ends up (following chains), or undefined when rejected.
  const target = (id: string, seen: string[] = []): { id: string; state: State } | undefined => {
    const item = nodes.get(id);
    if (!item) return { id, state: "accepted" }; // a node of the database
    const s = item.state!;
    if (typeof s === "object") {
      if (seen.includes(s.merge) || seen.length > 20) return undefined;
      return target(s.merge, [...seen, id]);
    }
    return { id, state: s };
  };

  const out: RawRecord[] = [];
  const aliasesFor = new Map<string, Set<string>>();
  const unreviewed = (item: Item, why = "is still proposed") => {
    if (options.accept === "linked") {
      skipped.push(`${item.path} ${describe(item.raw)}`);
      return;
    }
    problems.push({
      ...item.raw.location,
      line: item.raw.fieldLines?.review ?? item.raw.location.line,
      field: "review.state",
      message: `${item.path} (${describe(item.raw)}) ${why}: accept, reject or merge it (or ingest with --accept linked to write only the exact links and their MENTIONS)`,
    });
  };

  for (const item of nodes.values()) {
    const s = item.state!;
    const f = item.raw.fields;
    if (s === "rejected") {
      dropped++;
      continue;
    }
    if (s === "proposed") {
      unreviewed(item);
      continue;
    }
    if (typeof s === "object") {
      const to = target(String(f.id));
      if (!to) {
        problems.push({
          ...item.raw.location,
          field: "review.state",
          message: `${item.path} is merged in a circle: merge it into a node that is not merged itself`,
        });
        continue;
      }
      if (to.state === "rejected" || to.state === "proposed") {
        unreviewed(item, `is merged into ${to.id}, which is ${to.state}`);
        continue;
      }
      const names = [f.name, ...(Array.isArray(f.aliases) ? f.aliases : [])].filter(
        (x): x is string => typeof x === "string" && x.trim() !== "",
      );
      const set = aliasesFor.get(to.id) ?? new Set();
      for (const n of names) set.add(n);
      aliasesFor.set(to.id, set);
      continue;
    }
    // Accepted: a link exists already; a new node (or an article) is written.
    if (item.review.kind === "link") continue;
    const fields = { ...f };
    delete fields.review;
    out.push({ ...item.raw, fields });
  }

  // Merge targets: a draft node gets the aliases in its record; a database node is rewritten with them.
  const fromDb: string[] = [];
  for (const [id, names] of aliasesFor) {
    const record = out.find((r) => r.kind === "node" && r.fields.id === id);
    if (record) {
      const own = Array.isArray(record.fields.aliases)
        ? (record.fields.aliases as unknown[]).map(String)
        : [];
      record.fields.aliases = [...new Set([...own, ...names])].filter((a) => a !== record.fields.name);
    } else fromDb.push(id);
  }
  if (fromDb.length > 0) {
    const found = (await options.fetchNodes?.(fromDb)) ?? new Map();
    for (const id of fromDb) {
      const node = found.get(id);
      if (!node) {
        const merged = [...nodes.values()].find((i) => typeof i.state === "object" && i.state.merge === id);
        problems.push({
          ...(merged?.raw.location ?? { file }),
          field: "review.state",
          message: `${merged?.path ?? "a node"} is merged into ${id}, which is neither in the draft nor in the database`,
        });
        continue;
      }
      const properties = { ...node.properties };
      for (const key of DERIVED) delete properties[key];
      const own = Array.isArray(properties.aliases) ? (properties.aliases as unknown[]).map(String) : [];
      const aliases = [...new Set([...own, ...aliasesFor.get(id)!])].filter((a) => a !== properties.name);
      out.push({
        kind: "node",
        location: { file },
        fields: { labels: node.labels, ...properties, id, aliases },
      });
    }
  }

  // Relationships: ends moved to merge targets; a rejected end drops the relationship.
  const seen = new Set<string>();
  for (const item of items) {
    if (item.raw.kind !== "relationship") continue;
    const f = item.raw.fields;
    const start = target(String(f.start));
    const end = target(String(f.end));
    let s = item.state!;
    if (!start || !end || start.state === "rejected" || end.state === "rejected" || s === "rejected") {
      dropped++;
      continue;
    }
    // A MENTIONS nobody reviewed follows its entity.
    if (s === "proposed" && item.review.kind === "mention") s = end.state;
    if (s === "proposed") {
      unreviewed(item);
      continue;
    }
    if (typeof s === "object") {
      problems.push({
        ...item.raw.location,
        field: "review.state",
        message: `${item.path}: a relationship cannot be merged; accept or reject it`,
      });
      continue;
    }
    if (start.state !== "accepted" || end.state !== "accepted") {
      unreviewed(
        item,
        `needs ${start.state !== "accepted" ? start.id : end.id}, which is ${start.state !== "accepted" ? start.state : end.state}`,
      );
      continue;
    }
    const key = `${start.id}\u0000${String(f.type)}\u0000${end.id}`;
    if (seen.has(key)) continue; // two proposals merged into one node mention it once
    seen.add(key);
    const fields: Record<string, unknown> = { ...f, start: start.id, end: end.id };
    delete fields.review;
    out.push({ ...item.raw, fields });
  }
  return { records: out, problems, skipped, dropped };
}
