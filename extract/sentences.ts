/**
 * Sentences with their offsets: Intl.Segmenter's sentence breaks, plus the rules Chinese news needs —
 * a break after ；, none inside “quotes” or 《titles》 (a quoted 。 does not end the sentence around it),
 * closing quotes and brackets kept with the sentence they close, and a break at every line end.
 */
export interface Sentence {
  /** [start, end) in the text; `text` is exactly text.slice(start, end), trimmed of outer space. */
  start: number;
  end: number;
  text: string;
}

const OPENING = new Set(["“", "‘", "「", "『", "《", "（", "("]);
const CLOSING: Record<string, string> = {
  "”": "“",
  "’": "‘",
  "」": "「",
  "』": "『",
  "》": "《",
  "）": "（",
  ")": "(",
};
const SEMICOLON = /[；;]/u;

let segmenter: Intl.Segmenter | undefined;

function pushTrimmed(out: Sentence[], text: string, start: number, end: number): void {
  while (start < end && /\s/u.test(text[start]!)) start++;
  while (end > start && /\s/u.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end, text: text.slice(start, end) });
}

/** Whether `text[from, to)` leaves a quote or bracket open. */
function depthAfter(text: string, from: number, to: number, depth: number): number {
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (OPENING.has(c)) depth++;
    else if (CLOSING[c] !== undefined && depth > 0) depth--;
  }
  return depth;
}

export function segmentSentences(text: string): Sentence[] {
  segmenter ??= new Intl.Segmenter("zh", { granularity: "sentence" });
  // Candidate breaks: the segmenter's, every line end and every semicolon.
  const breaks = new Set<number>();
  for (const s of segmenter.segment(text)) if (s.index > 0) breaks.add(s.index);
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\n") breaks.add(i + 1);
    else if (SEMICOLON.test(text[i]!)) breaks.add(i + 1);
  }
  const sorted = [...breaks].filter((b) => b < text.length).sort((a, b) => a - b);
  const out: Sentence[] = [];
  let start = 0;
  let depth = 0;
  let scanned = 0;
  for (const at of sorted) {
    depth = depthAfter(text, scanned, at, depth);
    scanned = at;
    // Inside quotes or brackets only a line end breaks (an unclosed quote must not swallow the page).
    if (depth > 0 && text[at - 1] !== "\n") continue;
    depth = 0;
    pushTrimmed(out, text, start, at);
    start = at;
  }
  pushTrimmed(out, text, start, text.length);
  return out;
}
