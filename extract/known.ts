/**
 * The entities a mention can be linked to: from Neo4j (extract/db/known-entities.ts) or from data sets
 * given with `--known FILE` (the seed, a colleague's export). Each with its name, aliases, English name
 * and the names of the places it is in.
 */
export interface KnownEntity {
  id: string;
  label: string;
  name: string;
  aliases: string[];
  nameEn?: string;
  role?: string;
  /** Names and aliases of the regions it is LOCATED_IN or PART_OF. */
  places: string[];
}

interface DatasetLike {
  nodes?: {
    label?: unknown;
    labels?: unknown;
    id?: unknown;
    name?: unknown;
    aliases?: unknown;
    nameEn?: unknown;
    role?: unknown;
  }[];
  relationships?: { type?: unknown; start?: unknown; end?: unknown }[];
}

const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v : undefined);

/** Known entities of a data set (JSON as parsed); nodes of `documentLabel` (articles) are left out. */
export function knownFromDataset(dataset: DatasetLike, documentLabel = "Article"): KnownEntity[] {
  const nodes = dataset.nodes ?? [];
  const byId = new Map<string, KnownEntity>();
  for (const n of nodes) {
    const label = text(n.label) ?? (Array.isArray(n.labels) ? text(n.labels[0]) : undefined);
    const id = text(n.id);
    const name = text(n.name) ?? text(n.nameEn);
    if (!label || !id || !name || label === documentLabel) continue;
    byId.set(id, {
      id,
      label,
      name,
      aliases: Array.isArray(n.aliases) ? n.aliases.filter((a): a is string => text(a) !== undefined) : [],
      ...(text(n.nameEn) ? { nameEn: text(n.nameEn)! } : {}),
      ...(text(n.role) ? { role: text(n.role)! } : {}),
      places: [],
    });
  }
  for (const r of dataset.relationships ?? []) {
    if (r.type !== "LOCATED_IN" && r.type !== "PART_OF") continue;
    const from = byId.get(String(r.start));
    const to = byId.get(String(r.end));
    if (from && to) from.places.push(to.name, ...to.aliases);
  }
  return [...byId.values()];
}
