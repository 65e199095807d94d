/**
 * Article text → draft: stories split, sentences found, known entities linked, new ones proposed,
 * relationships suggested only where a sentence names both ends and a trigger (or the names themselves:
 * a union of a company, a college named after its district) supports the type, every item with its
 * evidence quoted verbatim from the article and its offsets. Pure: the known entities are given.
 */
import { DEFAULT_SCHEMA, type GraphSchema } from "../core/schema/graph-schema.ts";
import {
  DRAFT_FORMAT,
  DRAFT_VERSION,
  type Draft,
  type DraftNode,
  type DraftRelationship,
  type Mention,
  type NodeReview,
  type TextSpan,
} from "../core/draft.ts";
import { chinaGazetteer, shortForm, type Division, type Gazetteer } from "./gazetteer.ts";
import { uniqueId, slug } from "./ids.ts";
import type { KnownEntity } from "./known.ts";
import { judge, Linker, resolveOverlaps } from "./link.ts";
import { normaliseText, originalSpan, type NormalisedText } from "./normalise.ts";
import { datesIn, placeAtStart, proposeInSentence, type Proposal } from "./propose.ts";
import { segmentSentences, type Sentence } from "./sentences.ts";
import { splitStories, type StoryText } from "./split.ts";
import { RELATIVE_PREFIXES, TRIGGER_RULES } from "./tables.ts";

export interface ExtractOptions {
  known?: readonly KnownEntity[];
  schema?: GraphSchema;
  /** Id of the article (several stories: ID-1, ID-2, …); default from the headline. */
  articleId?: string;
  /** The source document's name (Article.source). */
  source?: string;
  knownFrom?: string[];
  gazetteer?: Gazetteer;
  /** Ids already taken (the known entities' are added). */
  now?: () => Date;
}

interface Field {
  name: "title" | "text";
  text: string;
  norm: NormalisedText;
  sentences: Sentence[];
}

interface Occurrence {
  key: string;
  field: Field;
  /** Original offsets. */
  start: number;
  end: number;
  sentence: Sentence;
  nested: boolean;
}

interface Entity {
  key: string;
  label: string;
  id: string;
  name: string;
  properties: Record<string, unknown>;
  review: Omit<NodeReview, "mentions" | "state">;
  aliases: Set<string>;
  divisions?: Division[];
  role?: string;
  mentions: Mention[];
}

/** Original offsets → normalised offsets (the first unit of the copy at or after it). */
function toNormalised(n: NormalisedText, original: number): number {
  let lo = 0;
  let hi = n.offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (n.offsets[mid]! < original) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sentenceAt(field: Field, start: number): Sentence {
  return (
    field.sentences.find((s) => s.start <= start && start < s.end) ?? {
      start: 0,
      end: field.text.length,
      text: field.text,
    }
  );
}

const LEVEL_RANK: Record<string, number> = {
  country: 0,
  province: 1,
  municipality: 1,
  prefecture: 2,
  district: 3,
  county: 3,
};

class StoryExtraction {
  readonly entities = new Map<string, Entity>();
  readonly occurrences: Occurrence[] = [];
  readonly relationships: DraftRelationship[] = [];
  readonly fields: Field[];
  private readonly relKeys = new Set<string>();

  constructor(
    readonly story: StoryText,
    readonly articleId: string,
    private readonly shared: SharedState,
  ) {
    this.fields = (["title", "text"] as const).map((name) => {
      const text = story[name];
      return { name, text, norm: normaliseText(text), sentences: segmentSentences(text) };
    });
  }

  private span(field: Field, start: number, end: number): TextSpan {
    return { article: this.articleId, field: field.name, start, end };
  }

  private entity(key: string, make: () => Omit<Entity, "key" | "mentions" | "aliases">): Entity {
    let e = this.shared.entities.get(key);
    if (!e) {
      e = { key, mentions: [], aliases: new Set(), ...make() };
      this.shared.entities.set(key, e);
    }
    this.entities.set(key, e);
    return e;
  }

  private occur(e: Entity, field: Field, start: number, end: number): void {
    if (
      this.occurrences.some((o) => o.key === e.key && o.field === field && o.start === start && o.end === end)
    )
      return;
    const sentence = sentenceAt(field, start);
    this.occurrences.push({ key: e.key, field, start, end, sentence, nested: false });
    e.mentions.push({ ...this.span(field, start, end), text: field.text.slice(start, end) });
  }

  run(): void {
    const { linker, gazetteer, schema } = this.shared;
    const allNorm = this.fields.map((f) => f.norm.text).join("\n");
    // Proposals first: bylines decide whether a person's name links.
    const proposals: { field: Field; p: Proposal }[] = [];
    for (const field of this.fields) {
      for (const s of field.sentences) {
        const from = toNormalised(field.norm, s.start);
        const to = toNormalised(field.norm, s.end);
        for (const p of proposeInSentence(gazetteer, field.norm.text, from, to)) proposals.push({ field, p });
      }
      // A district's short form opening an organisation's name, where the article names its city.
      for (const { p } of proposals.filter((x) => x.field === field && x.p.label === "Organisation")) {
        const place = placeAtStart(gazetteer, field.norm.text, p);
        const divisions = place?.divisions?.filter((d) => d.parent && this.named(d.parent, allNorm));
        if (place && divisions && divisions.length > 0) proposals.push({ field, p: { ...place, divisions } });
      }
    }
    const places = new Set<string>();
    for (const { p } of proposals)
      for (const d of p.divisions ?? []) if (LEVEL_RANK[d.level]! <= 2) places.add(d.name);

    // Links.
    const linkedSpans: { field: Field; start: number; end: number; label: string }[] = [];
    for (const field of this.fields) {
      for (const m of linker.find(field.norm.text)) {
        const byline = proposals.some(
          (x) => x.field === field && x.p.label === "Person" && x.p.start === m.start && x.p.end === m.end,
        );
        const verdict = judge(m, { normalised: allNorm, places, byline });
        const k = verdict.entity;
        if (!schema.hasLabel(k.label)) continue;
        const e = this.entity(`link:${k.id}`, () => ({
          label: k.label,
          id: k.id,
          name: k.name,
          properties: { name: k.name, ...(k.nameEn ? { nameEn: k.nameEn } : {}) },
          review: {
            kind: "link",
            method: verdict.method,
            score: verdict.score,
            ambiguous: verdict.ambiguous,
            ...(verdict.reason ? { reason: verdict.reason } : {}),
            candidates: verdict.candidates,
          },
        }));
        // One exact mention is enough for the link to be exact.
        if (e.review.ambiguous && !verdict.ambiguous) {
          e.review = {
            kind: "link",
            method: verdict.method,
            score: verdict.score,
            ambiguous: false,
            candidates: verdict.candidates,
          };
        }
        const o = originalSpan(field.norm, m.start, m.end);
        this.occur(e, field, o.start, o.end);
        linkedSpans.push({ field, start: m.start, end: m.end, label: k.label });
      }
    }

    // Proposals, longest first so a relative name finds the full one it abbreviates. A name inside a longer
    // one of the same label (北京城建集团 in 北京城建集团培训中心) is part of it, not a second entity,
    // unless the longer one is a sub-unit of it (北京保障房中心 of 北京保障房中心工会).
    const parents = new Set(
      proposals
        .filter((x) => x.p.parentSpan)
        .map((x) => `${x.field.name}:${x.p.parentSpan!.start}:${x.p.parentSpan!.end}`),
    );
    const kept = proposals.filter(
      (x) =>
        parents.has(`${x.field.name}:${x.p.start}:${x.p.end}`) ||
        // …工作室 opening …工作室联盟 is the alliance's name, not a body of its own (an event is named after others).
        (!proposals.some(
          (y) =>
            y !== x &&
            y.field === x.field &&
            y.p.label !== x.p.label &&
            y.p.label !== "Event" &&
            x.p.label !== "Region" &&
            y.p.start === x.p.start &&
            y.p.end > x.p.end,
        ) &&
          !proposals.some(
            (y) =>
              y !== x &&
              y.field === x.field &&
              y.p.label === x.p.label &&
              y.p.start <= x.p.start &&
              x.p.end <= y.p.end &&
              y.p.end - y.p.start > x.p.end - x.p.start,
          )),
    );
    // Offsets are per field: overlaps are resolved within the title and within the text.
    const ordered = this.fields.flatMap((f) =>
      resolveOverlaps(
        kept.filter((x) => x.field === f).map((x) => ({ ...x, start: x.p.start, end: x.p.end })),
      ),
    );
    ordered.sort((a, b) => b.end - b.start - (a.end - a.start));
    const spanEntity = new Map<string, Entity>();
    for (const { field, p } of ordered) {
      if (!schema.hasLabel(p.label)) continue;
      // Inside or equal to a link: the link says it already.
      if (linkedSpans.some((l) => l.field === field && l.start <= p.start && p.end <= l.end)) continue;
      const surface = field.norm.text.slice(p.start, p.end);
      const o = originalSpan(field.norm, p.start, p.end);
      const original = field.text.slice(o.start, o.end);
      let e: Entity | undefined;
      if (p.label === "Region") {
        const divisions = this.chooseDivisions(p.divisions ?? [], allNorm);
        const full = divisions[0]?.name ?? surface;
        if (this.shared.linkedNames.has(full)) continue;
        e = this.entity(`new:Region:${full}`, () => ({
          label: "Region",
          id: uniqueId("Region", full, this.shared.ids),
          name: full,
          properties: { name: full, ...(divisions[0] ? { level: divisions[0].level } : {}) },
          review: {
            kind: "new",
            method: p.method,
            score: p.score,
            ...(divisions.length > 1
              ? {
                  notes: [
                    `the gazetteer has ${divisions.length} places named ${full} (in ${divisions.map((d) => d.parent ?? d.province).join("、")})`,
                  ],
                }
              : {}),
          },
          divisions,
        }));
        if (full !== original) e.aliases.add(original);
      } else {
        const relative = RELATIVE_PREFIXES.some((r) => surface.startsWith(r));
        // A shorter form of a name this article gives in full (市总工会, 保障房中心工会, 单身职工联谊会 after
        // “缘起保障，情定未来”单身职工联谊会) is that entity again: one more mention, and an alias.
        const full = [...this.entities.values()].find(
          (x) =>
            x.label === p.label &&
            x.name !== original &&
            x.mentions.some((m) => m.article === this.articleId) &&
            normaliseText(x.name).text.endsWith(surface),
        );
        if (full) {
          if (full.review.kind === "new" && relative) full.aliases.add(original);
          this.occur(full, field, o.start, o.end);
          continue;
        }
        e = this.entity(`new:${p.label}:${surface}`, () => ({
          label: p.label,
          id: uniqueId(p.label, original, this.shared.ids),
          name: original,
          properties: { name: original, ...p.properties },
          review: {
            kind: "new",
            method: p.method,
            score: relative ? Math.min(p.score, 0.4) : p.score,
            ...(relative
              ? {
                  notes: [
                    `"${original}" is relative to a place: complete the name if the article says which`,
                  ],
                }
              : {}),
          },
          ...(p.role ? { role: p.role } : {}),
        }));
        if (surface !== original) e.aliases.add(surface);
      }
      spanEntity.set(`${field.name}:${p.start}:${p.end}`, e);
      this.occur(e, field, o.start, o.end);
    }
    this.markNested();
    this.mentionsAndNames(proposals, spanEntity);
    this.triggers();
  }

  /** Whether the article or the known graph names a place (full or short name). */
  private named(place: string, allNorm: string): boolean {
    const short = shortForm(place);
    return (
      allNorm.includes(place) ||
      this.shared.linkedNames.has(place) ||
      (short !== undefined && allNorm.includes(short))
    );
  }

  /** Of a homonym's divisions, those whose parent the article names; all of them when it names none. */
  private chooseDivisions(divisions: Division[], allNorm: string): Division[] {
    if (divisions.length <= 1) return divisions;
    const named = divisions.filter(
      (d) => d.parent && (allNorm.includes(d.parent) || this.shared.linkedNames.has(d.parent)),
    );
    return named.length > 0 ? named : divisions;
  }

  private markNested(): void {
    for (const o of this.occurrences)
      o.nested = this.occurrences.some(
        (x) =>
          x !== o &&
          x.key !== o.key &&
          x.field === o.field &&
          x.start <= o.start &&
          o.end <= x.end &&
          x.end - x.start > o.end - o.start,
      );
  }

  private relate(
    type: string,
    start: Entity | string,
    end: Entity | string,
    sentence: Sentence,
    field: Field,
    method: string,
    score: number,
    properties: Record<string, unknown> = {},
    kind: "mention" | "suggestion" = "suggestion",
  ): void {
    const { schema } = this.shared;
    if (!schema.hasRelationshipType(type)) return;
    const labelOf = (x: Entity | string) =>
      typeof x === "string" ? (schema.documentLabel ?? "Article") : x.label;
    const ends = schema.allowedEnds(type);
    if (!ends.from.includes(labelOf(start)) || !ends.to.includes(labelOf(end))) return;
    const s = typeof start === "string" ? start : start.id;
    const e = typeof end === "string" ? end : end.id;
    if (s === e) return;
    const key = `${s}\u0000${type}\u0000${e}`;
    if (this.relKeys.has(key)) return;
    this.relKeys.add(key);
    this.relationships.push({
      type,
      start: s,
      end: e,
      ...properties,
      evidence: [sentence.text],
      article: this.articleId,
      review: {
        state: "proposed",
        kind,
        method,
        score,
        evidenceAt: this.span(field, sentence.start, sentence.end),
      },
    });
  }

  private first(e: Entity): Occurrence {
    return this.occurrences.find((o) => o.key === e.key)!;
  }

  /** MENTIONS, bylines, republication, sub-units, places named in names, the gazetteer's parents. */
  private mentionsAndNames(
    proposals: { field: Field; p: Proposal }[],
    spanEntity: Map<string, Entity>,
  ): void {
    const article = this.articleId;
    for (const e of this.entities.values()) {
      const o = this.first(e);
      if (!o) continue;
      this.relate(
        "MENTIONS",
        article,
        e,
        o.sentence,
        o.field,
        e.review.method,
        e.review.score,
        {},
        "mention",
      );
      if (e.label === "Person" && e.review.method.startsWith("byline:"))
        this.relate("REPORTED", e, article, o.sentence, o.field, e.review.method, 0.9, {
          role: e.role ?? "reporter",
        });
      if (e.review.method.startsWith("republished:"))
        this.relate("REPUBLISHED_FROM", article, e, o.sentence, o.field, e.review.method, 0.8);
    }
    for (const { field, p } of proposals) {
      if (!p.parentSpan) continue;
      const child = spanEntity.get(`${field.name}:${p.start}:${p.end}`);
      const parent = spanEntity.get(`${field.name}:${p.parentSpan.start}:${p.parentSpan.end}`);
      if (!child || !parent) continue;
      this.relate("PART_OF", child, parent, this.first(child).sentence, field, p.method, 0.7);
    }
    // A place opening a name (北京市大兴区第一职业学校): the most specific one is where it is.
    const subUnits = new Set(this.relationships.filter((r) => r.type === "PART_OF").map((r) => r.start));
    for (const o of this.occurrences) {
      const e = this.entities.get(o.key)!;
      // Organisations and alliances named after their place; a sub-unit is where its body is.
      if ((e.label !== "Organisation" && e.label !== "Alliance") || subUnits.has(e.id)) continue;
      const inside = this.occurrences
        .filter(
          (x) =>
            x.field === o.field &&
            x.key !== o.key &&
            o.start <= x.start &&
            x.end <= o.end &&
            this.entities.get(x.key)!.label === "Region",
        )
        .map((x) => ({ x, region: this.entities.get(x.key)! }));
      if (inside.length === 0) continue;
      const best = inside.sort(
        (a, b) => this.rank(b.region) - this.rank(a.region) || b.x.start - a.x.start,
      )[0]!;
      // 河北省廊坊市…工作室 is also called 廊坊市…工作室.
      const lead = inside.find((i) => i.x.start === o.start && inside.some((j) => j.x.start === i.x.end));
      if (lead && e.review.kind === "new") e.aliases.add(o.field.text.slice(lead.x.end, o.end));
      this.relate("LOCATED_IN", e, best.region, o.sentence, o.field, `name:${best.region.name}`, 0.6);
    }
    // Regions inside regions, by the gazetteer.
    const regions = [...this.entities.values()].filter((e) => e.label === "Region");
    for (const child of regions) {
      const divisions = child.divisions ?? chinaGazetteer().lookup(child.name);
      if (divisions.length !== 1 || !divisions[0]!.parent) continue;
      const parentName = divisions[0]!.parent;
      const parent = regions.find((r) => r.name === parentName || r.aliases.has(parentName));
      if (parent)
        this.relate(
          "PART_OF",
          child,
          parent,
          this.first(child).sentence,
          this.first(child).field,
          `gazetteer:${parentName}`,
          0.8,
        );
    }
  }

  private rank(region: Entity): number {
    const level =
      (region.properties.level as string | undefined) ??
      region.divisions?.[0]?.level ??
      chinaGazetteer().lookup(region.name)[0]?.level;
    return LEVEL_RANK[level ?? ""] ?? 2;
  }

  /** A trigger word between two names of one sentence suggests its type, in that direction. */
  private triggers(): void {
    for (const field of this.fields) {
      for (const sentence of field.sentences) {
        const here = this.occurrences
          .filter((o) => o.field === field && o.start >= sentence.start && o.end <= sentence.end && !o.nested)
          .filter((o) => !this.entities.get(o.key)!.review.ambiguous)
          .sort((a, b) => a.start - b.start);
        if (here.length === 0) continue;
        for (const rule of TRIGGER_RULES) {
          for (const word of rule.words) {
            for (
              let at = sentence.text.indexOf(word);
              at >= 0;
              at = sentence.text.indexOf(word, at + word.length)
            ) {
              const t = sentence.start + at;
              const from = this.shared.schema.allowedEnds(rule.type).from;
              const before = here.filter((o) => o.end <= t);
              // The start: the nearest name before the trigger that can start this type, and the names
              // listed with it (A、B和C共同举办…).
              const starters = before.filter((o) => from.includes(this.entities.get(o.key)!.label));
              const a = starters.at(-1) ?? before.at(-1);
              if (!a) continue;
              const starts = [a];
              for (let k = starters.indexOf(a) - 1; k >= 0; k--) {
                const between = field.text.slice(starters[k]!.end, starts[0]!.start);
                if (!/^[、和与及\s]+$/u.test(between)) break;
                starts.unshift(starters[k]!);
              }
              // The ends: names after the trigger up to the clause's end (lists: A、B和C).
              const clauseEnd = (() => {
                const rest = field.text.slice(t + word.length, sentence.end);
                const m = /[，。；！？]/u.exec(rest);
                return m ? t + word.length + m.index : sentence.end;
              })();
              const after = here.filter((o) => o.start >= t + word.length && o.end <= clauseEnd);
              const start = this.entities.get(a.key)!;
              const dates = datesIn(sentence.text);
              for (const s0 of starts)
                for (const b of after) {
                  const end = this.entities.get(b.key)!;
                  const year = dates[0]?.year;
                  const properties =
                    year !== undefined && ["ESTABLISHED", "DESIGNATED"].includes(rule.type) ? { year } : {};
                  this.relate(
                    rule.type,
                    this.entities.get(s0.key)!,
                    end,
                    sentence,
                    field,
                    `trigger:${word}`,
                    rule.score,
                    properties,
                  );
                }
              // …成立X联盟 / X联盟成立: the founding date of what was founded, partial as given.
              if (rule.type === "ESTABLISHED" && dates[0]) {
                const founded = after.length > 0 ? after.map((b) => this.entities.get(b.key)!) : [start];
                for (const f of founded) {
                  if (f.label !== "Alliance" || f.review.kind !== "new") continue;
                  f.properties.foundedYear = dates[0].year;
                  if (dates[0].month !== undefined) f.properties.foundedMonth = dates[0].month;
                }
              }
            }
          }
        }
      }
    }
  }
}

interface SharedState {
  linker: Linker;
  gazetteer: Gazetteer;
  schema: GraphSchema;
  ids: Set<string>;
  entities: Map<string, Entity>;
  linkedNames: Set<string>;
}

function articleIds(stories: StoryText[], options: ExtractOptions, ids: Set<string>): string[] {
  return stories.map((s, i) => {
    if (options.articleId) {
      const id = stories.length === 1 ? options.articleId : `${options.articleId}-${i + 1}`;
      ids.add(id);
      return id;
    }
    let id = `article:${slug(s.title, 48)}`;
    for (let n = 2; ids.has(id); n++) id = `article:${slug(s.title, 48)}-${n}`;
    ids.add(id);
    return id;
  });
}

export interface ExtractResult {
  draft: Draft;
  stories: { id: string; title: string; ms: number }[];
}

/** Extracts every story of one text. */
export function extractText(text: string, options: ExtractOptions = {}): ExtractResult {
  return extractStories(splitStories(text), options);
}

export function extractStories(stories: StoryText[], options: ExtractOptions = {}): ExtractResult {
  const schema = options.schema ?? DEFAULT_SCHEMA;
  const documentLabel = schema.documentLabel ?? "Article";
  const known = options.known ?? [];
  const ids = new Set(known.map((k) => k.id));
  const shared: SharedState = {
    linker: new Linker(known),
    gazetteer: options.gazetteer ?? chinaGazetteer(),
    schema,
    ids,
    entities: new Map(),
    linkedNames: new Set(known.flatMap((k) => [k.name, ...k.aliases])),
  };
  const articleIdList = articleIds(stories, options, ids);
  const nodes: DraftNode[] = [];
  const relationships: DraftRelationship[] = [];
  const timings: ExtractResult["stories"] = [];
  stories.forEach((story, i) => {
    const started = performance.now();
    const id = articleIdList[i]!;
    const x = new StoryExtraction(story, id, shared);
    x.run();
    nodes.push({
      label: documentLabel,
      id,
      name: story.title,
      title: story.title,
      ...(story.section ? { section: story.section } : {}),
      ...((options.source ?? story.source) ? { source: options.source ?? story.source } : {}),
      text: story.text,
      review: { state: "accepted", kind: "article", method: "input", score: 1, mentions: [] },
    });
    relationships.push(...x.relationships);
    timings.push({ id, title: story.title, ms: performance.now() - started });
  });
  for (const e of shared.entities.values()) {
    const aliases = [...e.aliases].filter((a) => a !== e.name);
    nodes.push({
      label: e.label,
      id: e.id,
      ...e.properties,
      ...(e.review.kind === "new" && aliases.length > 0 ? { aliases } : {}),
      review: { state: "proposed", ...e.review, mentions: e.mentions },
    });
  }
  const draft: Draft = {
    format: DRAFT_FORMAT,
    version: DRAFT_VERSION,
    createdAt: (options.now?.() ?? new Date()).toISOString(),
    schemaName: schema.name,
    knownFrom: options.knownFrom ?? [],
    nodes,
    relationships,
  };
  return { draft, stories: timings };
}
