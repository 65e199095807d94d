/**
 * Proposing new entities in one sentence: names grown backwards from an organisation, alliance or event
 * suffix (tables.ts) over the words jieba tags as name parts (and over “quoted” parts), bylines (记者 X),
 * media a story is republished from (转自《…》) and place names of the gazetteer. Offsets are into the
 * normalised text the sentence lies in.
 */
import AhoCorasick from "modern-ahocorasick";
import type { Division, Gazetteer } from "./gazetteer.ts";
import { tokenize, type Token } from "./segment.ts";
import {
  BYLINE_WORDS,
  NAME_STOP_WORDS,
  NAME_VERBS,
  PHOTO_CREDIT,
  REPUBLISHED_WORDS,
  SUFFIX_RULES,
  TRIGGER_RULES,
  type SuffixRule,
} from "./tables.ts";

export interface Proposal {
  label: string;
  start: number;
  end: number;
  method: string;
  score: number;
  properties: Record<string, string | number>;
  /** For a sub-unit (…公司工会): the [start, end) of the body it belongs to. */
  parentSpan?: { start: number; end: number };
  /** For a region: the gazetteer's divisions of that name. */
  divisions?: Division[];
  /** For a byline: the role. */
  role?: string;
}

const NAME_TAGS = new Set([
  "n",
  "nr",
  "ns",
  "nt",
  "nz",
  "nrt",
  "nrfg",
  "ng",
  "j",
  "vn",
  "an",
  "b",
  "eng",
  "l",
  "nw",
]);
const PLACE_TAGS = new Set(["ns", "nt", "nz", "j"]);
const CLAUSE_VERBS = new Set([
  ...TRIGGER_RULES.flatMap((r) => r.words),
  "了解",
  "通过",
  "包括",
  "是",
  "有",
  "在",
  "对",
  "向",
  "打造",
  "实施",
  "建立",
  "形成",
  "发放",
  "前往",
  "吸引",
  "宣读",
  "颁发",
  "鼓励",
  "进行",
  "围绕",
  "结合",
  "制定",
  "加强",
  "服务",
  "提升",
  "获得",
]);
const CLAUSE_VERBS_RE = new RegExp([...CLAUSE_VERBS].join("|"), "u");
const OPEN_OF: Record<string, string> = { "”": "“", "’": "‘", "》": "《", "」": "「", "』": "『" };

let suffixMatcher: AhoCorasick<SuffixRule> | undefined;
function suffixes(): AhoCorasick<SuffixRule> {
  suffixMatcher ??= new AhoCorasick(SUFFIX_RULES.map((rule) => ({ pattern: rule.suffix, data: rule })));
  return suffixMatcher;
}

/** The longest suffix rule ending a name. */
export function suffixRuleOf(name: string): SuffixRule | undefined {
  return [...SUFFIX_RULES]
    .sort((a, b) => b.suffix.length - a.suffix.length)
    .find((r) => name.endsWith(r.suffix));
}

const HAN_ONLY = /^\p{Script=Han}+$/u;

/** A word that may be part of a name: a noun-like tag, or a word the dictionary does not know (星宇车). */
function nameLike(t: Token): boolean {
  return (NAME_TAGS.has(t.tag) || (t.tag === "x" && HAN_ONLY.test(t.word))) && !NAME_STOP_WORDS.has(t.word);
}

/** Proper-noun parts: a name with one of them (or a quote, or an ordinal) is specific enough to propose. */
const PROPER_TAGS = new Set(["ns", "nr", "nz", "nt", "nrt", "nrfg", "eng", "j", "x"]);

/**
 * Grows a name backwards from the token before `index` (the suffix is tokens[index..]), word by word,
 * while the words are name parts; returns the start offset.
 */
function growBack(tokens: Token[], index: number, text: string): number {
  let i = index - 1;
  let start = tokens[index]!.start;
  while (i >= 0) {
    const t = tokens[i]!;
    const opening = OPEN_OF[t.word];
    if (opening) {
      // A quoted part (“通武廊”) belongs to the name: jump to its opening mark in this sentence.
      const open = text.lastIndexOf(opening, t.start - 1);
      if (open < 0 || text.slice(open, t.start).match(/[。！？；]/u)) break;
      start = open;
      while (i >= 0 && tokens[i]!.start > open) i--;
      i--;
      continue;
    }
    if (t.tag === "m" && /^第/u.test(t.word)) {
      start = t.start;
      i--;
      continue;
    }
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (nameLike(t)) {
      start = t.start;
      i--;
      continue;
    }
    // A verb inside a name (职工创新工作室; 北京保障房中心 after a place): between name parts, never a clause verb.
    if (
      (t.tag === "v" || t.tag === "vd") &&
      !CLAUSE_VERBS.has(t.word) &&
      prev !== undefined &&
      ((NAME_VERBS.has(t.word) && (nameLike(prev) || OPEN_OF[prev.word] !== undefined)) ||
        PLACE_TAGS.has(prev.tag)) &&
      next !== undefined &&
      nameLike(next)
    ) {
      start = t.start;
      i--;
      continue;
    }
    // 劳模和工匠…: a conjunction between plain name parts, not between two names.
    if (
      (t.word === "和" || t.word === "与") &&
      prev !== undefined &&
      nameLike(prev) &&
      !suffixRuleOf(prev.word) &&
      next !== undefined &&
      nameLike(next) &&
      tokens[i - 2] !== undefined &&
      OPEN_OF[tokens[i - 2]!.word] !== undefined
    ) {
      start = t.start;
      i--;
      continue;
    }
    break;
  }
  return start;
}

/** Proposals from name suffixes in the sentence text[from, to). */
function suffixProposals(text: string, from: number, to: number): Proposal[] {
  const sentence = text.slice(from, to);
  const tokens = tokenize(sentence);
  const boundaries = new Set(tokens.flatMap((t) => [t.start, t.end]));
  const out: Proposal[] = [];
  // The longest suffix at each end position.
  const byEnd = new Map<number, SuffixRule>();
  for (const m of suffixes().search(sentence, { strategy: "all" })) {
    const rule = m.data!;
    const current = byEnd.get(m.end);
    if (!current || current.suffix.length < rule.suffix.length) byEnd.set(m.end, rule);
  }
  for (const [end, rule] of byEnd) {
    // The suffix must end a word, or a word fused with a verb after it (工会组织 → 工会 + 组织).
    const fused = tokens.find((t) => t.start < end && end < t.end);
    if (!boundaries.has(end) && !(fused && CLAUSE_VERBS.has(sentence.slice(end, fused.end)))) continue;
    const suffixStart = end - rule.suffix.length;
    // The token holding the suffix's first character starts the grow.
    const index = tokens.findIndex((t) => t.start <= suffixStart && suffixStart < t.end);
    if (index < 0) continue;
    let start = growBack(tokens, index, sentence);
    // Not from a verb or a quantifier: 宣传工会, 全市工会 are not names.
    for (;;) {
      const first = tokens.find((t) => t.start === start);
      const lead = /^(全市|全区|全县|全省|全国|各级|各)/u.exec(sentence.slice(start, end));
      if (lead) start += lead[0].length;
      else if (
        first &&
        (first.tag === "v" || first.tag === "vn" || first.tag === "d") &&
        first.end < end - rule.suffix.length
      )
        start = first.end;
      else break;
    }
    // A quoted name a few words before (“畅享初冬 健康同行”冬季徒步活动, 暖“新”行动) belongs to it.
    const quoted = /(\p{Script=Han}?)“[^“”。！？；]{1,20}”([\p{Script=Han}]{0,6})$/u.exec(
      sentence.slice(0, start),
    );
    if (quoted && !CLAUSE_VERBS_RE.test(quoted[2]!)) {
      const lead =
        quoted[1] &&
        tokens.find((t) => t.word === quoted[1] && t.end === start - quoted[0].length + 1)?.tag === "a";
      start -= quoted[0].length - (lead ? 0 : quoted[1]!.length);
    }
    // …and a one-character adjective before an opening quote (暖“新”行动).
    const before = tokens.find((t) => t.end === start);
    if (/^[“「]/u.test(sentence.slice(start)) && before && before.tag === "a" && before.word.length === 1)
      start = before.start;
    const name = sentence.slice(start, end);
    if (name.length < rule.suffix.length + 2) continue;
    if (/^[\d.，、]/u.test(name)) continue;
    // Specific enough: a proper-noun part, a quote or an ordinal, or three characters before the suffix.
    const parts = tokens.filter((t) => t.start >= start && t.end <= end - rule.suffix.length);
    const specific =
      name.length - rule.suffix.length >= 3 ||
      /[“《「]|^第/u.test(name) ||
      parts.some((t) => PROPER_TAGS.has(t.tag) && HAN_ONLY.test(t.word));
    if (!specific) continue;
    const tagged = tokens.some((t) => t.start === start && t.end === end && t.tag === "nt");
    const proposal: Proposal = {
      label: rule.label,
      start: from + start,
      end: from + end,
      method: `suffix:${rule.suffix}`,
      score: tagged ? 0.75 : 0.6,
      properties: rule.kind ? { kind: rule.kind } : {},
    };
    if (rule.subUnit) {
      const body = name.slice(0, -rule.suffix.length);
      const bodyRule = suffixRuleOf(body);
      if (
        bodyRule &&
        !bodyRule.subUnit &&
        bodyRule.label === "Organisation" &&
        body.length >= bodyRule.suffix.length + 2
      )
        proposal.parentSpan = { start: from + start, end: from + start + body.length };
    }
    out.push(proposal);
  }
  return out;
}

const BYLINE = new RegExp(
  `(${BYLINE_WORDS.map((b) => b.word).join("|")})[\\s:：]+((?:[\\p{Script=Han}]{2,3}[\\s、]*)+?)(?=[）)\\s]|${PHOTO_CREDIT.join("|")}|$)`,
  "gu",
);

/** People credited in a byline: （记者 张晶）, 本报记者 马超 摄影报道, 通讯员 李明. */
function bylineProposals(text: string, from: number, to: number): Proposal[] {
  const sentence = text.slice(from, to);
  const out: Proposal[] = [];
  for (const m of sentence.matchAll(BYLINE)) {
    const word = m[1]!;
    const rest = sentence.slice(m.index + m[0].length);
    const photo = PHOTO_CREDIT.some((p) => rest.trimStart().startsWith(p));
    const role = photo ? "photographer" : (BYLINE_WORDS.find((b) => b.word === word)?.role ?? "reporter");
    let at = m.index + m[0].indexOf(m[2]!);
    for (const name of m[2]!.split(/[\s、]+/u)) {
      const offset = sentence.indexOf(name, at);
      if (name.length < 2 || offset < 0) continue;
      at = offset + name.length;
      out.push({
        label: "Person",
        start: from + offset,
        end: from + offset + name.length,
        method: `byline:${word}`,
        score: 0.9,
        properties: { role },
        role,
      });
    }
  }
  return out;
}

/** The outlet a story is republished from: 转自《中工网》. */
function republishedProposals(text: string, from: number, to: number): Proposal[] {
  const sentence = text.slice(from, to);
  const out: Proposal[] = [];
  for (const word of REPUBLISHED_WORDS) {
    const at = sentence.indexOf(word);
    if (at < 0) continue;
    const m = /^\s*《([^》]{2,20})》|^\s*([\p{Script=Han}A-Za-z]{2,12})/u.exec(
      sentence.slice(at + word.length),
    );
    if (!m) continue;
    const name = m[1] ?? m[2]!;
    const offset = sentence.indexOf(name, at + word.length);
    out.push({
      label: "Organisation",
      start: from + offset,
      end: from + offset + name.length,
      method: `republished:${word}`,
      score: 0.8,
      properties: { kind: "media" },
    });
  }
  return out;
}

let placeMatcher: { gazetteer: Gazetteer; matcher: AhoCorasick<{ short: boolean }> } | undefined;

/** Place names of the gazetteer: full names anywhere, short forms of provinces and cities. */
function placeProposals(gazetteer: Gazetteer, text: string, from: number, to: number): Proposal[] {
  if (placeMatcher?.gazetteer !== gazetteer)
    placeMatcher = {
      gazetteer,
      matcher: new AhoCorasick(
        gazetteer.names().map(({ name, short }) => ({ pattern: name, data: { short } })),
      ),
    };
  const sentence = text.slice(from, to);
  const out: Proposal[] = [];
  const matches = placeMatcher.matcher.search(sentence, { strategy: "all" });
  const full = matches.filter((m) => !m.data!.short);
  for (const m of matches) {
    const short = m.data!.short;
    // 河北 inside 河北省 is that province, not a second place.
    if (short && full.some((f) => f.start <= m.start && m.end <= f.end)) continue;
    const divisions = short
      ? gazetteer.lookupShort(m.pattern).filter((d) => d.level !== "district" && d.level !== "county")
      : gazetteer.lookup(m.pattern);
    if (divisions.length === 0) continue;
    out.push({
      label: "Region",
      start: from + m.start,
      end: from + m.end,
      method: `gazetteer:${m.pattern}`,
      score: short ? 0.7 : 0.85,
      properties: {},
      divisions,
    });
  }
  return out;
}

/** A district or county short form opening an organisation's name (昌平劳模工匠学院 → 昌平区). */
export function placeAtStart(gazetteer: Gazetteer, text: string, p: Proposal): Proposal | undefined {
  const name = text.slice(p.start, p.end);
  for (const length of [3, 2]) {
    const head = name.slice(0, length);
    const divisions = gazetteer
      .lookupShort(head)
      .filter((d) => d.level === "district" || d.level === "county");
    if (divisions.length > 0 && name.length > length + 2)
      return {
        label: "Region",
        start: p.start,
        end: p.start + length,
        method: `gazetteer:${head}`,
        score: 0.6,
        properties: {},
        divisions,
      };
  }
  return undefined;
}

export function proposeInSentence(gazetteer: Gazetteer, text: string, from: number, to: number): Proposal[] {
  return [
    ...suffixProposals(text, from, to),
    ...bylineProposals(text, from, to),
    ...republishedProposals(text, from, to),
    ...placeProposals(gazetteer, text, from, to),
  ];
}

/** 2023年6月 → { year: 2023, month: 6 }; a full date also gives `date`; partial dates stay partial. */
export function datesIn(sentence: string): { year: number; month?: number; date?: string }[] {
  const out: { year: number; month?: number; date?: string }[] = [];
  for (const m of sentence.matchAll(/((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?/gu)) {
    const year = Number(m[1]);
    const month = m[2] ? Number(m[2]) : undefined;
    const day = m[3] ? Number(m[3]) : undefined;
    if (month !== undefined && (month < 1 || month > 12)) continue;
    out.push({
      year,
      ...(month !== undefined ? { month } : {}),
      ...(month !== undefined && day !== undefined && day >= 1 && day <= 31
        ? { date: `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` }
        : {}),
    });
  }
  return out;
}
