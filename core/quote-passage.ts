/**
 * Where an evidence quote stands in its article: the passage around it, so the inspector can show the
 * sentence marked in the story's text. Quotes are checked against the cleaned text (core/article-text.ts,
 * page breaks joined), so the raw text is looked through first, then the cleaned one, then both with
 * white space ignored (a quote copied across a line break). Pure and browser-safe.
 */
import type { QuotePassage } from "./api-types.ts";
import { cleanArticleText } from "./article-text.ts";

/** Characters of context on each side of the quote, at most. */
export const PASSAGE_CONTEXT = 180;

/** Ends of sentences: the passage starts after one and stops at one, when the window has one. */
const SENTENCE_END = /[。！？!?；;]/gu;

interface Found {
  text: string;
  start: number;
  end: number;
}

/** `quote` in `text` with white space ignored on both sides: its range in `text`, or null. */
function findIgnoringSpace(text: string, quote: string): { start: number; end: number } | null {
  const wanted = quote.replace(/\s+/gu, "");
  if (wanted === "") return null;
  const positions: number[] = [];
  let stripped = "";
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (/\s/u.test(char)) continue;
    positions.push(i);
    stripped += char;
  }
  const at = stripped.indexOf(wanted);
  if (at < 0) return null;
  return { start: positions[at]!, end: positions[at + wanted.length - 1]! + 1 };
}

function locate(text: string, quote: string): Found | null {
  const cleaned = cleanArticleText(text);
  for (const candidate of cleaned === text ? [text] : [text, cleaned]) {
    const at = candidate.indexOf(quote);
    if (at >= 0) return { text: candidate, start: at, end: at + quote.length };
  }
  for (const candidate of cleaned === text ? [text] : [text, cleaned]) {
    const range = findIgnoringSpace(candidate, quote);
    if (range) return { text: candidate, ...range };
  }
  return null;
}

/** The passage of `text` around `quote`, or null when the text does not contain it. */
export function quotePassage(text: string, quote: string, context = PASSAGE_CONTEXT): QuotePassage | null {
  const wanted = quote.trim();
  if (wanted === "" || text === "") return null;
  const found = locate(text, wanted);
  if (!found) return null;
  const { text: source, start, end } = found;

  // Before: back to the paragraph's start, else to just after a sentence's end, within `context`.
  let from = Math.max(0, start - context);
  const windowBefore = source.slice(from, start);
  const paragraph = windowBefore.lastIndexOf("\n");
  if (paragraph >= 0) from += paragraph + 1;
  else if (from > 0) {
    const ends = [...windowBefore.matchAll(SENTENCE_END)];
    const first = ends[0];
    if (first?.index !== undefined) from += first.index + 1;
  }
  // After: to the paragraph's end, else to the last sentence end within `context`.
  let to = Math.min(source.length, end + context);
  const windowAfter = source.slice(end, to);
  const paragraphEnd = windowAfter.indexOf("\n");
  if (paragraphEnd >= 0) to = end + paragraphEnd;
  else if (to < source.length) {
    const ends = [...windowAfter.matchAll(SENTENCE_END)];
    const last = ends[ends.length - 1];
    if (last?.index !== undefined) to = end + last.index + 1;
  }
  return {
    before: source.slice(from, start),
    quote: source.slice(start, end),
    after: source.slice(end, to),
    clippedStart: from > 0,
    clippedEnd: to < source.length,
  };
}
