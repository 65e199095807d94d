/** Stable, readable ids for proposed nodes: a label prefix and the toneless pinyin of the name. */
import { pinyin } from "pinyin-pro";

const PREFIXES: Record<string, string> = {
  Organisation: "org",
  Region: "region",
  Alliance: "alliance",
  Person: "person",
  Event: "event",
  Article: "article",
};

export function slug(name: string, max = 60): string {
  const parts = pinyin(name, { toneType: "none", type: "array", nonZh: "consecutive", v: true })
    .map((s) =>
      s
        .toLowerCase()
        .replace(/[^a-z0-9]+/gu, "-")
        .replace(/^-|-$/gu, ""),
    )
    .filter((s) => s.length > 0);
  const joined = parts.join("-").slice(0, max).replace(/-$/u, "");
  return joined || "x";
}

/** An id not yet taken: `org:bei-jing-shi-zong-gong-hui`, then `…-2`, `…-3`. */
export function uniqueId(label: string, name: string, taken: Set<string>): string {
  const base = `${PREFIXES[label] ?? label.toLowerCase()}:${slug(name)}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}
