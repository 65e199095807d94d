/** Pure helpers of the inspector: property order and formatting, neighbour grouping. */
import type { NodeDetailsResponse } from "../../../../core/api-types.ts";
import type { PlainValue } from "../../../../core/plain-values.ts";

/** Identity first, then what describes the node, then the rest alphabetically; search keys last. */
const FIRST = ["name", "nameEn", "aliases", "description", "id", "kind", "level", "title", "titleEn"];
const LAST = ["text", "pinyin"];

export function orderedProperties(properties: Record<string, PlainValue>): [string, PlainValue][] {
  const rank = (key: string) => {
    const first = FIRST.indexOf(key);
    if (first >= 0) return first;
    const last = LAST.indexOf(key);
    return last >= 0 ? 1000 + last : 100;
  };
  return Object.entries(properties).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Provenance is shown as evidence, not as properties. */
const PROVENANCE = new Set(["evidence", "articles", "article"]);

/** A relationship's properties as the inspector lists them: provenance left to the evidence. */
export function edgeProperties(properties: Record<string, PlainValue>): [string, PlainValue][] {
  return orderedProperties(properties).filter(([key]) => !PROVENANCE.has(key));
}

export type FormattedValue =
  | { kind: "text"; text: string }
  | { kind: "long-text"; text: string }
  | { kind: "chips"; items: string[] }
  | { kind: "empty" };

/** Long texts (an article's body) are folded; lists become chips; structures become JSON text. */
export function formatValue(value: PlainValue): FormattedValue {
  if (value === null || value === undefined) return { kind: "empty" };
  if (Array.isArray(value)) {
    if (value.length === 0) return { kind: "empty" };
    return {
      kind: "chips",
      items: value.map((v) => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v))),
    };
  }
  if (typeof value === "object") return { kind: "text", text: JSON.stringify(value) };
  const text = String(value);
  return text.length > 160 ? { kind: "long-text", text } : { kind: "text", text };
}

export type DetailGroup = NodeDetailsResponse["groups"][number];

/** Groups with the most relationships first; ties by type. */
export function sortedGroups(groups: readonly DetailGroup[]): DetailGroup[] {
  return [...groups].sort(
    (a, b) => b.total - a.total || a.type.localeCompare(b.type) || a.direction.localeCompare(b.direction),
  );
}

/**
 * Evidence quotes, one entry per distinct (quote, article): several relationships often cite one sentence,
 * and a fact several articles support has an entry for each.
 */
export function groupEvidence(evidence: NodeDetailsResponse["evidence"]) {
  const byQuote = new Map<
    string,
    {
      quote: string;
      article: string | undefined;
      facts: { edge: string; type: string; other: string; outgoing: boolean }[];
    }
  >();
  for (const item of evidence) {
    for (const { quote, article } of item.supports) {
      const key = `${article?.id ?? ""}\u0000${quote}`;
      let entry = byQuote.get(key);
      if (!entry) byQuote.set(key, (entry = { quote, article: article?.title, facts: [] }));
      entry.facts.push({
        edge: item.edge.key,
        type: item.edge.type,
        other: item.other.name,
        outgoing: item.edge.target === item.other.key,
      });
    }
  }
  return [...byQuote.values()];
}
