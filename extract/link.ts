/**
 * Linking known entities: every name, alias and English name matched at once with Aho–Corasick
 * (modern-ahocorasick) on the normalised copy of the article, nested matches kept, crossing ones resolved
 * longest-first. A match is only an exact link when nothing makes it doubtful: a name several entities
 * share, a short or generic alias, a relative name (市总工会) in an article that does not name the entity's
 * place or names another place of that level, a person's name (a homonym is always possible) outside a
 * byline — those are marked ambiguous with the reason and candidates, and a reviewer decides.
 */
import AhoCorasick from "modern-ahocorasick";
import type { KnownEntity } from "./known.ts";
import { normaliseName } from "./normalise.ts";
import { GENERIC_NAMES, MIN_ALIAS_LENGTH, RELATIVE_PREFIXES } from "./tables.ts";

export interface PatternEntry {
  entity: KnownEntity;
  via: "name" | "alias" | "nameEn";
  /** The name as the entity has it (the method says `alias:市总工会`). */
  surface: string;
}

/** A match on the normalised copy: [start, end) in it. */
export interface LinkMatch {
  start: number;
  end: number;
  entries: PatternEntry[];
}

const LATIN = /^[\x20-\x7e]+$/u;

export class Linker {
  private readonly matcher: AhoCorasick<PatternEntry[]> | undefined;

  constructor(entities: readonly KnownEntity[]) {
    const byPattern = new Map<string, PatternEntry[]>();
    const add = (surface: string, entity: KnownEntity, via: PatternEntry["via"]) => {
      let pattern = normaliseName(surface).trim();
      if (LATIN.test(pattern)) pattern = pattern.toLowerCase();
      if (pattern.length === 0) return;
      const list = byPattern.get(pattern) ?? [];
      if (!list.some((e) => e.entity.id === entity.id)) list.push({ entity, via, surface });
      byPattern.set(pattern, list);
    };
    for (const e of entities) {
      add(e.name, e, "name");
      for (const a of e.aliases) add(a, e, "alias");
      if (e.nameEn && e.nameEn.length >= 4) add(e.nameEn, e, "nameEn");
    }
    const patterns = [...byPattern].map(([pattern, data]) => ({ pattern, data }));
    this.matcher = patterns.length > 0 ? new AhoCorasick(patterns) : undefined;
  }

  /** Matches in a normalised text, nested ones kept, crossing ones resolved longest-first. */
  find(normalised: string): LinkMatch[] {
    if (!this.matcher) return [];
    // Latin names match case-insensitively, on word boundaries.
    const lower = normalised.replace(/[A-Z]/gu, (c) => c.toLowerCase());
    const all = this.matcher
      .search(lower, { strategy: "all" })
      .filter((m) => !LATIN.test(m.pattern) || wordBounded(lower, m.start, m.end))
      .map((m) => ({ start: m.start, end: m.end, entries: m.data ?? [] }));
    // 市总工会 inside 北京市总工会 names the same entity again: not a mention of its own.
    const own = all.filter(
      (m) =>
        !all.some(
          (x) =>
            x !== m &&
            x.start <= m.start &&
            m.end <= x.end &&
            x.end - x.start > m.end - m.start &&
            m.entries.every((e) => x.entries.some((y) => y.entity.id === e.entity.id)),
        ),
    );
    return resolveOverlaps(own);
  }
}

function wordBounded(text: string, start: number, end: number): boolean {
  const word = /[a-z0-9]/u;
  return !word.test(text[start - 1] ?? "") && !word.test(text[end] ?? "");
}

/** Longest first; a match crossing a kept one (overlapping without nesting) is dropped. */
export function resolveOverlaps<T extends { start: number; end: number }>(matches: T[]): T[] {
  const sorted = [...matches].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: T[] = [];
  for (const m of sorted) {
    const crosses = kept.some(
      (k) =>
        m.start < k.end &&
        k.start < m.end &&
        !(k.start <= m.start && m.end <= k.end) &&
        !(m.start <= k.start && k.end <= m.end),
    );
    if (!crosses) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start || b.end - a.end);
}

export interface LinkVerdict {
  entity: KnownEntity;
  method: string;
  score: number;
  ambiguous: boolean;
  reason?: string;
  candidates: string[];
}

export interface ArticleContext {
  /** The article's normalised title and text, for "does it name this place". */
  normalised: string;
  /** City-level and province-level places the article names (full names). */
  places: Set<string>;
  /** Whether the mention is a byline credit (记者 X). */
  byline?: boolean;
}

function relative(surface: string): boolean {
  return RELATIVE_PREFIXES.some((p) => surface.startsWith(p) && surface.length > p.length);
}

/** Decides whether one match links, or is ambiguous and why. */
export function judge(match: LinkMatch, context: ArticleContext): LinkVerdict {
  const entries = match.entries;
  const first = entries[0]!;
  const candidates = [...new Set(entries.map((e) => e.entity.id))];
  const method = `${first.via}:${first.surface}`;
  if (candidates.length > 1)
    return {
      entity: first.entity,
      method,
      score: 0.4,
      ambiguous: true,
      reason: `"${first.surface}" names ${candidates.length} known entities`,
      candidates,
    };
  const { entity, via, surface } = first;
  const base = { entity, method, candidates };
  if (GENERIC_NAMES.has(surface) || surface.length < MIN_ALIAS_LENGTH)
    return { ...base, score: 0.3, ambiguous: true, reason: `"${surface}" is a generic or short name` };
  if (via !== "name" && relative(surface)) {
    const named =
      entity.places.some((p) => context.normalised.includes(normaliseName(p))) ||
      context.normalised.includes(normaliseName(entity.name));
    if (!named) {
      const others = [...context.places].filter((p) => !entity.places.includes(p));
      const elsewhere = others.length > 0 ? `; it names ${others.join("、")}` : "";
      return {
        ...base,
        score: 0.4,
        ambiguous: true,
        reason: `"${surface}" is relative to a place, and the article does not name ${entity.name}'s${elsewhere}`,
      };
    }
  }
  if (
    entity.label === "Person" &&
    !(context.byline && /reporter|photographer|correspondent/u.test(entity.role ?? ""))
  )
    return {
      ...base,
      score: 0.5,
      ambiguous: true,
      reason: `a person named ${entity.name} is known; a namesake is possible`,
    };
  return { ...base, score: via === "name" ? 0.95 : 0.9, ambiguous: false };
}
