/**
 * A normalised copy of a text for matching — full-width letters and digits folded to half-width,
 * traditional characters to simplified (opencc-js) — with a map back to the original, so a match found
 * in the copy is quoted from the original verbatim.
 */
import * as OpenCC from "opencc-js";

export interface NormalisedText {
  /** The copy matched against. */
  text: string;
  /** `offsets[i]`: where the copy's UTF-16 unit i came from in the original. */
  offsets: number[];
  original: string;
}

let toSimplified: ((text: string) => string) | undefined;

function simplify(text: string): string {
  toSimplified ??= OpenCC.Converter({ from: "hk", to: "cn" });
  return toSimplified(text);
}

/** Full-width ASCII (Ａ１！) and the ideographic space to their half-width forms; the rest unchanged. */
export function foldWidth(char: string): string {
  const code = char.codePointAt(0)!;
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCodePoint(code - 0xfee0);
  if (code === 0x3000) return " ";
  return char;
}

/** Normalises one name the way texts are normalised (for the patterns of the matcher). */
export function normaliseName(name: string): string {
  return normaliseText(name).text;
}

export function normaliseText(original: string): NormalisedText {
  // opencc converts phrases; where that keeps the length the copy maps one to one, else character by character.
  const whole = simplify(original);
  const sameLength = whole.length === original.length;
  let text = "";
  const offsets: number[] = [];
  let i = 0;
  for (const char of original) {
    const simplified = sameLength ? whole.slice(i, i + char.length) : simplify(char);
    const folded = [...simplified].map(foldWidth).join("");
    text += folded;
    for (let k = 0; k < folded.length; k++) offsets.push(i);
    i += char.length;
  }
  return { text, offsets, original };
}

/** The original span of the copy's [start, end). */
export function originalSpan(n: NormalisedText, start: number, end: number): { start: number; end: number } {
  const from = n.offsets[start] ?? n.original.length;
  const last = n.offsets[end - 1];
  if (last === undefined) return { start: from, end: from };
  const cp = n.original.codePointAt(last)!;
  return { start: from, end: last + (cp > 0xffff ? 2 : 1) };
}
