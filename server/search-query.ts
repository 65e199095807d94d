/**
 * What /api/search asks the database and how it ranks what comes back (pure, unit-tested in
 * tests/unit/search-query.test.ts):
 * - the Lucene query for the `entity_names` full-text index, with fuzzy terms for Latin and pinyin
 *   words so that a typo (`beijng`, `tongzou`) still finds the node;
 * - the pieces a search without the index looks for (a typo leaves one of them intact);
 * - the rank of a hit: exact, prefix, contained, then only close (fuzzy), then only Lucene's;
 * - single pinyin syllables (`tong`, `bei`), which begin hundreds of names: only names that begin
 *   with the syllable, and a few that have it later.
 */
import { pinyin } from "pinyin-pro";
import type { PlainNode } from "../core/plain-values.ts";

/** Lucene's special characters (`&&` and `||` are covered by escaping every & and |). */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
const escapeLucene = (text: string) => text.replace(LUCENE_SPECIAL, "\\$&");

/** Lower case, width-folded, letters and digits only: "Tong-Wu-Lang" and "tongwulang" compare equal. */
export function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");
}

/** The Latin words of a text, lower case (`Beijing Port-Authority` → beijing, port, authority). */
export function latinWords(text: string): string[] {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? []
  );
}

/** Words shorter than this get no fuzzy terms: too many other words are one edit away. */
export const FUZZY_MIN_LENGTH = 5;

/** Longer words get no fuzzy terms: no name has them, and Lucene's automata grow with the word. */
export const FUZZY_MAX_LENGTH = 32;

/** Edits a word may be away from a name and still find it: 1 from five letters, 2 from nine. */
export function maxEdits(word: string): number {
  if (word.length < FUZZY_MIN_LENGTH || word.length > FUZZY_MAX_LENGTH || /^\d+$/.test(word)) return 0;
  return word.length < 9 ? 1 : 2;
}

/**
 * A Lucene regular expression for terms that *start* with something one edit away from `word`
 * (a letter missing, extra, wrong, or two swapped; the first letter as typed). Pinyin keys are whole
 * runs of syllables (通州区 → `tongzhouqu`), so `tongzou` is three edits from the key but one from its
 * beginning: Lucene's `~` compares whole terms and would miss it. Words are [a-z0-9] (no regexp syntax).
 */
export function fuzzyPrefixRegexp(word: string): string {
  const variants = new Set<string>();
  const n = word.length;
  for (let i = 1; i < n; i++) {
    variants.add(word.slice(0, i) + word.slice(i + 1)); // a letter too many
    variants.add(`${word.slice(0, i)}.${word.slice(i + 1)}`); // a wrong letter
    variants.add(`${word.slice(0, i)}.${word.slice(i)}`); // a letter missing
    if (i < n - 1) variants.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2)); // swapped
  }
  return `/(${[...variants].join("|")}).*/`;
}

/** The syllables of Mandarin (toneless, ü as v): initial + final. */
const SYLLABLE =
  /^(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ueng|ang|eng|ing|ong|iao|ian|uai|uan|van|ai|ei|ao|ou|an|en|er|ia|ie|iu|in|ua|uo|ui|un|ve|ue|vn|a|o|e|i|u|v)$/;

/** `tong`, `bei`, `shi`: one syllable, which begins hundreds of names. */
export function isPinyinSyllable(word: string): boolean {
  return word.length > 0 && SYLLABLE.test(word);
}

/**
 * A Lucene query from free text, for the `entity_names` index (cjk analyzer: Chinese is indexed as
 * character pairs, Latin text as lower-case words):
 * - the whole text as a phrase, boosted (通武廊 → the pairs 通武 武廊, adjacent);
 * - the text as loose words, so Chinese pairs that are not adjacent in a name still match;
 * - a prefix query for every Latin word (`beij*`, `tongzhou*`), and for the words run together, the form
 *   of the pinyin keys (`Tong-Wu-Lang` → `tongwulang*`);
 * - for Latin words of five letters or more, fuzzy terms, weakly boosted: `beijng~1` (a whole word, as
 *   English names have them) and a regular expression for a fuzzy beginning (pinyin keys);
 * - for a single Chinese character (never indexed alone), its pinyin as a key prefix (通 → `pinyin:tong*`).
 * Every special character is escaped and everything is lower case (so AND/OR/NOT are words, not operators):
 * no input is a syntax error. Empty when the text has nothing to search for.
 */
export function luceneQuery(
  text: string,
  pinyinOf: (han: string) => string | undefined,
  { fuzzy = true }: { fuzzy?: boolean } = {},
): string {
  const plain = text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  const parts: string[] = [];
  const phrase = plain.replace(/["\\]/g, " ").trim();
  if (/[\p{L}\p{N}]/u.test(phrase)) {
    parts.push(`"${escapeLucene(phrase)}"^4`);
    // Loose words: Han runs and words only (punctuation alone would add nothing).
    const loose = phrase.match(/[\p{L}\p{N}]+/gu) ?? [];
    if (loose.length > 1 || /\p{Script=Han}/u.test(phrase))
      parts.push(`(${loose.map(escapeLucene).join(" ")})`);
  }
  // One Chinese character is not indexed on its own (pairs are): look for its pinyin at the start of a key.
  const han = plain.match(/\p{Script=Han}/gu) ?? [];
  const syllable = han.length === 1 ? pinyinOf(han[0]!) : undefined;
  if (syllable) parts.push(`pinyin:${syllable}*`);
  const words = plain.match(/[a-z0-9]+/g) ?? [];
  const prefixes = new Set(words);
  if (words.length > 1) prefixes.add(words.join(""));
  for (const word of prefixes) parts.push(`${word}*`);
  for (const word of fuzzy ? prefixes : []) {
    const edits = maxEdits(word);
    if (edits === 0) continue;
    parts.push(`${word}~${edits}^0.3`, `${fuzzyPrefixRegexp(word)}^0.2`);
  }
  return parts.join(" OR ");
}

/**
 * Pieces of the text a search without the index looks for besides the text itself: a word with k
 * typos split into k + 1 pieces keeps one of them intact (pigeonhole), so the scan finds candidates
 * that `fuzzyRank` then measures. Pieces under three letters would match nearly everything: none then.
 */
export function scanPieces(text: string): string[] {
  const pieces = new Set<string>();
  for (const word of latinWords(text)) {
    const edits = maxEdits(word);
    if (edits === 0) continue;
    const size = Math.floor(word.length / (edits + 1));
    if (size < 3) continue;
    for (let i = 0; i <= edits; i++)
      pieces.add(word.slice(i * size, i === edits ? word.length : (i + 1) * size));
  }
  return [...pieces];
}

/**
 * The fewest edits (insert, delete, substitute, swap two neighbours) that turn `word` into a
 * beginning of `token`: 0 when the token starts with the word. The first letters must agree (people
 * rarely mistype the first letter, and it keeps far-fetched matches out).
 */
export function prefixDistance(word: string, token: string): number {
  if (!word) return 0;
  if (!token || word[0] !== token[0]) return Infinity;
  const m = word.length;
  const n = token.length;
  // rows[i][j]: edits between word[0, i) and token[0, j).
  const rows: number[][] = Array.from({ length: m + 1 }, (_, i) =>
    Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= m; i++) {
    const row = rows[i]!;
    const up = rows[i - 1]!;
    for (let j = 1; j <= n; j++) {
      const cost = word[i - 1] === token[j - 1] ? 0 : 1;
      let best = Math.min(up[j]! + 1, row[j - 1]! + 1, up[j - 1]! + cost);
      if (i > 1 && j > 1 && word[i - 1] === token[j - 2] && word[i - 2] === token[j - 1])
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      row[j] = best;
    }
  }
  return Math.min(...rows[m]!);
}

/** The toneless pinyin syllables of a name (通州区 → tong, zhou, qu); none for a name without Han. */
export function pinyinSyllables(name: string): string[] {
  if (!/\p{Script=Han}/u.test(name)) return [];
  return pinyin(name, { toneType: "none", type: "array", nonZh: "removed", v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ""))
    .filter((s) => s.length > 0);
}

/** A node's names as search compares them: caption, name, title, aliases, English name. */
function namesOf(node: PlainNode, caption?: string): { names: string[]; english: string[] } {
  const p = node.properties;
  const names = [caption, p.name, p.title, p.fullName, ...(Array.isArray(p.aliases) ? p.aliases : [])].filter(
    (n): n is string => typeof n === "string",
  );
  return { names: [...new Set(names)], english: typeof p.nameEn === "string" ? [p.nameEn] : [] };
}

/** Ranks, best first. */
export const RANK = {
  exact: 0,
  prefix: 1,
  contains: 2,
  /** Close to what was typed, with a typo or two. */
  fuzzy: 3,
  /** Found by Lucene for another reason (loose words). */
  other: 4,
  /** Not worth showing (a scan's candidate that is not close after all). */
  none: 5,
} as const;

/**
 * How well a node's names answer the text: exact (a name, English name, alias or the pinyin of a name
 * is the text), prefix, contains, fuzzy (every word of the text begins one of the node's words or
 * pinyin keys, with at most `maxEdits` typos), else other.
 */
export function matchRank(node: PlainNode, text: string, caption?: string): number {
  const wanted = normalise(text);
  if (!wanted) return RANK.other;
  const { names, english } = namesOf(node, caption);
  const forms = [...names, ...english].map(normalise);
  // The pinyin of each whole name and alias (its syllables run together).
  const syllables = names.map(pinyinSyllables).filter((s) => s.length > 0);
  for (const s of syllables) forms.push(s.join(""));
  if (forms.some((f) => f === wanted)) return RANK.exact;
  if (forms.some((f) => f.startsWith(wanted))) return RANK.prefix;
  if (forms.some((f) => f.includes(wanted))) return RANK.contains;
  const words = latinWords(text);
  if (words.length === 0) return RANK.other;
  // Tokens a word may begin: every Latin word of the names, and the pinyin from every syllable on.
  const tokens = new Set([...names, ...english].flatMap(latinWords));
  for (const s of syllables) for (let i = 0; i < s.length; i++) tokens.add(s.slice(i).join(""));
  const close = words.every((word) => {
    const edits = maxEdits(word);
    for (const token of tokens) if (prefixDistance(word, token) <= edits) return true;
    return false;
  });
  return close ? RANK.fuzzy : RANK.other;
}

/**
 * For a single pinyin syllable (`tong`): does a name begin with it (its first syllable, or an English
 * word), or only have it later? Other texts: always "begins" (no special treatment).
 */
export function syllablePosition(
  node: PlainNode,
  text: string,
  caption?: string,
): "begins" | "later" | "none" {
  const words = latinWords(text);
  if (words.length !== 1 || !isPinyinSyllable(words[0]!)) return "begins";
  const syllable = words[0]!;
  const { names, english } = namesOf(node, caption);
  if ([...names, ...english].flatMap(latinWords).some((w) => w.startsWith(syllable))) return "begins";
  let later = false;
  for (const name of names) {
    const s = pinyinSyllables(name);
    if (s[0] === syllable) return "begins";
    if (s.includes(syllable)) later = true;
  }
  return later ? "later" : "none";
}

/** Names that have a single-syllable query only after their first syllable: at most this many. */
export const LATER_SYLLABLE_CAP = 3;

export interface RankedHit<T> {
  hit: T;
  rank: number;
  score: number;
  degree: number;
  position: "begins" | "later" | "none";
}

/**
 * The hits to show, best first: by rank, then Lucene's score, then degree. Hits not worth showing
 * (rank none) are dropped; for a single pinyin syllable, names that begin with it come first, only a
 * few that have it later, and none that do not have it as a syllable at all.
 */
export function orderHits<T>(hits: RankedHit<T>[], limit: number): T[] {
  const sorted = hits
    .filter((h) => h.rank < RANK.none && h.position !== "none")
    .sort(
      (a, b) =>
        Number(a.position === "later") - Number(b.position === "later") ||
        a.rank - b.rank ||
        b.score - a.score ||
        b.degree - a.degree,
    );
  let later = 0;
  return sorted
    .filter((h) => h.position !== "later" || ++later <= LATER_SYLLABLE_CAP)
    .slice(0, limit)
    .map((h) => h.hit);
}
